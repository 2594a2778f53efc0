import { compileCalendar } from "../calendar/businessDays.js";
import type { CalendarOptions } from "../calendar/holidays.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { minorToMoney, moneyToMinor, type Money, type MoneyInput } from "../money/toMoney.js";
import { checkGraceDays, overdueDays } from "./daysOverdue.js";
import { ExactSums } from "../money/exactSum.js";
import { normMinor, type Minor } from "../money/minor.js";
import { ReceivableReader, RowStatus, type CompactReceivable } from "./readReceivable.js";

/**
 * What a customer's receivables say at `asOf`: the facts the decision engine and the collection
 * desk start from. Money as decimal strings.
 */
export interface CustomerFacts {
  /** Sum of open balances of counted títulos (not settled, not disputed, not below the residue threshold). */
  readonly openBalance: Money;
  /** The part of `openBalance` overdue past the grace period. */
  readonly overdueBalance: Money;
  /** `overdueBalance / openBalance × 100`, 2 decimals, truncated (never overstated); `"0.00"` with nothing open. */
  readonly overduePercent: string;
  readonly openCount: number;
  readonly overdueCount: number;
  /** Largest days overdue among counted títulos (0 when none is overdue). */
  readonly maxDaysOverdue: number;
  /** Due date of the oldest overdue título, or null. */
  readonly oldestOverdueDueDate: ISODate | null;
}

/**
 * Accumulates {@link CustomerFacts} one título at a time, for any number of customers (slots):
 * the single implementation behind `customerFacts`, the per-customer lines of `ageReceivables`
 * and the engine's facts. Columns live in typed arrays, so a million rows touch no new objects.
 * @internal
 */
export class FactsTable {
  private readonly open: ExactSums;
  private readonly overdue: ExactSums;
  private openCount: Float64Array;
  private overdueCount: Float64Array;
  private maxDays: Float64Array;
  private oldestDueDay: Float64Array;
  private capacity: number;

  constructor(capacity = 1) {
    this.capacity = Math.max(1, capacity);
    this.open = new ExactSums(this.capacity);
    this.overdue = new ExactSums(this.capacity);
    this.openCount = new Float64Array(this.capacity);
    this.overdueCount = new Float64Array(this.capacity);
    this.maxDays = new Float64Array(this.capacity);
    this.oldestDueDay = new Float64Array(this.capacity).fill(Number.POSITIVE_INFINITY);
  }

  /** Makes room for slots `0 … size − 1`. */
  ensure(size: number): void {
    if (size <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < size) capacity *= 2;
    const grow = (a: Float64Array, fill = 0): Float64Array => {
      const b = new Float64Array(capacity).fill(fill);
      b.set(a);
      return b;
    };
    this.openCount = grow(this.openCount);
    this.overdueCount = grow(this.overdueCount);
    this.maxDays = grow(this.maxDays);
    this.oldestDueDay = grow(this.oldestDueDay, Number.POSITIVE_INFINITY);
    this.open.ensure(capacity);
    this.overdue.ensure(capacity);
    this.capacity = capacity;
  }

  add(slot: number, openMinor: number, daysLate: number, dueDay: number): void {
    this.open.add(slot, openMinor);
    this.openCount[slot] = (this.openCount[slot] as number) + 1;
    if (daysLate > 0) {
      this.overdue.add(slot, openMinor);
      this.overdueCount[slot] = (this.overdueCount[slot] as number) + 1;
      if (daysLate > (this.maxDays[slot] as number)) this.maxDays[slot] = daysLate;
      if (dueDay < (this.oldestDueDay[slot] as number)) this.oldestDueDay[slot] = dueDay;
    }
  }

  /** Clears every slot, for reuse without allocation. */
  reset(): void {
    this.open.reset();
    this.overdue.reset();
    this.openCount.fill(0);
    this.overdueCount.fill(0);
    this.maxDays.fill(0);
    this.oldestDueDay.fill(Number.POSITIVE_INFINITY);
  }

  /** The raw columns of a slot, for the decision engine (money in exact minor units). */
  columns(slot: number): { open: Minor; overdue: Minor; openCount: number; overdueCount: number; maxDays: number; oldestDueDay: number } {
    return {
      open: normMinor(this.open.value(slot)),
      overdue: normMinor(this.overdue.value(slot)),
      openCount: this.openCount[slot] as number,
      overdueCount: this.overdueCount[slot] as number,
      maxDays: this.maxDays[slot] as number,
      oldestDueDay: this.oldestDueDay[slot] as number,
    };
  }

  result(slot: number, digits: number): CustomerFacts {
    const open = this.open.value(slot);
    const overdue = this.overdue.value(slot);
    const overdueCount = this.overdueCount[slot] as number;
    return {
      openBalance: minorToMoney(open, digits),
      overdueBalance: minorToMoney(overdue, digits),
      overduePercent: percentText(overdue, open),
      openCount: this.openCount[slot] as number,
      overdueCount,
      maxDaysOverdue: this.maxDays[slot] as number,
      oldestOverdueDueDate: overdueCount > 0 ? fromDayNumber(this.oldestDueDay[slot] as number) : null,
    };
  }
}

/** `part / whole × 100` truncated to 2 decimals, by integer arithmetic. @internal */
function percentText(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0.00";
  return minorToMoney((part * 10_000n) / whole, 2);
}

/** How a row counts at `asOf`. @internal */
export type RowClass = "counted" | "settled" | "disputed" | "belowThreshold" | "writtenOff" | "renegotiated";

/** @internal */
export function classifyRow(row: CompactReceivable, ignoreBelowMinor: number, includeDisputed: boolean): RowClass {
  if (row.status === RowStatus.Paid || row.openMinor === 0) return "settled";
  if (row.status === RowStatus.WrittenOff) return "writtenOff";
  if (row.status === RowStatus.Renegotiated) return "renegotiated";
  if (row.status === RowStatus.Disputed && !includeDisputed) return "disputed";
  if (row.openMinor < ignoreBelowMinor) return "belowThreshold";
  return "counted";
}

/** Options of {@link customerFacts}. */
export interface CustomerFactsOptions {
  readonly asOf: ISODate;
  /** Carência before a título counts as overdue; default 0 (see `daysOverdue`). */
  readonly graceDays?: number;
  readonly calendar?: CalendarOptions;
  /** Open balances below this are residues and do not count (default: nothing ignored). */
  readonly ignoreBelow?: MoneyInput;
  /** Count disputed títulos too (default false: a disputed charge is not a default). */
  readonly includeDisputed?: boolean;
  readonly currency?: CurrencyCode;
}

/**
 * The facts of one customer's receivables at `asOf`: open and overdue balances, counts, oldest
 * days overdue. Settled, written-off and renegotiated títulos do not count; disputed ones only
 * on request; residues below `ignoreBelow` are ignored.
 *
 * @example
 * ```ts
 * customerFacts(
 *   [
 *     { id: "t1", amount: "100.00", dueDate: "2026-10-07" },
 *     { id: "t2", amount: "100.00", dueDate: "2026-12-07" },
 *     { id: "t3", amount: "50.00", dueDate: "2026-09-07", status: "paid", paidDate: "2026-09-07" },
 *   ],
 *   { asOf: "2026-11-23" },
 * );
 * // { openBalance: "200.00", overdueBalance: "100.00", overduePercent: "50.00", openCount: 2,
 * //   overdueCount: 1, maxDaysOverdue: 47, oldestOverdueDueDate: "2026-10-07" }
 * ```
 */
export function customerFacts(receivables: Iterable<unknown>, options: CustomerFactsOptions): CustomerFacts {
  const setup = readAgingOptions(options, "options");
  const reader = new ReceivableReader(setup.currency, setup.digits, "receivables");
  const facts = new FactsTable(1);
  let index = 0;
  for (const raw of receivablesIn(receivables, "receivables")) {
    const i = index++;
    if (reader.full) {
      reader.stop(i, Array.isArray(receivables) ? receivables.length - i : undefined);
      break;
    }
    if (!reader.read(raw, i)) continue;
    const row = reader.row;
    if (checkPaidDate(row, setup.asOfDay, reader, i)) continue;
    if (classifyRow(row, setup.ignoreBelowMinor, setup.includeDisputed) !== "counted") continue;
    facts.add(0, row.openMinor, overdueDays(row.dueDay, setup.asOfDay, setup.graceDays, setup.calendar), row.dueDay);
  }
  if (reader.issues.length > 0) throw new CreditBlockError("INVALID_INPUT", reader.issues);
  return facts.result(0, setup.digits);
}

/** A paid título whose payment date is after `asOf` cannot be known at `asOf`. @internal */
export function checkPaidDate(row: CompactReceivable, asOfDay: number, reader: ReceivableReader, index: number): boolean {
  if (row.status === RowStatus.Paid && row.paidDay > asOfDay) {
    reader.issues.push(issue(`receivables[${index}].paidDate`, "receivable.paid_after_as_of", { paid: fromDayNumber(row.paidDay), asOf: fromDayNumber(asOfDay) }));
    return true;
  }
  return false;
}

/** @internal */
export function readAgingOptions(options: CustomerFactsOptions, base: string) {
  const raw: unknown = options;
  if (typeof raw !== "object" || raw === null) {
    throw new CreditBlockError("INVALID_INPUT", [issue(base, "invalid_type", { expected: "object", received: raw === null ? "null" : typeof raw })]);
  }
  // Only an absent option takes its default: `null` is refused, not read as absent.
  const currency = options.currency === undefined ? DEFAULT_CURRENCY : options.currency;
  const digits = currencyDigits(currency, `${base}.currency`);
  const asOfDay = dayNumber(options.asOf, `${base}.asOf`);
  const graceDays = checkGraceDays(options.graceDays, `${base}.graceDays`);
  const ignoreBelowMinor = options.ignoreBelow === undefined ? 0 : moneyToMinor(options.ignoreBelow, digits, currency, `${base}.ignoreBelow`);
  if (ignoreBelowMinor < 0) throw new CreditBlockError("INVALID_INPUT", [issue(`${base}.ignoreBelow`, "money.negative", { value: String(options.ignoreBelow) })]);
  const includeDisputed: unknown = options.includeDisputed === undefined ? false : options.includeDisputed;
  if (typeof includeDisputed !== "boolean") throw new CreditBlockError("INVALID_INPUT", [issue(`${base}.includeDisputed`, "invalid_type", { expected: "boolean", received: includeDisputed === null ? "null" : typeof includeDisputed })]);
  return { currency, digits, asOfDay, graceDays, ignoreBelowMinor, includeDisputed, calendar: compileCalendar(options.calendar, `${base}.calendar`) };
}

/** Iterates arrays and other iterables; anything else is an input error. @internal */
export function receivablesIn(value: unknown, path: string): Iterable<unknown> {
  if (Array.isArray(value)) return value as unknown[];
  if (value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") return value as Iterable<unknown>;
  throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_type", { expected: "array of receivables", received: value === null ? "null" : typeof value })]);
}
