import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { ageReceivables, profileCustomer, sumMoney, type ReceivableInput } from "credit-block";

/**
 * Issue #14 item 12 outside the engine: every total of aging, the customer profile and
 * `sumMoney` stays exact once it leaves the safe-integer range of a double (2^53 minor units).
 * Amounts have up to 13 integer digits; every total is checked against decimal.js.
 */
const AS_OF = "2026-11-23";
const TOP = 10n ** 15n - 1n; // 9.999.999.999.999,99 in cents
const text = (minor: bigint): string => `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;
const amountArb = fc.oneof(fc.bigInt({ min: TOP - 10_000n, max: TOP }), fc.bigInt({ min: 1n, max: TOP }));
const DUE = ["2026-12-20", "2026-11-10", "2026-09-01", "2025-01-15"] as const; // not due, 1–30, 61–90, 120+

const decimalSum = (xs: readonly string[]): Decimal => xs.reduce((s, x) => s.plus(x), new Decimal(0));

function rowsOf(amounts: readonly bigint[], bands: readonly number[], customers: number): ReceivableInput[] {
  return amounts.map((a, i) => ({
    id: `t${i}`,
    customerId: `c${i % customers}`,
    amount: text(a),
    dueDate: DUE[(bands[i] ?? 0) % DUE.length] as string,
  }));
}

function checkTotals(rows: readonly ReceivableInput[]): void {
  const report = ageReceivables(rows, { asOf: AS_OF });
  expect(report.total).toBe(decimalSum(rows.map((r) => r.amount as string)).toFixed(2));
  for (const [b, bucket] of report.buckets.entries()) {
    const inBucket = rows.filter((r) => DUE.indexOf(r.dueDate as (typeof DUE)[number]) === [0, 1, -1, 2, -1, 3][b]);
    expect(bucket.amount, `bucket ${bucket.label}`).toBe(decimalSum(inBucket.map((r) => r.amount as string)).toFixed(2));
  }
  for (const c of report.customers) {
    const own = rows.filter((r) => r.customerId === c.customerId);
    expect(c.total).toBe(decimalSum(own.map((r) => r.amount as string)).toFixed(2));
    expect(c.overdue).toBe(decimalSum(own.filter((r) => r.dueDate !== DUE[0]).map((r) => r.amount as string)).toFixed(2));
  }
  expect(sumMoney(rows.map((r) => r.amount as string))).toBe(report.total);
  const profile = profileCustomer(rows.map((r) => ({ ...r, issueDate: "2024-01-02" })), { asOf: AS_OF });
  expect(profile.lifetimeValue).toBe(report.total);
  // One purchase (one issue date): the average ticket is the lifetime value itself.
  expect(profile.averageTicket).toBe(report.total);
}

describe("exact totals past 2^53 minor units (property)", () => {
  it("aging buckets, customer totals, sumMoney and the profile's lifetime value equal decimal.js sums", () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(amountArb, fc.nat({ max: 3 })), { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 5 }),
      (rows, customers) => { checkTotals(rowsOf(rows.map((r) => r[0]), rows.map((r) => r[1]), customers)); },
    ), { numRuns: 1000 });
  });

  it("holds over 10^5 rows of 13-digit amounts", () => {
    fc.assert(fc.property(
      fc.array(amountArb, { minLength: 1, maxLength: 64 }),
      fc.integer({ min: 1, max: 50 }),
      (seed, customers) => {
        // 10^5 rows cycling through the generated amounts and due dates.
        const amounts = Array.from({ length: 100_000 }, (_, i) => seed[i % seed.length] as bigint);
        checkTotals(rowsOf(amounts, amounts.map((_, i) => i * 7), customers));
      },
    ), { numRuns: 2 }); // each run is 10^5 rows through aging, the profile and sumMoney
  }, 120_000);
});
