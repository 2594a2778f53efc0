import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, addMonths, dayOfWeek, daysBetween, daysInMonth, isISODate } from "credit-block";
import { expectIssue } from "../support/expectError.js";

/** Oracle on UTC timestamps: independent of our integer civil-date arithmetic. */
const utc = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dateArb = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true }).map((d) => iso(d.getTime()));

describe("ISO calendar dates", () => {
  it("accepts real dates and refuses impossible ones", () => {
    expect(isISODate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-02-30", "2026-13-45", "2026-00-10", "2026-1-5", "26-01-05", "2026-01-05T00:00", "1899-12-31", "2200-01-01", 20260105, null]) {
      expect(isISODate(bad)).toBe(false);
    }
    expectIssue(() => addDays("2026-02-30", 1), "date", "date.impossible");
    expectIssue(() => addDays("2026/02/10", 1), "date", "date.format");
    expectIssue(() => addDays("2026-02-10", 1.5), "days", "not_integer");
    expectIssue(() => daysBetween("2026-01-01", "2026-13-01"), "to", "date.impossible");
    expectIssue(() => addDays("2199-12-31", 1), "days", "date.range");
  });

  it("adds days and counts days like UTC timestamps do (property)", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -3000, max: 3000 }), (date, n) => {
        const expected = iso(utc(date) + n * 86_400_000);
        if (!isISODate(expected)) return;
        expect(addDays(date, n)).toBe(expected);
        expect(daysBetween(date, expected)).toBe(n);
        expect(dayOfWeek(date)).toBe(new Date(utc(date)).getUTCDay());
      }),
      { numRuns: 1000 },
    );
  });

  it("adds months with month-end clamping (property)", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    fc.assert(
      fc.property(dateArb.filter((d) => d < "2150-01-01" && d > "1950-01-01"), fc.integer({ min: -240, max: 240 }), (date, n) => {
        const result = addMonths(date, n);
        const y = Number(date.slice(0, 4));
        const m = Number(date.slice(5, 7)) - 1 + n;
        const ty = y + Math.floor(m / 12);
        const tm = ((m % 12) + 12) % 12;
        const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
        const day = Math.min(Number(date.slice(8, 10)), lastDay);
        expect(result).toBe(iso(Date.UTC(ty, tm, day)));
        expect(daysInMonth(result)).toBe(lastDay);
      }),
      { numRuns: 1000 },
    );
  });
});
