import { format } from "date-fns";
import { ptBR } from "date-fns/locale/pt-BR";
import type { ISODate } from "./isoDate.js";

/**
 * A civil date in words, as letters and messages write it in Brazil: "20 de novembro de 2026"
 * (the month's name from date-fns `format` with its `ptBR` locale; day and year as written, so
 * the host's time zone never moves the day). Day arithmetic stays on integer day numbers.
 *
 * @example
 * ```ts
 * longDatePtBR("2026-11-20"); // "20 de novembro de 2026"
 * ```
 */
export function longDatePtBR(date: ISODate): string {
  const [y, m, d] = date.split("-") as [string, string, string];
  // Only the month's name comes from date-fns, taken from the 15th: a day some host zone
  // skipped (Pacific/Kiritimati's 1994-12-31) would otherwise print as the next one.
  const month = format(new Date(2000, Number(m) - 1, 15), "MMMM", { locale: ptBR });
  return `${Number(d)} de ${month} de ${y}`;
}
