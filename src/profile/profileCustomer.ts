import { ReceivableReader, RowStatus } from "../aging/internal.js";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { ExactSum } from "../money/exactSum.js";
import { minorToMoney, type Money } from "../money/toMoney.js";
import type { PaymentMethod, ReceivableInput } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { daysLateOf, DEFAULT_THRESHOLDS, SegmentCounts, SegmentThresholdsSchema, type PaymentSegment, type SegmentThresholds } from "./segment.js";

export type { PaymentSegment, SegmentThresholds } from "./segment.js";

/** A customer's payment profile. Money as decimal strings. */
export interface Profile {
  readonly segment: PaymentSegment;
  /** Títulos already due whose behaviour is known (paid, or still open after the due date). */
  readonly judged: number;
  /** Share paid on time (≤ `lateAfterDays` late), in percent, 2 decimals; null with no history. */
  readonly onTimePercent: string | null;
  readonly averageDaysLate: number;
  readonly worstDaysLate: number;
  /** Sum of every título's face value. */
  readonly lifetimeValue: Money;
  /** Purchases: títulos grouped by issue date (installments of one sale share it). */
  readonly purchases: number;
  readonly averageTicket: Money;
  /** Methods by number of títulos, most used first. */
  readonly preferredMethods: PaymentMethod[];
}

/**
 * A customer's payment behaviour from their títulos at `asOf`: on-time rate, average and worst
 * days late, lifetime value, purchases and average ticket, preferred methods, and a segment —
 * `punctual`; `occasional` (late now and then, likely an unforeseen event: the seeds' advice is to
 * treat them better); `chronic`; or `new` (too little history). Thresholds are options.
 *
 * @example
 * ```ts
 * profileCustomer(
 *   [
 *     { id: "a", amount: "100.00", dueDate: "2026-06-10", issueDate: "2026-05-10", status: "paid", paidDate: "2026-06-10", method: "store_credit" },
 *     { id: "b", amount: "100.00", dueDate: "2026-07-10", issueDate: "2026-05-10", status: "paid", paidDate: "2026-07-25", method: "store_credit" },
 *     { id: "c", amount: "100.00", dueDate: "2026-08-10", issueDate: "2026-05-10", status: "paid", paidDate: "2026-08-09", method: "store_credit" },
 *     { id: "d", amount: "100.00", dueDate: "2026-09-10", issueDate: "2026-05-10", status: "paid", paidDate: "2026-09-10", method: "store_credit" },
 *   ],
 *   { asOf: "2026-11-23" },
 * ).segment; // "occasional" (1 of 4 late, 15 days)
 * ```
 */
export function profileCustomer(history: readonly ReceivableInput[], options: { readonly asOf: ISODate; readonly thresholds?: SegmentThresholds; readonly currency?: string }): Profile {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "options.currency");
  const asOfDay = dayNumber(options.asOf, "options.asOf");
  const th = safeParseReporting(SegmentThresholdsSchema, options.thresholds ?? {});
  if (!th.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(th.error.issues, "options.thresholds"));
  const list: unknown = history;
  if (!Array.isArray(list)) throw new CreditBlockError("INVALID_INPUT", [issue("history", "invalid_type", { expected: "array", received: list === null ? "null" : typeof list })]);
  const counts = new SegmentCounts({ ...DEFAULT_THRESHOLDS, ...th.data });
  const reader = new ReceivableReader(currency, digits, "history");
  const lifetime = new ExactSum();
  const sales = new Set<string>();
  const methods = new Map<PaymentMethod, number>();
  for (let i = 0; i < list.length; i++) {
    if (reader.full) {
      reader.stop(i, list.length - i);
      break;
    }
    if (!reader.read(list[i], i)) continue;
    const r = reader.row;
    const paid = r.status === RowStatus.Paid;
    if (paid && r.paidDay > asOfDay) {
      reader.issues.push(issue(`history[${i}].paidDate`, "receivable.paid_after_as_of", { paid: fromDayNumber(r.paidDay), asOf: options.asOf }));
      continue;
    }
    lifetime.add(r.amountMinor);
    // Installments of one sale share the issue date; without one, each título is its own purchase.
    sales.add(Number.isNaN(r.issueDay) ? `${r.dueDay}#${r.id}` : String(r.issueDay));
    if (r.method !== "") methods.set(r.method as PaymentMethod, (methods.get(r.method as PaymentMethod) ?? 0) + 1);
    counts.add(daysLateOf({ paid, open: r.status === RowStatus.Open, openMinor: r.openMinor, dueDay: r.dueDay, paidDay: r.paidDay }, asOfDay));
  }
  if (reader.issues.length > 0) throw new CreditBlockError("INVALID_INPUT", reader.issues);
  const judged = counts.judged;
  const purchases = sales.size;
  const lifetimeMinor = lifetime.value();
  return {
    segment: counts.segment(),
    judged,
    onTimePercent: judged === 0 ? null : minorToMoney(BigInt(judged - counts.late) * 10_000n / BigInt(judged), 2),
    averageDaysLate: judged === 0 ? 0 : Math.round(counts.daysLateSum / judged),
    worstDaysLate: counts.worstDaysLate,
    lifetimeValue: minorToMoney(lifetimeMinor, digits),
    purchases,
    averageTicket: minorToMoney(purchases === 0 ? 0n : lifetimeMinor / BigInt(purchases), digits),
    preferredMethods: [...methods.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([m]) => m),
  };
}
