import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addBusinessDays, addDays, isBusinessDay, nextBusinessDay, type CalendarOptions } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const dateArb = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const calendarArb: fc.Arbitrary<CalendarOptions> = fc.record(
  {
    extra: fc.array(
      fc.record({ date: fc.oneof(dateArb, fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)), name: fc.constant("store") }),
      { maxLength: 10 },
    ),
    bankHolidays: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe("business days", () => {
  it("examples from the 2026 calendar", () => {
    expect(isBusinessDay("2026-11-20")).toBe(false); // Friday, Consciência Negra
    expect(nextBusinessDay("2026-11-20")).toBe("2026-11-23");
    expect(nextBusinessDay("2026-02-14")).toBe("2026-02-18"); // Sat → Carnival Mon, Tue → Ash Wednesday
    expect(nextBusinessDay("2026-02-14", { bankHolidays: false })).toBe("2026-02-16");
    expect(addBusinessDays("2026-11-19", 1)).toBe("2026-11-23");
    expect(addBusinessDays("2026-11-23", -1)).toBe("2026-11-19");
    expect(addBusinessDays("2026-11-21", 0)).toBe("2026-11-21");
    expect(isBusinessDay("2026-01-26", { extra: [{ date: "01-26", name: "x" }] })).toBe(false);
    expect(isBusinessDay("2026-11-21", { weekend: [0] })).toBe(true); // a store open on Saturdays
  });

  it("nextBusinessDay(d) is a business day, ≥ d, with no business day in between (property)", () => {
    fc.assert(
      fc.property(dateArb, calendarArb, (date, cal) => {
        const next = nextBusinessDay(date, cal);
        expect(next >= date).toBe(true);
        expect(isBusinessDay(next, cal)).toBe(true);
        for (let d = date; d < next; d = addDays(d, 1)) expect(isBusinessDay(d, cal)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("addBusinessDays moves exactly n business days and back (property)", () => {
    fc.assert(
      fc.property(dateArb.filter((d) => d > "1901-01-01" && d < "2199-01-01"), fc.integer({ min: 1, max: 40 }), calendarArb, (date, n, cal) => {
        const start = nextBusinessDay(date, cal);
        const forward = addBusinessDays(start, n, cal);
        expect(isBusinessDay(forward, cal)).toBe(true);
        let count = 0;
        for (let d = addDays(start, 1); d <= forward; d = addDays(d, 1)) if (isBusinessDay(d, cal)) count++;
        expect(count).toBe(n);
        expect(addBusinessDays(forward, -n, cal)).toBe(start);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects bad calendars and dates naming the field", () => {
    expectIssue(() => isBusinessDay("2026-02-30"), "date", "date.impossible");
    expectIssue(() => nextBusinessDay("2026-11-20", { extra: "01-25" as never }), "calendar.extra", "invalid_type");
    expectIssue(() => addBusinessDays("2026-11-20", Number.NaN), "days");
    expectIssue(() => isBusinessDay("2026-11-20", { weekend: [0, 1, 2, 3, 4, 5, 6] }), "calendar.weekend");
  });
});
