import * as z from "zod/mini";
import { dayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { ExactSum } from "../money/exactSum.js";
import { minorToMoney, moneyToMinor, type Money } from "../money/toMoney.js";
import { parseReceivables, type PaymentMethod, type ReceivableInput } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { wholeNumber } from "../schemas/primitives.js";

/** Payment-behaviour segment. */
export type PaymentSegment = "punctual" | "occasional" | "chronic" | "new";

/** Thresholds of the segments (market practice; every store tunes them). */
export interface SegmentThresholds {
  /** Fewer judged títulos than this: `new`. Default 3. */
  readonly minHistory?: number;
  /** Days late that count as late (a tolerance for bank float). Default 5. */
  readonly lateAfterDays?: number;
  /** Share of late títulos, in percent, from which a customer is `chronic`. Default 30. */
  readonly chronicLatePercent?: number;
  /** Days overdue now from which a customer is `chronic` regardless of history. Default 60. */
  readonly chronicOverdueDays?: number;
}

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

const ThresholdsSchema = z.strictObject({
  minHistory: z.optional(wholeNumber(0, 1000)),
  lateAfterDays: z.optional(wholeNumber(0, 365)),
  chronicLatePercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  chronicOverdueDays: z.optional(wholeNumber(1, 3650)),
});

/** The segment rule, shared by `profileCustomer` and the decision engine's `segment` fact. @internal */
export function segmentOf(judged: number, late: number, maxOverdueNow: number, t: Required<SegmentThresholds>): PaymentSegment {
  if (judged < t.minHistory) return "new";
  if (maxOverdueNow > t.chronicOverdueDays || late * 100 >= judged * t.chronicLatePercent) return "chronic";
  return late > 0 ? "occasional" : "punctual";
}

/** @internal */
export const DEFAULT_THRESHOLDS: Required<SegmentThresholds> = { minHistory: 3, lateAfterDays: 5, chronicLatePercent: 30, chronicOverdueDays: 60 };

/** A título whose open balance is zero is settled, whatever the currency's digits ("0", "0.00"). */
const settled = (open: string | undefined, digits: number, currency: CurrencyCode, i: number): boolean =>
  open !== undefined && moneyToMinor(open, digits, currency, `history[${i}].openAmount`) === 0;

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
  const asOf = dayNumber(options.asOf, "options.asOf");
  const th = safeParseReporting(ThresholdsSchema, options.thresholds ?? {});
  if (!th.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(th.error.issues, "options.thresholds"));
  const t = { ...DEFAULT_THRESHOLDS, ...th.data };
  const issues: Issue[] = [];
  let judged = 0;
  let late = 0;
  let daysLateSum = 0;
  let worst = 0;
  let maxOverdueNow = 0;
  const lifetime = new ExactSum();
  const sales = new Set<string>();
  const methods = new Map<PaymentMethod, number>();
  for (const { index: i, receivable: r } of parseReceivables(history, currency, "history", issues)) {
    lifetime.add(moneyToMinor(r.amount, digits, currency, `history[${i}].amount`));
    sales.add(r.issueDate ?? `${r.dueDate}#${r.id}`);
    if (r.method) methods.set(r.method, (methods.get(r.method) ?? 0) + 1);
    const due = dayNumber(r.dueDate, `history[${i}].dueDate`);
    let daysLate: number | null = null;
    if (r.status === "paid" && r.paidDate !== undefined) {
      const paid = dayNumber(r.paidDate, `history[${i}].paidDate`);
      if (paid > asOf) issues.push(issue(`history[${i}].paidDate`, "receivable.paid_after_as_of", { paid: r.paidDate, asOf: options.asOf }));
      daysLate = Math.max(0, paid - due);
    } else if ((r.status === undefined || r.status === "open") && due < asOf && !settled(r.openAmount, digits, currency, i)) {
      daysLate = asOf - due;
      maxOverdueNow = Math.max(maxOverdueNow, daysLate);
    }
    if (daysLate === null) continue;
    judged++;
    daysLateSum += daysLate;
    worst = Math.max(worst, daysLate);
    if (daysLate > t.lateAfterDays) late++;
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  const purchases = sales.size;
  const lifetimeMinor = lifetime.value();
  return {
    segment: segmentOf(judged, late, maxOverdueNow, t),
    judged,
    onTimePercent: judged === 0 ? null : minorToMoney(BigInt(judged - late) * 10_000n / BigInt(judged), 2),
    averageDaysLate: judged === 0 ? 0 : Math.round(daysLateSum / judged),
    worstDaysLate: worst,
    lifetimeValue: minorToMoney(lifetimeMinor, digits),
    purchases,
    averageTicket: minorToMoney(purchases === 0 ? 0n : lifetimeMinor / BigInt(purchases), digits),
    preferredMethods: [...methods.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([m]) => m),
  };
}
