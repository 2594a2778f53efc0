/**
 * The due-date factor (fator de vencimento) of a bank boleto: the days from the base date
 * 1997-10-07 to the due date, four digits at barcode positions 6–9 (linha digitável 34–37)
 * (Banco Central, Carta-Circular nº 2.926/2000; FEBRABAN, "Manual Operacional do Fator de
 * Vencimento da Cobrança Bancária", v01 2012: 1000 = 2000-07-03, 5316 = 2012-04-27,
 * 9999 = 2025-02-21). Four digits run out at 9999: FEBRABAN restarted the count at 1000 on
 * 2025-02-22, so every factor from 1000 names one date each 9000 days (1000 is 2000-07-03,
 * 2025-02-22, 2049-10-14, …; 9999 comes again on 2049-10-13). Factors 1–999 were used only
 * before 2000-07-03; 0000 means the slip carries no due date.
 * @module boleto
 */
import { addDays, daysBetween, type ISODate } from "credit-block";

const BASE: ISODate = "1997-10-07";
/** Factor 1000 of the first cycle. */
const FIRST_1000: ISODate = "2000-07-03";
const CYCLE = 9000;

/**
 * The due date a factor names, seen from `asOf`: of the dates the factor has named (one every
 * 9000 days since 2000-07-03), the one nearest to `asOf`; of two equally near, the later (a slip
 * is read before it falls due more often than 12 years after). Null for factor 0 (no due date).
 *
 * @example
 * ```ts
 * dueDateOfFactor(1000, "2026-11-23"); // "2025-02-22" (the second cycle)
 * dueDateOfFactor(1000, "2001-01-10"); // "2000-07-03" (the first)
 * dueDateOfFactor(9999, "2026-11-23"); // "2025-02-21" (the first cycle's last day: 2049-10-13 is farther)
 * dueDateOfFactor(0, "2026-11-23");    // null
 * ```
 */
export function dueDateOfFactor(factor: number, asOf: ISODate): ISODate | null {
  if (factor === 0) return null;
  if (factor < 1000) return addDays(BASE, factor);
  const first = addDays(FIRST_1000, factor - 1000);
  const cycles = Math.max(0, Math.floor((daysBetween(first, asOf) + CYCLE / 2) / CYCLE));
  return addDays(first, cycles * CYCLE);
}
