import { fail } from "../errors/CreditBlockError.js";
import { checkCalendarOptions, holidaysOfYear, type CalendarOptions } from "./holidays.js";
import { dayNumber, fromDayNumber, weekdayOfDayNumber, yearOfDayNumber, type ISODate } from "./isoDate.js";

/**
 * A calendar compiled for repeated questions: holiday sets are built once per year and kept
 * inside this object (never in module state), so heavy callers such as the aging report pay
 * for validation and holiday rules once.
 * @internal
 */
export interface CompiledCalendar {
  isBusinessDay(day: number): boolean;
  /** First business day on or after `day`. */
  nextBusinessDay(day: number): number;
}

/** @internal */
export function compileCalendar(options: CalendarOptions | undefined, path = "calendar"): CompiledCalendar {
  const cal = checkCalendarOptions(options, path);
  if (cal.weekend.size >= 7) fail(`${path}.weekend`, "too_big", { maximum: "6 days" });
  const byYear = new Map<number, ReadonlySet<number>>();
  const nextCache = new Map<number, number>();
  const holidaySet = (day: number): ReadonlySet<number> => {
    const year = yearOfDayNumber(day);
    let set = byYear.get(year);
    if (!set) {
      set = new Set(holidaysOfYear(year, cal).map((h) => dayNumber(h.date, "date")));
      byYear.set(year, set);
    }
    return set;
  };
  const isBusiness = (day: number): boolean => !cal.weekend.has(weekdayOfDayNumber(day)) && !holidaySet(day).has(day);
  return {
    isBusinessDay: isBusiness,
    nextBusinessDay(day) {
      const cached = nextCache.get(day);
      if (cached !== undefined) return cached;
      let d = day;
      while (!isBusiness(d)) d++;
      // Bounded memo: ledgers repeat a few thousand due dates millions of times.
      if (nextCache.size < 100_000) nextCache.set(day, d);
      return d;
    },
  };
}

/**
 * True when banks do business on `date`: not a weekend, not a national or bank holiday, not a
 * store holiday (Res. CMN 4.880/2020 — https://www.normaslegais.com.br/legislacao/resolucao-cmn-4880-2020.htm).
 *
 * @example
 * ```ts
 * isBusinessDay("2026-11-20"); // false (Consciência Negra)
 * isBusinessDay("2026-11-23"); // true
 * isBusinessDay("2026-01-25", { extra: [{ date: "01-25", name: "Aniversário de São Paulo" }] }); // false
 * ```
 */
export function isBusinessDay(date: ISODate, calendar?: CalendarOptions): boolean {
  return compileCalendar(calendar).isBusinessDay(dayNumber(date, "date"));
}

/**
 * The first business day on or after `date` (the date itself when it is one): where a due date
 * on a weekend or holiday may be paid without charge (CC art. 132 §1; Lei 7.089/1983).
 *
 * @example
 * ```ts
 * nextBusinessDay("2026-11-20"); // "2026-11-23" (Fri holiday → Monday)
 * nextBusinessDay("2026-11-23"); // "2026-11-23"
 * ```
 */
export function nextBusinessDay(date: ISODate, calendar?: CalendarOptions): ISODate {
  return fromDayNumber(compileCalendar(calendar).nextBusinessDay(dayNumber(date, "date")), "date");
}

/**
 * Moves `days` business days forward (or back, when negative). With `days = 0` it returns the
 * date itself, business day or not.
 *
 * @example
 * ```ts
 * addBusinessDays("2026-11-19", 1);  // "2026-11-23" (skips the 20th holiday and the weekend)
 * addBusinessDays("2026-11-23", -1); // "2026-11-19"
 * ```
 */
export function addBusinessDays(date: ISODate, days: number, calendar?: CalendarOptions): ISODate {
  if (!Number.isSafeInteger(days) || Math.abs(days) > 100_000) fail("days", "not_integer");
  const cal = compileCalendar(calendar);
  let day = dayNumber(date, "date");
  const step = days < 0 ? -1 : 1;
  for (let left = Math.abs(days); left > 0; ) {
    day += step;
    fromDayNumber(day, "days");
    if (cal.isBusinessDay(day)) left--;
  }
  return fromDayNumber(day, "days");
}
