import type { Locale } from "../errors/messages.js";
import { displayDate, labelOf, t } from "../i18n/text.js";
import { COUNTER_OPTIONS, type PaymentMethod, type Term, type Tender } from "../schemas/checkout.js";
import type { CustomerStatus, OptionDecision, Outcome, Reason, TenderDecision } from "./decision.js";
import { factQuoter } from "./explain.js";
import type { RenderContext } from "./facts/index.js";
import { ruleCode, ruleMessage } from "./explain.js";
import { effectOf, IMMEDIATE_OPTIONS, isBinding, type Evaluation, type FiredRule } from "./rules.js";
import type { RuleAction } from "./policy/types.js";

const RANK: Record<Outcome, number> = { allow: 0, review: 1, deny: 2 };
/** @internal */
export const STATUS_RANK: Record<CustomerStatus, number> = { clear: 0, warning: 1, restricted: 2, blocked: 3 };
/** @internal */
export const ACTION_ORDER: Record<RuleAction, number> = { deny: 0, review: 1, warn: 2 };
const ALL_IMMEDIATE = (1 << IMMEDIATE_OPTIONS.length) - 1;

/** The verdict on a sale: per tender, per counter option, and the customer's grade. @internal */
export interface Verdict {
  readonly outcome: Outcome;
  readonly tenders: TenderDecision[];
  readonly options: OptionDecision[];
  readonly reasons: Reason[];
  readonly status: CustomerStatus;
}

function sortReasons(reasons: readonly Reason[]): Reason[] {
  return [...reasons].sort((a, b) => ACTION_ORDER[a.action] - ACTION_ORDER[b.action]);
}

/** The reason a fired rule gives; a released one becomes a warning that says who released it. */
function reasonOf(f: FiredRule, message: string, locale: Locale): Reason {
  const { rule, released } = f;
  if (!released) return { rule: rule.id, code: ruleCode(rule.rule), action: rule.action, message };
  return {
    rule: rule.id,
    code: "OVERRIDE",
    action: "warn",
    message: t(locale, "engine.override", { rule: rule.id, by: released.by, until: displayDate(released.until, locale), reason: released.reason, message }),
  };
}

/** Outcomes per tender and per counter option, with the messages of the rules that fired. @internal */
export function verdictOf(e: Evaluation, tenders: readonly Tender[], c: RenderContext): Verdict {
  const quoter = factQuoter(e.sources, c);
  const reasons = e.fired.map((f) => ({ f, reason: reasonOf(f, ruleMessage(f.rule.rule, f.rule.facts, quoter), c.locale) }));
  const outcomeFor = (method: PaymentMethod, term: Term): { outcome: Outcome; reasons: Reason[] } => {
    let outcome: Outcome = "allow";
    const list: Reason[] = [];
    for (const { f, reason } of reasons) {
      if (!f.rule.scope(method, term)) continue;
      list.push(reason);
      const effect = effectOf(f);
      if (RANK[effect] > RANK[outcome]) outcome = effect;
    }
    return { outcome, reasons: list };
  };
  const options = COUNTER_OPTIONS.map(([method, term]) => ({ method, term, outcome: outcomeFor(method, term).outcome }));
  const tenderDecisions: TenderDecision[] = tenders.map((t) => {
    const v = outcomeFor(t.method, t.term);
    return { method: t.method, term: t.term, amount: t.amount, ...(t.installments !== undefined ? { installments: t.installments } : {}), outcome: v.outcome, reasons: sortReasons(v.reasons) };
  });
  const outcome = tenderDecisions.reduce<Outcome>((worst, t) => (RANK[t.outcome] > RANK[worst] ? t.outcome : worst), "allow");
  return { outcome, options, tenders: tenderDecisions, reasons: sortReasons(reasons.map((r) => r.reason)), status: gradeOf(e.fired) };
}

/**
 * The customer grade from the fired rules alone (no messages, so `nextChange` can scan dates with
 * it): blocked when every immediate pair of the counter is refused or held, restricted when any
 * option is, warning when only warnings (or rules that reach no option) fired.
 * @internal
 */
export function gradeOf(fired: readonly FiredRule[]): CustomerStatus {
  let restricted = false;
  let immediate = 0;
  for (const f of fired) {
    if (!isBinding(f) || !f.rule.reachesCounter) continue;
    restricted = true;
    immediate |= f.rule.immediateMask;
  }
  if (restricted) return immediate === ALL_IMMEDIATE ? "blocked" : "restricted";
  return fired.length > 0 ? "warning" : "clear";
}

/**
 * A neutral text for the customer-facing side: it never mentions the debt (CDC art. 42) and
 * never says the purchase is refused while it can be paid at once (CDC art. 39 IX): it names what
 * is available instead.
 * @internal
 */
export function customerText(status: CustomerStatus, options: readonly OptionDecision[], locale: Locale): string | null {
  if (status === "clear" || status === "warning") return null;
  if (status === "blocked") return t(locale, "engine.customer.blocked");
  const refused = options.filter((o) => o.outcome !== "allow");
  const names = options.filter((o) => o.outcome === "allow" && o.term === "immediate").map((o) => labelOf("method", o.method, locale));
  const available = names.length > 4 ? t(locale, "engine.customer.and_more", { first: names.slice(0, 4).join(", ") }) : names.join(", ");
  if (!refused.every((o) => o.term === "deferred")) return t(locale, "engine.customer.some_unavailable", { available });
  const held = refused.every((o) => o.outcome === "review");
  return t(locale, held ? "engine.customer.credit_held" : "engine.customer.credit_unavailable", { available });
}
