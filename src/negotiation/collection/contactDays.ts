import { holidaysOfYear, type CheckedCalendar } from "../../calendar/holidays.js";
import { dayNumber, fromDayNumber, weekdayOfDayNumber, yearOfDayNumber } from "../../calendar/isoDate.js";
import { fail } from "../../errors/CreditBlockError.js";

/**
 * Days on which a collection contact may be made: every day but Sundays, the calendar's holidays
 * (national, bank and the store's own) and, when the store says so, Saturdays. Kept apart from
 * the business-day calendar on purpose: Saturday is no bank business day, yet it is a working
 * day in commerce (CLT art. 67 gives the weekly rest "preferentemente aos domingos"; Lei
 * 605/1949 art. 1 and Lei 662/1949 make Sundays and national holidays the rest days —
 * https://www.planalto.gov.br/ccivil_03/leis/l0605.htm).
 * @internal
 */
export interface ContactCalendar {
  isContactDay(day: number): boolean;
  /** First contact day on or after `day`. */
  nextContactDay(day: number): number;
}

/** @internal */
export function contactCalendar(cal: CheckedCalendar, saturdays: boolean, path: string): ContactCalendar {
  const byYear = new Map<number, ReadonlySet<number>>();
  const next = new Map<number, number>();
  const holiday = (day: number): boolean => {
    const year = yearOfDayNumber(day);
    let set = byYear.get(year);
    if (!set) {
      set = new Set(holidaysOfYear(year, cal).map((h) => dayNumber(h.date, "date")));
      byYear.set(year, set);
    }
    return set.has(day);
  };
  const isContactDay = (day: number): boolean => {
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && (saturdays || weekday !== 6) && !holiday(day);
  };
  return {
    isContactDay,
    nextContactDay(day) {
      const cached = next.get(day);
      if (cached !== undefined) return cached;
      let d = day;
      // A store calendar could list every day of the year as a holiday: bounded, never a hang.
      while (!isContactDay(d)) if (++d - day > 366) fail(path, "collection.no_contact_day", { date: fromDayNumber(day) });
      if (next.size < 100_000) next.set(day, d);
      return d;
    },
  };
}
