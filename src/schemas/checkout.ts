import * as z from "zod/mini";
import { dateProblem } from "../calendar/isoDate.js";
import { DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { MoneyDecimal } from "../money/decimal.js";
import { DuplicateIds, issue, issuesFull, type Issue } from "../errors/CreditBlockError.js";
import { addIssue, fromZodIssues, safeParseReporting } from "./issues.js";
import { IdSchema, ISODateSchema, moneySchema, textOf, textUpTo, wholeNumber } from "./primitives.js";

/** How a payment is made, as a POS names its buttons (mapped to NFC-e `tPag` by the nfce adapter). */
export const PAYMENT_METHODS = [
  "cash", "pix", "debit_card", "credit_card", "boleto", "store_credit",
  "check", "voucher", "bank_transfer", "digital_wallet", "other",
] as const;
/** One of {@link PAYMENT_METHODS}. */
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** `immediate` (à vista: the store carries no credit risk) or `deferred` (a prazo, crediário). */
export const TERMS = ["immediate", "deferred"] as const;
/** One of {@link TERMS}. */
export type Term = (typeof TERMS)[number];

/**
 * A tender's term when it does not say: `store_credit` (crediário), `boleto` (boleto a prazo) and
 * `check` (a cheque pré-datado is credit the store carries until it clears) are `deferred`; every
 * other method is `immediate`. A cheque cashed at once may be sent with `term: "immediate"`. A
 * credit-card sale in installments is still `immediate` for the store: the card issuer carries
 * the risk (the store is paid by the acquirer), so CDC art. 39 IX protects it like cash
 * (https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm).
 *
 * @example
 * ```ts
 * defaultTerm("boleto"); // "deferred"
 * defaultTerm("check"); // "deferred"
 * defaultTerm("credit_card"); // "immediate"
 * ```
 */
export function defaultTerm(method: PaymentMethod): Term {
  return method === "store_credit" || method === "boleto" || method === "check" ? "deferred" : "immediate";
}

/**
 * The method × term pairs that exist at a counter, in a fixed order: what a decision's `options`
 * list. Cash, Pix, cards, vouchers, wallets and transfers are paid at once only; `boleto`,
 * `check` and `other` exist both ways (a boleto paid before the goods leave, a cheque cashed at
 * once); `store_credit` (crediário, fiado) is credit by definition.
 *
 * @example
 * ```ts
 * COUNTER_OPTIONS.some(([m, t]) => m === "cash" && t === "deferred"); // false
 * COUNTER_OPTIONS.some(([m, t]) => m === "check" && t === "deferred"); // true
 * ```
 */
export const COUNTER_OPTIONS: readonly (readonly [PaymentMethod, Term])[] = [
  ["cash", "immediate"], ["pix", "immediate"], ["debit_card", "immediate"], ["credit_card", "immediate"],
  ["voucher", "immediate"], ["digital_wallet", "immediate"], ["bank_transfer", "immediate"],
  ["boleto", "immediate"], ["boleto", "deferred"], ["check", "immediate"], ["check", "deferred"],
  ["store_credit", "deferred"], ["other", "immediate"], ["other", "deferred"],
];

/**
 * True when a method cannot take a term: `store_credit` paid `immediate` is a contradiction (crediário is credit by definition), so it is refused rather
 * than guessed. @internal
 */
function contradictoryTerm(method: unknown, term: unknown): boolean {
  return method === "store_credit" && term === "immediate";
}

/** A tender with its term made explicit (the method's default when absent). @internal */
export function withTerm<T extends { readonly method: PaymentMethod; readonly term?: Term | undefined }>(tender: T): T & { readonly term: Term } {
  return { ...tender, term: tender.term ?? defaultTerm(tender.method) };
}

/** Status of a receivable. `open` unless said otherwise. */
export const RECEIVABLE_STATUSES = ["open", "paid", "disputed", "renegotiated", "written_off"] as const;
/** One of {@link RECEIVABLE_STATUSES}; `paid` and an `openAmount` of 0 both mean settled. */
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

/** Upper bounds that keep one request bounded in memory and time. */
export const LIMITS = { receivables: 50_000, tenders: 20, overrides: 50, tags: 50, attributes: 100, text: 500 } as const;

const text = (max: number) => textOf(1, max);

function build(currency: CurrencyCode) {
  const money = moneySchema(currency);
  const positive = moneySchema(currency, "positive");
  const nonnegative = moneySchema(currency, "nonnegative");

  const receivable = z
    .strictObject({
      id: IdSchema,
      customerId: z.optional(IdSchema),
      amount: positive,
      openAmount: z.optional(nonnegative),
      dueDate: ISODateSchema,
      issueDate: z.optional(ISODateSchema),
      paidDate: z.optional(ISODateSchema),
      status: z.optional(z.enum(RECEIVABLE_STATUSES)),
      method: z.optional(z.enum(PAYMENT_METHODS)),
    })
    .check(
      z.superRefine((r, ctx) => {
        if (r.openAmount !== undefined && new MoneyDecimal(r.openAmount).greaterThan(r.amount)) {
          addIssue(ctx, "receivable.open_exceeds_amount", { open: r.openAmount, amount: r.amount }, ["openAmount"]);
        }
        if (r.status === "paid" && r.openAmount !== undefined && new MoneyDecimal(r.openAmount).greaterThan(0)) {
          addIssue(ctx, "receivable.paid_with_balance", { open: r.openAmount }, ["openAmount"]);
        }
        if (r.issueDate !== undefined && r.issueDate > r.dueDate) {
          addIssue(ctx, "date.after", { value: r.issueDate, other: r.dueDate, otherField: "dueDate" }, ["issueDate"]);
        }
      }),
    );

  const override = z.strictObject({
    rule: z.optional(IdSchema),
    until: ISODateSchema,
    by: text(128),
    reason: text(LIMITS.text),
    maxAmount: z.optional(positive),
  });

  const attributeValue = z.union([textUpTo(LIMITS.text), z.number().check(z.refine(Number.isFinite)), z.boolean()]);

  const customer = z.strictObject({
    id: IdSchema,
    creditLimit: z.optional(z.nullable(nonnegative)),
    creditLimitExpiresOn: z.optional(ISODateSchema),
    pendingExposure: z.optional(nonnegative),
    dunningLevel: z.optional(wholeNumber(0, 100)),
    riskClass: z.optional(text(16)),
    hold: z.optional(z.union([z.boolean(), z.strictObject({ reason: text(LIMITS.text), since: z.optional(ISODateSchema) })])),
    tags: z.optional(z.array(text(64)).check(z.maxLength(LIMITS.tags))),
    bouncedChecks: z.optional(wholeNumber(0, 10_000)),
    negativated: z.optional(z.boolean()),
    attributes: z.optional(
      z
        .record(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/)), attributeValue)
        .check(z.refine((a) => Object.keys(a).length <= LIMITS.attributes, { message: "too many attributes" })),
    ),
    overrides: z.optional(z.array(override).check(z.maxLength(LIMITS.overrides))),
  });

  const tenderShape = z
    .strictObject({
      method: z.enum(PAYMENT_METHODS),
      amount: positive,
      term: z.optional(z.enum(TERMS)),
      installments: z.optional(wholeNumber(1, 420)),
    })
    .check(
      z.superRefine((t, ctx) => {
        if (contradictoryTerm(t.method, t.term)) addIssue(ctx, "tender.contradictory_term", { method: t.method, term: String(t.term) }, ["term"]);
      }),
    );
  const tender = z.pipe(tenderShape, z.transform(withTerm));

  const saleOf = <T extends z.core.$ZodType>(item: T) => z.strictObject({ tenders: z.array(item).check(z.minLength(1), z.maxLength(LIMITS.tenders)) });
  const sale = saleOf(tender);

  const checkoutRequest = z
    .strictObject({
      asOf: ISODateSchema,
      customer,
      receivables: z.array(receivable).check(z.maxLength(LIMITS.receivables)),
      sale: z.optional(sale),
    })
    .check(
      z.superRefine((req, ctx) => {
        const ids = new DuplicateIds("receivables");
        req.receivables.forEach((r, i) => {
          const repeated = ids.check(r.id, i);
          if (repeated) addIssue(ctx, "duplicate_id", repeated.params, ["receivables", i, "id"]);
          if (r.customerId !== undefined && r.customerId !== req.customer.id) {
            addIssue(ctx, "invalid_value", { options: JSON.stringify(req.customer.id) }, ["receivables", i, "customerId"]);
          }
          if (r.paidDate !== undefined && dateProblem(req.asOf) === null && r.paidDate > req.asOf) {
            addIssue(ctx, "receivable.paid_after_as_of", { paid: r.paidDate, asOf: req.asOf }, ["receivables", i, "paidDate"]);
          }
        });
      }),
    );

  // The request without its receivables, which the engine reads through its fast row reader
  // (same rules, checked equal by a property test); internal.
  // Its tenders keep `term` optional (the engine applies withTerm): a zod pipe costs more than
  // the validation itself on this path.
  const checkoutHead = z.strictObject({
    asOf: ISODateSchema,
    customer,
    receivables: z.array(z.unknown()).check(z.maxLength(LIMITS.receivables)),
    sale: z.optional(saleOf(tenderShape)),
  });

  return { money, receivable, override, customer, tender, checkoutRequest, checkoutHead };
}

/** The input schemas of one currency. */
export type CheckoutSchemas = ReturnType<typeof build>;

const cache = new Map<CurrencyCode, CheckoutSchemas>();

/**
 * The input schemas for a currency (BRL by default). Schemas are immutable, so they are built
 * once per currency and shared.
 *
 * @example
 * ```ts
 * const { receivable } = checkoutSchemas("USD");
 * receivable.parse({ id: "inv-1", amount: "10.5", dueDate: "2026-11-01" }).amount; // "10.50"
 * ```
 */
export function checkoutSchemas(currency: CurrencyCode = DEFAULT_CURRENCY): CheckoutSchemas {
  let schemas = cache.get(currency);
  if (!schemas) {
    schemas = build(currency);
    cache.set(currency, schemas);
  }
  return schemas;
}

/**
 * Parses a list of receivables one by one, collecting every issue under `path[i]` into `issues`
 * (so a caller can report them together with its own): a repeated id is a `duplicate_id`, and
 * reading stops once more issues were found than an error lists. Returns the valid ones.
 * @internal
 */
export function parseReceivables(list: unknown, currency: CurrencyCode, path: string, issues: Issue[]): { index: number; receivable: Receivable }[] {
  if (!Array.isArray(list)) {
    issues.push(issue(path, "invalid_type", { expected: "array", received: list === null ? "null" : typeof list }));
    return [];
  }
  const schema = checkoutSchemas(currency).receivable;
  const out: { index: number; receivable: Receivable }[] = [];
  const ids = new DuplicateIds(path);
  for (let index = 0; index < list.length; index++) {
    if (issuesFull(issues)) {
      issues.push(issue(`${path}[${index}]`, "checking_stopped", { unchecked: list.length - index }));
      break;
    }
    const parsed = safeParseReporting(schema, list[index]);
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, `${path}[${index}]`));
      continue;
    }
    // A título listed twice would be counted twice: refused, as decide and aging do.
    const repeated = ids.check(parsed.data.id, index);
    if (repeated) issues.push(repeated);
    else out.push({ index, receivable: parsed.data });
  }
  return out;
}

const brl = checkoutSchemas(DEFAULT_CURRENCY);

/**
 * A receivable (título, parcela) in BRL. Unknown keys are errors; money is canonicalised.
 *
 * @example
 * ```ts
 * ReceivableSchema.parse({ id: "t1", amount: 120, dueDate: "2026-10-10" });
 * // { id: "t1", amount: "120.00", dueDate: "2026-10-10" }
 * ```
 */
export const ReceivableSchema = brl.receivable;
/**
 * A supervisor release (liberação) of a rule.
 *
 * @example
 * ```ts
 * OverrideSchema.parse({ rule: "overdue", until: "2026-11-30", by: "ana", reason: "cliente antigo" });
 * ```
 */
export const OverrideSchema = brl.override;
/**
 * The customer at checkout.
 *
 * @example
 * ```ts
 * CustomerSchema.parse({ id: "c1", creditLimit: "1500.00", riskClass: "B" });
 * ```
 */
export const CustomerSchema = brl.customer;
/**
 * One tender of a sale; `term` defaults from the method (see {@link defaultTerm}).
 *
 * @example
 * ```ts
 * TenderSchema.parse({ method: "boleto", amount: "99.90" }).term; // "deferred"
 * ```
 */
export const TenderSchema = brl.tender;
/**
 * A checkout request: date, customer, open receivables, and optionally the sale's tenders.
 *
 * @example
 * ```ts
 * CheckoutRequestSchema.parse({ asOf: "2026-11-23", customer: { id: "c1" }, receivables: [] });
 * ```
 */
export const CheckoutRequestSchema = brl.checkoutRequest;

/** A receivable as callers may write it (money as string or number). */
export type ReceivableInput = z.input<typeof ReceivableSchema>;
/** A parsed receivable: money as canonical strings. */
export type Receivable = z.output<typeof ReceivableSchema>;
/** An override as callers may write it. */
export type OverrideInput = z.input<typeof OverrideSchema>;
/** A parsed override. */
export type Override = z.output<typeof OverrideSchema>;
/** A customer as callers may write it. */
export type CustomerInput = z.input<typeof CustomerSchema>;
/** A parsed customer. */
export type Customer = z.output<typeof CustomerSchema>;
/** A tender as callers may write it (`term` optional). */
export type TenderInput = z.input<typeof TenderSchema>;
/** A parsed tender: `term` always set. */
export type Tender = z.output<typeof TenderSchema>;
/** A checkout request as callers may write it. */
export type CheckoutRequestInput = z.input<typeof CheckoutRequestSchema>;
/** A parsed checkout request. */
export type CheckoutRequest = z.output<typeof CheckoutRequestSchema>;
