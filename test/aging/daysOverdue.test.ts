import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, daysBetween, daysOverdue, isBusinessDay, nextBusinessDay } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const dateArb = fc.integer({ min: 0, max: 40_000 }).map((n) => addDays("1950-01-01", n));

describe("daysOverdue", () => {
  it("counts from the day after the due date (CC art. 397: mora ex re)", () => {
    expect(daysOverdue("2026-11-10", "2026-11-09")).toBe(0);
    expect(daysOverdue("2026-11-10", "2026-11-10")).toBe(0);
    expect(daysOverdue("2026-11-10", "2026-11-11")).toBe(1);
    expect(daysOverdue("2026-10-07", "2026-11-23")).toBe(47);
  });

  it("lets a weekend or holiday due date be paid on the next business day, then counts from the original date", () => {
    // Friday 2026-11-20 is a holiday; Saturday and Sunday follow; Monday 23 is the effective due date.
    expect(daysOverdue("2026-11-20", "2026-11-23")).toBe(0);
    expect(daysOverdue("2026-11-20", "2026-11-24")).toBe(4);
    // Carnival 2026: due Saturday 14/02 → payable until Wednesday 18/02
    expect(daysOverdue("2026-02-14", "2026-02-18")).toBe(0);
    expect(daysOverdue("2026-02-14", "2026-02-19")).toBe(5);
    expect(daysOverdue("2026-02-14", "2026-02-19", { calendar: { bankHolidays: false } })).toBe(5);
    expect(daysOverdue("2026-02-14", "2026-02-17", { calendar: { bankHolidays: false } })).toBe(3);
    // a store (municipal) holiday moves it too
    expect(daysOverdue("2026-01-25", "2026-01-26")).toBe(0); // Sunday → Monday
    expect(daysOverdue("2026-01-26", "2026-01-27", { calendar: { extra: [{ date: "01-26", name: "feriado municipal" }] } })).toBe(0);
  });

  it("applies the grace period (carência) from the due date", () => {
    expect(daysOverdue("2026-11-10", "2026-11-15", { graceDays: 5 })).toBe(0);
    expect(daysOverdue("2026-11-10", "2026-11-16", { graceDays: 5 })).toBe(6);
  });

  it("is 0 exactly until max(effective due date, due + grace), then asOf − due (property)", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -20, max: 200 }), fc.integer({ min: 0, max: 15 }), (due, offset, grace) => {
        const asOf = addDays(due, offset);
        const effective = nextBusinessDay(due);
        const days = daysOverdue(due, asOf, { graceDays: grace });
        const free = asOf <= effective || offset <= grace;
        expect(days).toBe(free ? 0 : daysBetween(due, asOf));
        // more days never lower the count
        expect(daysOverdue(due, addDays(asOf, 1), { graceDays: grace })).toBeGreaterThanOrEqual(days);
        if (isBusinessDay(due) && grace === 0) expect(days).toBe(Math.max(0, offset));
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects bad input naming the field", () => {
    expectIssue(() => daysOverdue("2026-02-30", "2026-03-01"), "dueDate", "date.impossible");
    expectIssue(() => daysOverdue("2026-02-10", "10/03/2026"), "asOf", "date.format");
    expectIssue(() => daysOverdue("2026-02-10", "2026-03-01", { graceDays: -1 }), "options.graceDays", "too_small");
    expectIssue(() => daysOverdue("2026-02-10", "2026-03-01", { graceDays: 1.5 }), "options.graceDays", "not_integer");
    expectIssue(() => daysOverdue("2026-02-10", "2026-03-01", { calendar: { extra: [{ date: "x", name: "y" }] } }), "options.calendar.extra[0].date");
  });
});
