import * as z from "zod/mini";
import { checkCalendarOptions, type CalendarOptions } from "../calendar/holidays.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { currencyDigits } from "../money/currency.js";
import { D, safeText } from "../money/decimal.js";
import { moneyDec } from "../money/toMoney.js";
import { PAYMENT_METHODS, TERMS, type PaymentMethod, type Term } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { CurrencyCodeSchema, DocumentVersionSchema, LocaleSchema, PercentSchema, textOf, textUpTo, wholeNumber } from "../schemas/primitives.js";
import { MAX_GRACE_DAYS } from "../aging/daysOverdue.js";
import { parseTerms, type ChargeTerms } from "../charges/computeCharges.js";
import { COUNTER_OPTIONS } from "../schemas/checkout.js";
import { DEBT_FACTS, FACT_TYPES, factType, type FactType } from "./facts.js";
import { compileScope } from "./compile.js";

/** Comparison operators of a condition. */
export const OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn", "includes"] as const;
/** One of {@link OPERATORS}. */
export type Operator = (typeof OPERATORS)[number];

/** What a rule does to the tenders in its scope. */
export type RuleAction = "deny" | "review" | "warn";

/** A comparison's right-hand side that names another fact, optionally scaled (`creditLimit × 1.1`). */
export interface FactRef {
  readonly fact: string;
  readonly times?: string | number;
}

/** A condition over facts. */
export type Condition =
  | { readonly fact: string; readonly op: Operator; readonly value: string | number | boolean | null | readonly (string | number)[] | FactRef }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition };

/** Which tenders a rule restricts: all, every deferred one, or by method and term. */
export type Scope = "all" | "credit" | { readonly methods?: readonly PaymentMethod[]; readonly terms?: readonly Term[] };

/** One rule of a policy. */
export interface Rule {
  readonly id: string;
  readonly description?: string;
  readonly when: Condition;
  readonly scope: Scope;
  readonly action: RuleAction;
  /** Operator message; `{factName}` placeholders are filled with the numbers. One text or one per locale. */
  readonly message?: string | { readonly "pt-BR"?: string; readonly en?: string };
  /** Stable reason code; default derived from the id (`overdue-credit` → `OVERDUE_CREDIT`). */
  readonly code?: string;
  /**
   * Lets a deny or review reach sales paid at once. For a consumer policy only on a rule whose
   * condition uses no debt fact (fraud holds, tags): see {@link definePolicy} and CDC art. 39 IX.
   */
  readonly allowImmediateBlock?: boolean;
}

/**
 * The late charges a policy asks for in `regularize` (multa and juros de mora at `asOf`), in the
 * terms of `computeCharges`. Percent-based only: a fixed value belongs to one título's own terms.
 * With `consumer: true` the multa is capped at 2% (CDC art. 52 §1) and the juros de mora at 1%
 * a.m. (Súmula 379 STJ; Decreto 22.626/1933 art. 5), exactly as in `computeCharges`.
 */
export interface PolicyCharges {
  readonly finePercent?: string | number;
  readonly monthlyInterestPercent: string | number;
  readonly dayCount?: "30" | "actual";
  readonly rounding?: "down" | "up" | "half-up" | "half-even";
}

/** A credit policy document, as JSON. */
export interface PolicyDocument {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string | number;
  readonly description?: string;
  readonly currency?: string;
  readonly locale?: "pt-BR" | "en";
  readonly graceDays?: number;
  readonly calendar?: CalendarOptions;
  readonly ignoreOverdueBelow?: string;
  readonly consumer?: boolean;
  /** Late charges that `regularize` adds to each título it asks for (see {@link PolicyCharges}). */
  readonly charges?: PolicyCharges;
  readonly rules: readonly Rule[];
}

/** A validated policy: the document with defaults filled in, frozen. */
export interface Policy extends PolicyDocument {
  readonly currency: string;
  readonly locale: "pt-BR" | "en";
  readonly graceDays: number;
  readonly consumer: boolean;
}

const MAX_DEPTH = 10;
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const scopeSchema = z.union([
  z.literal("all"),
  z.literal("credit"),
  z.strictObject({
    methods: z.optional(z.array(z.enum(PAYMENT_METHODS)).check(z.minLength(1), z.maxLength(20))),
    terms: z.optional(z.array(z.enum(TERMS)).check(z.minLength(1), z.maxLength(2))),
  }),
]);

const messageText = textOf(1, 500);
const messageSchema = z.union([messageText, z.strictObject({ "pt-BR": z.optional(messageText), en: z.optional(messageText) })]);

/** The `charges` block as editors see it; `definePolicy` checks it with the rules of `computeCharges`. */
const chargesSchema = z.strictObject({
  finePercent: z.optional(PercentSchema),
  monthlyInterestPercent: PercentSchema,
  dayCount: z.optional(z.enum(["30", "actual"])),
  rounding: z.optional(z.enum(["down", "up", "half-up", "half-even"])),
});

function buildPolicySchema(condition: z.core.$ZodType, charges: z.core.$ZodType) {
  const rule = z.strictObject({
    id: z.string().check(z.regex(RULE_ID)),
    description: z.optional(textUpTo(500)),
    when: condition,
    scope: scopeSchema,
    action: z.enum(["deny", "review", "warn"]),
    message: z.optional(messageSchema),
    code: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/))),
    allowImmediateBlock: z.optional(z.boolean()),
  });
  return z.strictObject({
    $schema: z.optional(textUpTo(500)),
    id: textOf(1, 128),
    version: DocumentVersionSchema,
    description: z.optional(textUpTo(2000)),
    currency: CurrencyCodeSchema,
    locale: LocaleSchema,
    graceDays: z.optional(wholeNumber(0, MAX_GRACE_DAYS)),
    calendar: z.optional(z.unknown()),
    ignoreOverdueBelow: z.optional(textUpTo(40)),
    consumer: z.optional(z.boolean()),
    charges: z.optional(charges),
    rules: z.array(rule).check(z.maxLength(200)),
  });
}

/** Validates the document's shape; conditions are checked by hand for precise issues. */
const PolicyShape = buildPolicySchema(z.unknown(), z.unknown());

const literal = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ConditionJson: z.ZodMiniType = z.lazy(() =>
  z.union([
    z.strictObject({
      fact: z.string(),
      op: z.enum(OPERATORS),
      value: z.union([literal, z.array(z.union([z.string(), z.number()])), z.strictObject({ fact: z.string(), times: z.optional(z.union([z.string(), z.number()])) })]),
    }),
    z.strictObject({ all: z.array(ConditionJson).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(ConditionJson).check(z.minLength(1)) }),
    z.strictObject({ not: ConditionJson }),
  ]),
);

/**
 * The zod schema of a policy document, for editors and validators. `definePolicy` applies it
 * and then checks what a schema cannot (fact types, operators, CDC art. 39 IX).
 *
 * @example
 * ```ts
 * PolicySchema.safeParse(json).success;
 * ```
 */
export const PolicySchema = buildPolicySchema(ConditionJson, chargesSchema);

/**
 * The error `definePolicy` throws: a {@link CreditBlockError} with code `INVALID_POLICY` and
 * every problem of the document.
 *
 * @example
 * ```ts
 * try {
 *   definePolicy(json);
 * } catch (error) {
 *   if (error instanceof PolicyError) for (const i of error.issues) console.error(`${i.path}: ${i.message}`);
 * }
 * ```
 */
export class PolicyError extends CreditBlockError {
  override readonly name = "PolicyError";
  constructor(issues: readonly Issue[]) {
    super("INVALID_POLICY", issues);
  }
}

// ---- compiled condition tree -------------------------------------------------------------

/** @internal */
export type Operand =
  | { readonly kind: "literal"; readonly value: number | string | boolean | null | readonly (string | number)[] }
  | { readonly kind: "fact"; readonly fact: string; readonly type: FactType; readonly times?: { readonly num: bigint; readonly den: bigint } };

/** @internal */
export type CheckedCondition =
  | { readonly kind: "cmp"; readonly fact: string; readonly type: FactType; readonly op: Operator; readonly value: Operand }
  | { readonly kind: "all" | "any"; readonly items: readonly CheckedCondition[] }
  | { readonly kind: "not"; readonly item: CheckedCondition };

/** @internal */
export interface CheckedRule {
  readonly rule: Rule;
  readonly when: CheckedCondition;
  readonly facts: readonly string[];
}

/** @internal */
export interface CheckedPolicy {
  readonly policy: Policy;
  readonly rules: readonly CheckedRule[];
  readonly digits: number;
  readonly ignoreBelowMinor: number;
  /** The policy's charge terms parsed once (their `asOfDay` is set per decision), or null. */
  readonly charges: ChargeTerms | null;
}

const OPS_BY_TYPE: Record<FactType, readonly Operator[]> = {
  money: ["eq", "ne", "gt", "gte", "lt", "lte"],
  count: ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn"],
  percent: ["eq", "ne", "gt", "gte", "lt", "lte"],
  boolean: ["eq", "ne"],
  string: ["eq", "ne", "in", "notIn"],
  list: ["includes"],
  attribute: ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn"],
};

const INVALID = Symbol("invalid literal");

/** JSON text of any value; `JSON.stringify` returns undefined for functions and symbols. */
function jsonText(v: unknown): string {
  // The lib types say string, but JSON.stringify(undefined) and of a function is undefined.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  return JSON.stringify(v) ?? "undefined";
}

const describeValue = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? `the string ${JSON.stringify(v).slice(0, 40)}` : `${typeof v} ${jsonText(v)}`.slice(0, 40));

class Checker {
  readonly issues: Issue[] = [];
  constructor(private readonly digits: number, private readonly currency: string) {}

  condition(raw: unknown, path: string, depth: number, facts: Set<string>): CheckedCondition | null {
    if (depth > MAX_DEPTH) {
      this.issues.push(issue(path, "policy.too_deep", { max: MAX_DEPTH }));
      return null;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      this.issues.push(issue(path, "policy.condition_shape"));
      return null;
    }
    const c = raw as Record<string, unknown>;
    const keys = Object.keys(c);
    for (const group of ["all", "any"] as const) {
      if (keys.length === 1 && keys[0] === group) {
        const list = c[group];
        if (!Array.isArray(list) || list.length === 0) {
          this.issues.push(issue(`${path}.${group}`, "policy.empty_group", { group }));
          return null;
        }
        if (list.length > 100) this.issues.push(issue(`${path}.${group}`, "too_big", { maximum: "100 conditions" }));
        const items = list.slice(0, 100).map((item, i) => this.condition(item, `${path}.${group}[${i}]`, depth + 1, facts));
        return items.every((i) => i !== null) ? { kind: group, items: items } : null;
      }
    }
    if (keys.length === 1 && keys[0] === "not") {
      const item = this.condition(c.not, `${path}.not`, depth + 1, facts);
      return item ? { kind: "not", item } : null;
    }
    if (!("fact" in c) || !("op" in c) || !("value" in c) || keys.some((k) => k !== "fact" && k !== "op" && k !== "value")) {
      for (const k of keys) if (!["fact", "op", "value", "all", "any", "not"].includes(k)) this.issues.push(issue(`${path}.${k}`, "unknown_key", { key: k }));
      this.issues.push(issue(path, "policy.condition_shape"));
      return null;
    }
    return this.comparison(c, path, facts);
  }

  private comparison(c: Record<string, unknown>, path: string, facts: Set<string>): CheckedCondition | null {
    const before = this.issues.length;
    const fact = c.fact;
    const type = typeof fact === "string" ? factType(fact) : undefined;
    if (typeof fact !== "string" || type === undefined) {
      this.issues.push(issue(`${path}.fact`, "policy.unknown_fact", { fact: safeText(fact, 60), known: Object.keys(FACT_TYPES).join(", ") }));
    }
    const op = c.op;
    if (typeof op !== "string" || !(OPERATORS as readonly string[]).includes(op)) {
      this.issues.push(issue(`${path}.op`, "policy.unknown_op", { op: safeText(op, 20), ops: OPERATORS.join(", ") }));
    } else if (type && !OPS_BY_TYPE[type].includes(op as Operator)) {
      this.issues.push(issue(`${path}.op`, "policy.op_type", { op, type, fact: safeText(fact, 60), ops: OPS_BY_TYPE[type].join(", ") }));
    }
    if (this.issues.length > before || !type) return null;
    facts.add(fact as string);
    const value = this.operand(c.value, type, op as Operator, safeText(fact, 60), `${path}.value`, facts);
    return value ? { kind: "cmp", fact: fact as string, type, op: op as Operator, value } : null;
  }

  private operand(v: unknown, type: FactType, op: Operator, fact: string, path: string, facts: Set<string>): Operand | null {
    const bad = (expected: string): null => {
      this.issues.push(issue(path, "policy.value_type", { fact, type, expected, got: describeValue(v) }));
      return null;
    };
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const ref = v as Record<string, unknown>;
      for (const k of Object.keys(ref)) if (k !== "fact" && k !== "times") this.issues.push(issue(`${path}.${k}`, "unknown_key", { key: k }));
      const otherType = typeof ref.fact === "string" ? factType(ref.fact) : undefined;
      if (typeof ref.fact !== "string" || otherType === undefined) {
        this.issues.push(issue(`${path}.fact`, "policy.unknown_fact", { fact: safeText(ref.fact, 60), known: Object.keys(FACT_TYPES).join(", ") }));
        return null;
      }
      if (otherType !== type && otherType !== "attribute" && type !== "attribute") return bad(`a ${type} fact (got the ${otherType} fact ${ref.fact})`);
      if (op === "in" || op === "notIn" || op === "includes") return bad("a literal list");
      let times: { num: bigint; den: bigint } | undefined;
      if (ref.times !== undefined) {
        const text = typeof ref.times === "number" && Number.isFinite(ref.times) ? String(ref.times) : ref.times;
        if (typeof text !== "string" || !/^\d{1,6}(\.\d{1,6})?$/.test(text) || !(type === "money" || type === "count" || type === "percent")) {
          this.issues.push(issue(`${path}.times`, "decimal.format", { value: jsonText(ref.times).slice(0, 20) }));
          return null;
        }
        const [whole = "0", frac = ""] = text.split(".");
        times = { num: BigInt(whole + frac), den: 10n ** BigInt(frac.length) };
      }
      facts.add(ref.fact);
      return { kind: "fact", fact: ref.fact, type: otherType, ...(times ? { times } : {}) };
    }
    if (op === "in" || op === "notIn") {
      if (!Array.isArray(v) || v.length === 0 || v.length > 100) return bad("a non-empty list (at most 100 items)");
      const items = v.map((item: unknown) => this.scalar(item, type, op, fact, path));
      return items.every((i) => i !== INVALID) ? { kind: "literal", value: items as (string | number)[] } : null;
    }
    if (Array.isArray(v)) return bad(`a single value (lists go with "in" / "notIn")`);
    const scalar = this.scalar(v, type, op, fact, path);
    return scalar === INVALID ? null : { kind: "literal", value: scalar };
  }

  /** One literal, converted to the comparison form; INVALID after recording an issue. */
  private scalar(v: unknown, type: FactType, op: Operator, fact: string, path: string): string | number | boolean | null | typeof INVALID {
    const bad = (expected: string): typeof INVALID => {
      this.issues.push(issue(path, "policy.value_type", { fact, type, expected, got: describeValue(v) }));
      return INVALID;
    };
    const nullable = op === "eq" || op === "ne";
    switch (type) {
      case "money": {
        if (v === null && nullable && (fact === "creditLimit" || fact === "availableCredit")) return null;
        if (typeof v !== "string") return bad(`a money string like "500.00" (a number here would be a count)`);
        try {
          return moneyDec(v, this.currency, path).times(10 ** this.digits).toNumber();
        } catch (error) {
          if (error instanceof CreditBlockError) this.issues.push(...error.issues);
          return INVALID;
        }
      }
      case "count":
        if (typeof v !== "number" || !Number.isSafeInteger(v)) return bad(`a whole number${typeof v === "string" ? ' (a string like "500.00" is money, not a count)' : ""}`);
        return v;
      case "percent": {
        const text = typeof v === "number" && Number.isFinite(v) ? String(v) : v;
        if (typeof text !== "string" || !/^-?\d{1,4}(\.\d{1,2})?$/.test(text)) return bad('a percentage with at most 2 decimals, like 50 or "33.33"');
        return new D(text).times(100).toNumber();
      }
      case "boolean":
        return typeof v === "boolean" ? v : bad("true or false");
      case "string":
        if (v === null && nullable) return null;
        return typeof v === "string" && v.length <= 200 ? v : bad("a string");
      case "list":
        return typeof v === "string" && v.length <= 200 ? v : bad("a string to look for in the list");
      case "attribute":
        if (typeof v === "string" && v.length <= 500) return v;
        if (typeof v === "boolean") return (op === "eq" || op === "ne") ? v : bad("a number for an ordering operator");
        if (typeof v === "number" && Number.isFinite(v)) return v;
        return bad("a string, a finite number or a boolean");
    }
  }
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;
const EXTRA_PLACEHOLDERS = new Set(["holdReason", "oldestOverdueDueDate", "rule"]);

/**
 * True when a scope reaches a tender paid at once: any immediate pair of the counter (cash, Pix,
 * cards, a boleto paid before the goods leave, a cheque cashed at once…). Under CDC art. 39 IX
 * every one of them is "pronto pagamento" for the consumer. @internal
 */
export function scopeReachesImmediate(scope: Scope): boolean {
  const reaches = compileScope(scope);
  return COUNTER_OPTIONS.some(([method, term]) => term === "immediate" && reaches(method, term));
}

const CHARGE_KEYS: ReadonlySet<string> = new Set(["finePercent", "monthlyInterestPercent", "dayCount", "rounding"]);

/** Parses the policy's `charges` block with the terms of `computeCharges`; issues under `charges`. */
function checkCharges(raw: unknown, p: { consumer: boolean; currency: string; calendar: unknown }, issues: Issue[]): ChargeTerms | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push(issue("charges", "invalid_type", { expected: "object", received: raw === null ? "null" : Array.isArray(raw) ? "array" : typeof raw }));
    return null;
  }
  const before = issues.length;
  for (const key of Object.keys(raw)) if (!CHARGE_KEYS.has(key)) issues.push(issue(`charges.${key}`, "unknown_key", { key }));
  if (issues.length > before) return null;
  try {
    // The date is a placeholder: each decision sets its own `asOfDay`.
    return parseTerms({ ...raw, asOf: "2000-01-01", consumer: p.consumer, currency: p.currency, ...(p.calendar === undefined ? {} : { calendar: p.calendar }) }, "charges");
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    // Paths of keys the policy supplies itself (currency, calendar) are already reported at the top.
    issues.push(...error.issues.filter((i) => !/^charges\.(asOf|consumer|currency|calendar)\b/.test(i.path)));
    return null;
  }
}

/** Validates and compiles a document's conditions. @internal */
export function checkPolicy(json: unknown): CheckedPolicy {
  const parsed = safeParseReporting(PolicyShape, json);
  const issues: Issue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  const doc = (parsed.success ? parsed.data : json) as Partial<PolicyDocument> | null;
  const currency = typeof doc?.currency === "string" && /^[A-Z]{3}$/.test(doc.currency) ? doc.currency : "BRL";
  const digits = currencyDigits(currency);
  const checker = new Checker(digits, currency);
  const consumer = doc?.consumer !== false;
  let ignoreBelowMinor = 0;
  let charges: ChargeTerms | null = null;
  if (parsed.success) {
    if (parsed.data.charges !== undefined) charges = checkCharges(parsed.data.charges, { consumer, currency, calendar: parsed.data.calendar }, issues);
    const p = parsed.data;
    if (p.calendar !== undefined) {
      try {
        checkCalendarOptions(p.calendar, "calendar");
      } catch (error) {
        if (error instanceof CreditBlockError) issues.push(...error.issues);
        else throw error;
      }
    }
    if (p.ignoreOverdueBelow !== undefined) {
      try {
        const dec = moneyDec(p.ignoreOverdueBelow, currency, "ignoreOverdueBelow");
        if (dec.isNegative()) issues.push(issue("ignoreOverdueBelow", "money.negative", { value: p.ignoreOverdueBelow }));
        ignoreBelowMinor = dec.times(10 ** digits).toNumber();
      } catch (error) {
        if (error instanceof CreditBlockError) issues.push(...error.issues);
        else throw error;
      }
    }
  }
  const rules: CheckedRule[] = [];
  const rawRules = Array.isArray(doc?.rules) ? (doc.rules as unknown[]) : [];
  const seen = new Map<string, number>();
  rawRules.slice(0, 200).forEach((raw, i) => {
    if (typeof raw !== "object" || raw === null) return;
    const r = raw as Rule;
    const path = `rules[${i}]`;
    if (typeof r.id === "string") {
      const first = seen.get(r.id);
      if (first !== undefined) issues.push(issue(`${path}.id`, "duplicate_id", { id: r.id, first: `rules[${first}]` }));
      else seen.set(r.id, i);
    }
    const facts = new Set<string>();
    const before = checker.issues.length;
    const when = "when" in r ? checker.condition(r.when, `${path}.when`, 1, facts) : null;
    if (!("when" in r) && parsed.success) issues.push(issue(`${path}.when`, "required"));
    // CDC art. 39 IX: a consumer who pays at once may be neither refused nor kept waiting.
    if (consumer && (r.action === "deny" || r.action === "review") && isScope(r.scope) && scopeReachesImmediate(r.scope)) {
      if (r.allowImmediateBlock !== true) issues.push(issue(`${path}.scope`, "policy.immediate_block", { action: r.action }));
      else {
        const debt = [...facts].filter((f) => DEBT_FACTS.has(f));
        if (debt.length > 0) issues.push(issue(`${path}.allowImmediateBlock`, "policy.immediate_block_debt", { facts: debt.join(", ") }));
      }
    }
    for (const text of messageTexts(r.message)) {
      for (const m of text.matchAll(PLACEHOLDER)) {
        const name = m[1] ?? "";
        if (factType(name) === undefined && !EXTRA_PLACEHOLDERS.has(name)) issues.push(issue(`${path}.message`, "policy.placeholder", { name }));
      }
    }
    if (when && checker.issues.length === before) rules.push({ rule: r, when, facts: [...facts] });
  });
  issues.push(...checker.issues);
  if (issues.length > 0 || !parsed.success) throw new PolicyError(issues);
  const p = parsed.data;
  const policy: Policy = deepFreeze({
    ...p,
    currency,
    locale: p.locale ?? "pt-BR",
    graceDays: p.graceDays ?? 0,
    consumer,
    rules: p.rules as unknown as Rule[],
  } as Policy);
  return { policy, rules, digits, ignoreBelowMinor, charges };
}

function isScope(scope: unknown): scope is Scope {
  if (scope === "all" || scope === "credit") return true;
  if (typeof scope !== "object" || scope === null) return false;
  const { methods, terms } = scope as { methods?: unknown; terms?: unknown };
  return (methods === undefined || Array.isArray(methods)) && (terms === undefined || Array.isArray(terms));
}

function messageTexts(message: unknown): string[] {
  if (typeof message === "string") return [message];
  if (typeof message === "object" && message !== null) return Object.values(message).filter((t): t is string => typeof t === "string");
  return [];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Validates a policy document and returns it with defaults filled in, frozen. Throws one
 * {@link PolicyError} listing every problem at once, each with its JSON path: unknown keys,
 * facts and operators; a money literal compared with a count (and the reverse); duplicate rule
 * ids; an empty `all`/`any`; unknown message placeholders; and — with `consumer: true`, the
 * default — a rule that could deny a sale paid at once, which CDC art. 39 IX forbids
 * ("recusar a venda de bens … a quem se disponha a adquiri-los mediante pronto pagamento",
 * https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm) unless the rule says
 * `"allowImmediateBlock": true`.
 *
 * @example
 * ```ts
 * const policy = definePolicy({
 *   id: "loja-centro",
 *   version: 3,
 *   graceDays: 5,
 *   rules: [
 *     { id: "overdue", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
 *     { id: "limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit" } }, scope: "credit", action: "review" },
 *   ],
 * });
 * policy.locale; // "pt-BR"
 * ```
 */
export function definePolicy(json: unknown): Policy {
  return checkPolicy(json).policy;
}
