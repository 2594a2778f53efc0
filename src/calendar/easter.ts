import { fail } from "../errors/CreditBlockError.js";
import { safeText } from "../money/decimal.js";
import { civilToISO, MAX_YEAR, MIN_YEAR, type ISODate } from "./isoDate.js";

/**
 * Easter Sunday of a Gregorian year by the anonymous Gregorian algorithm (Meeus/Jones/Butcher),
 * the basis of Carnival, Good Friday and Corpus Christi.
 *
 * @example
 * ```ts
 * easterSunday(2026); // "2026-04-05"
 * ```
 */
export function easterSunday(year: number): ISODate {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    fail("year", "date.range", { value: safeText(year), min: MIN_YEAR, max: MAX_YEAR });
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return civilToISO(year, month, day);
}
