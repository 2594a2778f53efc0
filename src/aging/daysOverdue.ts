import { compileCalendar, type CompiledCalendar } from "../calendar/businessDays.js";
import type { CalendarOptions } from "../calendar/holidays.js";
import { dayNumber, type ISODate } from "../calendar/isoDate.js";
import { fail } from "../errors/CreditBlockError.js";

/** Options of {@link daysOverdue}. */
export interface DaysOverdueOptions {
  /**
   * Carência: calendar days after the due date during which the título does not count as
   * overdue (for blocking). Once past, days count from the due date itself. Default 0: overdue
   * from the day after the due date, as default is automatic on the due date (mora ex re,
   * CC art. 397 — https://www.planalto.gov.br/ccivil_03/leis/2002/l10406compilada.htm).
   */
  readonly graceDays?: number;
  /** Business-day calendar for the non-business due date rule; national + bank holidays by default. */
  readonly calendar?: CalendarOptions;
}

/** Largest grace accepted (10 years), against typos such as 3000 for 30. */
export const MAX_GRACE_DAYS = 3650;

/** @internal */
export function checkGraceDays(value: unknown, path: string): number {
  if (value === undefined) return 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_GRACE_DAYS) {
    fail(path, typeof value === "number" && Number.isInteger(value) ? (value < 0 ? "too_small" : "too_big") : "not_integer", { minimum: 0, maximum: MAX_GRACE_DAYS });
  }
  return value;
}

/**
 * Overdue days of one due date at `asOf`, on day numbers, with a compiled calendar.
 * A due date on a weekend or bank holiday may be paid on the next business day without charge
 * (CC art. 132 §1; Lei 7.089/1983); after that day, days count from the ORIGINAL due date
 * (STJ, REsp 1.954.924). The grace period counts from the original due date too.
 * @internal
 */
export function overdueDays(dueDay: number, asOfDay: number, graceDays: number, calendar: CompiledCalendar): number {
  if (asOfDay <= dueDay + graceDays) return 0;
  const effectiveDue = calendar.nextBusinessDay(dueDay);
  return asOfDay <= effectiveDue ? 0 : asOfDay - dueDay;
}

/**
 * Days a título is overdue at `asOf`: 0 while not due, while payable without charge on the
 * next business day after a weekend or holiday due date (Lei 7.089/1983 —
 * https://www2.camara.leg.br/legin/fed/lei/1980-1987/lei-7089-23-marco-1983-356734-publicacaooriginal-1-pl.html;
 * CC art. 132 §1), and during `graceDays`; afterwards the count runs from the original due date.
 *
 * @example
 * ```ts
 * daysOverdue("2026-11-10", "2026-11-10"); // 0 (due today)
 * daysOverdue("2026-11-10", "2026-11-11"); // 1
 * daysOverdue("2026-11-20", "2026-11-23"); // 0 (Friday holiday: payable on Monday)
 * daysOverdue("2026-11-20", "2026-11-24"); // 4 (counted from the 20th)
 * daysOverdue("2026-11-10", "2026-11-13", { graceDays: 5 }); // 0
 * daysOverdue("2026-11-10", "2026-11-16", { graceDays: 5 }); // 6
 * ```
 */
export function daysOverdue(dueDate: ISODate, asOf: ISODate, options: DaysOverdueOptions = {}): number {
  const due = dayNumber(dueDate, "dueDate");
  const today = dayNumber(asOf, "asOf");
  const grace = checkGraceDays(options.graceDays, "options.graceDays");
  return overdueDays(due, today, grace, compileCalendar(options.calendar, "options.calendar"));
}
