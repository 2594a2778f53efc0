import { fromDayNumber } from "../calendar/isoDate.js";
import { chargesOf, type ChargeTerms } from "../charges/computeCharges.js";
import { MoneyDecimal } from "../money/decimal.js";
import { minorToMoney } from "../money/toMoney.js";
import type { CustomerStatus, Decision, RegularizeItem } from "./decision.js";
import { ageOrigin } from "./facts/index.js";
import type { Context } from "./request.js";
import { isBinding, type CompiledRule, type Evaluation, type FiredRule } from "./rules.js";
import { ACTION_ORDER, gradeOf, STATUS_RANK } from "./verdict.js";

/** Evaluates the context at `day` after paying the `paid` oldest títulos. @internal */
export type Evaluator = (day: number, paid: number) => Evaluation;

/** A fired rule that refuses or holds some credit tender. */
const blocksCredit = (f: FiredRule): boolean => isBinding(f) && f.rule.reachesDeferred;

/**
 * What to collect so that credit is no longer refused or held: the fewest whole títulos, oldest
 * first, whose payment lifts every deny and review on credit. Null when even paying everything
 * would not (a risk class, a manual hold): the cashier is never told to collect for nothing.
 * @internal
 */
export function regularizeOf(ctx: Context, now: Evaluation, evaluateAt: Evaluator, charges: ChargeTerms | null, digits: number): Decision["regularize"] {
  const day = ctx.asOfDay;
  const n = ctx.titles.length;
  const blocked = (e: Evaluation): boolean => e.fired.some(blocksCredit);
  if (n === 0 || !blocked(now) || blocked(evaluateAt(day, n))) return null;
  // The fewest títulos: binary search on how many of the oldest are paid (low blocked, high lifted).
  let low = 0;
  let high = n;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (blocked(evaluateAt(day, mid))) low = mid;
    else high = mid;
  }
  const terms = charges === null ? null : { ...charges, asOfDay: day };
  const zero = minorToMoney(0, digits);
  let total = new MoneyDecimal(0);
  const items = ctx.titles.slice(0, high).map((title): RegularizeItem => {
    const open = minorToMoney(title.openMinor, digits);
    const c = terms === null ? null : chargesOf(new MoneyDecimal(open), title.dueDay, terms);
    const itemTotal = c === null ? new MoneyDecimal(open) : new MoneyDecimal(c.total);
    total = total.plus(itemTotal);
    return {
      id: title.id,
      open,
      fine: c?.fine ?? zero,
      interest: c?.interest ?? zero,
      total: itemTotal.toFixed(digits),
      because: day >= title.overdueFrom ? "overdue" : "limit",
    };
  });
  return { payAtLeast: total.toFixed(digits), receivableIds: items.map((i) => i.id), items };
}

/**
 * The first future date on which, with nothing paid, the customer's grade worsens, and the rule
 * that worsens it. Null when nothing can get worse within ten years.
 * @internal
 */
export function nextChangeOf(ctx: Context, now: Evaluation, status: CustomerStatus, evaluateAt: Evaluator, rules: readonly CompiledRule[], ignoreBelow: number, worstStatus: number): Decision["nextChange"] {
  const day = ctx.asOfDay;
  if (STATUS_RANK[status] >= worstStatus) return null; // nothing can get worse
  // With nothing paid, facts change only on these days: a título turning overdue, a fact that
  // grows with time (days overdue, days since the last payment) crossing a day threshold of a
  // rule, the limit expiring, a release ending.
  const candidates = new Set<number>();
  for (const title of ctx.titles) if (title.overdueFrom > day) candidates.add(title.overdueFrom);
  const view = { titles: ctx.titles, ignoreBelow, lastPaymentDay: ctx.lastPaymentDay };
  for (const rule of rules) {
    for (const { fact, days: n } of rule.dayThresholds) {
      const origin = ageOrigin(fact, view);
      if (origin === null) continue;
      for (const d of [origin.from + n, origin.from + n + 1]) if (d > day && d >= origin.notBefore) candidates.add(d);
    }
  }
  if (ctx.limitExpiresDay !== null) candidates.add(ctx.limitExpiresDay + 1);
  for (const r of ctx.releases) candidates.add(r.untilDay + 1);
  const firedNow = new Set(now.fired.filter((f) => !f.released).map((f) => f.rule.id));
  const days = [...candidates].filter((d) => d > day && d <= day + 3650).sort((a, b) => a - b).slice(0, 1000);
  for (const d of days) {
    let then: Evaluation;
    try {
      fromDayNumber(d);
      then = evaluateAt(d, 0);
    } catch {
      break; // beyond the supported calendar
    }
    const next = gradeOf(then.fired);
    if (STATUS_RANK[next] > STATUS_RANK[status]) {
      const cause = then.fired
        .filter((f) => !f.released && !firedNow.has(f.rule.id))
        .sort((a, b) => ACTION_ORDER[a.rule.action] - ACTION_ORDER[b.rule.action] || a.rule.index - b.rule.index)[0];
      return { date: fromDayNumber(d), status: next, rule: cause?.rule.id ?? "" };
    }
  }
  return null;
}
