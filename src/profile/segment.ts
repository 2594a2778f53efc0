/**
 * The payment-behaviour segment: its type, its thresholds and how títulos are counted into it.
 * The single home of the rule that `profileCustomer` reports and the decision engine's `segment`
 * fact compares, so the two can never disagree.
 * @module
 */
import * as z from "zod/mini";
import { wholeNumber } from "../schemas/primitives.js";

/** Payment-behaviour segment of a customer. */
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

/** @internal */
export const DEFAULT_THRESHOLDS: Required<SegmentThresholds> = { minHistory: 3, lateAfterDays: 5, chronicLatePercent: 30, chronicOverdueDays: 60 };

/** @internal */
export const SegmentThresholdsSchema = z.strictObject({
  minHistory: z.optional(wholeNumber(0, 1000)),
  lateAfterDays: z.optional(wholeNumber(0, 365)),
  chronicLatePercent: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  chronicOverdueDays: z.optional(wholeNumber(1, 3650)),
});

/**
 * How one título speaks of the customer's behaviour at `asOfDay`: the days it was paid late
 * (paid ones, by their payment date), the days it is overdue now (open ones past their due
 * date), or null when it says nothing yet (not yet due, settled without a payment date,
 * disputed, renegotiated, written off).
 * @internal
 */
export function daysLateOf(title: { readonly paid: boolean; readonly open: boolean; readonly openMinor: number; readonly dueDay: number; readonly paidDay: number }, asOfDay: number): { readonly days: number; readonly overdueNow: boolean } | null {
  if (title.paid) return Number.isNaN(title.paidDay) ? null : { days: Math.max(0, title.paidDay - title.dueDay), overdueNow: false };
  if (title.open && title.openMinor > 0 && title.dueDay < asOfDay) return { days: asOfDay - title.dueDay, overdueNow: true };
  return null;
}

/**
 * Counts judged títulos into a segment: add each one's {@link daysLateOf}, then read
 * {@link segment}. The counts can be copied (`fork`) so the engine can redo the segment after a
 * payment without counting the history again.
 * @internal
 */
export class SegmentCounts {
  judged = 0;
  late = 0;
  daysLateSum = 0;
  worstDaysLate = 0;
  maxOverdueNow = 0;

  constructor(readonly thresholds: Required<SegmentThresholds> = DEFAULT_THRESHOLDS) {}

  add(judgement: { readonly days: number; readonly overdueNow: boolean } | null): void {
    if (judgement === null) return;
    const days = judgement.days;
    this.judged++;
    this.daysLateSum += days;
    if (days > this.worstDaysLate) this.worstDaysLate = days;
    if (judgement.overdueNow && days > this.maxOverdueNow) this.maxOverdueNow = days;
    if (days > this.thresholds.lateAfterDays) this.late++;
  }

  segment(): PaymentSegment {
    return segmentOf(this.judged, this.late, this.maxOverdueNow, this.thresholds);
  }
}

/** The segment rule from the counts. @internal */
export function segmentOf(judged: number, late: number, maxOverdueNow: number, t: Required<SegmentThresholds>): PaymentSegment {
  if (judged < t.minHistory) return "new";
  if (maxOverdueNow > t.chronicOverdueDays || late * 100 >= judged * t.chronicLatePercent) return "chronic";
  return late > 0 ? "occasional" : "punctual";
}
