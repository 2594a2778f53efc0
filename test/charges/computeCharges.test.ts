import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, addMonths, computeCharges, nextBusinessDay, type ChargeTermsInput, type ReceivableInput } from "credit-block";
import { expectIssue, issuesOf, snapshot } from "../support/expectError.js";

const cents = (m: string): bigint => BigInt(m.replace(".", ""));

describe("computeCharges: worked examples from public sources", () => {
  it("Kobana help centre: R$ 100, 5 days late, multa 2%, juros 1% a.m. → R$ 102,16", () => {
    // https://ajuda.kobana.com.br/pt-BR/articles/8843476-multa-e-juros-de-mora
    // "100 x 0,01 = 1,00; sendo (1,00 / 30) x 5 = 0,16 … 100 + 2 + 0,16 = R$102,16"
    const c = computeCharges({ id: "b1", amount: "100.00", dueDate: "2026-11-03" }, { asOf: "2026-11-08", finePercent: "2", monthlyInterestPercent: "1" });
    expect([c.fine, c.interest, c.total, c.daysLate]).toEqual(["2.00", "0.16", "102.16", 5]);
  });

  it("Ciclo knowledge base: R$ 100, 10 days late → juros R$ 0,33, total R$ 102,33", () => {
    // https://dashboard.ciclo.eco/knowledge-base/article/como-funcionam-os-juros-do-boleto
    const c = computeCharges({ id: "b1", amount: "100.00", dueDate: "2026-11-03" }, { asOf: "2026-11-13", finePercent: "2", monthlyInterestPercent: "1" });
    expect([c.fine, c.interest, c.total]).toEqual(["2.00", "0.33", "102.33"]);
  });

  it("Qive: R$ 1.000, 5 days late, multa 2%, 1% a.m. → R$ 1.021,67 (interest rounded half-up)", () => {
    // https://qive.com.br/?p=41751 — "um boleto de R$ 1.000 com 5 dias de atraso e 2% de multa totalizaria R$ 1.021,67"
    const terms: ChargeTermsInput = { asOf: "2026-11-08", finePercent: "2", monthlyInterestPercent: "1", rounding: "half-up" };
    const c = computeCharges({ id: "b1", amount: "1000.00", dueDate: "2026-11-03" }, terms);
    expect([c.fine, c.interest, c.total]).toEqual(["20.00", "1.67", "1021.67"]);
    // the consumer default truncates instead: never a cent above what is owed
    expect(computeCharges({ id: "b1", amount: "1000.00", dueDate: "2026-11-03" }, { ...terms, rounding: undefined }).total).toBe("1021.66");
  });

  it("IBGE: IPCA accumulated 4.83% in 2024 — the product of the twelve monthly variations", () => {
    // IBGE, Agência de Notícias, 10/01/2025: "IPCA fecha 2024 em 4,83%"; monthly values from the IBGE SIDRA table 1737.
    const ipca2024 = ["0.42", "0.83", "0.16", "0.38", "0.46", "0.21", "0.38", "-0.02", "0.44", "0.56", "0.39", "0.52"];
    const index = ipca2024.map((percent, i) => ({ month: `2024-${String(i + 1).padStart(2, "0")}`, percent }));
    const c = computeCharges({ id: "x", amount: "1000.00", dueDate: "2024-01-10" }, { asOf: "2025-01-10", finePercent: "0", monthlyInterestPercent: "0", correction: { index } });
    expect(c.indexMonths).toEqual(index.map((i) => i.month));
    expect(Number(c.correctionFactor).toFixed(4)).toBe("1.0483");
    expect(c.correction).toBe("48.31");
  });
});

describe("computeCharges: Brazilian defaults", () => {
  const r: ReceivableInput = { id: "t", amount: "500.00", dueDate: "2026-11-20" }; // Friday holiday
  const terms: ChargeTermsInput = { asOf: "2026-11-23", finePercent: "2", monthlyInterestPercent: "1" };

  it("charges nothing up to the effective due date, then counts from the original due date", () => {
    expect(computeCharges(r, terms)).toMatchObject({ total: "500.00", fine: "0.00", daysLate: 0, effectiveDueDate: "2026-11-23" });
    expect(computeCharges(r, { ...terms, asOf: "2026-11-24" })).toMatchObject({ fine: "10.00", interest: "0.66", daysLate: 4 });
  });

  it("charges on the open balance only (partial payments), nothing on a paid título", () => {
    expect(computeCharges({ ...r, openAmount: "250.00" }, { ...terms, asOf: "2026-12-20" })).toMatchObject({ principal: "250.00", fine: "5.00", interest: "2.50" });
    expect(computeCharges({ ...r, status: "paid", paidDate: "2026-11-20" }, { ...terms, asOf: "2026-12-20" }).total).toBe("0.00");
  });

  it("stops at the freeze date", () => {
    const frozen = computeCharges(r, { ...terms, asOf: "2027-06-01", freezeOn: "2026-12-20" });
    expect(frozen).toEqual(computeCharges(r, { ...terms, asOf: "2026-12-20" }));
    expect(frozen.chargedUntil).toBe("2026-12-20");
  });

  it("counts actual days per month on request, and compounds daily only when asked", () => {
    // 2027-01-31 → 2027-03-02: 28/28 of February + 2/31 of March... and 0 of January
    const actual = computeCharges({ id: "a", amount: "3100.00", dueDate: "2027-01-29" }, { asOf: "2027-03-01", monthlyInterestPercent: "1", dayCount: "actual" });
    // days: Jan 30–31 (2/31), all February (28/28), Mar 1 (1/31) → 1 + 3/31 months → 31.00 + 3.00 = 34.00
    expect(actual.interest).toBe("34.00");
    const compound = computeCharges({ id: "a", amount: "1000.00", dueDate: "2026-11-03" }, { asOf: "2027-01-02", monthlyInterestPercent: "10", compounding: "daily", consumer: false }); // B2B: above the 1% a.m. consumer cap
    expect(compound.interest).toBe("210.00"); // 60 days = 2 months: 1000 × (1.1² − 1)
  });

  it("takes boleto-style values: fine in R$ and interest in R$ per day", () => {
    const c = computeCharges({ id: "b", amount: "200.00", dueDate: "2026-11-03" }, { asOf: "2026-11-13", fineAmount: "4.00", dailyInterestAmount: "0.07" });
    expect([c.fine, c.interest, c.total]).toEqual(["4.00", "0.70", "204.70"]);
  });

  it("lets B2B terms set a fine above 2%", () => {
    expect(computeCharges({ id: "b", amount: "200.00", dueDate: "2026-11-03" }, { asOf: "2026-11-13", finePercent: "10", monthlyInterestPercent: "1", consumer: false }).fine).toBe("20.00");
  });
});

describe("computeCharges: properties", () => {
  const scenario = fc.record({
    amountCents: fc.integer({ min: 1, max: 10_000_000_00 }),
    dueOffset: fc.integer({ min: 0, max: 3000 }),
    finePercent: fc.integer({ min: 0, max: 200 }).map((n) => (n / 100).toFixed(2)),
    rateScaled: fc.integer({ min: 0, max: 100_000 }), // percent × 10^4: 0 … 10%
    dayCount: fc.constantFrom<"30" | "actual">("30", "actual"),
    compounding: fc.constantFrom<"simple" | "daily">("simple", "daily"),
    rounding: fc.constantFrom("down", "up", "half-up", "half-even") as fc.Arbitrary<"down">,
    withIndex: fc.boolean(),
    indexSeed: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 120, maxLength: 120 }),
    days1: fc.integer({ min: -10, max: 400 }),
    extra: fc.integer({ min: 0, max: 400 }),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const build = (s: Scenario) => {
    const dueDate = addDays("2015-01-01", s.dueOffset);
    const receivable: ReceivableInput = { id: "p", amount: `${Math.floor(s.amountCents / 100)}.${String(s.amountCents % 100).padStart(2, "0")}` , dueDate };
    const index = s.indexSeed.map((v, i) => ({ month: addMonths(dueDate, i).slice(0, 7), percent: (v / 100).toFixed(2) }));
    const terms = (asOf: string): ChargeTermsInput => ({
      asOf, finePercent: s.finePercent, monthlyInterestPercent: (s.rateScaled / 10_000).toString(), dayCount: s.dayCount,
      compounding: s.compounding, rounding: s.rounding, ...(s.withIndex ? { correction: { index } } : {}),
      // Rates up to 10% a.m. exercise the arithmetic; above 1% a.m. only B2B terms may carry them (Súmula 379 STJ).
      ...(s.rateScaled > 10_000 ? { consumer: false } : {}),
    });
    return { receivable, dueDate, terms };
  };

  it("regression: divides last and in the rounding direction (R$ 10,000,000 at 1.8474% a.m., 1 day)", () => {
    // Found by the linearity property: dividing days by 30 first left 6157.99 after truncation.
    const c = computeCharges({ id: "p", amount: "10000000.00", dueDate: "2015-01-05" }, { asOf: "2015-01-06", monthlyInterestPercent: "1.8474", consumer: false });
    expect(c.interest).toBe("6158.00");
  });

  it("charges never decrease as asOf moves forward", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { receivable, dueDate, terms } = build(s);
        const earlier = computeCharges(receivable, terms(addDays(dueDate, s.days1)));
        const later = computeCharges(receivable, terms(addDays(dueDate, s.days1 + s.extra)));
        for (const key of ["correction", "fine", "interest", "total"] as const) expect(cents(later[key]) >= cents(earlier[key])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("charges nothing when paid by the effective due date; the fine does not depend on the days", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { receivable, dueDate, terms } = build({ ...s, withIndex: false });
        const effective = nextBusinessDay(dueDate);
        const onTime = computeCharges(receivable, terms(effective));
        expect(onTime.total).toBe(onTime.principal);
        expect([onTime.fine, onTime.interest, onTime.correction]).toEqual(["0.00", "0.00", "0.00"]);
        const late1 = computeCharges(receivable, terms(addDays(effective, 1 + Math.max(0, s.days1))));
        const late2 = computeCharges(receivable, terms(addDays(effective, 1 + Math.max(0, s.days1) + s.extra)));
        expect(late1.fine).toBe(late2.fine);
      }),
      { numRuns: 1000 },
    );
  });

  it("simple interest is linear in days: exactly ⌊base × rate/30 × days⌋ to the cent (BigInt oracle)", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { receivable, dueDate, terms } = build({ ...s, withIndex: false, dayCount: "30", compounding: "simple", rounding: "down" });
        const effective = nextBusinessDay(dueDate);
        const asOf = addDays(effective, 1 + Math.max(0, s.days1));
        const c = computeCharges(receivable, terms(asOf));
        const expected = (BigInt(s.amountCents) * BigInt(s.rateScaled) * BigInt(c.daysLate)) / (30n * 100n * 10_000n);
        expect(cents(c.interest)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("correction with an empty or all-zero series is the identity", () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), (s, empty) => {
        const { receivable, dueDate, terms } = build({ ...s, withIndex: false });
        const asOf = addDays(dueDate, Math.max(0, s.days1));
        const index = empty ? [] : Array.from({ length: 120 }, (_, i) => ({ month: addMonths(dueDate, i).slice(0, 7), percent: "0" }));
        const plain = computeCharges(receivable, terms(asOf));
        const corrected = computeCharges(receivable, { ...terms(asOf), correction: { index } });
        expect({ ...corrected, indexMonths: [], correctionFactor: "1" }).toEqual(plain);
        expect(corrected.correction).toBe("0.00");
      }),
      { numRuns: 1000 },
    );
  });

  it("never mutates its inputs", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { receivable, dueDate, terms } = build(s);
        const t = terms(addDays(dueDate, 100));
        const before = snapshot([receivable, t]);
        computeCharges(receivable, t);
        expect([receivable, t]).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("computeCharges: bad input names the field", () => {
  const r: ReceivableInput = { id: "t", amount: "100.00", dueDate: "2026-01-10" };
  const t: ChargeTermsInput = { asOf: "2026-03-10", finePercent: "2", monthlyInterestPercent: "1" };

  it.each<[string, ReceivableInput, ChargeTermsInput, string, string]>([
    ["a negative amount", { ...r, amount: "-100.00" }, t, "receivable.amount", "money.not_positive"],
    ["a 10% fine for a consumer (CDC art. 52 §1)", r, { ...t, finePercent: "10" }, "terms.finePercent", "charges.fine_cap"],
    ["a fixed fine above 2% for a consumer", r, { ...t, finePercent: undefined, fineAmount: "5.00" }, "terms.fineAmount", "charges.fine_cap"],
    ["a rate of \"abc\"", r, { ...t, monthlyInterestPercent: "abc" }, "terms.monthlyInterestPercent", "decimal.format"],
    ["a negative rate", r, { ...t, monthlyInterestPercent: "-1" }, "terms.monthlyInterestPercent", "too_small"],
    ["no rate at all", r, { asOf: "2026-03-10" }, "terms.monthlyInterestPercent", "charges.one_of"],
    ["both a fine percent and a fine value", r, { ...t, fineAmount: "1.00" }, "terms.fineAmount", "charges.one_of"],
    ["a series with a gap", r, { ...t, correction: { index: [{ month: "2026-01", percent: "0.5" }] } }, "terms.correction.index", "charges.index_missing"],
    ["a month twice", r, { ...t, correction: { index: [{ month: "2026-01", percent: "0.5" }, { month: "2026-01", percent: "0.4" }, { month: "2026-02", percent: "0.1" }] } }, "terms.correction.index[1].month", "charges.index_duplicate"],
    ["a bad month", r, { ...t, correction: { index: [{ month: "2026-13", percent: "0.5" }] } }, "terms.correction.index[0].month", "month.format"],
    ["an unknown key", r, { ...t, finePercentage: "2" } as ChargeTermsInput, "terms.finePercentage", "unknown_key"],
    ["an impossible date", r, { ...t, asOf: "2026-02-30" }, "terms.asOf", "date.impossible"],
  ])("%s", (_name, receivable, terms, path, code) => {
    expectIssue(() => computeCharges(receivable, terms), path, code);
  });

  it("names the missing month and lists every problem at once", () => {
    const issues = issuesOf(() => computeCharges({ ...r, amount: "0" }, { ...t, finePercent: "3", correction: { index: [{ month: "2026-01", percent: "1" }] } }));
    expect(issues.map((i) => i.path)).toEqual(["receivable.amount", "terms.finePercent"]);
    const gap = issuesOf(() => computeCharges(r, { ...t, correction: { index: [{ month: "2026-01", percent: "1" }] } }));
    expect(gap[0]?.message).toContain("2026-02");
  });
});
