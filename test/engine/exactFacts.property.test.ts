import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { createCreditGate, type CheckoutRequestInput } from "credit-block";

/**
 * Issue #14 item 12 in the engine: the decision's facts stay exact past 2^53 minor units. A
 * customer's títulos of up to 13 integer digits each add up beyond what a double holds exactly;
 * every money fact is checked against decimal.js, and the rules compare those exact values.
 */
const AS_OF = "2026-11-23";
const TOP = 10n ** 15n - 1n; // 9,999,999,999,999.99 BRL: the largest amount, in cents
const text = (minor: bigint): string => `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;
const amountArb = fc.oneof(fc.bigInt({ min: TOP - 10_000n, max: TOP }), fc.bigInt({ min: 1n, max: TOP }));

const gate = createCreditGate({
  id: "p", version: 1,
  rules: [
    { id: "limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit" } }, scope: "credit", action: "review" },
    { id: "available", when: { fact: "availableCredit", op: "lt", value: "0.00" }, scope: "credit", action: "warn" },
  ],
});

function request(amounts: readonly bigint[], overdue: readonly boolean[], limit: bigint, sale: readonly bigint[]): CheckoutRequestInput {
  return {
    asOf: AS_OF,
    customer: { id: "c", creditLimit: text(limit), pendingExposure: text(TOP) },
    receivables: amounts.map((a, i) => ({ id: `t${i}`, amount: text(a), dueDate: overdue[i] ? "2026-10-01" : "2026-12-20" })),
    sale: { tenders: sale.map((a) => ({ method: "store_credit" as const, amount: text(a) })) },
  };
}

describe("exact money facts past 2^53 (property)", () => {
  it("openBalance, overdueBalance, exposure, available credit and sale totals equal decimal.js sums; the rules compare them exactly", () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(amountArb, fc.boolean()), { minLength: 1, maxLength: 200 }),
      amountArb,
      fc.array(amountArb, { minLength: 1, maxLength: 20 }),
      (rows, limit, sale) => {
        const d = gate.decide(request(rows.map((r) => r[0]), rows.map((r) => r[1]), limit, sale));
        const sum = (xs: readonly bigint[]) => xs.reduce((s, x) => s.plus(text(x)), new Decimal(0));
        const open = sum(rows.map((r) => r[0]));
        const overdue = sum(rows.filter((r) => r[1]).map((r) => r[0]));
        const saleTotal = sum(sale);
        const exposure = open.plus(text(TOP)).plus(saleTotal);
        expect(d.facts.openBalance).toBe(open.toFixed(2));
        expect(d.facts.overdueBalance).toBe(overdue.toFixed(2));
        expect(d.facts.saleTotal).toBe(saleTotal.toFixed(2));
        expect(d.facts.saleCreditAmount).toBe(saleTotal.toFixed(2));
        expect(d.facts.exposureAfterSale).toBe(exposure.toFixed(2));
        expect(d.facts.availableCredit).toBe(new Decimal(text(limit)).minus(open).minus(text(TOP)).toFixed(2));
        expect(d.outcome).toBe(exposure.greaterThan(text(limit)) ? "review" : "allow");
      },
    ), { numRuns: 1000 });
  });

  it("holds for 50,000 títulos of 13 digits in one request", () => {
    const amounts = Array.from({ length: 50_000 }, (_, i) => TOP - BigInt(i));
    const d = gate.decide(request(amounts, amounts.map((_, i) => i % 2 === 0), TOP, [TOP]));
    const expected = amounts.reduce((s, x) => s + x, 0n);
    expect(d.facts.openBalance).toBe(text(expected));
    expect(d.facts.overdueBalance).toBe(text(amounts.filter((_, i) => i % 2 === 0).reduce((s, x) => s + x, 0n)));
    expect(d.facts.exposureAfterSale).toBe(text(expected + TOP + TOP));
  });
});
