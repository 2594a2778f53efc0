import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { evaluateProposal, type NegotiationPolicy, type Proposal } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
const policy: NegotiationPolicy = {
  id: "acordos", version: 1,
  limits: { minDownPaymentPercent: "20", maxInstallments: 6, minInstallment: "50.00", maxMonthlyRatePercent: "1.99", maxDiscountPercent: "10" },
  tiers: [
    { when: { minDaysOverdue: 180 }, limits: { minDownPaymentPercent: "10", maxInstallments: 12, maxDiscountPercent: "40" } },
    { when: { segments: ["punctual", "occasional"] }, limits: { maxInstallments: 10, maxDiscountPercent: "15" } },
  ],
};
const debt = { amount: "1000.00", daysOverdue: 45, asOf: "2026-11-23" };

describe("evaluateProposal", () => {
  it("accepts a proposal within every limit and returns its plan", () => {
    const r = evaluateProposal({ downPayment: "200.00", installments: 4, monthlyRatePercent: "1.99" }, debt, policy);
    expect(r.accepted).toBe(true);
    expect(r.offer?.plan?.installments).toHaveLength(4);
    expect(r.counterOffer).toBeNull();
  });

  it("lists each broken limit with the numbers and counters with the least change", () => {
    const r = evaluateProposal({ downPayment: "50.00", installments: 10, monthlyRatePercent: "1.99", discountPercent: "30" }, debt, policy);
    expect(r.accepted).toBe(false);
    expect(r.violations.map((v) => [v.limit, v.required, v.proposed])).toEqual([
      ["maxDiscountPercent", "10", "30"],
      ["minDownPayment", "140.00", "50.00"], // 20% of the R$ 700,00 the asked discount leaves
      ["maxInstallments", "6", "10"],
    ]);
    // The same numbers for people, apart from the machine values.
    expect(r.violations.map((v) => [v.requiredText, v.proposedText])).toEqual([["10%", "30%"], ["R$ 140,00", "R$ 50,00"], ["6", "10"]]);
    expect(r.violations[0]?.message).toBe("desconto máximo: exigido 10%, proposto 30%");
    expect(r.counterOffer).toMatchObject({ discountPercent: "10", downPayment: "180.00", installments: 6, total: "900.00" });
  });

  it("is more flexible as time passes and for good payers", () => {
    const asked: Proposal = { downPayment: "100.00", installments: 12, discountPercent: "35" };
    expect(evaluateProposal(asked, { ...debt, daysOverdue: 200 }, policy).accepted).toBe(true);
    expect(evaluateProposal({ downPayment: "200.00", installments: 10 }, { ...debt, segment: "punctual" }, policy).accepted).toBe(true);
    expect(evaluateProposal({ downPayment: "200.00", installments: 10 }, { ...debt, segment: "chronic" }, policy).accepted).toBe(false);
  });

  it("lowers the count until each installment reaches the minimum", () => {
    const r = evaluateProposal({ downPayment: "900.00", installments: 6 }, debt, policy);
    expect(r.violations.map((v) => v.limit)).toEqual(["minInstallment"]);
    expect(r.counterOffer?.installments).toBe(2);
    expect(r.counterOffer?.downPayment).toBe("900.00");
  });

  it("says when no plan is possible", () => {
    const strict: NegotiationPolicy = { ...policy, tiers: [], limits: { ...policy.limits, minInstallment: "5000.00" } };
    const r = evaluateProposal({ installments: 3 }, debt, strict);
    expect(r.accepted).toBe(false);
    expect(r.counterOffer).toBeNull();
    expect(r.reason).toContain("nenhum parcelamento atende à política");
  });

  it("a down payment that leaves fewer cents than installments is a minimum-installment violation, not an input error", () => {
    // Found by the property below (it threw INVALID_INPUT "count" from planInstallments).
    const pol: NegotiationPolicy = { id: "p", version: 1, system: "none", limits: { minDownPaymentPercent: "2", maxInstallments: 6, minInstallment: "498.92", maxMonthlyRatePercent: "4.86", maxDiscountPercent: "53" } };
    const r = evaluateProposal({ downPayment: "19999.88", installments: 19, monthlyRatePercent: "7.14", discountPercent: "60" }, { amount: "49999.94", daysOverdue: 30, asOf: "2026-11-23" }, pol);
    expect(r.violations.map((v) => v.limit)).toEqual(["maxDiscountPercent", "maxInstallments", "minInstallment"]);
    expect(r.counterOffer?.installments).toBe(6);
    const noMinimum = evaluateProposal({ downPayment: "99.95", installments: 10 }, { amount: "100.00", daysOverdue: 30, asOf: "2026-11-23" }, { id: "p", version: 1, system: "none", limits: {} });
    expect(noMinimum.violations).toEqual([expect.objectContaining({ limit: "minInstallment", required: "0.01", proposed: "0.00", requiredText: "R$ 0,01", proposedText: "R$ 0,00" })]);
    expect(noMinimum.counterOffer?.installments).toBe(5);
  });

  it("a counter-offer always satisfies the policy it was built from (property)", () => {
    const limits = fc.record({
      minDownPaymentPercent: fc.integer({ min: 0, max: 50 }).map(String),
      maxInstallments: fc.integer({ min: 1, max: 24 }),
      minInstallment: fc.integer({ min: 100, max: 50_000 }).map(money),
      maxMonthlyRatePercent: fc.integer({ min: 0, max: 500 }).map((n) => (n / 100).toString()),
      maxDiscountPercent: fc.integer({ min: 0, max: 60 }).map(String),
    }, { requiredKeys: [] });
    const proposal = fc.record({
      downPayment: fc.option(fc.integer({ min: 0, max: 2_000_000 }).map(money), { nil: undefined }),
      installments: fc.integer({ min: 0, max: 48 }),
      monthlyRatePercent: fc.option(fc.integer({ min: 0, max: 800 }).map((n) => (n / 100).toString()), { nil: undefined }),
      discountPercent: fc.option(fc.integer({ min: 0, max: 90 }).map(String), { nil: undefined }),
    });
    fc.assert(fc.property(limits, proposal, fc.integer({ min: 1_000, max: 5_000_000 }), fc.constantFrom("price" as const, "sac" as const, "none" as const), (l, p, amount, system) => {
      const pol: NegotiationPolicy = { id: "p", version: 1, system, limits: l };
      const d = { amount: money(amount), daysOverdue: 30, asOf: "2026-11-23" };
      const r = evaluateProposal(p, d, pol);
      if (r.accepted) {
        expect(r.violations).toEqual([]);
        return;
      }
      expect(r.violations.length).toBeGreaterThan(0);
      for (const v of r.violations) {
        // Machine values are decimal strings; a broken limit is broken by its numbers.
        expect(v.required).toMatch(/^\d+(\.\d+)?$/);
        expect(v.proposed).toMatch(/^\d+(\.\d+)?$/);
        const over = new Decimal(v.proposed).comparedTo(v.required);
        expect(over).toBe(v.limit.startsWith("max") ? 1 : -1);
      }
      if (r.counterOffer === null) {
        expect(r.reason).toBeTruthy();
        return;
      }
      const again = evaluateProposal({ downPayment: r.counterOffer.downPayment, installments: r.counterOffer.installments, monthlyRatePercent: r.counterOffer.monthlyRatePercent, discountPercent: r.counterOffer.discountPercent }, d, pol);
      expect(again.violations).toEqual([]);
      expect(again.accepted).toBe(true);
    }), { numRuns: 1000 });
  });

  it("rejects bad input naming the field", () => {
    expectIssue(() => evaluateProposal({ installments: -1 }, debt, policy), "proposal.installments", "too_small");
    expectIssue(() => evaluateProposal({ installments: 3 }, { ...debt, amount: "abc" }, policy), "debt.amount", "money.format");
    expectIssue(() => evaluateProposal({ installments: 3 }, debt, { ...policy, limits: { maxParcelas: 3 } as never }), "policy.limits.maxParcelas", "unknown_key");
  });
});
