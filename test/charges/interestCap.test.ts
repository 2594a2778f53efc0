import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as z from "zod/mini";
import { ChargeTermsSchema, computeCharges, definePolicy, evaluateProposal, presets, quotePayoff, type ChargeTermsInput, type ReceivableInput } from "credit-block";
import { errorOf, expectIssue, issuesOf } from "../support/expectError.js";

/**
 * Issue #14 item 2: juros de mora of a consumer at most 1% a.m. — Súmula 379 STJ ("os juros
 * moratórios poderão ser convencionados até o limite de 1% ao mês"), Decreto 22.626/1933 art. 5,
 * CC art. 406. `consumer: false` (B2B) lifts the cap, as for the 2% multa.
 */
const money = (c: number | bigint): string => {
  const n = BigInt(c);
  return `${n / 100n}.${String(n % 100n).padStart(2, "0")}`;
};
const r: ReceivableInput = { id: "t1", amount: "100.00", dueDate: "2026-11-03" };
const AS_OF = "2026-11-13"; // 10 days late

describe("juros de mora cap: computeCharges", () => {
  it("accepts 1% a.m. for a consumer and refuses anything above, naming the field", () => {
    expect(computeCharges(r, { asOf: AS_OF, finePercent: "2", monthlyInterestPercent: "1" }).interest).toBe("0.33");
    expectIssue(() => computeCharges(r, { asOf: AS_OF, monthlyInterestPercent: "1.01" }), "terms.monthlyInterestPercent", "charges.interest_cap");
    expectIssue(() => computeCharges(r, { asOf: AS_OF, monthlyInterestPercent: 2, consumer: true }), "terms.monthlyInterestPercent", "charges.interest_cap");
    // The number form is read exactly: 1.0000001 is above 1.
    expectIssue(() => computeCharges(r, { asOf: AS_OF, monthlyInterestPercent: 1.0000001 }), "terms.monthlyInterestPercent", "charges.interest_cap");
  });

  it("is refused before any date arithmetic: even a título not yet due", () => {
    expectIssue(() => computeCharges({ ...r, dueDate: "2027-01-01" }, { asOf: AS_OF, monthlyInterestPercent: "2" }), "terms.monthlyInterestPercent", "charges.interest_cap");
  });

  it("lets B2B terms (consumer: false) agree a higher rate", () => {
    const c = computeCharges(r, { asOf: AS_OF, finePercent: "10", monthlyInterestPercent: "3", consumer: false });
    expect([c.fine, c.interest, c.total]).toEqual(["10.00", "1.00", "111.00"]);
  });

  it("lists the multa and the juros problems at once, with the law in the message (en and pt-BR)", () => {
    const error = errorOf(() => computeCharges(r, { asOf: AS_OF, finePercent: "5", monthlyInterestPercent: "2" }));
    expect(error.issues.map((i) => [i.path, i.code])).toEqual([
      ["terms.finePercent", "charges.fine_cap"],
      ["terms.monthlyInterestPercent", "charges.interest_cap"],
    ]);
    expect(error.issues[1]?.message).toContain("Súmula 379");
    expect(error.issues[1]?.message).toContain("2%");
    expect(error.localized("pt-BR")[1]?.message).toMatch(/não podem passar de 1% ao mês.*recebido 2% ao mês/);
  });

  it("lives in ChargeTermsSchema itself, so every document parsed with it gets the cap", () => {
    const refused = z.safeParse(ChargeTermsSchema, { asOf: AS_OF, monthlyInterestPercent: "1.5" });
    expect(refused.success).toBe(false);
    expect(JSON.stringify(refused.error?.issues)).toContain("charges.interest_cap");
    expect(z.safeParse(ChargeTermsSchema, { asOf: AS_OF, monthlyInterestPercent: "1.5", consumer: false }).success).toBe(true);
    expect(z.safeParse(ChargeTermsSchema, { asOf: AS_OF, monthlyInterestPercent: "1" }).success).toBe(true);
  });
});

describe("juros de mora cap: a fixed value per day (CNAB 'valor por dia')", () => {
  it("allows up to 1%/30 of the balance a day rounded UP to the cent, and refuses a cent more", () => {
    // R$ 100,00 × 1% / 30 = R$ 0,0333… → R$ 0,04 is the most a bank would register.
    expect(computeCharges(r, { asOf: AS_OF, dailyInterestAmount: "0.04" }).interest).toBe("0.40");
    const e = errorOf(() => computeCharges(r, { asOf: AS_OF, dailyInterestAmount: "0.05" }));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: "terms.dailyInterestAmount", code: "charges.daily_interest_cap", params: { value: "0.05", maximum: "0.04", base: "100.00" } });
    // Exact case: R$ 3.000,00 × 1% / 30 = R$ 1,00 exactly, nothing to round.
    const big: ReceivableInput = { id: "b", amount: "3000.00", dueDate: "2026-11-03" };
    expect(computeCharges(big, { asOf: AS_OF, dailyInterestAmount: "1.00" }).interest).toBe("10.00");
    expectIssue(() => computeCharges(big, { asOf: AS_OF, dailyInterestAmount: "1.01" }), "terms.dailyInterestAmount", "charges.daily_interest_cap");
  });

  it("measures the cap on the open balance the juros run on (a partial payment lowers it) and on the corrected value", () => {
    // R$ 50,00 open: 0.01666… → R$ 0,02 a day at most.
    expect(computeCharges({ ...r, openAmount: "50.00" }, { asOf: AS_OF, dailyInterestAmount: "0.02" }).interest).toBe("0.20");
    expectIssue(() => computeCharges({ ...r, openAmount: "50.00" }, { asOf: AS_OF, dailyInterestAmount: "0.04" }), "terms.dailyInterestAmount", "charges.daily_interest_cap");
    // R$ 3.000,00 corrected by 10% = R$ 3.300,00 → R$ 1,10 a day is 1% a.m. of the corrected debt.
    const big: ReceivableInput = { id: "b", amount: "3000.00", dueDate: "2026-09-10" };
    const correction = { index: [{ month: "2026-09", percent: "10" }, { month: "2026-10", percent: "0" }] };
    expect(computeCharges(big, { asOf: AS_OF, dailyInterestAmount: "1.10", correction }).interest).toBe("70.40") // 64 days × R$ 1,10;
    expectIssue(() => computeCharges(big, { asOf: AS_OF, dailyInterestAmount: "1.11", correction }), "terms.dailyInterestAmount", "charges.daily_interest_cap");
  });

  it("is lifted by consumer: false; and nothing is refused while nothing accrues (paid on time)", () => {
    expect(computeCharges(r, { asOf: AS_OF, dailyInterestAmount: "0.50", consumer: false }).interest).toBe("5.00");
    // Checked when charges accrue, like the fixed multa: it depends on the balance at that date.
    expect(computeCharges(r, { asOf: "2026-11-03", dailyInterestAmount: "0.50" }).total).toBe("100.00");
  });
});

describe("juros de mora cap: payoff quotes, credit policies, negotiation policies", () => {
  const overdue: ReceivableInput[] = [{ id: "a", amount: "100.00", dueDate: "2026-10-01" }, { id: "b", amount: "60.00", dueDate: "2026-10-15" }];

  it("quotePayoff refuses a consumer rate above 1% a.m. at options.terms.monthlyInterestPercent", () => {
    expectIssue(() => quotePayoff(overdue, { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "2" } }), "options.terms.monthlyInterestPercent", "charges.interest_cap");
    expect(quotePayoff(overdue, { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "2", consumer: false } }).totals.interest).toBe("4.02"); // 100×2%×43/30 = 2.86 (down) + 60×2%×29/30 = 1.16
  });

  it("quotePayoff names options.terms.dailyInterestAmount once for every título it exceeds, and says how much is allowed", () => {
    const issues = issuesOf(() => quotePayoff(overdue, { asOf: AS_OF, terms: { dailyInterestAmount: "0.04" } }));
    // 0.04 is the most on R$ 100,00 but above R$ 0,02 for R$ 60,00.
    expect(issues.map((i) => [i.path, i.code, i.params?.maximum])).toEqual([["options.terms.dailyInterestAmount", "charges.daily_interest_cap", "0.02"]]);
  });

  it("a credit policy's charges block is parsed with the same rules (definePolicy)", () => {
    const base = presets.blockCreditWhenOverdue({ graceDays: 0 });
    expectIssue(() => definePolicy({ ...base, charges: { finePercent: "2", monthlyInterestPercent: "2" } }), "charges.monthlyInterestPercent", "charges.interest_cap");
    expect(() => definePolicy({ ...base, charges: { finePercent: "2", monthlyInterestPercent: "1" } })).not.toThrow();
    expect(() => definePolicy({ ...base, consumer: false, charges: { monthlyInterestPercent: "2" } })).not.toThrow();
  });

  it("a negotiation policy caps its lateCharges (mora) but not its financing rate (remuneratory interest)", () => {
    const debt = { amount: "1000.00", daysOverdue: 60, asOf: AS_OF };
    const limits = { maxInstallments: 6, maxMonthlyRatePercent: "1.99" };
    expectIssue(
      () => evaluateProposal({ installments: 3 }, debt, { id: "n", version: 1, limits, lateCharges: { finePercent: "2", monthlyInterestPercent: "1.5" } }),
      "policy.lateCharges.monthlyInterestPercent", "charges.interest_cap",
    );
    expectIssue(
      () => evaluateProposal({ installments: 3 }, debt, { id: "n", version: 1, limits, lateCharges: { finePercent: "10", monthlyInterestPercent: "1" } }),
      "policy.lateCharges.finePercent", "charges.fine_cap",
    );
    // 1.99% a.m. of financing is not mora: Súmula 379 does not reach it.
    const ok = evaluateProposal({ installments: 3, monthlyRatePercent: "1.99" }, debt, { id: "n", version: 1, limits, lateCharges: { finePercent: "2", monthlyInterestPercent: "1" } });
    expect(ok.accepted).toBe(true);
    expect(ok.offer?.monthlyRatePercent).toBe("1.99");
    expect(ok.offer?.lateCharges).toEqual({ finePercent: "2", monthlyInterestPercent: "1", dayCount: "30", rounding: "down", consumer: true });
    const b2b = evaluateProposal({ installments: 3 }, debt, { id: "n", version: 1, limits, lateCharges: { finePercent: "10", monthlyInterestPercent: "3", consumer: false } });
    expect(b2b.offer?.lateCharges?.monthlyInterestPercent).toBe("3");
    expect(evaluateProposal({ installments: 3 }, debt, { id: "n", version: 1, limits }).offer?.lateCharges).toBeNull();
  });
});

describe("juros de mora cap: properties", () => {
  // Rates in units of 0.0001%: 0 … 100% a.m.
  const rate = fc.integer({ min: 0, max: 1_000_000 }).map((n) => ({ n, text: (n / 10_000).toString() }));
  const days = fc.integer({ min: -5, max: 400 });
  const amount = fc.integer({ min: 1, max: 10_000_000_00 });

  it("any consumer monthly rate above 1 is refused and any ≤ 1 accepted; with consumer: false every rate ≤ 100 is accepted", () => {
    fc.assert(fc.property(rate, days, amount, fc.constantFrom(undefined, true), (rt, d, cents, consumer) => {
      const receivable = { id: "p", amount: money(cents), dueDate: "2026-06-01" };
      const asOf = new Date(Date.UTC(2026, 5, 1 + d)).toISOString().slice(0, 10);
      const terms: ChargeTermsInput = { asOf, finePercent: "2", monthlyInterestPercent: rt.text, ...(consumer === undefined ? {} : { consumer }) };
      if (rt.n > 10_000) expectIssue(() => computeCharges(receivable, terms), "terms.monthlyInterestPercent", "charges.interest_cap");
      else expect(() => computeCharges(receivable, terms)).not.toThrow();
      expect(() => computeCharges(receivable, { ...terms, consumer: false })).not.toThrow();
    }), { numRuns: 1000 });
  });

  it("quotePayoff and evaluateProposal refuse exactly the consumer rates computeCharges refuses", () => {
    fc.assert(fc.property(rate, (rt) => {
      const refusedByCharges = (() => { try { computeCharges(r, { asOf: AS_OF, monthlyInterestPercent: rt.text }); return false; } catch { return true; } })();
      const refusedByQuote = (() => { try { quotePayoff([r], { asOf: AS_OF, terms: { monthlyInterestPercent: rt.text } }); return false; } catch { return true; } })();
      const refusedByPolicy = (() => {
        try {
          evaluateProposal({ installments: 2 }, { amount: "100.00", daysOverdue: 10, asOf: AS_OF }, { id: "n", version: 1, limits: { maxMonthlyRatePercent: "2" }, lateCharges: { monthlyInterestPercent: rt.text } });
          return false;
        } catch { return true; }
      })();
      expect([refusedByCharges, refusedByQuote, refusedByPolicy]).toEqual([rt.n > 10_000, rt.n > 10_000, rt.n > 10_000]);
    }), { numRuns: 500 });
  });

  it("a consumer daily amount is refused exactly when above ⌈base × 1% / 30⌉ cents (BigInt oracle), and then the juros never pass 1% a.m. plus that cent", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 120 }), (baseCents, dailyCents, late) => {
      const receivable = { id: "p", amount: money(baseCents), dueDate: "2026-06-01" };
      const asOf = new Date(Date.UTC(2026, 5, 1 + late)).toISOString().slice(0, 10);
      const maxCents = (BigInt(baseCents) + 2999n) / 3000n; // ceil(base / 3000)
      const run = () => computeCharges(receivable, { asOf, dailyInterestAmount: money(dailyCents) });
      if (BigInt(dailyCents) > maxCents) {
        expectIssue(run, "terms.dailyInterestAmount", "charges.daily_interest_cap");
      } else {
        const c = run();
        if (c.daysLate > 0) {
          const interest = BigInt(c.interest.replace(".", ""));
          // interest ≤ (base/3000 + 1 cent) × days, i.e. interest × 3000 ≤ (base + 3000) × days.
          expect(interest * 3000n <= (BigInt(baseCents) + 3000n) * BigInt(c.daysLate)).toBe(true);
        }
      }
      expect(() => computeCharges(receivable, { asOf, dailyInterestAmount: money(dailyCents), consumer: false })).not.toThrow();
    }), { numRuns: 1000 });
  });
});
