import * as z from "zod/mini";
import { addDays, addMonths, dayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { allocate } from "../money/allocate.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { D, type Dec } from "../money/decimal.js";
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
  readonly monthlyRatePercent: string;
  /** `((1 + i)^12 − 1) × 100`, 4 decimals. */
  readonly yearlyRatePercent: string;
}

const PlanSchema = z
  .strictObject({
    principal: MoneyTextSchema,
    downPayment: z.optional(MoneyTextSchema),
    count: wholeNumber(1, 420),
    monthlyRatePercent: z.optional(PercentSchema),
    system: z.enum(["price", "sac", "none"]),
    firstDueDate: ISODateSchema,
    interval: z.optional(z.union([z.strictObject({ months: wholeNumber(1, 12) }), z.strictObject({ days: wholeNumber(1, 366) })])),
    rounding: z.optional(z.enum(ROUNDING_MODES as [RoundingMode, ...RoundingMode[]])),
    remainderTo: z.optional(z.enum(["last", "first"])),
    currency: CurrencyFieldSchema,
  })
  .check(
    z.superRefine((t, ctx) => {
      if (t.system !== "none" && t.monthlyRatePercent === undefined) addIssue(ctx, "plan.rate_required", { system: t.system }, ["monthlyRatePercent"]);
    }),
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
 * ```
 */
export function planInstallments(terms: PlanTerms): InstallmentPlan {
  const parsed = safeParseReporting(PlanSchema, terms);
  if (!parsed.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(parsed.error.issues));
  const t = parsed.data;
  const currency = t.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "currency");
  const principal = moneyDec(t.principal, currency, "principal");
  const down = t.downPayment === undefined ? new D(0) : moneyDec(t.downPayment, currency, "downPayment");
  const problems = [];
  if (!principal.greaterThan(0)) problems.push(issue("principal", "money.not_positive", { value: decToMoney(principal, digits) }));
  if (down.isNegative()) problems.push(issue("downPayment", "money.negative", { value: decToMoney(down, digits) }));
  else if (down.greaterThanOrEqualTo(principal) && principal.greaterThan(0)) problems.push(issue("downPayment", "plan.down_payment", { down: decToMoney(down, digits), principal: decToMoney(principal, digits) }));
  const financed = principal.minus(down);
  const unit = new D(1).div(10 ** digits);
  if (problems.length === 0 && financed.lessThan(unit.times(t.count))) problems.push(issue("count", "plan.too_small", { count: t.count, financed: decToMoney(financed, digits) }));
  if (problems.length > 0) throw new CreditBlockError("INVALID_INPUT", problems);

  const rate = new D(t.monthlyRatePercent ?? 0).div(100);
  const mode: RoundingMode = t.rounding ?? "half-up";
  const interval = t.interval ?? { months: 1 };
  const dueDate = (k: number): ISODate => ("months" in interval ? addMonths(t.firstDueDate, k * interval.months) : addDays(t.firstDueDate, k * interval.days));
  dayNumber(dueDate(t.count - 1), "count"); // the last date must exist in the calendar

  const lines: Installment[] = [];
  const money = (d: Dec): Money => decToMoney(d, digits);
  if (t.system === "none" || rate.isZero()) {
    const parts = allocate(money(financed), t.count, { remainderTo: t.remainderTo ?? "last", currency });
    let balance = financed;
    parts.forEach((part, k) => {
      balance = balance.minus(part);
      lines.push({ number: k + 1, dueDate: dueDate(k), payment: part, interest: money(new D(0)), amortization: part, balance: money(balance) });
    });
  } else if (t.system === "price") {
    const exactPmt = financed.times(rate).div(new D(1).minus(rate.plus(1).pow(-t.count)));
    const pmt = roundDec(exactPmt, mode, digits);
    let balance = financed;
    // Interest accrues on the contract's exact balance, so cent roundings do not compound over
    // the term: the last installment then differs from the others by less than n cents.
    let exactBalance = financed;
    for (let k = 0; k < t.count; k++) {
      const interest = roundDec(exactBalance.times(rate), mode, digits);
      exactBalance = exactBalance.times(rate.plus(1)).minus(exactPmt);
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
      const interest = roundDec(balance.times(rate), mode, digits);
      const a = k === t.count - 1 ? balance : amortization;
      balance = balance.minus(a);
      lines.push({ number: k + 1, dueDate: dueDate(k), payment: money(a.plus(interest)), interest: money(interest), amortization: money(a), balance: money(balance) });
    }
  }
  const totalInterest = lines.reduce((s, l) => s.plus(l.interest), new D(0));
  const totalPaid = lines.reduce((s, l) => s.plus(l.payment), down);
  return {
    system: t.system,
    downPayment: money(down),
    financed: money(financed),
    installments: lines,
    totalPaid: money(totalPaid),
    totalInterest: money(totalInterest),
    totalWithoutFinancing: money(principal),
    monthlyRatePercent: rate.times(100).toString(),
    yearlyRatePercent: rate.plus(1).pow(12).minus(1).times(100).toDecimalPlaces(4, 4).toFixed(4),
  };
}
