import { checkCalendarOptions } from "../../calendar/holidays.js";
import { parseTerms, type ChargeTerms } from "../../charges/computeCharges.js";
import { CreditBlockError, issue, type Issue } from "../../errors/CreditBlockError.js";
import { currencyDigits } from "../../money/currency.js";
import { moneyDec } from "../../money/toMoney.js";
import { COUNTER_OPTIONS } from "../../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../../schemas/issues.js";
import { pixWriter, type Encoders, type PixWriter } from "../../schemas/pix.js";
import { compileScope } from "../predicates.js";
import { DEBT_FACTS, isQuotable } from "../facts/index.js";
import { ConditionChecker } from "./conditions.js";
import { PolicyShape } from "./schema.js";
import type { CheckedPolicy, CheckedRule, Policy, PolicyDocument, Rule, Scope } from "./types.js";

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

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_.]*)\}/g;

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

/**
 * Validates and compiles a document's conditions. With `encoders` (a gate), the Pix receiver is
 * checked by the encoder, which must then be there; with `null` (`definePolicy`), its shape only.
 * @internal
 */
export function checkPolicy(json: unknown, encoders?: Encoders | null): CheckedPolicy {
  const parsed = safeParseReporting(PolicyShape, json);
  const issues: Issue[] = parsed.success ? [] : fromZodIssues(parsed.error.issues);
  const doc = (parsed.success ? parsed.data : json) as Partial<PolicyDocument> | null;
  const currency = typeof doc?.currency === "string" && /^[A-Z]{3}$/.test(doc.currency) ? doc.currency : "BRL";
  const digits = currencyDigits(currency);
  const checker = new ConditionChecker(digits, currency);
  const consumer = doc?.consumer !== false;
  let ignoreBelowMinor = 0;
  let charges: ChargeTerms | null = null;
  let pix: PixWriter | undefined;
  if (parsed.success) {
    if (parsed.data.charges !== undefined) charges = checkCharges(parsed.data.charges, { consumer, currency, calendar: parsed.data.calendar }, issues);
    const p = parsed.data;
    pix = pixWriter(p.pix, "pix", currency, "currency", encoders, issues);
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
        if (name !== "rule" && !isQuotable(name)) issues.push(issue(`${path}.message`, "policy.placeholder", { name }));
      }
    }
    if (when && checker.issues.length === before) rules.push({ rule: r, when, facts: [...facts] });
  });
  issues.push(...checker.issues);
  if (issues.length > 0 || !parsed.success) throw new PolicyError(issues);
  const p = parsed.data;
  // A copy: the caller's document (its condition trees, its calendar) is never frozen or shared.
  const policy: Policy = frozenCopy({
    ...p,
    currency,
    locale: p.locale ?? "pt-BR",
    graceDays: p.graceDays ?? 0,
    consumer,
    rules: p.rules as unknown as Rule[],
  } as Policy);
  return { policy, rules, digits, ignoreBelowMinor, charges, pix };
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

/**
 * A deep copy, frozen: the policy keeps nothing of the caller's document (a validated policy is
 * JSON data: plain objects, arrays and primitives).
 */
function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  const copy: unknown = Array.isArray(value) ? value.map(frozenCopy) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, frozenCopy(v)]));
  return Object.freeze(copy) as T;
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
  return checkPolicy(json, null).policy;
}
