import type { FactsTable } from "../aging/internal.js";
import { COUNTER_OPTIONS, PAYMENT_METHODS, type PaymentMethod, type Term } from "../schemas/checkout.js";
import type { Outcome } from "./decision.js";
import { agesWithTime, type FactSources } from "./facts/index.js";
import { compileCondition, compileScope, type Predicate } from "./predicates.js";
import type { CheckedCondition, CheckedRule, Rule, RuleAction } from "./policy/types.js";
import { segmentAfterPaying, type Context, type Release } from "./request.js";

/** The counter's immediate pairs, each with a bit: a rule's mask says which of them it reaches. @internal */
export const IMMEDIATE_OPTIONS = COUNTER_OPTIONS.filter(([, term]) => term === "immediate");

/** A policy rule compiled once: its condition and scope as closures, what it can reach. @internal */
export interface CompiledRule {
  readonly id: string;
  readonly action: RuleAction;
  /** Its position in the policy (ties in `nextChange` go to the first). */
  readonly index: number;
  readonly rule: Rule;
  /** The facts its condition names, in order (the default message speaks of them). */
  readonly facts: readonly string[];
  readonly when: Predicate;
  readonly scope: (method: PaymentMethod, term: Term) => boolean;
  readonly reachesDeferred: boolean;
  /** Bit i set: the rule reaches `IMMEDIATE_OPTIONS[i]`. */
  readonly immediateMask: number;
  /** It reaches some pair of the counter (a scope such as debit card on credit reaches none). */
  readonly reachesCounter: boolean;
  /** Literal day counts this rule compares facts that grow with time with, for `nextChange`. */
  readonly dayThresholds: readonly DayThreshold[];
}

/** A rule whose condition held, and the supervisor release that turned it off, if any. @internal */
export interface FiredRule {
  readonly rule: CompiledRule;
  readonly released: Release | null;
}

/** The facts and fired rules of one evaluation. @internal */
export interface Evaluation {
  readonly sources: FactSources;
  readonly fired: readonly FiredRule[];
}

/** A literal day count a rule compares a fact that grows with time with. @internal */
export interface DayThreshold {
  readonly fact: string;
  readonly days: number;
}

/** The literal day counts a condition compares facts that grow with time with. */
function dayThresholds(c: CheckedCondition): DayThreshold[] {
  switch (c.kind) {
    case "all":
    case "any":
      return c.items.flatMap(dayThresholds);
    case "not":
      return dayThresholds(c.item);
    case "cmp":
      return agesWithTime(c.fact) && c.value.kind === "literal" && typeof c.value.value === "number" ? [{ fact: c.fact, days: c.value.value }] : [];
  }
}

/** Compiles a checked policy's rules, once. @internal */
export function compileRules(rules: readonly CheckedRule[]): CompiledRule[] {
  return rules.map((r, index) => {
    const scope = compileScope(r.rule.scope);
    return {
      id: r.rule.id,
      action: r.rule.action,
      index,
      rule: r.rule,
      facts: r.facts,
      when: compileCondition(r.when),
      scope,
      reachesDeferred: PAYMENT_METHODS.some((m) => scope(m, "deferred")),
      immediateMask: IMMEDIATE_OPTIONS.reduce((mask, [m, t], i) => (scope(m, t) ? mask | (1 << i) : mask), 0),
      reachesCounter: COUNTER_OPTIONS.some(([m, t]) => scope(m, t)),
      dayThresholds: dayThresholds(r.when),
    };
  });
}

/** A fired rule that still refuses or holds what it reaches: not a warning, not released. @internal */
export function isBinding(f: FiredRule): boolean {
  return f.released === null && f.rule.action !== "warn";
}

/** What a fired rule does to a tender in its scope. @internal */
export function effectOf(f: FiredRule): Outcome {
  return isBinding(f) ? (f.rule.action as Outcome) : "allow";
}

/** An unexpired supervisor release of this rule (or of all rules) whose cap the sale fits. */
function releaseOf(ctx: Context, ruleId: string, day: number): Release | null {
  for (const r of ctx.releases) {
    if (r.rule !== undefined && r.rule !== ruleId) continue;
    if (r.untilDay < day) continue;
    if (r.maxMinor !== null && ctx.saleTotal > r.maxMinor) continue;
    return r;
  }
  return null;
}

/**
 * Facts and fired rules at `day`, after paying the `paid` oldest títulos in full on `asOf` (how
 * `regularize` tries payments; 0 for the request as it is). `table` is scratch space, reused.
 * @internal
 */
export function evaluate(rules: readonly CompiledRule[], table: FactsTable, ignoreBelow: number, ctx: Context, day: number, paid: number): Evaluation {
  table.reset();
  const titles = ctx.titles;
  for (let i = paid; i < titles.length; i++) {
    const title = titles[i];
    if (title === undefined || title.openMinor < ignoreBelow) continue;
    table.add(0, title.openMinor, day >= title.overdueFrom ? day - title.dueDay : 0, title.dueDay);
  }
  const col = table.columns(0);
  const limitExpired = ctx.limitExpiresDay !== null && day > ctx.limitExpiresDay;
  const sources: FactSources = {
    open: col.open,
    overdue: col.overdue,
    overdueCount: col.overdueCount,
    maxDays: col.maxDays,
    oldestDueDay: col.oldestDueDay,
    limit: ctx.limitMinor === null ? null : limitExpired ? 0 : ctx.limitMinor,
    limitExpired,
    pending: ctx.pendingMinor,
    saleTotal: ctx.saleTotal,
    saleCredit: ctx.saleCredit,
    customer: ctx.request.customer,
    segment: segmentAfterPaying(ctx, paid),
    day,
    // Paying now is a payment on asOf.
    lastPaymentDay: paid > 0 ? ctx.asOfDay : ctx.lastPaymentDay,
  };
  const fired: FiredRule[] = [];
  for (const rule of rules) {
    if (rule.when(sources)) fired.push({ rule, released: rule.action === "warn" ? null : releaseOf(ctx, rule.id, day) });
  }
  return { sources, fired };
}
