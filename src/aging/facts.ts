import { compileCalendar } from "../calendar/businessDays.js";
import type { CalendarOptions } from "../calendar/holidays.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { minorToMoney, moneyToMinor, type Money, type MoneyInput } from "../money/toMoney.js";
import { checkGraceDays, overdueDays } from "./daysOverdue.js";
import { ExactSum } from "./exactSum.js";
import { ReceivableReader, RowStatus, type Row } from "./readReceivable.js";

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
 * Accumulates {@link CustomerFacts} one título at a time: the single implementation behind
 * `customerFacts`, the per-customer lines of `ageReceivables` and the engine's facts.
 * @internal
 */
export class FactsAccumulator {
  private readonly open = new ExactSum();
  private readonly overdue = new ExactSum();
  openCount = 0;
  overdueCount = 0;
  maxDays = 0;
  oldestDueDay = Number.POSITIVE_INFINITY;

  add(openMinor: number, daysLate: number, dueDay: number): void {
    this.open.add(openMinor);
    this.openCount++;
    if (daysLate > 0) {
      this.overdue.add(openMinor);
      this.overdueCount++;
      if (daysLate > this.maxDays) this.maxDays = daysLate;
      if (dueDay < this.oldestDueDay) this.oldestDueDay = dueDay;
    }
  }

  openMinor(): bigint {
    return this.open.value();
  }

  overdueMinor(): bigint {
    return this.overdue.value();
  }

  result(digits: number): CustomerFacts {
    const open = this.open.value();
    const overdue = this.overdue.value();
    return {
      openBalance: minorToMoney(open, digits),
      overdueBalance: minorToMoney(overdue, digits),
      overduePercent: percentText(overdue, open),
      openCount: this.openCount,
      overdueCount: this.overdueCount,
      maxDaysOverdue: this.maxDays,
      oldestOverdueDueDate: this.overdueCount > 0 ? fromDayNumber(this.oldestDueDay) : null,
    };
  }
}

/** `part / whole × 100` truncated to 2 decimals, by integer arithmetic. @internal */
export function percentText(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0.00";
  return minorToMoney((part * 10_000n) / whole, 2);
}

/** How a row counts at `asOf`. @internal */
export type RowClass = "counted" | "settled" | "disputed" | "belowThreshold" | "writtenOff" | "renegotiated";

/** @internal */
export function classifyRow(row: Row, ignoreBelowMinor: number, includeDisputed: boolean): RowClass {
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
  const setup = setUp(options, "options");
  const reader = new ReceivableReader(setup.currency, setup.digits, "receivables");
  const facts = new FactsAccumulator();
  let index = 0;
  for (const raw of iterate(receivables, "receivables")) {
    const i = index++;
    if (!reader.read(raw, i)) continue;
    const row = reader.row;
    if (checkPaidDate(row, setup.asOfDay, reader, i)) continue;
    if (classifyRow(row, setup.ignoreBelowMinor, setup.includeDisputed) !== "counted") continue;
    facts.add(row.openMinor, overdueDays(row.dueDay, setup.asOfDay, setup.graceDays, setup.calendar), row.dueDay);
  }
  if (reader.issues.length > 0) throw new CreditBlockError("INVALID_INPUT", reader.issues);
  return facts.result(setup.digits);
}

/** A paid título whose payment date is after `asOf` cannot be known at `asOf`. @internal */
export function checkPaidDate(row: Row, asOfDay: number, reader: ReceivableReader, index: number): boolean {
  if (row.status === RowStatus.Paid && row.paidDay > asOfDay) {
    reader.issues.push(issue(`receivables[${index}].paidDate`, "receivable.paid_after_as_of", { paid: fromDayNumber(row.paidDay), asOf: fromDayNumber(asOfDay) }));
    return true;
  }
  return false;
}

/** @internal */
export function setUp(options: CustomerFactsOptions, base: string) {
  const raw: unknown = options;
  if (typeof raw !== "object" || raw === null) {
    throw new CreditBlockError("INVALID_INPUT", [issue(base, "invalid_type", { expected: "object", received: raw === null ? "null" : typeof raw })]);
  }
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, `${base}.currency`);
  const asOfDay = dayNumber(options.asOf, `${base}.asOf`);
  const graceDays = checkGraceDays(options.graceDays, `${base}.graceDays`);
  const ignoreBelowMinor = options.ignoreBelow === undefined ? 0 : moneyToMinor(options.ignoreBelow, digits, currency, `${base}.ignoreBelow`);
  if (ignoreBelowMinor < 0) throw new CreditBlockError("INVALID_INPUT", [issue(`${base}.ignoreBelow`, "money.negative", { value: String(options.ignoreBelow) })]);
  const includeDisputed: unknown = options.includeDisputed ?? false;
  if (typeof includeDisputed !== "boolean") throw new CreditBlockError("INVALID_INPUT", [issue(`${base}.includeDisputed`, "invalid_type", { expected: "boolean", received: typeof includeDisputed })]);
  return { currency, digits, asOfDay, graceDays, ignoreBelowMinor, includeDisputed, calendar: compileCalendar(options.calendar, `${base}.calendar`) };
}

/** Iterates arrays and other iterables; anything else is an input error. @internal */
export function iterate(value: unknown, path: string): Iterable<unknown> {
  if (Array.isArray(value)) return value as unknown[];
  if (value !== null && typeof value === "object" && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") return value as Iterable<unknown>;
  throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_type", { expected: "array of receivables", received: value === null ? "null" : typeof value })]);
}
