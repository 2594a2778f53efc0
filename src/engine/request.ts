import type { compileCalendar } from "../calendar/businessDays.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { ReceivableReader, RowStatus } from "../aging/internal.js";
import { addMinor, type Minor } from "../money/minor.js";
import { moneyToMinor } from "../money/toMoney.js";
import { daysLateOf, DEFAULT_THRESHOLDS, SegmentCounts, segmentOf, type PaymentSegment } from "../profile/segment.js";
import { LIMITS, withTerm, type checkoutSchemas, type Customer, type Tender } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";

/** What reading a request needs from the policy, compiled once. @internal */
export interface RequestSetup {
  readonly currency: string;
  readonly digits: number;
  readonly graceDays: number;
  readonly calendar: ReturnType<typeof compileCalendar>;
  readonly headSchema: ReturnType<typeof checkoutSchemas>["checkoutHead"];
}

/** One receivable of the request, reduced to what the decision needs. */
interface ReceivableState {
  readonly id: string;
  readonly status: RowStatus;
  readonly openMinor: number;
  readonly dueDay: number;
  readonly paidDay: number;
}

/** The request as the engine uses it: parsed head, receivables reduced to their state. @internal */
export interface ParsedRequest {
  readonly asOf: ISODate;
  readonly customer: Customer;
  readonly tenders: readonly Tender[];
  readonly receivables: readonly ReceivableState[];
}

/** One counted open título: what the facts sum and `regularize` pays. @internal */
export interface CountedTitle {
  readonly id: string;
  readonly openMinor: number;
  readonly dueDay: number;
  /** First day on which it counts as overdue (after the effective due date and the grace). */
  readonly overdueFrom: number;
}

/** A supervisor release with its dates and cap read once, not on every evaluation. @internal */
export interface Release {
  readonly rule?: string | undefined;
  readonly by: string;
  readonly reason: string;
  readonly until: string;
  readonly untilDay: number;
  readonly maxMinor: number | null;
}

/** Everything a decision evaluates, read from the request once. @internal */
export interface Context {
  readonly request: ParsedRequest;
  readonly asOfDay: number;
  /** Counted open títulos, oldest first: the order `regularize` pays in. */
  readonly titles: readonly CountedTitle[];
  readonly pendingMinor: Minor;
  readonly saleTotal: Minor;
  readonly saleCredit: Minor;
  /** The segment at `asOf`, and the counts it came from (to redo it after a payment). */
  readonly segment: PaymentSegment;
  readonly history: SegmentCounts;
  /** The last day any título was paid, in full or in part; NaN when none is known. */
  readonly lastPaymentDay: number;
  /** The customer's limit in minor units, or null when none is set. */
  readonly limitMinor: number | null;
  /** Last day the limit is in force, or null when it does not expire. */
  readonly limitExpiresDay: number | null;
  readonly releases: readonly Release[];
}

/** Issues in document order: by receivable index, then field. */
function inDocumentOrder(issues: Issue[]): Issue[] {
  const key = (path: string): string => path.replace(/\[(\d+)\]/g, (_m, n: string) => `[${n.padStart(6, "0")}]`);
  return [...issues].sort((a, b) => (key(a.path) < key(b.path) ? -1 : key(a.path) > key(b.path) ? 1 : 0));
}

/**
 * Validates the request: zod for the customer and the sale, the receivable reader for the
 * receivables (a fast path that defers to ReceivableSchema for anything unusual), then the
 * cross-field rules of CheckoutRequestSchema. Every issue is reported at once.
 * @internal
 */
export function parseRequest(input: unknown, setup: RequestSetup): ParsedRequest {
  const head = safeParseReporting(setup.headSchema, input);
  const issues: Issue[] = head.success ? [] : fromZodIssues(head.error.issues);
  const raw = typeof input === "object" && input !== null ? (input as { receivables?: unknown }).receivables : undefined;
  const receivables: ReceivableState[] = [];
  if (Array.isArray(raw) && raw.length <= LIMITS.receivables) {
    const reader = new ReceivableReader(setup.currency, setup.digits, "receivables");
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
  if (!head.success || issues.length > 0) throw new CreditBlockError("INVALID_INPUT", inDocumentOrder(issues));
  return { asOf: head.data.asOf, customer: head.data.customer, tenders: head.data.sale?.tenders.map(withTerm) ?? [], receivables };
}

/** Reads, once, everything the evaluations of one decision share. @internal */
export function contextOf(request: ParsedRequest, setup: RequestSetup): Context {
  const { digits, currency, calendar, graceDays } = setup;
  const asOfDay = dayNumber(request.asOf, "asOf");
  const titles: CountedTitle[] = [];
  const history = new SegmentCounts(DEFAULT_THRESHOLDS);
  let lastPaymentDay = Number.NaN;
  for (const r of request.receivables) {
    if (!Number.isNaN(r.paidDay) && !(r.paidDay <= lastPaymentDay)) lastPaymentDay = r.paidDay;
    const open = r.status === RowStatus.Open;
    history.add(daysLateOf({ paid: r.status === RowStatus.Paid, open, openMinor: r.openMinor, dueDay: r.dueDay, paidDay: r.paidDay }, asOfDay));
    if (!open || r.openMinor === 0) continue;
    const due = r.dueDay;
    titles.push({ id: r.id, openMinor: r.openMinor, dueDay: due, overdueFrom: Math.max(calendar.nextBusinessDay(due), due + graceDays) + 1 });
  }
  // Oldest first: the order `regularize` pays in.
  titles.sort((a, b) => a.dueDay - b.dueDay || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let saleTotal: Minor = 0;
  let saleCredit: Minor = 0;
  for (const t of request.tenders) {
    const minor = moneyToMinor(t.amount, digits, currency, "amount");
    saleTotal = addMinor(saleTotal, minor);
    if (t.term === "deferred") saleCredit = addMinor(saleCredit, minor);
  }
  const c = request.customer;
  return {
    request,
    asOfDay,
    titles,
    pendingMinor: c.pendingExposure === undefined ? 0 : moneyToMinor(c.pendingExposure, digits, currency, "pendingExposure"),
    saleTotal,
    saleCredit,
    segment: history.segment(),
    history,
    lastPaymentDay,
    limitMinor: c.creditLimit === undefined || c.creditLimit === null ? null : moneyToMinor(c.creditLimit, digits, currency, "creditLimit"),
    limitExpiresDay: c.creditLimitExpiresOn === undefined ? null : dayNumber(c.creditLimitExpiresOn, "creditLimitExpiresOn"),
    releases: (c.overrides ?? []).map((o) => ({
      ...o,
      untilDay: dayNumber(o.until, "until"),
      maxMinor: o.maxAmount === undefined ? null : moneyToMinor(o.maxAmount, digits, currency, "maxAmount"),
    })),
  };
}

/**
 * The segment once the `paid` oldest títulos are paid on `asOf`: an overdue one keeps its days
 * late (paid late), one not yet due joins the history as paid on time, and the oldest still
 * open sets the days overdue now — exactly what deciding again after that payment computes.
 * @internal
 */
export function segmentAfterPaying(ctx: Context, paid: number): PaymentSegment {
  if (paid === 0) return ctx.segment;
  let judged = ctx.history.judged;
  for (let i = 0; i < paid; i++) if ((ctx.titles[i] as CountedTitle).dueDay >= ctx.asOfDay) judged++;
  const oldestOpen = ctx.titles[paid];
  const maxOverdueNow = oldestOpen !== undefined && oldestOpen.dueDay < ctx.asOfDay ? ctx.asOfDay - oldestOpen.dueDay : 0;
  return segmentOf(judged, ctx.history.late, maxOverdueNow, ctx.history.thresholds);
}
