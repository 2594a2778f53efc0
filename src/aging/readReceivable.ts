import { fastDayNumber } from "../calendar/isoDate.js";
import { DuplicateIds, issue, issuesFull, type Issue } from "../errors/CreditBlockError.js";
import type { CurrencyCode } from "../money/currency.js";
import { moneyToMinor } from "../money/toMoney.js";
import { checkoutSchemas, PAYMENT_METHODS } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";

/** Receivable status as a small integer for the hot loop. @internal */
export const RowStatus = { Open: 0, Paid: 1, Disputed: 2, Renegotiated: 3, WrittenOff: 4 } as const;
/** @internal */
export type RowStatus = (typeof RowStatus)[keyof typeof RowStatus];

/**
 * One receivable reduced to what aging and facts need: integer minor units and day numbers.
 * A single instance is reused across rows, so aging a million rows allocates no row copies.
 * @internal
 */
export interface CompactReceivable {
  id: string;
  customerId: string;
  /** "" when absent. */
  method: string;
  amountMinor: number;
  openMinor: number;
  dueDay: number;
  /** NaN when absent. */
  issueDay: number;
  /** NaN when absent. */
  paidDay: number;
  status: RowStatus;
}

/** A switch of string compares: cheaper than a hash lookup per row. */
function statusOf(status: unknown): RowStatus {
  switch (status) {
    case "open": return RowStatus.Open;
    case "paid": return RowStatus.Paid;
    case "disputed": return RowStatus.Disputed;
    case "renegotiated": return RowStatus.Renegotiated;
    case "written_off": return RowStatus.WrittenOff;
    default: throw SLOW;
  }
}
const KEYS = new Set<string>(["id", "customerId", "amount", "openAmount", "dueDate", "issueDate", "paidDate", "status", "method"]);
const METHODS = new Set<string>(PAYMENT_METHODS);

/** Thrown inside the fast path when a row needs the full (zod) check. */
// Preallocated: thrown only for rows that need the full check, never to the caller.
const SLOW = new Error("slow path");

/**
 * Reads receivables one at a time: a hand-written fast path for well-formed rows, and the zod
 * `ReceivableSchema` for anything else, so an invalid row is reported with exactly the issues
 * the schema gives (the fast path never accepts what the schema refuses: a property test
 * checks that).
 * @internal
 */
export class ReceivableReader {
  readonly row: CompactReceivable = { id: "", customerId: "", method: "", amountMinor: 0, openMinor: 0, dueDay: 0, issueDay: Number.NaN, paidDay: Number.NaN, status: RowStatus.Open };
  readonly issues: Issue[] = [];
  private readonly digits: number;

  /** A título listed twice would be counted twice. */
  private readonly ids: DuplicateIds;

  constructor(private readonly currency: CurrencyCode, digits: number, private readonly basePath: string) {
    this.digits = digits;
    this.ids = new DuplicateIds(basePath);
  }

  /**
   * Reads `raw` into {@link row}; false (with issues recorded) when it is invalid or repeats the
   * id of an earlier row (`duplicate_id`, naming the first).
   */
  read(raw: unknown, index: number): boolean {
    try {
      this.fast(raw);
      return this.unique(index);
    } catch (error) {
      if (error !== SLOW) throw error;
    }
    const path = `${this.basePath}[${index}]`;
    const parsed = safeParseReporting(checkoutSchemas(this.currency).receivable, raw);
    if (!parsed.success) {
      this.issues.push(...fromZodIssues(parsed.error.issues, path));
      return false;
    }
    try {
      this.fast(parsed.data);
    } catch {
      this.issues.push(issue(path, "invalid_format", { format: "receivable" }));
      return false;
    }
    return this.unique(index);
  }

  /** True once more issues were found than an error lists: the caller may stop reading. */
  get full(): boolean {
    return issuesFull(this.issues);
  }

  /**
   * Records that reading stopped before `unchecked` more rows (unknown for a stream: pass
   * nothing), so the error says so instead of pretending the rest was checked.
   */
  stop(index: number, unchecked?: number): void {
    this.issues.push(issue(`${this.basePath}[${index}]`, "checking_stopped", { unchecked: unchecked ?? "?" }));
  }

  private unique(index: number): boolean {
    const repeated = this.ids.check(this.row.id, index);
    if (repeated === undefined) return true;
    this.issues.push(repeated);
    return false;
  }

  private fast(raw: unknown): void {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw SLOW;
    const r = raw as Record<string, unknown>;
    for (const key in r) if (!KEYS.has(key) || !Object.hasOwn(r, key)) throw SLOW;
    const row = this.row;
    const { id, customerId, status, method } = r;
    if (typeof id !== "string" || id.length === 0 || id.length > 128) throw SLOW;
    if (customerId !== undefined && (typeof customerId !== "string" || customerId.length === 0 || customerId.length > 128)) throw SLOW;
    const statusCode = status === undefined ? RowStatus.Open : statusOf(status);
    if (method !== undefined && (typeof method !== "string" || !METHODS.has(method))) throw SLOW;
    const amount = this.money(r.amount);
    if (amount <= 0) throw SLOW;
    const open = r.openAmount === undefined ? amount : this.money(r.openAmount);
    if (open < 0 || open > amount) throw SLOW;
    if (statusCode === RowStatus.Paid && r.openAmount !== undefined && open > 0) throw SLOW;
    row.dueDay = this.date(r.dueDate);
    row.issueDay = r.issueDate === undefined ? Number.NaN : this.date(r.issueDate);
    if (row.issueDay > row.dueDay) throw SLOW;
    row.paidDay = r.paidDate === undefined ? Number.NaN : this.date(r.paidDate);
    row.id = id;
    row.customerId = customerId ?? "";
    row.method = typeof method === "string" ? method : "";
    row.amountMinor = amount;
    row.openMinor = statusCode === RowStatus.Paid ? 0 : open;
    row.status = statusCode;
  }

  private money(value: unknown): number {
    if (typeof value !== "string" && typeof value !== "number") throw SLOW;
    try {
      return moneyToMinor(value, this.digits, this.currency, "");
    } catch {
      throw SLOW;
    }
  }

  private date(value: unknown): number {
    if (typeof value !== "string" || value.length !== 10) throw SLOW;
    // Digits by character code, no allocation and no hashing; dayNumber validates ranges.
    const day = fastDayNumber(value);
    if (Number.isNaN(day)) throw SLOW;
    return day;
  }
}
