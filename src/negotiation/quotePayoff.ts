import * as z from "zod/mini";
import { addDays, dayNumber, type ISODate } from "../calendar/isoDate.js";
import { chargesOf, parseTerms, type Charges } from "../charges/computeCharges.js";
import type { ChargeTermsInput } from "../charges/terms.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { MoneyDecimal } from "../money/decimal.js";
import { divideFor, roundDec } from "../money/rounding.js";
import { decToMoney, moneyDec, type Money, type MoneyInput } from "../money/toMoney.js";
import { parseReceivables, type ReceivableInput } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { pixWriter, PixReceiverShape, type Encoders, type PixCharge, type PixReceiver } from "../schemas/pix.js";
import { MoneyTextSchema, PercentSchema, wholeNumber } from "../schemas/primitives.js";

/** A discount as a percent of the part it applies to, or as an amount (capped at that part). */
export type Discount = { readonly percent: string | number } | { readonly amount: MoneyInput };

/** Options of {@link quotePayoff}. */
export interface PayoffOptions {
  readonly asOf: ISODate;
  /** Late-charge terms, as for `computeCharges` (without `asOf`). */
  readonly terms: Omit<ChargeTermsInput, "asOf">;
  /** Discounts on each part of the debt; interest and fine are the usual first concessions. */
  readonly discounts?: { readonly interest?: Discount; readonly fine?: Discount; readonly correction?: Discount; readonly principal?: Discount };
  /** Days the offer stays valid; at least 2 (CDC art. 54-B III). Default 2. */
  readonly validDays?: number;
  /**
   * Contract monthly rate of the installments not yet due: paying them now earns the
   * proportional reduction of interest of CDC art. 52 §2 (present value at this rate).
   * Without it, installments not yet due are quoted at face value.
   */
  readonly contractMonthlyRatePercent?: string | number;
  /**
   * Quote disputed títulos (`status: "disputed"`) too. Default false: a título the customer
   * contests is not a default to be paid off, as in aging and at checkout; the quote lists the
   * ones it left out in `excluded.disputed`.
   */
  readonly includeDisputed?: boolean;
  /**
   * The store's Pix receiver: the quote then carries `pix`, the static BR Code for exactly
   * `net`. Needs the encoder, `quotePayoff(receivables, options, { pix: pixEncoder })`.
   */
  readonly pix?: PixReceiver;
}

/** Títulos a quote left out, by reason (ids in input order), so the operator sees what is not in it. */
export interface PayoffExclusions {
  /** Disputed títulos with an open balance, left out unless `includeDisputed`. */
  readonly disputed: string[];
  /** Their open balance (face value, no charges). */
  readonly disputedAmount: Money;
  /** Written off as a loss: not offered for payoff here. */
  readonly writtenOff: string[];
  /** Replaced by a renegotiation: the agreement's own títulos are quoted instead. */
  readonly renegotiated: string[];
}

/** One título of a payoff quote. */
export interface PayoffLine {
  readonly receivableId: string;
  readonly charges: Charges;
  /** For an installment not yet due, its present value at the contract rate (CDC art. 52 §2). */
  readonly presentValue: Money | null;
}

/** A payoff quote: what the customer owes at `asOf`, the discounts, the net, until when. */
export interface PayoffQuote {
  readonly asOf: ISODate;
  readonly validUntil: ISODate;
  readonly lines: PayoffLine[];
  readonly totals: { readonly principal: Money; readonly correction: Money; readonly fine: Money; readonly interest: Money; readonly earlyPaymentReduction: Money };
  /** principal + correction + fine + interest − early-payment reduction. */
  readonly gross: Money;
  readonly discounts: { readonly interest: Money; readonly fine: Money; readonly correction: Money; readonly principal: Money };
  readonly discount: Money;
  /** gross − discount, never below zero. */
  readonly net: Money;
  /**
   * What was left out besides settled títulos (status `paid` or an open balance of 0, which owe
   * nothing and are never quoted).
   */
  readonly excluded: PayoffExclusions;
  /**
   * With `options.pix`: the static Pix BR Code for exactly `net`, txid `txidFor` of the quoted
   * títulos (`lines`), so the store reconciles the payment with them. Null when there is nothing
   * to pay (no line, or a net of zero) or the net does not fit a static BR Code (field 54 holds
   * at most 9999999999.99). Absent without `options.pix`.
   */
  readonly pix?: PixCharge | null;
}

const DiscountSchema = z.union([z.strictObject({ percent: PercentSchema }), z.strictObject({ amount: MoneyTextSchema })]);
const OptionsSchema = z.strictObject({
  asOf: z.string(),
  terms: z.record(z.string(), z.unknown()),
  discounts: z.optional(z.strictObject({ interest: z.optional(DiscountSchema), fine: z.optional(DiscountSchema), correction: z.optional(DiscountSchema), principal: z.optional(DiscountSchema) })),
  validDays: z.optional(wholeNumber(0, 365)),
  contractMonthlyRatePercent: z.optional(PercentSchema),
  includeDisputed: z.optional(z.boolean()),
  pix: z.optional(PixReceiverShape),
});

/**
 * Quotes the payoff of a customer's open títulos at `asOf`: principal, correction, multa and
 * juros per título (as {@link computeCharges}), the discounts — on interest and fine first, then
 * correction and principal, each a percent or an amount, each capped at its part so the net is
 * never below zero — and an offer validity of at least 2 days (CDC art. 54-B III,
 * https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm). Installments not yet due are
 * brought to present value at the contract rate (CDC art. 52 §2: "redução proporcional dos
 * juros"), rounded to the cent like the charges (`terms.rounding`, `down` by default: the
 * customer never pays a cent above the present value). Discounts given as percents are rounded
 * up to the cent, in the customer's favour.
 *
 * Settled títulos (paid, or an open balance of 0) are never quoted. Disputed ones are left out
 * unless `includeDisputed: true`, as aging and the checkout decision leave them out: a charge the
 * customer contests is not yet a default to settle. Written-off and renegotiated títulos are left
 * out too; `excluded` lists them all. The charge terms carry the
 * consumer caps of {@link computeCharges} (multa 2%, CDC art. 52 §1; juros de mora 1% a.m., Súmula
 * 379 STJ); their errors name `options.terms.<field>`.
 *
 * @example
 * ```ts
 * const quote = quotePayoff(
 *   [{ id: "t1", amount: "1000.00", dueDate: "2026-08-10" }],
 *   { asOf: "2026-11-23", terms: { finePercent: "2", monthlyInterestPercent: "1" }, discounts: { interest: { percent: 100 }, fine: { percent: 50 } } },
 * );
 * quote.gross;  // "1055.00" (1000.00 + 20.00 multa + 35.00 juros, 105 days)
 * quote.net;    // "1010.00"
 * quote.validUntil; // "2026-11-25"
 *
 * // A disputed título is left out unless asked for:
 * quotePayoff([{ id: "t1", amount: "100.00", dueDate: "2026-11-10", status: "disputed" }], { asOf: "2026-11-23", terms: { monthlyInterestPercent: "1" } })
 *   .excluded; // { disputed: ["t1"], disputedAmount: "100.00", writtenOff: [], renegotiated: [] }
 * ```
 *
 * With the store's Pix receiver in `options.pix` and the encoder of `credit-block/pix` as the
 * third argument, the quote carries `pix`: the static BR Code (BCB, "Manual de Padrões para
 * Iniciação do Pix", Anexo I) for exactly `net`, with the títulos' txid. A receiver without the
 * encoder is an error at `encoders.pix`; a bad receiver field, at `options.pix.<field>`.
 *
 * @example
 * ```ts
 * import { pixEncoder, txidFor } from "credit-block/pix";
 * const quote = quotePayoff(
 *   [{ id: "t1", amount: "1000.00", dueDate: "2026-08-10" }],
 *   { asOf: "2026-11-23", terms: { finePercent: "2", monthlyInterestPercent: "1" }, pix: { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" } },
 *   { pix: pixEncoder },
 * );
 * quote.pix?.amount;                     // "1055.00", the net
 * quote.pix?.txid === txidFor(["t1"]);   // true
 * ```
 */
export function quotePayoff(receivables: readonly ReceivableInput[], options: PayoffOptions, encoders?: Encoders): PayoffQuote {
  const parsed = safeParseReporting(OptionsSchema, options);
  if (!parsed.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(parsed.error.issues, "options"));
  const o = parsed.data;
  const issues: Issue[] = [];
  const validDays = o.validDays ?? 2;
  if (validDays < 2) issues.push(issue("options.validDays", "payoff.valid_days"));
  // Terms written for computeCharges may carry asOf: one that is not options.asOf is refused, not overridden.
  if (o.terms.asOf !== undefined && o.terms.asOf !== o.asOf) {
    issues.push(issue("options.terms.asOf", "conflicting_value", { value: JSON.stringify(o.terms.asOf), other: "options.asOf", otherValue: o.asOf }));
  }
  const terms = parseTerms({ ...o.terms, asOf: o.asOf }, "options.terms");
  const { digits, currency } = terms;
  const pix = pixWriter(o.pix, "options.pix", currency, "options.terms.currency", encoders, issues);
  const asOfDay = dayNumber(o.asOf, "options.asOf");
  const contractRate = o.contractMonthlyRatePercent === undefined ? null : new MoneyDecimal(o.contractMonthlyRatePercent).div(100);
  const lines: PayoffLine[] = [];
  const sum = { principal: new MoneyDecimal(0), correction: new MoneyDecimal(0), fine: new MoneyDecimal(0), interest: new MoneyDecimal(0), reduction: new MoneyDecimal(0) };
  const excluded = { disputed: [] as string[], disputedAmount: new MoneyDecimal(0), writtenOff: [] as string[], renegotiated: [] as string[] };
  for (const { index: i, receivable: rec } of parseReceivables(receivables, currency, "receivables", issues)) {
    const open = new MoneyDecimal(rec.openAmount ?? rec.amount);
    // Settled: nothing owed, nothing to list.
    if (rec.status === "paid" || open.isZero()) continue;
    if (rec.status === "written_off") {
      excluded.writtenOff.push(rec.id);
      continue;
    }
    if (rec.status === "renegotiated") {
      excluded.renegotiated.push(rec.id);
      continue;
    }
    if (rec.status === "disputed" && o.includeDisputed !== true) {
      excluded.disputed.push(rec.id);
      excluded.disputedAmount = excluded.disputedAmount.plus(open);
      continue;
    }
    const dueDay = dayNumber(rec.dueDate, `receivables[${i}].dueDate`);
    let charges: Charges;
    try {
      charges = chargesOf(open, dueDay, terms);
    } catch (error) {
      // A cap that depends on the balance (a fixed fine or daily interest above the consumer
      // caps): report it for every título it hits, then go on checking the rest.
      if (!(error instanceof CreditBlockError)) throw error;
      for (const found of error.issues) if (!issues.some((known) => known.path === found.path && known.message === found.message)) issues.push(found);
      continue;
    }
    let presentValue: MoneyDecimal | null = null;
    if (dueDay > asOfDay && contractRate !== null && contractRate.greaterThan(0)) {
      // The law guarantees at least the proportional reduction, so the present value the
      // customer pays is rounded like a charge: down by default, never a cent above what is owed
      // (CDC art. 42 refunds an undue charge twice).
      presentValue = roundDec(open.div(contractRate.plus(1).pow(new MoneyDecimal(dueDay - asOfDay).div(30))), terms.rounding, digits);
      sum.reduction = sum.reduction.plus(open.minus(presentValue));
    }
    sum.principal = sum.principal.plus(charges.principal);
    sum.correction = sum.correction.plus(charges.correction);
    sum.fine = sum.fine.plus(charges.fine);
    sum.interest = sum.interest.plus(charges.interest);
    lines.push({ receivableId: rec.id, charges, presentValue: presentValue === null ? null : decToMoney(presentValue, digits) });
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);

  const discountOf = (d: z.output<typeof DiscountSchema> | undefined, base: MoneyDecimal, field: string): MoneyDecimal => {
    if (d === undefined || base.lessThanOrEqualTo(0)) return new MoneyDecimal(0);
    const raw = "percent" in d
      ? roundDec(divideFor("up", base.times(d.percent), 100), "up", digits)
      : moneyDec(d.amount, currency, `options.discounts.${field}.amount`);
    if (raw.isNegative()) throw new CreditBlockError("INVALID_INPUT", [issue(`options.discounts.${field}`, "money.negative", { value: raw.toString() })]);
    return MoneyDecimal.min(raw, base);
  };
  const principalAfterEarly = sum.principal.minus(sum.reduction);
  const discounts = {
    interest: discountOf(o.discounts?.interest, sum.interest, "interest"),
    fine: discountOf(o.discounts?.fine, sum.fine, "fine"),
    correction: discountOf(o.discounts?.correction, sum.correction, "correction"),
    principal: discountOf(o.discounts?.principal, principalAfterEarly, "principal"),
  };
  const gross = principalAfterEarly.plus(sum.correction).plus(sum.fine).plus(sum.interest);
  const discount = discounts.interest.plus(discounts.fine).plus(discounts.correction).plus(discounts.principal);
  const money = (d: MoneyDecimal): Money => decToMoney(d, digits);
  const net = money(MoneyDecimal.max(gross.minus(discount), 0));
  return {
    asOf: o.asOf,
    validUntil: addDays(o.asOf, validDays),
    lines,
    totals: { principal: money(sum.principal), correction: money(sum.correction), fine: money(sum.fine), interest: money(sum.interest), earlyPaymentReduction: money(sum.reduction) },
    gross: money(gross),
    discounts: { interest: money(discounts.interest), fine: money(discounts.fine), correction: money(discounts.correction), principal: money(discounts.principal) },
    discount: money(discount),
    net,
    excluded: { disputed: excluded.disputed, disputedAmount: money(excluded.disputedAmount), writtenOff: excluded.writtenOff, renegotiated: excluded.renegotiated },
    ...(pix ? { pix: lines.length > 0 && gross.greaterThan(discount) ? pix(net, lines.map((l) => l.receivableId)) : null } : {}),
  };
}
