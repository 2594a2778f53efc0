import * as z from "zod/mini";
import { addDays, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { formatMoney } from "../i18n/money.js";
import { displayPercent, t } from "../i18n/text.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { MoneyDecimal } from "../money/decimal.js";
import { roundDec } from "../money/rounding.js";
import { decToMoney, moneyDec, type Money, type MoneyInput } from "../money/toMoney.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { CurrencyCodeSchema, DocumentVersionSchema, ISODateSchema, LocaleSchema, MoneyTextSchema, PercentSchema, textOf, wholeNumber } from "../schemas/primitives.js";
import type { PaymentSegment } from "../profile/profileCustomer.js";
import { PercentChargeTermsSchema } from "../charges/terms.js";
import { planInstallments, type InstallmentPlan } from "./planInstallments.js";

const SegmentSchema = z.enum(["punctual", "occasional", "chronic", "new"]);

const LimitsSchema = z.strictObject({
  minDownPaymentPercent: z.optional(PercentSchema),
  minDownPayment: z.optional(MoneyTextSchema),
  maxInstallments: z.optional(wholeNumber(0, 420)),
  minInstallment: z.optional(MoneyTextSchema),
  /**
   * Highest financing rate of the agreement's installments, % a.m. This is remuneratory interest
   * (the price of the new credit), not juros de mora, so the 1% a.m. consumer cap on mora (Súmula
   * 379 STJ) does not apply to it; the mora of a late installment is `lateCharges`.
   */
  maxMonthlyRatePercent: z.optional(PercentSchema),
  maxDiscountPercent: z.optional(PercentSchema),
});

/**
 * A negotiation policy: limits, possibly varying by days overdue or segment (the seeds: terms
 * become more flexible as time passes; good payers get better terms). The first matching tier
 * wins; its limits override `limits`.
 *
 * Two rates differ in law. `maxMonthlyRatePercent` and a proposal's `monthlyRatePercent` are the
 * agreement's **financing** (remuneratory) rate. `lateCharges` are the **mora** charges of an
 * installment of the agreement paid late — multa and juros de mora, as for `computeCharges` —
 * which CDC art. 52 II asks the offer to disclose ("montante dos juros de mora"); they are read
 * with the charge-terms rules, so for consumers (`lateCharges.consumer` absent or true) the multa
 * is capped at 2% (CDC art. 52 §1) and the juros de mora at 1% a.m. (Súmula 379 STJ: "os juros
 * moratórios poderão ser convencionados até o limite de 1% ao mês"; Decreto 22.626/1933 art. 5).
 * Súmula 379 speaks of juros moratórios only; the financing rate is not capped at 1% here.
 *
 * @example
 * ```ts
 * NegotiationPolicySchema.parse({
 *   id: "acordos", version: 1,
 *   limits: { minDownPaymentPercent: "20", maxInstallments: 6, minInstallment: "50.00", maxMonthlyRatePercent: "1.99", maxDiscountPercent: "10" },
 *   tiers: [{ when: { minDaysOverdue: 180 }, limits: { minDownPaymentPercent: "10", maxInstallments: 12, maxDiscountPercent: "40" } }],
 *   lateCharges: { finePercent: "2", monthlyInterestPercent: "1" },
 * });
 * ```
 */
export const NegotiationPolicySchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: textOf(1, 128),
  version: DocumentVersionSchema,
  currency: CurrencyCodeSchema,
  locale: LocaleSchema,
  system: z.optional(z.enum(["price", "sac", "none"])),
  limits: LimitsSchema,
  /** Multa and juros de mora of a late installment of the agreement, disclosed on every offer. */
  lateCharges: z.optional(PercentChargeTermsSchema),
  tiers: z.optional(
    z
      .array(
        z.strictObject({
          when: z.strictObject({ minDaysOverdue: z.optional(wholeNumber(0)), maxDaysOverdue: z.optional(wholeNumber(0)), segments: z.optional(z.array(SegmentSchema).check(z.minLength(1))) }),
          limits: LimitsSchema,
        }),
      )
      .check(z.maxLength(50)),
  ),
});

/** A negotiation policy as JSON. */
export type NegotiationPolicy = z.input<typeof NegotiationPolicySchema>;

/** The debt being negotiated. */
export interface Debt {
  /** What is owed today, e.g. a payoff quote's `gross`. */
  readonly amount: MoneyInput;
  readonly daysOverdue: number;
  readonly segment?: PaymentSegment;
  readonly asOf: ISODate;
}

/** What the customer (or the collector) proposes. */
export interface Proposal {
  readonly downPayment?: MoneyInput;
  /** Installments after the down payment; 0 = everything at once. */
  readonly installments: number;
  /** Financing (remuneratory) rate of the installments, % a.m.; default the policy's maximum. */
  readonly monthlyRatePercent?: string | number;
  readonly discountPercent?: string | number;
  readonly firstDueDate?: ISODate;
}

/**
 * A limit the proposal breaks, with the numbers. `required` and `proposed` are machine values a
 * screen can compute with — money as a decimal string in the debt's currency (`"140.00"`), a
 * percentage as a decimal string (`"10"` for 10%), a count as its digits (`"6"`) — and
 * `requiredText` / `proposedText` are the same numbers written for people in the locale
 * (`"R$ 140,00"`, `"10%"`).
 */
export interface Violation {
  readonly limit: "minDownPayment" | "maxInstallments" | "minInstallment" | "maxMonthlyRatePercent" | "maxDiscountPercent";
  readonly required: string;
  readonly proposed: string;
  readonly requiredText: string;
  readonly proposedText: string;
  readonly message: string;
}

/** An acceptable offer: the terms and the plan they give. */
export interface Offer {
  readonly downPayment: Money;
  readonly installments: number;
  readonly monthlyRatePercent: string;
  readonly discountPercent: string;
  /** The debt after the discount. */
  readonly total: Money;
  readonly plan: InstallmentPlan | null;
  /**
   * The mora charges of a late installment (the policy's `lateCharges`, canonical), for the
   * disclosure of CDC art. 52 II; null when the policy sets none.
   */
  readonly lateCharges: LateCharges | null;
}

/** Multa and juros de mora of a late installment of an agreement (percentages). */
export interface LateCharges {
  readonly finePercent: string;
  readonly monthlyInterestPercent: string;
  readonly dayCount: "30" | "actual";
  readonly rounding: string;
  readonly consumer: boolean;
}

/** The verdict on a proposal. */
export interface ProposalEvaluation {
  readonly accepted: boolean;
  readonly violations: Violation[];
  /** The proposal as an offer when accepted. */
  readonly offer: Offer | null;
  /** The nearest acceptable offer when the proposal is refused; null when no plan is possible. */
  readonly counterOffer: Offer | null;
  /** Why no acceptable plan exists, when `counterOffer` is null and the proposal was refused. */
  readonly reason: string | null;
}

const ProposalSchema = z.strictObject({
  downPayment: z.optional(MoneyTextSchema),
  installments: wholeNumber(0, 420),
  monthlyRatePercent: z.optional(PercentSchema),
  discountPercent: z.optional(PercentSchema),
  firstDueDate: z.optional(ISODateSchema),
});
const DebtSchema = z.strictObject({
  amount: MoneyTextSchema,
  daysOverdue: wholeNumber(0, 36_500),
  segment: z.optional(SegmentSchema),
  asOf: ISODateSchema,
});

/** A number as a machine value and as text for people. */
interface Shown { readonly value: string; readonly text: string }


/**
 * Checks a proposal against a negotiation policy: lists each broken limit with the numbers and,
 * when refused, builds the nearest acceptable counter-offer — it keeps what the customer asked
 * where allowed and changes the least: discount and rate are capped at their maxima, the down
 * payment is raised to its minimum, and the number of installments is lowered (first to the
 * maximum, then until each installment reaches the minimum). The last installment, which absorbs
 * the rounding, is not held to the minimum. When no installment plan can satisfy the policy
 * (e.g. a minimum installment above the whole debt), `counterOffer` is null and `reason` says why.
 *
 * @example
 * ```ts
 * const policy = { id: "acordos", version: 1, limits: { minDownPaymentPercent: "20", maxInstallments: 6, minInstallment: "50.00", maxMonthlyRatePercent: "1.99", maxDiscountPercent: "10" } };
 * const r = evaluateProposal({ downPayment: "50.00", installments: 10, monthlyRatePercent: "1.99" }, { amount: "1000.00", daysOverdue: 45, asOf: "2026-11-23" }, policy);
 * r.accepted;                    // false
 * r.violations.map((v) => v.limit); // ["minDownPayment", "maxInstallments"]
 * r.counterOffer?.downPayment;   // "200.00"
 * r.counterOffer?.installments;  // 6
 * ```
 */
export function evaluateProposal(proposal: Proposal, debt: Debt, policy: NegotiationPolicy): ProposalEvaluation {
  const issues = [];
  const pp = safeParseReporting(NegotiationPolicySchema, policy);
  if (!pp.success) issues.push(...fromZodIssues(pp.error.issues, "policy"));
  const pr = safeParseReporting(ProposalSchema, proposal);
  if (!pr.success) issues.push(...fromZodIssues(pr.error.issues, "proposal"));
  const db = safeParseReporting(DebtSchema, debt);
  if (!db.success) issues.push(...fromZodIssues(db.error.issues, "debt"));
  if (!pp.success || !pr.success || !db.success) throw new CreditBlockError("INVALID_INPUT", issues);
  const pol = pp.data;
  const lc = pol.lateCharges;
  const lateCharges: LateCharges | null = lc === undefined ? null : {
    finePercent: lc.finePercent ?? "0", monthlyInterestPercent: lc.monthlyInterestPercent, dayCount: lc.dayCount ?? "30", rounding: lc.rounding ?? "down", consumer: lc.consumer ?? true,
  };
  const currency = pol.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency);
  const locale = pol.locale ?? "pt-BR";
  const d = db.data;
  const p = pr.data;
  const amount = moneyDec(d.amount, currency, "debt.amount");
  if (!amount.greaterThan(0)) throw new CreditBlockError("INVALID_INPUT", [issue("debt.amount", "money.not_positive", { value: decToMoney(amount, digits) })]);
  const tier = pol.tiers?.find((t) =>
    (t.when.minDaysOverdue === undefined || d.daysOverdue >= t.when.minDaysOverdue) &&
    (t.when.maxDaysOverdue === undefined || d.daysOverdue <= t.when.maxDaysOverdue) &&
    (t.when.segments === undefined || (d.segment !== undefined && t.when.segments.includes(d.segment))));
  const L = { ...pol.limits, ...(tier?.limits ?? {}) };
  const minInstallment = L.minInstallment === undefined ? null : moneyDec(L.minInstallment, currency, "policy.limits.minInstallment");
  const system = pol.system ?? "price";
  const firstDueDate = p.firstDueDate ?? addDays(d.asOf, 30);
  const oneCent = new MoneyDecimal(1).div(10 ** digits);
  const fmt = (m: MoneyDecimal): string => formatMoney(decToMoney(m, digits), { locale, currency });
  const pct = (v: MoneyDecimal): Shown => ({ value: v.toString(), text: displayPercent(v.toString(), locale) });
  const money = (m: MoneyDecimal): Shown => ({ value: decToMoney(m, digits), text: fmt(m) });
  const whole = (n: number): Shown => ({ value: String(n), text: String(n) });

  const evaluate = (discount: MoneyDecimal, rate: MoneyDecimal, down: MoneyDecimal, count: number) => {
    const total = amount.minus(roundDec(amount.times(discount).div(100), "up", digits));
    const minDown = MoneyDecimal.max(L.minDownPayment === undefined ? 0 : moneyDec(L.minDownPayment, currency, "policy.limits.minDownPayment"), L.minDownPaymentPercent === undefined ? 0 : roundDec(total.times(L.minDownPaymentPercent).div(100), "up", digits));
    const effectiveDown = count === 0 ? total : MoneyDecimal.min(down, total);
    const financed = total.minus(effectiveDown);
    let plan: InstallmentPlan | null = null;
    let smallest: MoneyDecimal | null = null;
    if (count > 0 && financed.lessThan(oneCent.times(count)) && financed.greaterThan(0)) {
      // Fewer cents left to finance than installments: no plan exists, so the proposal breaks the
      // minimum installment (one cent at least), and the counter-offer lowers the count.
      smallest = roundDec(financed.div(count), "down", digits);
    } else if (count > 0 && effectiveDown.lessThan(total)) {
      plan = planInstallments({ principal: decToMoney(total, digits), downPayment: decToMoney(effectiveDown, digits), count, monthlyRatePercent: rate.toString(), system, firstDueDate, currency });
      const regular = (plan.installments.length === 1 ? plan.installments : plan.installments.slice(0, -1)).map((i) => new MoneyDecimal(i.payment));
      smallest = MoneyDecimal.min(...regular);
    }
    const v: Violation[] = [];
    const add = (limit: Violation["limit"], required: Shown, proposed: Shown) =>
      v.push({
        limit, required: required.value, proposed: proposed.value, requiredText: required.text, proposedText: proposed.text,
        message: t(locale, "proposal.limit", { limit: t(locale, `negotiation.limit.${limit}`), required: required.text, proposed: proposed.text }),
      });
    if (L.maxDiscountPercent !== undefined && discount.greaterThan(L.maxDiscountPercent)) add("maxDiscountPercent", pct(new MoneyDecimal(L.maxDiscountPercent)), pct(discount));
    if (L.maxMonthlyRatePercent !== undefined && plan && rate.greaterThan(L.maxMonthlyRatePercent)) add("maxMonthlyRatePercent", pct(new MoneyDecimal(L.maxMonthlyRatePercent)), pct(rate));
    if (count > 0 && effectiveDown.lessThan(minDown)) add("minDownPayment", money(minDown), money(effectiveDown));
    if (L.maxInstallments !== undefined && count > L.maxInstallments) add("maxInstallments", whole(L.maxInstallments), whole(count));
    const floor = minInstallment ?? oneCent;
    if (smallest && smallest.lessThan(floor)) add("minInstallment", money(floor), money(smallest));
    const offer: Offer = { downPayment: decToMoney(effectiveDown, digits), installments: plan ? count : 0, monthlyRatePercent: rate.toString(), discountPercent: discount.toString(), total: decToMoney(total, digits), plan, lateCharges };
    return { violations: v, offer, minDown, total };
  };

  const discount = new MoneyDecimal(p.discountPercent ?? 0);
  const rate = new MoneyDecimal(p.monthlyRatePercent ?? L.maxMonthlyRatePercent ?? 0);
  const down = p.downPayment === undefined ? new MoneyDecimal(0) : moneyDec(p.downPayment, currency, "proposal.downPayment");
  const asked = evaluate(discount, rate, down, p.installments);
  if (asked.violations.length === 0) return { accepted: true, violations: [], offer: asked.offer, counterOffer: null, reason: null };

  // Counter-offer: cap what has a maximum, raise what has a minimum, then lower the count.
  const cDiscount = L.maxDiscountPercent === undefined ? discount : MoneyDecimal.min(discount, L.maxDiscountPercent);
  const cRate = L.maxMonthlyRatePercent === undefined ? rate : MoneyDecimal.min(rate, L.maxMonthlyRatePercent);
  const probe = evaluate(cDiscount, cRate, down, Math.max(1, p.installments));
  const cDown = MoneyDecimal.max(down, probe.minDown);
  let count = Math.min(p.installments, L.maxInstallments ?? p.installments);
  if (p.installments === 0) count = 0;
  for (; count >= 1; count--) {
    const c = evaluate(cDiscount, cRate, cDown, count);
    if (c.violations.length === 0) return { accepted: false, violations: asked.violations, offer: null, counterOffer: c.offer, reason: null };
  }
  if (p.installments === 0) {
    const c = evaluate(cDiscount, cRate, cDown, 0);
    if (c.violations.length === 0) return { accepted: false, violations: asked.violations, offer: null, counterOffer: c.offer, reason: null };
  }
  const minDown = fmt(probe.minDown);
  const reason = L.maxInstallments === 0
    ? t(locale, "negotiation.no_plan.no_installments", { minDown })
    : t(locale, "negotiation.no_plan.below_minimum", { minDown, minimum: minInstallment ? fmt(minInstallment) : t(locale, "format.missing") });
  return { accepted: false, violations: asked.violations, offer: null, counterOffer: null, reason };
}
