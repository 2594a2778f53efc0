import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mergeReplayReports, presets, replayPolicy, type ReplayInput, type ReplayReceivable, type ReplaySale } from "credit-block";
import { day, money } from "../support/civilDays.js";

/**
 * Replay invariants: the report does not depend on the order of the input, and replaying
 * disjoint sets of customers then merging gives the report of the whole, in any order and
 * grouping (what lets shards run on different machines).
 */

const historyArb: fc.Arbitrary<ReplayInput> = fc
  .array(fc.record({
    customer: fc.integer({ min: 0, max: 5 }),
    saleDay: fc.integer({ min: 0, max: 300 }),
    cents: fc.integer({ min: 100, max: 100_000 }),
    credit: fc.boolean(),
    dueAfter: fc.integer({ min: 10, max: 60 }),
    fate: fc.constantFrom("paid", "late", "open", "written_off", "renegotiated"),
    lateBy: fc.integer({ min: 1, max: 120 }),
  }), { maxLength: 25 })
  .map((rows) => {
    const sales: ReplaySale[] = [];
    const receivables: ReplayReceivable[] = [];
    rows.forEach((r, i) => {
      const customerId = `c${r.customer}`;
      const tenders = [{ method: r.credit ? ("store_credit" as const) : ("pix" as const), amount: money(r.cents) }];
      sales.push({ id: `s${i}`, customerId, date: day(r.saleDay), tenders });
      if (!r.credit) return;
      const due = r.saleDay + r.dueAfter;
      const base = { id: `t${i}`, customerId, saleId: `s${i}`, amount: money(r.cents), issueDate: day(r.saleDay), dueDate: day(due) };
      if (r.fate === "paid") receivables.push({ ...base, status: "paid", paidDate: day(due) });
      else if (r.fate === "late") receivables.push({ ...base, status: "paid", paidDate: day(due + r.lateBy) });
      else if (r.fate === "written_off") receivables.push({ ...base, status: "written_off", writtenOffDate: day(due + r.lateBy) });
      else if (r.fate === "renegotiated") receivables.push({ ...base, status: "renegotiated", paidDate: day(due + r.lateBy) });
      else receivables.push(base);
    });
    return { sales, receivables };
  });

const options = { policy: presets.blockCreditWhenOverdue({ graceDays: 3 }), compare: presets.creditLimit(), endDate: "2027-06-30", conversion: "0.3" };
const customersIn = (input: ReplayInput, keep: (id: string) => boolean): ReplayInput => ({
  sales: input.sales.filter((s) => keep(s.customerId)),
  receivables: input.receivables.filter((r) => keep(r.customerId)),
});

describe("replay (properties)", () => {
  it("the same report for any order of sales and receivables", () => {
    fc.assert(fc.property(historyArb, fc.integer(), (input, seed) => {
      const shuffle = <T>(items: readonly T[]): T[] => {
        const out = [...items];
        let s = seed;
        for (let i = out.length - 1; i > 0; i--) {
          s = (s * 1_103_515_245 + 12_345) >>> 0;
          const j = s % (i + 1);
          [out[i], out[j]] = [out[j] as T, out[i] as T];
        }
        return out;
      };
      expect(replayPolicy({ sales: shuffle(input.sales), receivables: shuffle(input.receivables) }, options)).toEqual(replayPolicy(input, options));
    }), { numRuns: 100 });
  });

  it("shards merged in any order and grouping give the report of the whole", () => {
    fc.assert(fc.property(historyArb, fc.func(fc.integer({ min: 0, max: 2 })), (input, shardOf) => {
      const whole = replayPolicy(input, options);
      const shards = [0, 1, 2].map((k) => replayPolicy(customersIn(input, (id) => shardOf(id) === k), options));
      const [a, b, c] = shards as [typeof whole, typeof whole, typeof whole];
      expect(mergeReplayReports(mergeReplayReports(a, b), c)).toEqual(whole);
      expect(mergeReplayReports(a, mergeReplayReports(b, c))).toEqual(whole);
      expect(mergeReplayReports(c, mergeReplayReports(b, a))).toEqual(whole);
    }), { numRuns: 100 });
  });

  it("merge refuses reports of other policies or assumptions", () => {
    const a = replayPolicy({ sales: [], receivables: [] }, options);
    const b = replayPolicy({ sales: [], receivables: [] }, { ...options, lossAfterDays: 30 });
    expect(() => mergeReplayReports(a, b)).toThrow(/b\.assumptions/);
  });
});
