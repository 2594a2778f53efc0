import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { addDays, addMonths, planInstallments, type InstallmentPlan, type PlanTerms } from "credit-block";
import { expectIssue, snapshot } from "../support/expectError.js";

/**
 * Issue #14 item 9: a contract date (`startDate`) makes the first period pro rata,
 * `(1+i)^t₁` compounded; a yearly rate is converted to the equivalent monthly one.
 */
const X = Decimal.clone({ precision: 60 });
const cents = (m: string): bigint => BigInt(m.replace(".", ""));
const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
/** Independent oracle: PMT = PV / Σ (1+i)^−t_k, rounded half-up to the cent. */
const oraclePmt = (pv: string, monthlyRate: Decimal.Value, times: Decimal.Value[]): string => {
  const g = new X(monthlyRate).plus(1);
  const sum = times.reduce((s: Decimal, t) => s.plus(g.pow(new X(t).neg())), new X(0));
  return new X(pv).div(sum).toFixed(2, Decimal.ROUND_HALF_UP);
};
/** The plan without the fields that only say how it was asked for. */
const lines = (p: InstallmentPlan) => ({ ...p, startDate: undefined, firstPeriod: undefined });

describe("planInstallments: yearly rate", () => {
  it("20% a.a. is 1.530947% a.m. and R$ 10.000,00 in 12 Price installments is R$ 918,57", () => {
    // (1.20)^(1/12) − 1 = 1.5309470…% (compound equivalence; "20% a.a. equivale a 1,53% a.m.",
    // https://www.passeidireto.com/pergunta/139948293); PMT = PV·i/(1−(1+i)^−12) = 918.5682…
    const plan = planInstallments({ principal: "10000.00", count: 12, yearlyRatePercent: "20", system: "price", firstDueDate: "2027-01-10" });
    expect(plan.monthlyRatePercent).toBe("1.530947");
    expect(plan.yearlyRatePercent).toBe("20.0000");
    expect(plan.installments.slice(0, 11).every((i) => i.payment === "918.57")).toBe(true);
    expect(plan.installments[0]?.interest).toBe("153.09");
    expect(plan.installments[11]?.balance).toBe("0.00");
    const i = new X("1.2").pow(new X(1).div(12)).minus(1);
    expect(oraclePmt("10000", i, Array.from({ length: 12 }, (_, k) => k + 1))).toBe("918.57");
  });

  it("works with SAC and with startDate; 0% a.a. is no interest", () => {
    const sac = planInstallments({ principal: "1200.00", count: 12, yearlyRatePercent: 20, system: "sac", firstDueDate: "2027-01-10" });
    expect(sac.installments[0]).toMatchObject({ amortization: "100.00", interest: "18.37" }); // 1200 × 1.530947%
    expect(planInstallments({ principal: "100.00", count: 4, yearlyRatePercent: "0", system: "price", firstDueDate: "2027-01-10" }).totalInterest).toBe("0.00");
  });

  it("exactly one of monthlyRatePercent and yearlyRatePercent", () => {
    const base = { principal: "100.00", count: 2, system: "price" as const, firstDueDate: "2027-01-10" };
    expectIssue(() => planInstallments({ ...base, monthlyRatePercent: "1", yearlyRatePercent: "12" }), "yearlyRatePercent", "plan.rate_both");
    expectIssue(() => planInstallments(base), "monthlyRatePercent", "plan.rate_required");
    expectIssue(() => planInstallments({ ...base, yearlyRatePercent: "-1" }), "yearlyRatePercent", "too_small");
    // Both at once is reported together with the other problems.
    expectIssue(() => planInstallments({ ...base, count: 0, monthlyRatePercent: "1", yearlyRatePercent: "12" }), "yearlyRatePercent", "plan.rate_both");
  });
});

describe("planInstallments: startDate (contract date)", () => {
  it("carência of 3 months: R$ 30.000 at 2% a.m. in 15 → R$ 2.477,67 (interest capitalised, then Price)", () => {
    // Published exercise: 30000 × 1.02³ = 31836.24 financed over 15 months → PMT 2477.67
    // (https://oestudo.com/p/joao-esta-adquirindo-um-emprestimo-de-r-30-000-00-com-uma-37042497).
    // Contract 4 months before the first due date: t₁ = 4.
    const plan = planInstallments({ principal: "30000.00", count: 15, monthlyRatePercent: "2", system: "price", startDate: "2026-01-10", firstDueDate: "2026-05-10" });
    expect(plan.firstPeriod).toBe("4");
    expect(plan.installments[0]).toMatchObject({ payment: "2477.67", interest: "2472.96" }); // 30000 × (1.02⁴ − 1)
    expect(plan.installments.at(-1)?.balance).toBe("0.00");
  });

  it("a month and 15 days to the first due date: t₁ = 1.5, PMT = PV / Σ 1.02^−(1.5, 2.5, 3.5)", () => {
    const plan = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", startDate: "2026-11-23", firstDueDate: "2027-01-08" });
    expect(plan.firstPeriod).toBe("1.5");
    expect(plan.startDate).toBe("2026-11-23");
    expect(plan.installments.map((i) => i.payment)).toEqual(["350.21", "350.21", "350.20"]);
    expect(oraclePmt("1000", "0.02", ["1.5", "2.5", "3.5"])).toBe("350.21");
    expect(plan.installments[0]?.interest).toBe(new X(1000).times(new X("1.02").pow("1.5").minus(1)).toFixed(2, Decimal.ROUND_HALF_UP)); // 30.15
  });

  it("less than a month: t₁ = days / 30 (20 days → 2/3)", () => {
    const plan = planInstallments({ principal: "1000.00", count: 2, monthlyRatePercent: "3", system: "price", startDate: "2026-12-01", firstDueDate: "2026-12-21" });
    expect(plan.firstPeriod).toBe("0.666667");
    expect(plan.installments[0]?.payment).toBe(oraclePmt("1000", "0.03", [new X(2).div(3), new X(5).div(3)]));
  });

  it("whole months are calendar months, with the month-end clamping of the due dates", () => {
    const t1 = (startDate: string, firstDueDate: string) => planInstallments({ principal: "100.00", count: 2, monthlyRatePercent: "1", system: "price", startDate, firstDueDate }).firstPeriod;
    expect(t1("2027-02-28", "2027-03-31")).toBe("1"); // addMonths(Mar 31, −1) = Feb 28
    expect(t1("2026-12-31", "2027-01-31")).toBe("1");
    // Counted back from the due date: Feb 28 − 1 month = Jan 28, so Jan 31 is 28 days before,
    // less than a month (forward, Jan 31 + 1 month would clamp to Feb 28). Of the two readings the
    // one that counts less interest is kept (CDC art. 47: the reading more favourable to the consumer).
    expect(t1("2027-01-31", "2027-02-28")).toBe("0.933333");
    expect(t1("2027-03-01", "2027-03-31")).toBe("1"); // 30 days, not yet a calendar month back (Feb 28)
    expect(t1("2027-01-01", "2027-03-31")).toBe("3"); // back 2 months to Jan 31, then 30 days to Jan 1: 2 + 30/30
    expect(t1("2027-01-10", "2027-03-31")).toBe("2.7"); // 2 months to Jan 31, then 21 days: 2 + 21/30
  });

  it("a contract on the first due date is a first payment at signing: PMT/(1+i), no interest in the first line", () => {
    const regular = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" });
    const atSigning = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", startDate: "2026-12-23", firstDueDate: "2026-12-23" });
    expect(atSigning.firstPeriod).toBe("0");
    expect(atSigning.installments[0]).toMatchObject({ interest: "0.00", payment: oraclePmt("1000", "0.02", [0, 1, 2]) });
    expect(regular.installments[0]?.payment).toBe("346.75");
    // PMT/(1+i) of the exact regular payment (BRAZIL.md §5: a first payment at signing).
    const exactRegular = new X(1000).times("0.02").div(new X(1).minus(new X("1.02").pow(-3)));
    expect(atSigning.installments[0]?.payment).toBe(exactRegular.div("1.02").toFixed(2, Decimal.ROUND_HALF_UP)); // 339.96
  });

  it("SAC: only the first period's interest changes", () => {
    const plain = planInstallments({ principal: "1200.00", count: 3, monthlyRatePercent: "2", system: "sac", firstDueDate: "2027-01-08" });
    const late = planInstallments({ principal: "1200.00", count: 3, monthlyRatePercent: "2", system: "sac", startDate: "2026-11-23", firstDueDate: "2027-01-08" });
    expect(late.installments[0]?.interest).toBe("36.18"); // 1200 × (1.02^1.5 − 1) = 36.178…
    expect(late.installments.slice(1)).toEqual(plain.installments.slice(1));
  });

  it("refuses a contract date after the first due date, or not a date, naming startDate", () => {
    const base = { principal: "100.00", count: 2, monthlyRatePercent: "1", system: "price" as const, firstDueDate: "2027-01-10" };
    expectIssue(() => planInstallments({ ...base, startDate: "2027-01-11" }), "startDate", "plan.start_after_first_due");
    expectIssue(() => planInstallments({ ...base, startDate: "2027-02-30" }), "startDate");
    expectIssue(() => planInstallments({ ...base, startDate: 20270110 as unknown as string }), "startDate");
  });

  it("an N-day interval counts the first period in days ÷ N", () => {
    const base = { principal: "900.00", count: 3, monthlyRatePercent: "2", system: "price" as const, firstDueDate: "2027-01-20", interval: { days: 30 } };
    expect(lines(planInstallments({ ...base, startDate: addDays(base.firstDueDate, -30) }))).toEqual(lines(planInstallments(base)));
    expect(planInstallments({ ...base, startDate: addDays(base.firstDueDate, -45) }).firstPeriod).toBe("1.5");
  });
});

describe("planInstallments with startDate: properties", () => {
  const terms = fc.record({
    principal: fc.integer({ min: 1000, max: 100_000_000 }),
    downShare: fc.integer({ min: 0, max: 90 }),
    count: fc.integer({ min: 1, max: 120 }),
    ratePerTenThousand: fc.integer({ min: 1, max: 800 }), // 0.01% … 8% a.m.
    system: fc.constantFrom("price" as const, "sac" as const, "none" as const),
    rounding: fc.constantFrom("half-up" as const, "half-even" as const, "down" as const, "up" as const),
    firstDueOffset: fc.integer({ min: 0, max: 3000 }),
    monthEnd: fc.boolean(),
    leadDays: fc.integer({ min: 0, max: 200 }),
  }).filter((t) => t.principal - Math.floor((t.principal * t.downShare) / 100) >= t.count * 100);
  type T = typeof terms extends fc.Arbitrary<infer U> ? U : never;
  const firstDue = (t: T): string => {
    const d = addDays("2026-01-01", t.firstDueOffset);
    return t.monthEnd ? addDays(addMonths(`${d.slice(0, 7)}-01`, 1), -1) : d; // the month's last day when asked
  };
  const planTerms = (t: T): PlanTerms => ({
    principal: money(t.principal), downPayment: money(Math.floor((t.principal * t.downShare) / 100)), count: t.count,
    monthlyRatePercent: (t.ratePerTenThousand / 100).toString(), system: t.system, firstDueDate: firstDue(t), rounding: t.rounding,
  });

  it("with startDate = firstDueDate − 1 month the plan equals the plan without startDate (month ends included)", () => {
    fc.assert(fc.property(terms, (t) => {
      const p = planTerms(t);
      const withStart = planInstallments({ ...p, startDate: addMonths(p.firstDueDate, -1) });
      expect(withStart.firstPeriod).toBe("1");
      expect(lines(withStart)).toEqual(lines(planInstallments(p)));
    }), { numRuns: 500 });
  });

  it("money is conserved with any startDate: down + installments = total paid, amortizations = financed, the last balance is zero", () => {
    fc.assert(fc.property(terms, (t) => {
      const p = planTerms(t);
      const input = { ...p, startDate: addDays(p.firstDueDate, -t.leadDays) };
      const before = snapshot(input);
      const plan = planInstallments(input);
      const sum = (k: "payment" | "amortization" | "interest") => plan.installments.reduce((s, i) => s + cents(i[k]), 0n);
      expect(sum("payment") + cents(plan.downPayment)).toBe(cents(plan.totalPaid));
      expect(sum("amortization")).toBe(cents(plan.financed));
      expect(sum("payment")).toBe(cents(plan.financed) + sum("interest"));
      expect(sum("interest")).toBe(cents(plan.totalInterest));
      expect(plan.installments.at(-1)?.balance).toBe("0.00");
      expect(cents(plan.downPayment) + cents(plan.financed)).toBe(BigInt(t.principal));
      expect(input).toEqual(before);
    }), { numRuns: 500 });
  });

  it("a Price payment is PV / Σ (1+i)^−t_k (independent oracle), the others equal it, and discounting the schedule at t_k gives back the financed amount within n cents", () => {
    fc.assert(fc.property(terms, (t) => {
      const p = { ...planTerms(t), system: "price" as const, rounding: "half-up" as const };
      const startDate = addDays(p.firstDueDate, -t.leadDays);
      const plan = planInstallments({ ...p, startDate });
      const t1 = new X(plan.firstPeriod);
      // firstPeriod is shown to 6 decimals; recompute t₁ exactly for the oracle when it is a clean day count.
      const i = new X(t.ratePerTenThousand).div(10_000);
      const times = plan.installments.map((_, k) => t1.plus(k));
      const pmt = new X(plan.installments[0]?.payment ?? "0");
      const oracle = new X(oraclePmt(plan.financed, i, times));
      // t₁ is shown rounded to 6 decimals (±5·10⁻⁷): the oracle's payment moves by at most
      // PMT·ln(1+i)·5·10⁻⁷ < PMT·10⁻⁶ for rates below 100% a.m., plus the cent of rounding.
      expect(pmt.minus(oracle).abs().lessThanOrEqualTo(oracle.times("1e-6").plus("0.01"))).toBe(true);
      for (const line of plan.installments.slice(0, -1)) expect(line.payment).toBe(plan.installments[0]?.payment);
      const last = new X(plan.installments.at(-1)?.payment ?? "0");
      expect(last.minus(pmt).abs().lessThanOrEqualTo(new X(t.count).div(100))).toBe(true);
      const pv = plan.installments.reduce((s: Decimal, line, k) => s.plus(new X(line.payment).div(i.plus(1).pow(times[k] ?? 0))), new X(0));
      expect(pv.minus(plan.financed).abs().lessThanOrEqualTo(new X(t.count).div(100).plus("0.01").plus(new X(plan.financed).times("1e-6")))).toBe(true);
    }), { numRuns: 100 }); // the 60-digit fractional powers of the oracle cost ~80 ms a run
  });

  it("an earlier contract date never lowers the first period, its interest or the regular payment", () => {
    fc.assert(fc.property(terms, fc.integer({ min: 0, max: 100 }), (t, extra) => {
      const p = { ...planTerms(t), system: t.system === "none" ? ("price" as const) : t.system };
      const later = planInstallments({ ...p, startDate: addDays(p.firstDueDate, -t.leadDays) });
      const earlier = planInstallments({ ...p, startDate: addDays(p.firstDueDate, -t.leadDays - extra) });
      expect(new X(earlier.firstPeriod).greaterThanOrEqualTo(later.firstPeriod)).toBe(true);
      expect(cents(earlier.installments[0]?.interest ?? "0") >= cents(later.installments[0]?.interest ?? "0")).toBe(true);
      if (p.system === "price" && t.count > 1) expect(cents(earlier.installments[0]?.payment ?? "0") >= cents(later.installments[0]?.payment ?? "0")).toBe(true);
    }), { numRuns: 500 });
  });

  it("yearlyRatePercent a gives back a to 4 decimals, and the same plan as its monthly equivalent written to 30 digits (within a cent)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 1, max: 60 }), (hundredths, count) => {
      const a = (hundredths / 100).toFixed(2);
      const plan = planInstallments({ principal: "10000.00", count, yearlyRatePercent: a, system: "price", firstDueDate: "2027-01-10" });
      expect(plan.yearlyRatePercent).toBe(new X(a).toFixed(4));
      const monthly = new X(a).div(100).plus(1).pow(new X(1).div(12)).minus(1).times(100).toDecimalPlaces(28).toString();
      const same = planInstallments({ principal: "10000.00", count, monthlyRatePercent: monthly, system: "price", firstDueDate: "2027-01-10" });
      expect(plan.installments[0]?.payment).toBe(same.installments[0]?.payment);
    }), { numRuns: 300 });
  });
});
