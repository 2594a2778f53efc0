import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, computeCharges, quotePayoff, type ReceivableInput } from "credit-block";
import { expectIssue, snapshot } from "../support/expectError.js";

const cents = (m: string): bigint => BigInt(m.replace(".", ""));
const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
const AS_OF = "2026-11-23";
const terms = { finePercent: "2", monthlyInterestPercent: "1" };

describe("quotePayoff", () => {
  it("adds each título's charges and applies discounts to interest and fine first", () => {
    const q = quotePayoff([{ id: "t1", amount: "1000.00", dueDate: "2026-08-10" }], { asOf: AS_OF, terms, discounts: { interest: { percent: 100 }, fine: { percent: 50 } } });
    expect(q.totals).toMatchObject({ principal: "1000.00", fine: "20.00", interest: "35.00" });
    expect(q.gross).toBe("1055.00");
    expect(q.discounts).toEqual({ interest: "35.00", fine: "10.00", correction: "0.00", principal: "0.00" });
    expect(q.net).toBe("1010.00");
    expect(q.validUntil).toBe("2026-11-25");
    expect(q.lines[0]?.charges).toEqual(computeCharges({ id: "t1", amount: "1000.00", dueDate: "2026-08-10" }, { ...terms, asOf: AS_OF }));
  });

  it("caps every discount at its part, so the net is never negative", () => {
    const q = quotePayoff([{ id: "t1", amount: "100.00", dueDate: "2026-11-01" }], { asOf: AS_OF, terms, discounts: { interest: { amount: "999.00" }, principal: { percent: 100 } } });
    expect(q.discounts.interest).toBe(q.totals.interest);
    expect(q.net).toBe("2.00"); // only the fine is left
  });

  it("brings installments not yet due to present value at the contract rate (CDC art. 52 §2)", () => {
    const q = quotePayoff([{ id: "f", amount: "500.00", dueDate: addDays(AS_OF, 60) }], { asOf: AS_OF, terms, contractMonthlyRatePercent: "3" });
    expect(q.lines[0]?.presentValue).toBe("471.29"); // 500 / 1.03² = 471.2982…, rounded down
    expect(q.totals.earlyPaymentReduction).toBe("28.71");
    expect(q.gross).toBe("471.29");
    // B2B terms that round charges up round the present value up too.
    expect(quotePayoff([{ id: "f", amount: "500.00", dueDate: addDays(AS_OF, 60) }], { asOf: AS_OF, terms: { ...terms, rounding: "up" }, contractMonthlyRatePercent: "3" }).gross).toBe("471.30");
    expect(quotePayoff([{ id: "f", amount: "500.00", dueDate: addDays(AS_OF, 60) }], { asOf: AS_OF, terms }).gross).toBe("500.00");
  });

  it("the present value of an installment not yet due is the exact one rounded down: never above it, never a cent below (property)", () => {
    // Exact bound checked in integers: pv ≤ face / (1+r)^(months) < pv + 1 cent, for whole months
    // (30-day steps), i.e. pv·(100+r)^m ≤ face·100^m < (pv+1)·(100+r)^m with r in percent.
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 800 }), (face, months, ratePercentTimes100) => {
      const rate = (ratePercentTimes100 / 100).toFixed(2);
      const q = quotePayoff([{ id: "f", amount: money(face), dueDate: addDays(AS_OF, 30 * months) }], { asOf: AS_OF, terms, contractMonthlyRatePercent: rate });
      const pv = cents(q.lines[0]?.presentValue ?? "");
      const growth = (10_000n + BigInt(ratePercentTimes100)) ** BigInt(months);
      const scale = 10_000n ** BigInt(months);
      expect(pv * growth <= BigInt(face) * scale).toBe(true);
      expect(BigInt(face) * scale < (pv + 1n) * growth).toBe(true);
      expect(cents(q.totals.earlyPaymentReduction)).toBe(BigInt(face) - pv);
    }), { numRuns: 500 });
  });

  it("skips settled títulos and uses open balances", () => {
    const q = quotePayoff([
      { id: "a", amount: "100.00", openAmount: "40.00", dueDate: "2026-11-20" },
      { id: "b", amount: "100.00", dueDate: "2026-10-01", status: "paid", paidDate: "2026-10-01" },
    ], { asOf: AS_OF, terms });
    expect(q.lines.map((l) => l.receivableId)).toEqual(["a"]);
    expect(q.totals.principal).toBe("40.00");
  });

  it("a discount never makes the net negative, and net = gross − discount (property)", () => {
    const discount = fc.oneof(fc.integer({ min: 0, max: 100 }).map((p) => ({ percent: p })), fc.integer({ min: 0, max: 1_000_000 }).map((c) => ({ amount: money(c) })));
    fc.assert(fc.property(
      fc.array(fc.record({ amount: fc.integer({ min: 1, max: 10_000_000 }), due: fc.integer({ min: -700, max: 200 }) }), { minLength: 1, maxLength: 6 }),
      fc.record({ interest: discount, fine: discount, correction: discount, principal: discount }, { requiredKeys: [] }),
      fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
      (rows, discounts, rate) => {
        const receivables: ReceivableInput[] = rows.map((r, i) => ({ id: `t${i}`, amount: money(r.amount), dueDate: addDays(AS_OF, r.due) }));
        const before = snapshot(receivables);
        const q = quotePayoff(receivables, { asOf: AS_OF, terms, discounts, ...(rate ? { contractMonthlyRatePercent: (rate / 100).toString() } : {}) });
        expect(cents(q.net) >= 0n).toBe(true);
        expect(cents(q.net)).toBe(cents(q.gross) - cents(q.discount));
        expect(cents(q.discounts.interest) <= cents(q.totals.interest)).toBe(true);
        expect(cents(q.discounts.fine) <= cents(q.totals.fine)).toBe(true);
        expect(receivables).toEqual(before);
      },
    ), { numRuns: 1000 });
  });

  it("rejects bad input naming the field", () => {
    expectIssue(() => quotePayoff([], { asOf: AS_OF, terms, validDays: 1 }), "options.validDays", "payoff.valid_days");
    expectIssue(() => quotePayoff([], { asOf: AS_OF, terms: { ...terms, finePercent: "10" } }), "options.terms.finePercent", "charges.fine_cap");
    expectIssue(() => quotePayoff([{ id: "x", amount: "-1", dueDate: AS_OF }], { asOf: AS_OF, terms }), "receivables[0].amount", "money.not_positive");
    expectIssue(() => quotePayoff([], { asOf: AS_OF, terms, discounts: { interest: { percent: -5 } } }), "options.discounts.interest.percent", "too_small");
    expectIssue(() => quotePayoff([], { asOf: "2026-02-30", terms }), "options.terms.asOf", "date.impossible");
  });
});
