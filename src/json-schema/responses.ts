/**
 * zod schemas of what the sidecar answers: the core's return types (`Decision`, `AgingReport`,
 * `Charges`, `PayoffQuote`, `InstallmentPlan`, `ProposalEvaluation`), the service bodies and the
 * RFC 9457 problem. They live here, not in the core, so that the bundle a browser POS loads
 * carries none of them; the core only declares the TypeScript types they mirror. The OpenAPI
 * test checks every answer the handler gives against them.
 * @internal
 */
import * as z from "zod/mini";
import { MESSAGES, PAYMENT_METHODS, ROUNDING_MODES, TERMS } from "credit-block";

/** What a component carries besides its schema: its name in the document and its text. */
interface ComponentMeta {
  readonly id?: string;
  readonly description?: string;
  readonly format?: string;
}

/** The output components, named by their `id`; built once, on first use. */
export type ResponseRegistry = z.core.$ZodRegistry<ComponentMeta>;

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

function build(): ResponseRegistry {
  const registry = z.registry<ComponentMeta>();
  const named = <S extends z.core.$ZodType>(id: string, description: string, schema: S, extra: Omit<ComponentMeta, "id" | "description"> = {}): S => {
    registry.add(schema, { id, description, ...extra });
    return schema;
  };

  const money = named("Money", 'Money as a decimal string with exactly the currency\'s minor digits ("1234.50" in BRL), never a float; may be negative where a balance can be', z.string().check(z.regex(DECIMAL)));
  const decimal = named("Decimal", 'A decimal number as a string, e.g. a percentage ("2" = 2%) or a factor', z.string().check(z.regex(DECIMAL)));
  const date = named("Date", "Calendar date YYYY-MM-DD (no time, no zone)", z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), { format: "date" });
  const count = z.int().check(z.minimum(0));
  const method = named("PaymentMethod", "How a payment is made", z.enum(PAYMENT_METHODS));
  const term = named("Term", "immediate (à vista) or deferred (a prazo)", z.enum(TERMS));
  const outcome = named("Outcome", "Verdict; order deny > review > allow", z.enum(["allow", "review", "deny"]));
  const status = named("CustomerStatus", "The customer's grade at checkout", z.enum(["clear", "warning", "restricted", "blocked"]));
  const version = z.union([z.string(), z.int().check(z.minimum(0))]);
  const policyRef = named("PolicyRef", "The policy that answered", z.strictObject({ id: z.string(), version }));

  const reason = named("Reason", "Why a rule fired, for the operator", z.strictObject({
    rule: z.string(),
    code: z.string(),
    action: z.enum(["deny", "review", "warn"]),
    message: z.string(),
  }));
  const regularizeItem = named("RegularizeItem", "One título that regularize asks for, and why", z.strictObject({
    id: z.string(),
    open: money,
    fine: money,
    interest: money,
    total: money,
    because: z.enum(["overdue", "limit"]),
  }));
  const pixCharge = named("PixCharge", "The static Pix BR Code for exactly the amount asked, txid from the títulos paid; null when none fits the amount", z.strictObject({
    payload: z.string(),
    txid: z.string().check(z.regex(/^[0-9A-Z]{25}$/)),
    amount: money,
  }));
  const facts = named("Facts", "The facts of the checkout at asOf", z.strictObject({
    openBalance: money,
    overdueBalance: money,
    overduePercent: decimal,
    overdueCount: count,
    maxDaysOverdue: count,
    oldestOverdueDueDate: z.nullable(date),
    creditLimit: z.nullable(money),
    creditLimitExpired: z.boolean(),
    availableCredit: z.nullable(money),
    saleTotal: money,
    saleCreditAmount: money,
    exposureAfterSale: money,
    riskClass: z.nullable(z.string()),
    segment: z.enum(["punctual", "occasional", "chronic", "new"]),
    dunningLevel: count,
    onHold: z.boolean(),
    holdReason: z.nullable(z.string()),
    bouncedChecks: count,
    negativated: z.boolean(),
    tags: z.array(z.string()),
    daysSinceLastPayment: z.nullable(count),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }));
  named("Decision", "The answer to a checkout: per tender, per counter option, with reasons and what to collect", z.strictObject({
    outcome,
    tenders: z.array(named("TenderDecision", "The verdict on one tender of the sale", z.strictObject({
      method,
      term,
      amount: money,
      installments: z.optional(z.int().check(z.minimum(1))),
      outcome,
      reasons: z.array(reason),
    }))),
    options: z.array(named("OptionDecision", "What the cashier may offer now: one entry per method × term", z.strictObject({ method, term, outcome }))),
    reasons: z.array(reason),
    status,
    regularize: z.nullable(named("Regularize", "The payment that lifts a block on credit: whole títulos, oldest first", z.strictObject({
      payAtLeast: money,
      receivableIds: z.array(z.string()),
      items: z.array(regularizeItem),
      pix: z.optional(z.nullable(pixCharge)),
    }))),
    nextChange: z.nullable(z.strictObject({ date, status, rule: z.string() })),
    facts,
    policy: policyRef,
    asOf: date,
    customerMessage: z.nullable(z.string()),
  }));

  named("AgingReport", "Open balance per band of days overdue (or since issue), per customer; bands sum to total exactly", z.strictObject({
    asOf: date,
    by: z.enum(["dueDate", "issueDate"]),
    currency: z.string(),
    buckets: z.array(z.strictObject({ label: z.string(), fromDays: z.nullable(count), toDays: z.nullable(count), amount: money, count })),
    total: money,
    count,
    overdue: money,
    overdueCount: count,
    customers: z.array(z.strictObject({ customerId: z.string(), buckets: z.array(money), total: money, overdue: money, overdueCount: count, maxDaysOverdue: count })),
    excluded: z.strictObject({ disputed: money, belowThreshold: money, writtenOff: money, renegotiated: money }),
    read: count,
    settled: count,
  }));

  const charges = named("Charges", "What one título owes at a date: principal and each late charge, each rounded once", z.strictObject({
    principal: money,
    correction: money,
    fine: money,
    interest: money,
    total: money,
    daysLate: count,
    effectiveDueDate: date,
    indexMonths: z.array(z.string().check(z.regex(/^\d{4}-(?:0[1-9]|1[0-2])$/))),
    chargedUntil: date,
    correctionFactor: decimal,
  }));

  const parts = { interest: money, fine: money, correction: money, principal: money };
  named("PayoffQuote", "What the customer owes at asOf, the discounts, the net, and until when the offer holds", z.strictObject({
    asOf: date,
    validUntil: date,
    lines: z.array(z.strictObject({ receivableId: z.string(), charges, presentValue: z.nullable(money) })),
    totals: z.strictObject({ principal: money, correction: money, fine: money, interest: money, earlyPaymentReduction: money }),
    gross: money,
    discounts: z.strictObject(parts),
    discount: money,
    net: money,
    excluded: z.strictObject({ disputed: z.array(z.string()), disputedAmount: money, writtenOff: z.array(z.string()), renegotiated: z.array(z.string()) }),
    pix: z.optional(z.nullable(pixCharge)),
  }));

  const plan = named("InstallmentPlan", "An installment plan with the disclosures of CDC art. 54-B", z.strictObject({
    system: z.enum(["price", "sac", "none"]),
    downPayment: money,
    financed: money,
    installments: z.array(z.strictObject({ number: z.int().check(z.minimum(1)), dueDate: date, payment: money, interest: money, amortization: money, balance: money })),
    totalPaid: money,
    totalInterest: money,
    totalWithoutFinancing: money,
    monthlyRatePercent: decimal,
    yearlyRatePercent: decimal,
    startDate: z.nullable(date),
    firstPeriod: decimal,
  }));

  const offer = named("Offer", "An acceptable offer: the terms and the plan they give", z.strictObject({
    downPayment: money,
    installments: count,
    monthlyRatePercent: decimal,
    discountPercent: decimal,
    total: money,
    plan: z.nullable(plan),
    lateCharges: z.nullable(z.strictObject({
      finePercent: decimal,
      monthlyInterestPercent: decimal,
      dayCount: z.enum(["30", "actual"]),
      rounding: z.enum(ROUNDING_MODES as readonly [string, ...string[]]),
      consumer: z.boolean(),
    })),
  }));
  named("ProposalEvaluation", "The verdict on a proposal, with the nearest acceptable counter-offer when refused", z.strictObject({
    accepted: z.boolean(),
    violations: z.array(z.strictObject({
      limit: z.enum(["minDownPayment", "maxInstallments", "minInstallment", "maxMonthlyRatePercent", "maxDiscountPercent"]),
      required: z.string(),
      proposed: z.string(),
      requiredText: z.string(),
      proposedText: z.string(),
      message: z.string(),
    })),
    offer: z.nullable(offer),
    counterOffer: z.nullable(offer),
    reason: z.nullable(z.string()),
  }));

  named("PixSvg", "The QR code of the BR Code, verified first (CRC, fields, limits of the BCB manual)", z.strictObject({ svg: z.string() }));
  named("Health", "The process is up (liveness)", z.strictObject({ status: z.literal("ok") }));
  named("Ready", "The policy is loaded and the data source, when configured, answers (readiness)", z.strictObject({
    status: z.literal("ready"),
    policy: policyRef,
    source: z.optional(z.strictObject({ ok: z.literal(true), latencyMs: z.number().check(z.minimum(0)) })),
  }));
  named("PolicyInfo", "The policy in use: id, version and the SHA-256 of its canonical JSON", z.strictObject({
    id: z.string(),
    version,
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  }));
  const jsonSchema = z.record(z.string(), z.unknown());
  named("InputSchemas", "JSON Schemas (draft 2020-12) of the inputs", z.strictObject({ policy: jsonSchema, checkoutRequest: jsonSchema }));
  named("OpenApiDocument", "This document", z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: jsonSchema }));

  const problemBase = {
    type: z.url(),
    title: z.string(),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
  };
  const issue = named("Issue", "One problem in the input: where, what, and a stable code with the params that fill its message", z.strictObject({
    path: z.string(),
    message: z.string(),
    code: z.enum(Object.keys(MESSAGES) as [string, ...string[]]),
    params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
  }));
  named("Problem", "An RFC 9457 problem document (application/problem+json)", z.strictObject({
    ...problemBase,
    status: z.int().check(z.minimum(400), z.maximum(599)),
    code: z.optional(z.string()),
    issues: z.optional(z.array(issue)),
  }));
  named("InvalidInputProblem", "422: the input broke the schema or a rule; every issue is listed (at most 100, then one too_many_issues counting the rest)", z.strictObject({
    ...problemBase,
    status: z.literal(422),
    code: z.enum(["INVALID_INPUT", "INVALID_POLICY"]),
    issues: z.array(issue).check(z.minLength(1)),
  }));
  return registry;
}

let built: ResponseRegistry | null = null;

/** The output components (ids = component names), built on first use. @internal */
export function responseRegistry(): ResponseRegistry {
  built ??= build();
  return built;
}
