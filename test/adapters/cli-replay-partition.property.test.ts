/**
 * The command's replay in parts (by customer, for worker threads) and a título's state reused
 * between a customer's sales: neither may change a figure.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mergeReplayReports, presets, replayPolicy, type ReplayInput, type ReplayPayment, type ReplayReceivable, type ReplaySale, type ReplayReport } from "credit-block";
import { partition } from "../../src/adapters/cli/replay/partition.js";
import { runParts } from "../../src/adapters/cli/replay/run.js";
import { day, money } from "../support/civilDays.js";


/** Histories with partial payments, so a título's state changes between two sales. */
const historyArb: fc.Arbitrary<ReplayInput> = fc
  .array(fc.record({
    customer: fc.integer({ min: 0, max: 7 }),
    saleDay: fc.integer({ min: 0, max: 200 }),
    cents: fc.integer({ min: 1_000, max: 100_000 }),
    credit: fc.boolean(),
    dueAfter: fc.integer({ min: 10, max: 60 }),
    fate: fc.constantFrom("paid", "late", "open", "written_off", "partial"),
    lateBy: fc.integer({ min: 1, max: 120 }),
    paidShare: fc.integer({ min: 1, max: 9 }),
  }), { maxLength: 30 })
  .map((rows) => {
    const sales: ReplaySale[] = [];
    const receivables: ReplayReceivable[] = [];
    const payments: ReplayPayment[] = [];
    rows.forEach((r, i) => {
      const customerId = `c${r.customer}`;
      sales.push({ id: `s${i}`, customerId, date: day(r.saleDay), tenders: [{ method: r.credit ? "store_credit" : "pix", amount: money(r.cents) }] });
      if (!r.credit) return;
      const due = r.saleDay + r.dueAfter;
      const base = { id: `t${i}`, customerId, saleId: `s${i}`, amount: money(r.cents), issueDate: day(r.saleDay), dueDate: day(due) };
      if (r.fate === "paid") receivables.push({ ...base, status: "paid", paidDate: day(due) });
      else if (r.fate === "late") receivables.push({ ...base, status: "paid", paidDate: day(due + r.lateBy) });
      else if (r.fate === "written_off") receivables.push({ ...base, status: "written_off", writtenOffDate: day(due + r.lateBy) });
      else if (r.fate === "partial") {
        const first = Math.floor((r.cents * r.paidShare) / 20);
        receivables.push({ ...base, openAmount: money(r.cents - 2 * first) });
        payments.push({ receivableId: base.id, date: day(due - 5), amount: money(first) }, { receivableId: base.id, date: day(due + r.lateBy), amount: money(first) });
      } else receivables.push(base);
    });
    return { sales, receivables, payments };
  });

const options = { policy: presets.blockCreditWhenOverdue({ graceDays: 3 }), compare: presets.creditLimit(), endDate: "2026-12-31", lossAfterDays: 60 };
const none = { update: () => {}, stop: () => {} };

/** The figures that add up sale by sale (customersAffected and topCustomers are per customer). */
const perSale = (r: ReplayReport) => r.policies.map((p) => ({ totals: { ...p.totals, customersAffected: 0 }, rules: p.rules, months: p.months, overdueDays: p.overdueDays }));

describe("replay in parts (properties)", () => {
  it("any number of parts, any shard split: the report of the whole", async () => {
    await fc.assert(fc.asyncProperty(historyArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }), async (input, chunks, shards) => {
      const whole = replayPolicy(input, options);
      const task = (part: ReplayInput) => ({ policy: options.policy, compare: options.compare, endDate: options.endDate, lossAfterDays: options.lossAfterDays, input: part });
      let merged: ReplayReport | undefined;
      for (let index = 0; index < shards; index++) {
        const report = await runParts(partition(input, { index, count: shards }, chunks), task, { workers: 1, explicit: false, placeOf: () => undefined, progress: none });
        merged = merged === undefined ? report : mergeReplayReports(merged, report);
      }
      expect(merged).toEqual(whole);
    }), { numRuns: 150 });
  });

  it("a state reused between a customer's sales: each sale decided alone adds up to the same figures", () => {
    fc.assert(fc.property(historyArb, (input) => {
      const whole = replayPolicy(input, options);
      const alone = input.sales.map((sale) => replayPolicy({ ...input, sales: [sale] }, options)).reduce<ReplayReport | undefined>((a, b) => (a === undefined ? b : mergeReplayReports(a, b)), undefined);
      if (alone === undefined) return;
      expect(perSale(alone)).toEqual(perSale(whole));
    }), { numRuns: 100 });
  });
});
