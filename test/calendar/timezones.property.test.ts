import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { addMonths, daysInMonth, holidays, nextBusinessDay, addBusinessDays, daysBetween } from "credit-block";

const ZONES = ["UTC", "America/Sao_Paulo", "Pacific/Kiritimati", "America/Noronha", "Asia/Kathmandu"];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

/**
 * Node re-reads process.env.TZ when it is assigned, so one process can compare zones.
 * (`.ci/run` also repeats the whole suite under TZ=UTC, America/Sao_Paulo and Pacific/Kiritimati.)
 */
describe("results do not depend on the host time zone", () => {
  it("the zone switch is real", () => {
    process.env.TZ = "Pacific/Kiritimati";
    const kiritimati = new Date(Date.UTC(2026, 0, 1)).getHours();
    process.env.TZ = "UTC";
    expect(kiritimati).toBe(14);
    expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(0);
  });

  it("regression: December 1994 in Pacific/Kiritimati, where the local day 1994-12-31 was skipped", () => {
    const answers = ZONES.map((zone) => {
      process.env.TZ = zone;
      return [daysInMonth("1994-12-01"), addMonths("1994-11-30", 1), addMonths("1995-01-31", -1)].join();
    });
    expect(new Set(answers)).toEqual(new Set(["31,1994-12-30,1994-12-31"]));
  });

  it("same dates in every zone (property)", () => {
    const dateArb = fc.date({ min: new Date(Date.UTC(1906, 0, 1)), max: new Date(Date.UTC(2193, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -60, max: 60 }), fc.integer({ min: -30, max: 30 }), (date, months, bdays) => {
        const results = ZONES.map((zone) => {
          process.env.TZ = zone;
          return JSON.stringify([
            addMonths(date, months), daysInMonth(date), nextBusinessDay(date), addBusinessDays(date, bdays),
            daysBetween(date, "2026-11-23"), holidays(Number(date.slice(0, 4))).length,
          ]);
        });
        expect(new Set(results).size).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});
