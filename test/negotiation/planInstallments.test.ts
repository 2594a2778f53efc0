import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planInstallments, type PlanTerms } from "credit-block";
import { expectIssue, snapshot } from "../support/expectError.js";

const cents = (m: string): bigint => BigInt(m.replace(".", ""));
const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

describe("planInstallments: worked examples", () => {
  it("the TSDoc example", () => {
    const plan = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" });
    expect(plan.installments.map((i) => i.payment)).toEqual(["346.75", "346.75", "346.76"]);
    expect(plan.totalInterest).toBe("40.26");
  });

  it("SAC, Brasil Escola: R$ 70.000 in 120 installments at 2% a.m.", () => {
    // https://brasilescola.uol.com.br/tire-duvidas/um-emprestimo-para-comprar-de-um-imovel-de-7000000-deve-se/312005.html
    const plan = planInstallments({ principal: "70000.00", count: 120, monthlyRatePercent: "2", system: "sac", firstDueDate: "2026-12-10" });
    expect(plan.installments.slice(0, 3).map((i) => [i.amortization, i.interest, i.balance])).toEqual([
      ["583.33", "1400.00", "69416.67"],
      ["583.33", "1388.33", "68833.34"],
      ["583.33", "1376.67", "68250.01"],
    ]);
  });

  it("Price: R$ 10.000 in 4 installments at 10% a.m. → R$ 3.154,71, R$ 2.618,83 of interest", () => {
    // Simulation table "Financiamento Price" (https://pt.scribd.com/document/622149570/Tabelas-Simulacao-Financiamento-de-Apartamento);
    // PMT = PV·i/(1−(1+i)^−n) as in the BCB Calculadora do Cidadão methodology.
    const plan = planInstallments({ principal: "10000.00", count: 4, monthlyRatePercent: "10", system: "price", firstDueDate: "2026-12-10" });
    expect(plan.installments.slice(0, 3).map((i) => i.payment)).toEqual(["3154.71", "3154.71", "3154.71"]);
    expect(plan.installments.map((i) => i.interest)).toEqual(["1000.00", "784.53", "547.51", "286.79"]);
    expect(plan.totalInterest).toBe("2618.83");
    expect(plan.installments[3]?.balance).toBe("0.00");
  });

  it("Price: the classic R$ 1.000 at 1% a.m. in 12 → R$ 88,85", () => {
    const plan = planInstallments({ principal: 1000, count: 12, monthlyRatePercent: 1, system: "price", firstDueDate: "2027-01-31" });
    expect(plan.installments[0]?.payment).toBe("88.85");
    expect(plan.installments.map((i) => i.dueDate).slice(0, 4)).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"]);
    expect(plan.yearlyRatePercent).toBe("12.6825");
  });

  it("no interest: equal parts, remainder on the last (or first), every 30 days if asked", () => {
    const plan = planInstallments({ principal: "100.00", downPayment: "10.00", count: 7, system: "none", firstDueDate: "2026-12-01", interval: { days: 30 } });
    expect(plan.installments.map((i) => i.payment)).toEqual(["12.85", "12.85", "12.85", "12.85", "12.85", "12.85", "12.90"]);
    expect(plan.installments.map((i) => i.dueDate).slice(0, 3)).toEqual(["2026-12-01", "2026-12-31", "2027-01-30"]);
    expect(plan.totalPaid).toBe("100.00");
    expect(planInstallments({ principal: "100.00", count: 3, system: "none", firstDueDate: "2026-12-01", remainderTo: "first" }).installments[0]?.payment).toBe("33.34");
  });
});

describe("planInstallments: properties", () => {
  const terms = fc.record({
    principal: fc.integer({ min: 1000, max: 100_000_000 }),
    downShare: fc.integer({ min: 0, max: 90 }),
    count: fc.integer({ min: 1, max: 120 }),
    ratePerTenThousand: fc.integer({ min: 1, max: 800 }), // 0.01% … 8% a.m.
    system: fc.constantFrom("price" as const, "sac" as const, "none" as const),
    rounding: fc.constantFrom("half-up" as const, "half-even" as const, "down" as const, "up" as const),
  }).filter((t) => t.principal - Math.floor((t.principal * t.downShare) / 100) >= t.count * 100).map((t): PlanTerms => ({
    principal: money(t.principal),
    downPayment: money(Math.floor((t.principal * t.downShare) / 100)),
    count: t.count,
    monthlyRatePercent: (t.ratePerTenThousand / 100).toString(),
    system: t.system,
    rounding: t.rounding,
    firstDueDate: "2026-12-23",
  }));

  it("down payment + installments = total paid, and amortizations = financed, to the cent, in every system", () => {
    fc.assert(fc.property(terms, (t) => {
      const plan = planInstallments(t);
      const sum = (key: "payment" | "amortization" | "interest") => plan.installments.reduce((s, i) => s + cents(i[key]), 0n);
      expect(cents(plan.downPayment) + sum("payment")).toBe(cents(plan.totalPaid));
      expect(sum("amortization")).toBe(cents(plan.financed));
      expect(cents(plan.downPayment) + cents(plan.financed)).toBe(cents(String(t.principal)));
      expect(sum("interest")).toBe(cents(plan.totalInterest));
      expect(plan.installments.at(-1)?.balance).toBe("0.00");
      for (const i of plan.installments) expect(cents(i.payment)).toBe(cents(i.interest) + cents(i.amortization));
    }), { numRuns: 1000 });
  });

  it("Price payments are equal except the last, which differs by less than the number of installments in cents", () => {
    // half-up and half-even: the market's modes for plans (directed rounding drifts by up to a cent a period)
    fc.assert(fc.property(terms.filter((t) => t.system === "price" && t.count > 1 && (t.rounding === "half-up" || t.rounding === "half-even")), (t) => {
      const payments = planInstallments(t).installments.map((i) => cents(i.payment));
      const first = payments[0] as bigint;
      for (const p of payments.slice(0, -1)) expect(p).toBe(first);
      const diff = (payments.at(-1) as bigint) - first;
      expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(t.count));
    }), { numRuns: 1000 });
  });

  it("SAC amortization is constant except the last", () => {
    fc.assert(fc.property(terms.filter((t) => t.system === "sac" && t.count > 1), (t) => {
      const a = planInstallments(t).installments.map((i) => i.amortization);
      for (const x of a.slice(0, -1)) expect(x).toBe(a[0]);
    }), { numRuns: 1000 });
  });

  it("discounting a Price schedule at its own rate gives back the principal within cents", () => {
    fc.assert(fc.property(terms.filter((t) => t.system === "price"), (t) => {
      const plan = planInstallments(t);
      const i = Number(t.monthlyRatePercent) / 100;
      // float here is only the test's oracle, compared with a tolerance of n cents
      const pv = plan.installments.reduce((s, line, k) => s + Number(line.payment) / (1 + i) ** (k + 1), 0);
      expect(Math.abs(pv - Number(plan.financed))).toBeLessThanOrEqual(plan.installments.length * 0.01 + 1e-6);
    }), { numRuns: 1000 });
  });

  it("never mutates its input", () => {
    fc.assert(fc.property(terms, (t) => {
      const before = snapshot(t);
      planInstallments(t);
      expect(t).toEqual(before);
    }), { numRuns: 200 });
  });
});

describe("planInstallments: bad input names the field", () => {
  const base: PlanTerms = { principal: "1000.00", count: 10, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-10" };
  it.each<[string, PlanTerms, string, string]>([
    ["zero installments", { ...base, count: 0 }, "count", "too_small"],
    ["a down payment above the debt", { ...base, downPayment: "1500.00" }, "downPayment", "plan.down_payment"],
    ["a negative rate", { ...base, monthlyRatePercent: "-1" }, "monthlyRatePercent", "too_small"],
    ["no rate for Price", { ...base, monthlyRatePercent: undefined }, "monthlyRatePercent", "plan.rate_required"],
    ["an impossible first date", { ...base, firstDueDate: "2026-02-30" }, "firstDueDate", "date.impossible"],
    ["more installments than cents", { ...base, principal: "0.05" }, "count", "plan.too_small"],
    ["an unknown key", { ...base, parcelas: 3 } as PlanTerms, "parcelas", "unknown_key"],
  ])("%s", (_name, t, path, code) => {
    expectIssue(() => planInstallments(t), path, code);
  });
});
