import { compileCalendar } from "../calendar/businessDays.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError } from "../errors/CreditBlockError.js";
import type { Locale } from "../errors/messages.js";
import { chargesOf } from "../charges/computeCharges.js";
import { D } from "../money/decimal.js";
import { addMinor, subMinor, type Minor } from "../money/minor.js";
import { minorToMoney, moneyToMinor, type Money } from "../money/toMoney.js";
import { checkoutSchemas, COUNTER_OPTIONS, LIMITS, PAYMENT_METHODS, withTerm, type CheckoutRequestInput, type Customer, type PaymentMethod, type Tender, type Term } from "../schemas/checkout.js";
import { labelOf } from "../i18n/labels.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { FactsTable } from "../aging/facts.js";
import { ReceivableReader, RowStatus } from "../aging/readReceivable.js";
import { issue, type Issue } from "../errors/CreditBlockError.js";
import { DEFAULT_THRESHOLDS, segmentOf } from "../profile/profileCustomer.js";
import { compileCondition, compileScope, type Predicate } from "./compile.js";
import { factFormatter, ruleCode, ruleMessage } from "./explain.js";
import { publicFacts, type Facts, type FactValues, type Segment } from "./facts.js";
import { checkPolicy, type CheckedPolicy, type Policy, type PolicyDocument, type Rule, type RuleAction } from "./policy.js";

/** Outcome of a tender, an option or a sale. Order: deny > review > allow. */
export type Outcome = "allow" | "review" | "deny";

/**
 * The customer's grade at checkout. `blocked` only when nothing can be paid at once (every
 * immediate option refused or held); `restricted` when some option is refused or held but the
 * sale can still be paid at once; `warning` when only warnings fired; `clear` otherwise.
 */
export type CustomerStatus = "clear" | "warning" | "restricted" | "blocked";

/** Why a rule fired, for the operator. */
export interface Reason {
  readonly rule: string;
  readonly code: string;
  readonly action: RuleAction;
  readonly message: string;
}

/** The verdict on one tender of the sale. */
export interface TenderDecision {
  readonly method: PaymentMethod;
  readonly term: Term;
  readonly amount: Money;
  readonly installments?: number;
  readonly outcome: Outcome;
  readonly reasons: Reason[];
}

/** What the cashier may offer now: one entry per method × term. */
export interface OptionDecision {
  readonly method: PaymentMethod;
  readonly term: Term;
  readonly outcome: Outcome;
}

/** The answer to a checkout. */
export interface Decision {
  /** Worst outcome over the sale's tenders; `allow` for a request without a sale. */
  readonly outcome: Outcome;
  readonly tenders: TenderDecision[];
  readonly options: OptionDecision[];
  /** Every fired rule once, deny first, then review, then warn (supervisor releases are warns). */
  readonly reasons: Reason[];
  readonly status: CustomerStatus;
  /**
   * What the cashier collects to lift every deny/review on credit tenders: whole títulos, oldest
   * first, each with its multa and juros at `asOf` when the policy carries `charges`. Null when
   * nothing on credit is blocked, or when no payment would lift it all (a risk class, a hold).
   */
  readonly regularize: null | Regularize;
  /** The first future date on which, with nothing paid, the status worsens. */
  readonly nextChange: null | { readonly date: ISODate; readonly status: CustomerStatus; readonly rule: string };
  readonly facts: Facts;
  readonly policy: { readonly id: string; readonly version: string | number };
  readonly asOf: ISODate;
  /**
   * A neutral text for customer-facing screens and receipts: it never mentions the debt
   * (CDC art. 42: no exposure to ridicule or embarrassment). Null when nothing is restricted.
   */
  readonly customerMessage: string | null;
}

/** One título that `regularize` asks for, and why. */
export interface RegularizeItem {
  readonly id: string;
  /** Its open balance. */
  readonly open: Money;
  /** Multa at `asOf` under the policy's `charges` ("0.00" without them or before it is due). */
  readonly fine: Money;
  /** Juros de mora at `asOf` under the policy's `charges`. */
  readonly interest: Money;
  /** open + fine + interest. */
  readonly total: Money;
  /** `overdue`: it is itself overdue; `limit`: it is paid to free credit limit or exposure. */
  readonly because: "overdue" | "limit";
}

/** The payment that lifts a block on credit: whole títulos, oldest first. */
export interface Regularize {
  /** Σ items' totals: the amount to collect. */
  readonly payAtLeast: Money;
  readonly receivableIds: string[];
  readonly items: RegularizeItem[];
}

/** A compiled policy: decide checkouts with it, as many times as needed. */
export interface CreditGate {
  readonly policy: Policy;
  /** Synchronous and pure: no clock, no I/O, no shared mutable state; the request is not touched. */
  decide(request: CheckoutRequestInput): Decision;
}

const RANK: Record<Outcome, number> = { allow: 0, review: 1, deny: 2 };
const STATUS_RANK: Record<CustomerStatus, number> = { clear: 0, warning: 1, restricted: 2, blocked: 3 };
const ACTION_ORDER: Record<RuleAction, number> = { deny: 0, review: 1, warn: 2 };
/** The counter's immediate pairs, each with a bit: a rule's mask says which of them it reaches. */
const IMMEDIATE = COUNTER_OPTIONS.filter(([, term]) => term === "immediate");
const ALL_IMMEDIATE = (1 << IMMEDIATE.length) - 1;

interface CompiledRule {
  readonly rule: Rule;
  readonly index: number;
  readonly facts: readonly string[];
  readonly when: Predicate;
  readonly scope: (method: PaymentMethod, term: Term) => boolean;
  readonly reachesDeferred: boolean;
  /** Bit i set: the rule reaches `IMMEDIATE[i]`. */
  readonly immediateMask: number;
  /** It reaches some pair of the counter (a scope such as debit card on credit reaches none). */
  readonly reachesCounter: boolean;
  /** Literal day counts this rule compares `maxDaysOverdue` with, for `nextChange`. */
  readonly dayThresholds: readonly number[];
}

/** One counted open título, reduced to what the decision needs. */
interface Item {
  readonly id: string;
  readonly openMinor: number;
  readonly dueDay: number;
  /** First day on which it counts as overdue (after the effective due date and the grace). */
  readonly overdueFrom: number;
}

/** The request as the engine uses it: parsed head, receivables reduced to rows. */
interface ParsedRequest {
  readonly asOf: ISODate;
  readonly customer: Customer;
  readonly tenders: readonly Tender[];
  readonly receivables: readonly ReceivableRow[];
}

interface ReceivableRow {
  readonly id: string;
  readonly status: RowStatus;
  readonly openMinor: number;
  readonly dueDay: number;
  readonly paidDay: number;
}

interface Context {
  readonly request: ParsedRequest;
  readonly asOfDay: number;
  /** Counted open títulos, oldest first: the order `regularize` pays in. */
  readonly items: readonly Item[];
  readonly pendingMinor: number;
  readonly saleTotal: Minor;
  readonly saleCredit: Minor;
  /** The segment at `asOf`, and the counts it came from (to redo it after a payment). */
  readonly segment: Segment;
  readonly judged: number;
  readonly late: number;
  /** The customer's limit in minor units, or null when none is set. */
  readonly limitMinor: number | null;
  /** Last day the limit is in force, or null when it does not expire. */
  readonly limitExpiresDay: number | null;
  readonly overrides: readonly ParsedOverride[];
}

/** A supervisor release with its dates and cap read once, not on every evaluation. */
interface ParsedOverride extends Release {
  readonly rule?: string | undefined;
  readonly untilDay: number;
  readonly maxMinor: number | null;
}

interface Evaluation {
  readonly facts: FactValues;
  /** Fired rules, and whether a supervisor release turned each one off. */
  readonly fired: readonly { readonly rule: CompiledRule; readonly released: Release | null }[];
}

interface Release {
  readonly by: string;
  readonly reason: string;
  readonly until: string;
}

/**
 * Compiles a policy once into plain closures and returns a gate that decides checkouts. Pass
 * the result of {@link definePolicy} or the policy JSON itself (it is validated either way).
 *
 * @example
 * ```ts
 * const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));
 * const decision = gate.decide({
 *   asOf: "2026-11-23",
 *   customer: { id: "c1" },
 *   receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }],
 *   sale: { tenders: [{ method: "store_credit", amount: "150.00" }] },
 * });
 * decision.outcome;  // "deny"
 * decision.options.find((o) => o.method === "pix" && o.term === "immediate")?.outcome; // "allow"
 * decision.regularize; // { payAtLeast: "389.90", receivableIds: ["t1"] }
 * ```
 */
export function createCreditGate(policy: Policy | PolicyDocument): CreditGate {
  const checked = checkPolicy(policy);
  return new Gate(checked);
}

class Gate implements CreditGate {
  readonly policy: Policy;
  private readonly rules: readonly CompiledRule[];
  private readonly calendar;
  private readonly schema;
  private readonly currency: string;
  private readonly digits: number;
  private readonly ignoreBelow: number;
  private readonly locale: Locale;
  private readonly table = new FactsTable(1);
  /** The worst grade this policy can give, so `nextChange` stops early when already there. */
  private readonly worstStatus: number;

  constructor(private readonly checked: CheckedPolicy) {
    this.policy = checked.policy;
    this.digits = checked.digits;
    this.ignoreBelow = checked.ignoreBelowMinor;
    this.locale = checked.policy.locale;
    this.calendar = compileCalendar(checked.policy.calendar, "policy.calendar");
    this.currency = checked.policy.currency;
    this.schema = checkoutSchemas(checked.policy.currency).checkoutHead;
    this.rules = checked.rules.map((r, index) => {
      const scope = compileScope(r.rule.scope);
      return {
        rule: r.rule,
        index,
        facts: r.facts,
        when: compileCondition(r.when),
        scope,
        reachesDeferred: PAYMENT_METHODS.some((m) => scope(m, "deferred")),
        immediateMask: IMMEDIATE.reduce((mask, [m, t], i) => (scope(m, t) ? mask | (1 << i) : mask), 0),
        reachesCounter: COUNTER_OPTIONS.some(([m, t]) => scope(m, t)),
        dayThresholds: dayThresholds(r.when),
      };
    });
    // The grade only worsens as more rules fire, so the worst one is with every rule fired.
    this.worstStatus = STATUS_RANK[gradeOf(this.rules.map((rule) => ({ rule, released: null })))];
  }

  decide(input: CheckoutRequestInput): Decision {
    const ctx = this.context(this.parse(input));
    const asOfDay = ctx.asOfDay;
    const now = this.evaluate(ctx, asOfDay, 0);
    const verdict = this.verdict(ctx, now);
    const status = verdict.status;
    return {
      outcome: verdict.outcome,
      tenders: verdict.tenders,
      options: verdict.options,
      reasons: verdict.reasons,
      status,
      regularize: this.regularize(ctx, asOfDay, now),
      nextChange: this.nextChange(ctx, asOfDay, now, status),
      facts: publicFacts(now.facts, this.digits),
      policy: { id: this.policy.id, version: this.policy.version },
      asOf: ctx.request.asOf,
      customerMessage: customerText(status, verdict.options, this.locale),
    };
  }

  /**
   * Validates the request: zod for the customer and the sale, the aging row reader for the
   * receivables (a fast path that defers to ReceivableSchema for anything unusual), then the
   * cross-field rules of CheckoutRequestSchema. Every issue is reported at once.
   */
  private parse(input: unknown): ParsedRequest {
    const head = safeParseReporting(this.schema, input);
    const issues: Issue[] = head.success ? [] : fromZodIssues(head.error.issues);
    const raw = (typeof input === "object" && input !== null ? (input as { receivables?: unknown }).receivables : undefined);
    const receivables: ReceivableRow[] = [];
    if (Array.isArray(raw) && raw.length <= LIMITS.receivables) {
      const reader = new ReceivableReader(this.currency, this.digits, "receivables");
      const asOfDay = head.success ? dayNumber(head.data.asOf, "asOf") : Number.POSITIVE_INFINITY;
      const customerId = head.success ? head.data.customer.id : undefined;
      for (let i = 0; i < raw.length; i++) {
        if (reader.full) {
          reader.stop(i, raw.length - i);
          break;
        }
        if (!reader.read(raw[i], i)) continue;
        const row = reader.row;
        if (row.customerId !== "" && customerId !== undefined && row.customerId !== customerId) {
          issues.push(issue(`receivables[${i}].customerId`, "invalid_value", { options: JSON.stringify(customerId) }));
        }
        if (row.paidDay > asOfDay) {
          issues.push(issue(`receivables[${i}].paidDate`, "receivable.paid_after_as_of", { paid: fromDayNumber(row.paidDay), asOf: fromDayNumber(asOfDay) }));
        }
        receivables.push({ id: row.id, status: row.status, openMinor: row.openMinor, dueDay: row.dueDay, paidDay: row.paidDay });
      }
      issues.push(...reader.issues);
    }
    if (!head.success || issues.length > 0) throw new CreditBlockError("INVALID_INPUT", sortIssues(issues));
    return { asOf: head.data.asOf, customer: head.data.customer, tenders: head.data.sale?.tenders.map(withTerm) ?? [], receivables };
  }

  private context(request: ParsedRequest): Context {
    const grace = this.policy.graceDays;
    const items: Item[] = [];
    const digits = this.digits;
    const currency = this.policy.currency;
    for (const r of request.receivables) {
      if (r.status !== RowStatus.Open || r.openMinor === 0) continue;
      const due = r.dueDay;
      items.push({ id: r.id, openMinor: r.openMinor, dueDay: due, overdueFrom: Math.max(this.calendar.nextBusinessDay(due), due + grace) + 1 });
    }
    // Oldest first: the order `regularize` pays in.
    items.sort((a, b) => a.dueDay - b.dueDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let saleTotal: Minor = 0;
    let saleCredit: Minor = 0;
    for (const t of request.tenders) {
      const minor = moneyToMinor(t.amount, digits, currency, "amount");
      saleTotal = addMinor(saleTotal, minor);
      if (t.term === "deferred") saleCredit = addMinor(saleCredit, minor);
    }
    const c = request.customer;
    const asOfDay = dayNumber(request.asOf, "asOf");
    const history = historyOf(request, asOfDay);
    return {
      request,
      asOfDay,
      items,
      pendingMinor: c.pendingExposure === undefined ? 0 : moneyToMinor(c.pendingExposure, digits, currency, "pendingExposure"),
      saleTotal,
      saleCredit,
      segment: segmentOf(history.judged, history.late, history.maxOverdueNow, DEFAULT_THRESHOLDS),
      judged: history.judged,
      late: history.late,
      limitMinor: c.creditLimit === undefined || c.creditLimit === null ? null : moneyToMinor(c.creditLimit, digits, currency, "creditLimit"),
      limitExpiresDay: c.creditLimitExpiresOn === undefined ? null : dayNumber(c.creditLimitExpiresOn, "creditLimitExpiresOn"),
      overrides: (c.overrides ?? []).map((o) => ({
        ...o,
        untilDay: dayNumber(o.until, "until"),
        maxMinor: o.maxAmount === undefined ? null : moneyToMinor(o.maxAmount, digits, currency, "maxAmount"),
      })),
    };
  }

  /**
   * Facts and fired rules at `day`, after paying the `paid` oldest títulos in full on `asOf` (how
   * `regularize` tries payments; 0 for the request as it is).
   */
  private evaluate(ctx: Context, day: number, paid: number): Evaluation {
    const table = this.table;
    table.reset();
    const items = ctx.items;
    for (let i = paid; i < items.length; i++) {
      const item = items[i] as Item;
      if (item.openMinor < this.ignoreBelow) continue;
      table.add(0, item.openMinor, day >= item.overdueFrom ? day - item.dueDay : 0, item.dueDay);
    }
    const col = table.columns(0);
    const c = ctx.request.customer;
    const expired = ctx.limitExpiresDay !== null && day > ctx.limitExpiresDay;
    const limit = ctx.limitMinor === null ? null : expired ? 0 : ctx.limitMinor;
    const facts: FactValues = {
      openBalance: col.open,
      overdueBalance: col.overdue,
      overduePercent: col.open === 0 ? 0 : Number((BigInt(col.overdue) * 10_000n) / BigInt(col.open)),
      overdueCount: col.overdueCount,
      maxDaysOverdue: col.maxDays,
      oldestOverdueDueDay: col.oldestDueDay,
      creditLimit: limit,
      creditLimitExpired: expired,
      availableCredit: limit === null ? null : subMinor(subMinor(limit, col.open), ctx.pendingMinor),
      saleTotal: ctx.saleTotal,
      saleCreditAmount: ctx.saleCredit,
      exposureAfterSale: addMinor(addMinor(col.open, ctx.pendingMinor), ctx.saleCredit),
      riskClass: c.riskClass ?? null,
      segment: paid === 0 ? ctx.segment : segmentAfterPaying(ctx, paid),
      dunningLevel: c.dunningLevel ?? 0,
      onHold: c.hold === true || (typeof c.hold === "object"),
      holdReason: typeof c.hold === "object" ? c.hold.reason : null,
      bouncedChecks: c.bouncedChecks ?? 0,
      negativated: c.negativated ?? false,
      tags: c.tags ?? [],
      attributes: c.attributes ?? {},
    };
    const fired: { rule: CompiledRule; released: Release | null }[] = [];
    for (const rule of this.rules) {
      if (rule.when(facts)) fired.push({ rule, released: rule.rule.action === "warn" ? null : this.release(ctx, rule.rule.id, day) });
    }
    return { facts, fired };
  }

  /** An unexpired supervisor release of this rule (or of all rules) whose cap the sale fits. */
  private release(ctx: Context, ruleId: string, day: number): Release | null {
    for (const o of ctx.overrides) {
      if (o.rule !== undefined && o.rule !== ruleId) continue;
      if (o.untilDay < day) continue;
      if (o.maxMinor !== null && ctx.saleTotal > o.maxMinor) continue;
      return o;
    }
    return null;
  }

  private verdict(ctx: Context, e: Evaluation) {
    const locale = this.locale;
    const format = factFormatter(e.facts, locale, this.digits, this.policy.currency);
    const reasonOf = (rule: CompiledRule, released: Release | null): Reason => {
      const message = ruleMessage(rule.rule, rule.facts, e.facts, locale, format);
      if (!released) return { rule: rule.rule.id, code: ruleCode(rule.rule), action: rule.rule.action, message };
      const until = locale === "pt-BR" ? `${released.until.slice(8, 10)}/${released.until.slice(5, 7)}/${released.until.slice(0, 4)}` : released.until;
      return {
        rule: rule.rule.id,
        code: "OVERRIDE",
        action: "warn",
        message: locale === "pt-BR"
          ? `${rule.rule.id} liberado por ${released.by} até ${until}: ${released.reason} (${message})`
          : `${rule.rule.id} released by ${released.by} until ${until}: ${released.reason} (${message})`,
      };
    };
    const reasons = e.fired.map((f) => ({ f, reason: reasonOf(f.rule, f.released) }));
    const outcomeFor = (method: PaymentMethod, term: Term): { outcome: Outcome; reasons: Reason[] } => {
      let outcome: Outcome = "allow";
      const list: Reason[] = [];
      for (const { f, reason } of reasons) {
        if (!f.rule.scope(method, term)) continue;
        list.push(reason);
        const effect: Outcome = f.released || f.rule.rule.action === "warn" ? "allow" : f.rule.rule.action;
        if (RANK[effect] > RANK[outcome]) outcome = effect;
      }
      return { outcome, reasons: list };
    };
    const options = COUNTER_OPTIONS.map(([method, term]) => ({ method, term, outcome: outcomeFor(method, term).outcome }));
    const tenders: TenderDecision[] = ctx.request.tenders.map((t) => {
      const v = outcomeFor(t.method, t.term);
      return { method: t.method, term: t.term, amount: t.amount, ...(t.installments !== undefined ? { installments: t.installments } : {}), outcome: v.outcome, reasons: sortReasons(v.reasons) };
    });
    const outcome = tenders.reduce<Outcome>((worst, t) => (RANK[t.outcome] > RANK[worst] ? t.outcome : worst), "allow");
    return { outcome, options, tenders, reasons: sortReasons(reasons.map((r) => r.reason)), status: gradeOf(e.fired) };
  }

  /**
   * What to collect so that credit is no longer refused or held: the fewest whole títulos, oldest
   * first, whose payment lifts every deny and review on credit. Null when even paying everything
   * would not (a risk class, a manual hold): the cashier is never told to collect for nothing.
   */
  private regularize(ctx: Context, day: number, now: Evaluation): Decision["regularize"] {
    const n = ctx.items.length;
    const blocked = (e: Evaluation): boolean => e.fired.some(blocksCredit);
    if (n === 0 || !blocked(now) || blocked(this.evaluate(ctx, day, n))) return null;
    // The fewest títulos: binary search on how many of the oldest are paid (low blocked, high lifted).
    let low = 0;
    let high = n;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (blocked(this.evaluate(ctx, day, mid))) low = mid;
      else high = mid;
    }
    const charges = this.checked.charges === null ? null : { ...this.checked.charges, asOfDay: day };
    let total = new D(0);
    const items = ctx.items.slice(0, high).map((item): RegularizeItem => {
      const open = minorToMoney(item.openMinor, this.digits);
      const c = charges === null ? null : chargesOf(new D(open), item.dueDay, charges);
      const itemTotal = c === null ? new D(open) : new D(c.total);
      total = total.plus(itemTotal);
      const zero = minorToMoney(0, this.digits);
      return {
        id: item.id,
        open,
        fine: c?.fine ?? zero,
        interest: c?.interest ?? zero,
        total: itemTotal.toFixed(this.digits),
        because: day >= item.overdueFrom ? "overdue" : "limit",
      };
    });
    return { payAtLeast: total.toFixed(this.digits), receivableIds: items.map((i) => i.id), items };
  }

  private nextChange(ctx: Context, day: number, now: Evaluation, status: CustomerStatus): Decision["nextChange"] {
    if (STATUS_RANK[status] >= this.worstStatus) return null; // nothing can get worse
    // With nothing paid, facts change only on these days: a título turning overdue, the oldest
    // overdue one crossing a day threshold of a rule, the limit expiring, a release ending.
    const candidates = new Set<number>();
    for (const item of ctx.items) if (item.overdueFrom > day) candidates.add(item.overdueFrom);
    // maxDaysOverdue is the age of the oldest counted título once it is overdue: a título due
    // earlier also turns overdue earlier (overdueFrom grows with dueDay), so no other título's
    // age can be the maximum.
    const oldest = ctx.items.find((item) => item.openMinor >= this.ignoreBelow);
    if (oldest) {
      for (const rule of this.rules) {
        for (const n of rule.dayThresholds) {
          for (const d of [oldest.dueDay + n, oldest.dueDay + n + 1]) if (d > day && d >= oldest.overdueFrom) candidates.add(d);
        }
      }
    }
    if (ctx.limitExpiresDay !== null) candidates.add(ctx.limitExpiresDay + 1);
    for (const o of ctx.overrides) candidates.add(o.untilDay + 1);
    const firedNow = new Set(now.fired.filter((f) => !f.released).map((f) => f.rule.rule.id));
    const days = [...candidates].filter((d) => d > day && d <= day + 3650).sort((a, b) => a - b).slice(0, 1000);
    for (const d of days) {
      let when: Evaluation;
      try {
        fromDayNumber(d);
        when = this.evaluate(ctx, d, 0);
      } catch {
        break; // beyond the supported calendar
      }
      const next = gradeOf(when.fired);
      if (STATUS_RANK[next] > STATUS_RANK[status]) {
        const cause = when.fired
          .filter((f) => !f.released && !firedNow.has(f.rule.rule.id))
          .sort((a, b) => ACTION_ORDER[a.rule.rule.action] - ACTION_ORDER[b.rule.rule.action] || a.rule.index - b.rule.index)[0];
        return { date: fromDayNumber(d), status: next, rule: cause?.rule.rule.id ?? "" };
      }
    }
    return null;
  }
}

/** Issues in document order: by receivable index, then field. */
function sortIssues(issues: Issue[]): Issue[] {
  const key = (path: string): string => path.replace(/\[(\d+)\]/g, (_m, n: string) => `[${n.padStart(6, "0")}]`);
  return [...issues].sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}

function sortReasons(reasons: readonly Reason[]): Reason[] {
  return [...reasons].sort((a, b) => ACTION_ORDER[a.action] - ACTION_ORDER[b.action]);
}

/** A fired rule that refuses or holds some credit tender. */
function blocksCredit(f: { readonly rule: CompiledRule; readonly released: Release | null }): boolean {
  return f.released === null && f.rule.rule.action !== "warn" && f.rule.reachesDeferred;
}

/**
 * The customer grade from the fired rules alone (no messages, so `nextChange` can scan dates with
 * it): blocked when every immediate pair of the counter is refused or held, restricted when any
 * option is, warning when only warnings (or rules that reach no option) fired.
 */
function gradeOf(fired: readonly { readonly rule: CompiledRule; readonly released: Release | null }[]): CustomerStatus {
  let restricted = false;
  let immediate = 0;
  for (const { rule, released } of fired) {
    if (released || rule.rule.action === "warn" || !rule.reachesCounter) continue;
    restricted = true;
    immediate |= rule.immediateMask;
  }
  if (restricted) return immediate === ALL_IMMEDIATE ? "blocked" : "restricted";
  return fired.length > 0 ? "warning" : "clear";
}

/**
 * A neutral text for the customer-facing side: it never mentions the debt (CDC art. 42) and
 * never says the purchase is refused while it can be paid at once (CDC art. 39 IX): it names what
 * is available instead.
 */
function customerText(status: CustomerStatus, options: readonly OptionDecision[], locale: Locale): string | null {
  if (status === "clear" || status === "warning") return null;
  const pt = locale === "pt-BR";
  if (status === "blocked") return pt ? "Compra não autorizada neste momento. Procure o atendimento." : "Purchase not authorised at this time. Please see customer service.";
  const refused = options.filter((o) => o.outcome !== "allow");
  const onlyCredit = refused.every((o) => o.term === "deferred");
  const names = options.filter((o) => o.outcome === "allow" && o.term === "immediate").map((o) => labelOf("method", o.method, locale));
  const available = names.length > 4 ? `${names.slice(0, 4).join(", ")} ${pt ? "e outras" : "and more"}` : names.join(", ");
  if (onlyCredit) {
    const held = refused.every((o) => o.outcome === "review");
    if (pt) return `${held ? "Pagamento a prazo sujeito a aprovação." : "Pagamento a prazo indisponível no momento."} Pagamento à vista disponível: ${available}.`;
    return `${held ? "Payment on credit needs approval." : "Payment on credit is unavailable right now."} Payment now is available: ${available}.`;
  }
  return pt ? `Algumas formas de pagamento estão indisponíveis no momento. Disponíveis à vista: ${available}.` : `Some payment methods are unavailable right now. Available now: ${available}.`;
}

function dayThresholds(c: import("./policy.js").CheckedCondition): number[] {
  switch (c.kind) {
    case "all":
    case "any":
      return c.items.flatMap(dayThresholds);
    case "not":
      return dayThresholds(c.item);
    case "cmp":
      return c.fact === "maxDaysOverdue" && c.value.kind === "literal" && typeof c.value.value === "number" ? [c.value.value] : [];
  }
}

/**
 * The counts behind the `segment` fact: the rule of `profileCustomer` (default thresholds) over
 * the request's títulos — paid ones by their payment date, open ones by their days overdue now.
 */
function historyOf(request: ParsedRequest, day: number): { judged: number; late: number; maxOverdueNow: number } {
  let judged = 0;
  let late = 0;
  let maxOverdueNow = 0;
  for (const r of request.receivables) {
    let daysLate: number;
    if (r.status === RowStatus.Paid && !Number.isNaN(r.paidDay)) daysLate = Math.max(0, r.paidDay - r.dueDay);
    else if (r.status === RowStatus.Open && r.openMinor > 0 && r.dueDay < day) {
      daysLate = day - r.dueDay;
      maxOverdueNow = Math.max(maxOverdueNow, daysLate);
    } else continue;
    judged++;
    if (daysLate > DEFAULT_THRESHOLDS.lateAfterDays) late++;
  }
  return { judged, late, maxOverdueNow };
}

/**
 * The segment once the `paid` oldest títulos are paid on `asOf`: an overdue one keeps its days
 * late (paid late), one not yet due joins the history as paid on time, and the oldest still
 * open sets the days overdue now — exactly what deciding again after that payment computes.
 */
function segmentAfterPaying(ctx: Context, paid: number): Segment {
  let judged = ctx.judged;
  for (let i = 0; i < paid; i++) if ((ctx.items[i] as Item).dueDay >= ctx.asOfDay) judged++;
  const oldestOpen = ctx.items[paid];
  const maxOverdueNow = oldestOpen !== undefined && oldestOpen.dueDay < ctx.asOfDay ? ctx.asOfDay - oldestOpen.dueDay : 0;
  return segmentOf(judged, ctx.late, maxOverdueNow, DEFAULT_THRESHOLDS);
}
