import { CreditBlockError, fail, issue, type Issue } from "../errors/CreditBlockError.js";
import { clip, describe, safeText } from "../money/decimal.js";
import { dateProblem, dayNumber, daysFromCivil, fromDayNumber, MAX_YEAR, MIN_YEAR, monthLength, type ISODate } from "./isoDate.js";
import { easterSunday } from "./easter.js";

/** A day with no banking business, with its name as the law or the store calls it. */
export interface Holiday {
  readonly date: ISODate;
  readonly name: string;
  /** `national`: federal law; `bank`: bank non-business day (ANBIMA); `store`: supplied by the caller. */
  readonly kind: "national" | "bank" | "store";
}

/**
 * A store-specific holiday (state or municipal: FEBRABAN postpones due dates for them too).
 * `date` is `YYYY-MM-DD` for one year or `MM-DD` for every year.
 */
export interface ExtraHoliday {
  readonly date: string;
  readonly name: string;
}

/** A business-day calendar, as plain data (it travels inside JSON policies). */
export interface CalendarOptions {
  /** Store holidays merged into the national ones. */
  readonly extra?: readonly ExtraHoliday[];
  /**
   * Include the bank non-business days that are not national holidays (Carnival Monday and
   * Tuesday, Corpus Christi). Default `true`: due dates follow the banks (ANBIMA calendar).
   */
  readonly bankHolidays?: boolean;
  /** Week days with no business, 0 = Sunday; default `[0, 6]` (Res. CMN 4.880/2020 art. 2). */
  readonly weekend?: readonly number[];
}

interface FixedRule {
  readonly month: number;
  readonly day: number;
  readonly name: string;
  readonly since?: number;
}

/**
 * Fixed national holidays.
 * - Lei 662/1949 (as amended by Lei 10.607/2002): 01/01, 21/04, 01/05, 07/09, 15/11, 25/12 —
 *   https://www.planalto.gov.br/ccivil_03/leis/l0662.htm
 * - Finados, 02/11: Lei 10.607/2002 — https://www.planalto.gov.br/ccivil_03/leis/2002/l10607.htm
 * - Nossa Senhora Aparecida, 12/10: Lei 6.802/1980 — https://www.planalto.gov.br/ccivil_03/leis/l6802.htm
 * - Dia Nacional de Zumbi e da Consciência Negra, 20/11, from 2024: Lei 14.759/2023 —
 *   https://www.planalto.gov.br/ccivil_03/_ato2023-2026/2023/lei/l14759.htm
 *
 * Years before the laws that created them get no holiday from those laws; years before 1949
 * use the 1949 list (the calendar is meant for receivables, which are recent).
 */
const FIXED: readonly FixedRule[] = [
  { month: 1, day: 1, name: "Confraternização Universal" },
  { month: 4, day: 21, name: "Tiradentes" },
  { month: 5, day: 1, name: "Dia do Trabalho" },
  { month: 9, day: 7, name: "Independência do Brasil" },
  { month: 10, day: 12, name: "Nossa Senhora Aparecida", since: 1980 },
  { month: 11, day: 2, name: "Finados" },
  { month: 11, day: 15, name: "Proclamação da República" },
  { month: 11, day: 20, name: "Dia Nacional de Zumbi e da Consciência Negra", since: 2024 },
  { month: 12, day: 25, name: "Natal" },
];

/**
 * Brazilian national holidays and bank non-business days of a year, sorted by date, with
 * store holidays (`extra`) merged in.
 *
 * Movable days, from Easter Sunday: Good Friday (Easter − 2, "Paixão de Cristo", a national
 * holiday by Lei 9.093/1995 art. 1 and 2 — https://www.planalto.gov.br/ccivil_03/leis/l9093.htm);
 * Carnival Monday and Tuesday (Easter − 48, − 47) and Corpus Christi (Easter + 60), which are bank
 * non-business days in the ANBIMA calendar (formerly Res. CMN 2.516/1998).
 *
 * @example
 * ```ts
 * holidays(2026).map((h) => h.date);
 * // ["2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01",
 * //  "2026-06-04", "2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25"]
 * holidays(2026, { extra: [{ date: "01-25", name: "Aniversário de São Paulo" }] });
 * ```
 */
export function holidays(year: number, options: CalendarOptions = {}): Holiday[] {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    fail("year", "date.range", { value: safeText(year), min: MIN_YEAR, max: MAX_YEAR });
  }
  const checked = checkCalendarOptions(options);
  return holidaysOfYear(year, checked);
}

/** Validated calendar settings. @internal */
export interface CheckedCalendar {
  readonly bankHolidays: boolean;
  readonly weekend: ReadonlySet<number>;
  readonly yearly: readonly { readonly month: number; readonly day: number; readonly name: string }[];
  readonly once: readonly { readonly date: ISODate; readonly name: string }[];
}

/** @internal */
export function holidaysOfYear(year: number, cal: CheckedCalendar): Holiday[] {
  const list: Holiday[] = [];
  for (const rule of FIXED) {
    if (rule.since === undefined || year >= rule.since) {
      list.push({ date: fromDayNumber(daysFromCivil(year, rule.month, rule.day)), name: rule.name, kind: "national" });
    }
  }
  const easter = dayNumber(easterSunday(year), "year");
  list.push({ date: fromDayNumber(easter - 2), name: "Paixão de Cristo", kind: "national" });
  if (cal.bankHolidays) {
    list.push({ date: fromDayNumber(easter - 48), name: "Carnaval", kind: "bank" });
    list.push({ date: fromDayNumber(easter - 47), name: "Carnaval", kind: "bank" });
    list.push({ date: fromDayNumber(easter + 60), name: "Corpus Christi", kind: "bank" });
  }
  for (const h of cal.yearly) {
    if (h.day <= monthLength(year, h.month)) list.push({ date: fromDayNumber(daysFromCivil(year, h.month, h.day)), name: h.name, kind: "store" });
  }
  for (const h of cal.once) if (h.date.startsWith(`${year}-`)) list.push({ date: h.date, name: h.name, kind: "store" });
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // One entry per date: a national holiday wins over a store one on the same day.
  return list.filter((h, i) => i === 0 || list[i - 1]?.date !== h.date);
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** Validates calendar options, listing every problem. @internal */
export function checkCalendarOptions(options: unknown, base = ""): CheckedCalendar {
  const at = (p: string): string => (base ? `${base}.${p}` : p);
  const problems: Issue[] = [];
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    fail(base || "calendar", "invalid_type", { expected: "object", received: describe(options) });
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== "extra" && key !== "bankHolidays" && key !== "weekend") problems.push(issue(at(key), "unknown_key", { key }));
  }
  const bankHolidays = o.bankHolidays ?? true;
  if (typeof bankHolidays !== "boolean") problems.push(issue(at("bankHolidays"), "invalid_type", { expected: "boolean", received: describe(bankHolidays) }));
  const weekendInput = o.weekend ?? [0, 6];
  const weekend = new Set<number>();
  if (!Array.isArray(weekendInput)) problems.push(issue(at("weekend"), "invalid_type", { expected: "array", received: describe(weekendInput) }));
  else if (weekendInput.length > 6) problems.push(issue(at("weekend"), "too_big", { maximum: "6 days" }));
  else weekendInput.forEach((d: unknown, i) => {
    if (typeof d === "number" && Number.isInteger(d) && d >= 0 && d <= 6) weekend.add(d);
    else problems.push(issue(at(`weekend[${i}]`), "invalid_value", { options: "0–6 (0 = Sunday)" }));
  });
  const yearly: { month: number; day: number; name: string }[] = [];
  const once: { date: ISODate; name: string }[] = [];
  const extra = o.extra ?? [];
  if (!Array.isArray(extra)) problems.push(issue(at("extra"), "invalid_type", { expected: "array", received: describe(extra) }));
  else if (extra.length > 2000) problems.push(issue(at("extra"), "too_big", { maximum: "2000 holidays" }));
  else extra.forEach((h: unknown, i) => {
    const p = at(`extra[${i}]`);
    if (typeof h !== "object" || h === null || Array.isArray(h)) {
      problems.push(issue(p, "invalid_type", { expected: "{ date, name }", received: describe(h) }));
      return;
    }
    const { date, name, ...rest } = h as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(issue(`${p}.${key}`, "unknown_key", { key }));
    if (typeof name !== "string" || name.length === 0 || name.length > 200) {
      problems.push(issue(`${p}.name`, "invalid_type", { expected: "non-empty text (≤ 200 chars)", received: describe(name) }));
    }
    if (typeof date !== "string") {
      problems.push(issue(`${p}.date`, "invalid_type", { expected: "YYYY-MM-DD or MM-DD", received: describe(date) }));
      return;
    }
    const md = MONTH_DAY.exec(date);
    if (md) {
      const month = Number(md[1]);
      const day = Number(md[2]);
      if (month >= 1 && month <= 12 && day >= 1 && day <= monthLength(2000, month)) yearly.push({ month, day, name: safeText(name, 200) });
      else problems.push(issue(`${p}.date`, "date.impossible", { value: date }));
      return;
    }
    const problem = dateProblem(date);
    if (problem === "date.format") problems.push(issue(`${p}.date`, "holiday.month_day", { value: clip(date) }));
    else if (problem) problems.push(issue(`${p}.date`, problem, { value: clip(date), min: MIN_YEAR, max: MAX_YEAR }));
    else once.push({ date, name: safeText(name, 200) });
  });
  if (problems.length > 0) throw new CreditBlockError("INVALID_INPUT", problems);
  return { bankHolidays: bankHolidays === true, weekend, yearly, once };
}
