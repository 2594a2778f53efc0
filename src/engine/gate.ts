import { compileCalendar } from "../calendar/businessDays.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError } from "../errors/CreditBlockError.js";
import type { Locale } from "../errors/messages.js";
import { minorToMoney, moneyToMinor, type Money } from "../money/toMoney.js";
import { checkoutSchemas, LIMITS, PAYMENT_METHODS, TERMS, withTerm, type CheckoutRequestInput, type Customer, type PaymentMethod, type Tender, type Term } from "../schemas/checkout.js";
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

/** The customer's grade at checkout. `restricted`: credit refused or under review, à vista allowed. */
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
  /** The least payment, oldest títulos first, that lifts every deny/review on credit tenders. */
  readonly regularize: null | { readonly payAtLeast: Money; readonly receivableIds: string[] };
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

/** A compiled policy: decide checkouts with it, as many times as needed. */
export interface CreditGate {
  readonly policy: Policy;
  /** Synchronous and pure: no clock, no I/O, no shared mutable state; the request is not touched. */
  decide(request: CheckoutRequestInput): Decision;
}

const RANK: Record<Outcome, number> = { allow: 0, review: 1, deny: 2 };
const STATUS_RANK: Record<CustomerStatus, number> = { clear: 0, warning: 1, restricted: 2, blocked: 3 };
const ACTION_ORDER: Record<RuleAction, number> = { deny: 0, review: 1, warn: 2 };
const OPTIONS: readonly (readonly [PaymentMethod, Term])[] = PAYMENT_METHODS.flatMap((m) => TERMS.map((t) => [m, t] as const));

interface CompiledRule {
  readonly rule: Rule;
  readonly index: number;
  readonly facts: readonly string[];
  readonly when: Predicate;
  readonly scope: (method: PaymentMethod, term: Term) => boolean;
  readonly reachesDeferred: boolean;
  readonly reachesImmediate: boolean;
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
  readonly items: readonly Item[];
  readonly pendingMinor: number;
  readonly saleTotal: number;
  readonly saleCredit: number;
  readonly segment: Segment;
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
        reachesImmediate: PAYMENT_METHODS.some((m) => scope(m, "immediate")),
        dayThresholds: dayThresholds(r.when),
      };
    });
    const deny = this.rules.filter((r) => r.rule.action !== "warn");
    this.worstStatus = deny.some((r) => r.rule.action === "deny" && r.reachesImmediate)
      ? STATUS_RANK.blocked
      : deny.length > 0 ? STATUS_RANK.restricted : this.rules.length > 0 ? STATUS_RANK.warning : STATUS_RANK.clear;
  }

  decide(input: CheckoutRequestInput): Decision {
    const ctx = this.context(this.parse(input));
    const asOfDay = dayNumber(ctx.request.asOf, "asOf");
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
      customerMessage: status === "clear" || status === "warning" ? null : customerText(status, this.locale),
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
      const seen = new Map<string, number>();
      raw.forEach((r: unknown, i) => {
        if (!reader.read(r, i)) return;
        const row = reader.row;
        const first = seen.get(row.id);
        if (first !== undefined) issues.push(issue(`receivables[${i}].id`, "duplicate_id", { id: row.id, first: `receivables[${first}]` }));
        else seen.set(row.id, i);
        if (row.customerId !== "" && customerId !== undefined && row.customerId !== customerId) {
          issues.push(issue(`receivables[${i}].customerId`, "invalid_value", { options: JSON.stringify(customerId) }));
        }
        if (row.paidDay > asOfDay) {
          issues.push(issue(`receivables[${i}].paidDate`, "receivable.paid_after_as_of", { paid: fromDayNumber(row.paidDay), asOf: fromDayNumber(asOfDay) }));
        }
        receivables.push({ id: row.id, status: row.status, openMinor: row.openMinor, dueDay: row.dueDay, paidDay: row.paidDay });
      });
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
    let saleTotal = 0;
    let saleCredit = 0;
    for (const t of request.tenders) {
      const minor = moneyToMinor(t.amount, digits, currency, "amount");
      saleTotal += minor;
      if (t.term === "deferred") saleCredit += minor;
    }
    const c = request.customer;
    return {
      request,
      items,
      pendingMinor: c.pendingExposure === undefined ? 0 : moneyToMinor(c.pendingExposure, digits, currency, "pendingExposure"),
      saleTotal,
      saleCredit,
      segment: segmentFrom(request, dayNumber(request.asOf, "asOf")),
      limitMinor: c.creditLimit === undefined || c.creditLimit === null ? null : moneyToMinor(c.creditLimit, digits, currency, "creditLimit"),
      limitExpiresDay: c.creditLimitExpiresOn === undefined ? null : dayNumber(c.creditLimitExpiresOn, "creditLimitExpiresOn"),
      overrides: (c.overrides ?? []).map((o) => ({
        ...o,
        untilDay: dayNumber(o.until, "until"),
        maxMinor: o.maxAmount === undefined ? null : moneyToMinor(o.maxAmount, digits, currency, "maxAmount"),
      })),
    };
  }

  /** Facts and fired rules at `day`, after paying `paid` minor units oldest-first. */
  private evaluate(ctx: Context, day: number, paid: number): Evaluation {
    const table = this.table;
    table.reset();
    let left = paid;
    for (const item of ctx.items) {
      let open = item.openMinor;
      if (left > 0) {
        const pay = Math.min(left, open);
        open -= pay;
        left -= pay;
      }
      if (open === 0 || open < this.ignoreBelow) continue;
      table.add(0, open, day >= item.overdueFrom ? day - item.dueDay : 0, item.dueDay);
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
      availableCredit: limit === null ? null : limit - col.open - ctx.pendingMinor,
      saleTotal: ctx.saleTotal,
      saleCreditAmount: ctx.saleCredit,
      exposureAfterSale: col.open + ctx.pendingMinor + ctx.saleCredit,
      riskClass: c.riskClass ?? null,
      segment: ctx.segment,
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
    const options = OPTIONS.map(([method, term]) => ({ method, term, outcome: outcomeFor(method, term).outcome }));
    const tenders: TenderDecision[] = ctx.request.tenders.map((t) => {
      const v = outcomeFor(t.method, t.term);
      return { method: t.method, term: t.term, amount: t.amount, ...(t.installments !== undefined ? { installments: t.installments } : {}), outcome: v.outcome, reasons: sortReasons(v.reasons) };
    });
    const outcome = tenders.reduce<Outcome>((worst, t) => (RANK[t.outcome] > RANK[worst] ? t.outcome : worst), "allow");
    return { outcome, options, tenders, reasons: sortReasons(reasons.map((r) => r.reason)), status: this.statusOnly(e) };
  }

  /**
   * The customer grade from the fired rules alone (no messages, so `nextChange` can scan dates
   * with it). Every scope covers at least one method × term, so this is the grade the options
   * show: blocked when a sale paid at once is refused, restricted when any option is not allowed.
   */
  private statusOnly(e: Evaluation): CustomerStatus {
    let immediateDeny = false;
    let restricted = false;
    for (const { rule, released } of e.fired) {
      if (released || rule.rule.action === "warn") continue;
      if (rule.rule.action === "deny" && rule.reachesImmediate) immediateDeny = true;
      restricted = true;
    }
    if (immediateDeny) return "blocked";
    if (restricted) return "restricted";
    return e.fired.length > 0 ? "warning" : "clear";
  }

  /** True when some credit tender would still be denied or sent to review. */
  private creditBlocked(e: Evaluation): boolean {
    return e.fired.some((f) => !f.released && f.rule.rule.action !== "warn" && f.rule.reachesDeferred);
  }

  private regularize(ctx: Context, day: number, now: Evaluation): Decision["regularize"] {
    if (!this.creditBlocked(now)) return null;
    const total = ctx.items.reduce((s, i) => s + i.openMinor, 0);
    if (total === 0 || this.creditBlocked(this.evaluate(ctx, day, total))) return null;
    // Least payment that lifts the block: binary search on cents, oldest títulos paid first.
    let low = 0; // blocked
    let high = total; // lifted
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (this.creditBlocked(this.evaluate(ctx, day, mid))) low = mid;
      else high = mid;
    }
    const ids: string[] = [];
    let left = high;
    for (const item of ctx.items) {
      if (left <= 0) break;
      ids.push(item.id);
      left -= item.openMinor;
    }
    return { payAtLeast: minorToMoney(high, this.digits), receivableIds: ids };
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
      const next = this.statusOnly(when);
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

function customerText(status: CustomerStatus, locale: Locale): string {
  if (locale === "pt-BR") return status === "blocked" ? "Compra não autorizada neste momento. Procure o atendimento." : "Pagamento a prazo indisponível no momento. Outras formas de pagamento estão disponíveis.";
  return status === "blocked" ? "Purchase not authorised at this time. Please see customer service." : "Payment on credit is unavailable right now. Other payment methods are available.";
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
 * The `segment` fact: the rule of `profileCustomer` (default thresholds) over the request's
 * títulos — paid ones by their payment date, open ones by their days overdue now.
 */
function segmentFrom(request: ParsedRequest, day: number): Segment {
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
  return segmentOf(judged, late, maxOverdueNow, DEFAULT_THRESHOLDS);
}
