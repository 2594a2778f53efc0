import * as z from "zod/mini";
import { addDays, addMonths, dayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { allocate } from "../money/allocate.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { MoneyDecimal } from "../money/decimal.js";
import { roundDec, ROUNDING_MODES, type RoundingMode } from "../money/rounding.js";
import { decToMoney, moneyDec, type Money, type MoneyInput } from "../money/toMoney.js";
import { addIssue, fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { CurrencyFieldSchema, ISODateSchema, MoneyTextSchema, PercentSchema, wholeNumber } from "../schemas/primitives.js";

/** One installment (parcela) of a plan. */
export interface Installment {
  readonly number: number;
  readonly dueDate: ISODate;
  readonly payment: Money;
  readonly interest: Money;
  readonly amortization: Money;
  /** Balance still owed after this payment. */
  readonly balance: Money;
}

/**
 * An installment plan with the disclosures CDC art. 54-B asks of a credit offer
 * (https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm): the monthly and yearly
 * effective rates, the totals with and without financing, the total interest.
 */
export interface InstallmentPlan {
  readonly system: "price" | "sac" | "none";
  readonly downPayment: Money;
  readonly financed: Money;
  readonly installments: Installment[];
  /** Down payment + every installment. */
  readonly totalPaid: Money;
  readonly totalInterest: Money;
  /** What the customer would pay without financing: the principal. */
  readonly totalWithoutFinancing: Money;
  /**
   * The monthly rate applied, in percent: as given, or the equivalent of `yearlyRatePercent`,
   * `((1 + a)^(1/12) − 1) × 100`, shown to 6 decimals (the computation uses it unrounded).
   */
  readonly monthlyRatePercent: string;
  /** `((1 + i)^12 − 1) × 100`, 4 decimals. */
  readonly yearlyRatePercent: string;
  /** The contract date the first period runs from, or null (then the first period is one period). */
  readonly startDate: ISODate | null;
  /**
   * Length of the first period in installment periods (months for a monthly plan), 6 decimals:
   * `"1"` without `startDate`, e.g. `"1.5"` for 45 days from the contract to the first due date.
   */
  readonly firstPeriod: string;
}

const PlanSchema = z
  .strictObject({
    principal: MoneyTextSchema,
    downPayment: z.optional(MoneyTextSchema),
    count: wholeNumber(1, 420),
    monthlyRatePercent: z.optional(PercentSchema),
    yearlyRatePercent: z.optional(PercentSchema),
    system: z.enum(["price", "sac", "none"]),
    firstDueDate: ISODateSchema,
    startDate: z.optional(ISODateSchema),
    interval: z.optional(z.union([z.strictObject({ months: wholeNumber(1, 12) }), z.strictObject({ days: wholeNumber(1, 366) })])),
    rounding: z.optional(z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]])),
    remainderTo: z.optional(z.enum(["last", "first"])),
    currency: CurrencyFieldSchema,
  })
  .check(
    z.superRefine(
      (t, ctx) => {
        // With `when`, this runs even when a field failed (so every problem is listed at once),
        // and even on a value that is not an object.
        if (typeof t !== "object" || (t as unknown) === null) return;
        const rates = Number(t.monthlyRatePercent !== undefined) + Number(t.yearlyRatePercent !== undefined);
        if (rates === 2) addIssue(ctx, "plan.rate_both", {}, ["yearlyRatePercent"]);
        else if (rates === 0 && (t.system === "price" || t.system === "sac")) addIssue(ctx, "plan.rate_required", { system: t.system }, ["monthlyRatePercent"]);
      },
      { when: () => true },
    ),
  );

/** Terms of {@link planInstallments}. */
export type PlanTerms = z.input<typeof PlanSchema> & { readonly principal: MoneyInput; readonly downPayment?: MoneyInput };

/**
 * Splits a debt into installments:
 *
 * - `"price"` (Tabela Price, constant payment): `PMT = PV·i / (1 − (1+i)^−n)`; each period's
 *   interest is `round(balance × i)` on the contract balance, the amortization is
 *   `PMT − interest`, and the last installment is the remaining balance plus its interest, so
 *   the lines always close.
 * - `"sac"` (constant amortization): `A = PV / n` rounded, interest on the outstanding balance,
 *   decreasing payments; the last amortization takes the leftover cents.
 * - `"none"`: equal parts without interest, remainder on the last part ("a prática normal do
 *   mercado"; `remainderTo: "first"` for stores that do it the other way).
 *
 * **Rate.** `monthlyRatePercent` (% a.m.), or `yearlyRatePercent` (% a.a.) converted to the
 * equivalent monthly rate `(1 + a)^(1/12) − 1` (compound equivalence, as the BCB Calculadora do
 * Cidadão and the CET of Res. CMN 4.881/2020 treat an effective yearly rate): exactly one of them;
 * both is an error at `yearlyRatePercent`. The rate applies per installment period, as before.
 *
 * **First period (`startDate`).** Without it the first due date is one period (one month) after
 * the contract. With the contract date `startDate` (on or before `firstDueDate`) the first period
 * is pro rata, compounded: its factor is `(1+i)^t₁` with `t₁` = whole periods counted back from
 * the first due date (by the same month-end clamping the due dates use) + the remaining calendar
 * days ÷ 30 (÷ the period's days for `interval.days`). That is the "juros pro rata die" of market
 * financing with carência, and the exponent the CET counts from the contract date to each due date
 * (Res. CMN 3.517/2007, now Res. CMN 4.881/2020: each flow discounted by the days from the
 * contract date). Whole months are counted as calendar months, not as 30 days, so that a contract
 * exactly one month before the first due date gives the same plan as no `startDate` (and Jan 31 →
 * Feb 28 is one month, as for the due dates); only the leftover days use the 30-day commercial
 * month, the base the library uses for every pro rata. Then `t_k = t₁ + (k − 1)` and the Price
 * payment is `PV / Σ (1+i)^−t_k` (= the formula above × `(1+i)^(t₁−1)`), so the balance closes
 * at zero; the first period's interest is `round(PV × ((1+i)^t₁ − 1))` (Price and SAC). A
 * `startDate` equal to the first due date is a first payment at signing (`t₁ = 0`: `PMT/(1+i)`).
 * A long carência may make the first interest exceed the payment: that line's amortization is
 * negative (the capitalised carência interest, shown as it is).
 *
 * Payments and each period's interest are rounded to the cent (`half-up` by default, the market
 * convention; `rounding` to change). Due dates are monthly from `firstDueDate` with month-end
 * clamping (each date from the first one, so Jan 31 → Feb 28 → Mar 31), or every
 * `interval.days` days. Formulas: BCB, "Calculadora do Cidadão" and its methodology
 * (https://www3.bcb.gov.br/CALCIDADAO/publico/exibirMetodologiaFinanciamentoPrestacoesFixas.do?method=exibirMetodologiaFinanciamentoPrestacoesFixas).
 *
 * @example
 * ```ts
 * const plan = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" });
 * plan.installments.map((i) => i.payment); // ["346.75", "346.75", "346.76"]
 * plan.totalInterest;                      // "40.26"
 *
 * // 20% a.a. = 1.530947% a.m.: R$ 10.000,00 in 12 → R$ 918,57
 * planInstallments({ principal: "10000.00", count: 12, yearlyRatePercent: "20", system: "price", firstDueDate: "2027-01-10" }).installments[0]?.payment; // "918.57"
 *
 * // Contract on 2026-11-23, first due date a month and 15 days later (2027-01-08): the first
 * // period is 1 + 15/30 = 1.5 months, factor 1.02^1.5; PMT = 1000 / Σ 1.02^−(1.5, 2.5, 3.5).
 * const late = planInstallments({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", startDate: "2026-11-23", firstDueDate: "2027-01-08" });
 * late.firstPeriod;                        // "1.5"
 * late.installments.map((i) => i.payment); // ["350.21", "350.21", "350.20"]
 * ```
 */
export function planInstallments(terms: PlanTerms): InstallmentPlan {
  const parsed = safeParseReporting(PlanSchema, terms);
  if (!parsed.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(parsed.error.issues));
  const t = parsed.data;
  const currency = t.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "currency");
  const principal = moneyDec(t.principal, currency, "principal");
  const down = t.downPayment === undefined ? new MoneyDecimal(0) : moneyDec(t.downPayment, currency, "downPayment");
  const problems = [];
  if (!principal.greaterThan(0)) problems.push(issue("principal", "money.not_positive", { value: decToMoney(principal, digits) }));
  if (down.isNegative()) problems.push(issue("downPayment", "money.negative", { value: decToMoney(down, digits) }));
  else if (down.greaterThanOrEqualTo(principal) && principal.greaterThan(0)) problems.push(issue("downPayment", "plan.down_payment", { down: decToMoney(down, digits), principal: decToMoney(principal, digits) }));
  if (t.startDate !== undefined && t.startDate > t.firstDueDate) problems.push(issue("startDate", "plan.start_after_first_due", { start: t.startDate, first: t.firstDueDate }));
  const financed = principal.minus(down);
  const unit = new MoneyDecimal(1).div(10 ** digits);
  if (problems.length === 0 && financed.lessThan(unit.times(t.count))) problems.push(issue("count", "plan.too_small", { count: t.count, financed: decToMoney(financed, digits) }));
  if (problems.length > 0) throw new CreditBlockError("INVALID_INPUT", problems);

  const rate = t.yearlyRatePercent !== undefined
    ? new MoneyDecimal(t.yearlyRatePercent).div(100).plus(1).pow(new MoneyDecimal(1).div(12)).minus(1)
    : new MoneyDecimal(t.monthlyRatePercent ?? 0).div(100);
  const mode: RoundingMode = t.rounding ?? "half-up";
  const interval = t.interval ?? { months: 1 };
  const dueDate = (k: number): ISODate => ("months" in interval ? addMonths(t.firstDueDate, k * interval.months) : addDays(t.firstDueDate, k * interval.days));
  dayNumber(dueDate(t.count - 1), "count"); // the last date must exist in the calendar
  const first = t.startDate === undefined ? new MoneyDecimal(1) : firstPeriod(t.startDate, t.firstDueDate, interval);
  // Rate of the first period: (1+i)^t₁ − 1; exactly i when t₁ = 1, so the plan is then the same
  // as without a start date, digit for digit.
  const firstRate = first.equals(1) ? rate : rate.plus(1).pow(first).minus(1);

  const lines: Installment[] = [];
  const money = (d: MoneyDecimal): Money => decToMoney(d, digits);
  if (t.system === "none" || rate.isZero()) {
    const parts = allocate(money(financed), t.count, { remainderTo: t.remainderTo ?? "last", currency });
    let balance = financed;
    parts.forEach((part, k) => {
      balance = balance.minus(part);
      lines.push({ number: k + 1, dueDate: dueDate(k), payment: part, interest: money(new MoneyDecimal(0)), amortization: part, balance: money(balance) });
    });
  } else if (t.system === "price") {
    // PV / Σ_{k=0}^{n−1} (1+i)^−(t₁+k) = PV·i/(1 − (1+i)^−n) · (1+i)^(t₁−1).
    const regularPmt = financed.times(rate).div(new MoneyDecimal(1).minus(rate.plus(1).pow(-t.count)));
    const exactPmt = first.equals(1) ? regularPmt : regularPmt.times(rate.plus(1).pow(first.minus(1)));
    const pmt = roundDec(exactPmt, mode, digits);
    let balance = financed;
    // Interest accrues on the contract's exact balance, so cent roundings do not compound over
    // the term: the last installment then differs from the others by less than n cents.
    let exactBalance = financed;
    for (let k = 0; k < t.count; k++) {
      const periodRate = k === 0 ? firstRate : rate;
      const interest = roundDec(exactBalance.times(periodRate), mode, digits);
      exactBalance = exactBalance.times(periodRate.plus(1)).minus(exactPmt);
      const last = k === t.count - 1;
      const amortization = last ? balance : pmt.minus(interest);
      balance = balance.minus(amortization);
      lines.push({ number: k + 1, dueDate: dueDate(k), payment: money(amortization.plus(interest)), interest: money(interest), amortization: money(amortization), balance: money(balance) });
    }
  } else {
    let amortization = roundDec(financed.div(t.count), mode, digits);
    // Rounding up must not leave the last amortization negative: fall back to truncation.
    if (amortization.times(t.count - 1).greaterThan(financed)) amortization = roundDec(financed.div(t.count), "down", digits);
    let balance = financed;
    for (let k = 0; k < t.count; k++) {
      const interest = roundDec(balance.times(k === 0 ? firstRate : rate), mode, digits);
      const a = k === t.count - 1 ? balance : amortization;
      balance = balance.minus(a);
      lines.push({ number: k + 1, dueDate: dueDate(k), payment: money(a.plus(interest)), interest: money(interest), amortization: money(a), balance: money(balance) });
    }
  }
  const totalInterest = lines.reduce((s, l) => s.plus(l.interest), new MoneyDecimal(0));
  const totalPaid = lines.reduce((s, l) => s.plus(l.payment), down);
  return {
    system: t.system,
    downPayment: money(down),
    financed: money(financed),
    installments: lines,
    totalPaid: money(totalPaid),
    totalInterest: money(totalInterest),
    totalWithoutFinancing: money(principal),
    monthlyRatePercent: t.yearlyRatePercent !== undefined ? rate.times(100).toDecimalPlaces(6, MoneyDecimal.ROUND_HALF_UP).toString() : rate.times(100).toString(),
    yearlyRatePercent: rate.plus(1).pow(12).minus(1).times(100).toDecimalPlaces(4, 4).toFixed(4),
    startDate: t.startDate ?? null,
    firstPeriod: first.toDecimalPlaces(6, MoneyDecimal.ROUND_HALF_UP).toString(),
  };
}

/**
 * The first period, from the contract date to the first due date, in installment periods: whole
 * periods counted back from the first due date (`addMonths` with month-end clamping, as the due
 * dates are made) plus the leftover calendar days ÷ 30 per month (÷ N for an N-day interval).
 */
function firstPeriod(startDate: ISODate, firstDueDate: ISODate, interval: { months: number } | { days: number }): MoneyDecimal {
  const startDay = dayNumber(startDate, "startDate");
  const firstDay = dayNumber(firstDueDate, "firstDueDate");
  if (!("months" in interval)) return new MoneyDecimal(firstDay - startDay).div(interval.days);
  const step = interval.months;
  const monthsApart = (Number(firstDueDate.slice(0, 4)) - Number(startDate.slice(0, 4))) * 12 + (Number(firstDueDate.slice(5, 7)) - Number(startDate.slice(5, 7)));
  // j·step months back from the first due date lands in the start's month or later, so the date
  // exists; one more step would land before the start's month, hence before the start.
  let whole = Math.floor(monthsApart / step);
  while (whole > 0 && dayNumber(addMonths(firstDueDate, -whole * step), "startDate") < startDay) whole--;
  const anchor = dayNumber(addMonths(firstDueDate, -whole * step), "startDate");
  return new MoneyDecimal(whole).plus(new MoneyDecimal(anchor - startDay).div(30 * step));
}
