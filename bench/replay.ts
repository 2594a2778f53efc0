/**
 * Replay benchmark (issue #18): `credit-block replay`'s engine — the history split by customer,
 * each part replayed with `replayPolicy`, the reports merged — over a generated store of
 * 1,000,000 sales, 100,000 customers and 3,000,000 títulos, with 1 worker (this thread) and 2
 * (the tinypool pool of the built command). Baseline from the same run: a loop that only calls
 * `decide` on precomputed states (each sale's request rebuilt beforehand), timed on a sample of
 * customers and scaled to every sale. Targets: ≤ 60 s and ≤ 1.5 GB peak RSS here, ≤ 2× the bare
 * decide loop, near-linear from 1 to 2 workers.
 */
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { addDays, createCreditGate, definePolicy, type ReplayInput, type ReplayReceivable, type ReplaySale } from "../src/index.js";
import { partition, lastDateOf } from "../src/adapters/cli/replay/partition.js";
import { runParts } from "../src/adapters/cli/replay/run.js";
import { readHistory, stateOn } from "../src/replay/history.js";
import { mulberry32 } from "./data.js";

const START = "2024-12-01";
const DAYS = 720;
const POLICY = {
  id: "bench", version: 1, currency: "BRL",
  rules: [
    { id: "overdue", when: { fact: "maxDaysOverdue", op: "gt", value: 5 }, scope: "credit", action: "deny" },
    { id: "exposure", when: { fact: "openBalance", op: "gt", value: "5000.00" }, scope: "credit", action: "review" },
    { id: "chronic", when: { fact: "segment", op: "eq", value: "chronic" }, scope: "credit", action: "deny" },
  ],
};

/** A store's history, deterministic; dates and amounts drawn from small sets are shared strings. */
function generate(sales: number, customers: number, seed = 18): ReplayInput {
  const random = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const dates = Array.from({ length: DAYS + 400 }, (_, d) => addDays(START, d));
  const amounts = new Map<number, string>();
  const money = (cents: number) => {
    let text = amounts.get(cents);
    if (text === undefined) {
      text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      amounts.set(cents, text);
    }
    return text;
  };
  const saleList: ReplaySale[] = [];
  const receivables: ReplayReceivable[] = [];
  const perCustomer = sales / customers;
  let title = 0;
  for (let c = 0; c < customers; c++) {
    const customerId = `C${c}`;
    const late = random() < 0.15 ? int(10, 90) : 0;
    const count = Math.max(1, Math.round(perCustomer * (0.5 + random())));
    for (let s = 0; s < count && saleList.length < sales; s++) {
      const day = int(0, DAYS - 1);
      const id = `V${saleList.length}`;
      const credit = random() < 0.75;
      const installments = credit ? int(1, 7) : 0;
      const totalCents = installments * int(2_000, 40_000) || int(1_000, 30_000);
      saleList.push({ id, customerId, date: dates[day] as string, tenders: [credit ? { method: "store_credit", amount: money(totalCents), installments } : { method: "pix", amount: money(totalCents) }] });
      for (let i = 1; i <= installments; i++) {
        const due = day + 30 * i;
        const paidDay = late > 0 && random() < 0.5 ? due + late : due - int(0, 3);
        const paid = paidDay < DAYS;
        const cents = Math.floor(totalCents / installments);
        receivables.push({
          id: `T${title++}`, customerId, saleId: id, amount: money(cents), issueDate: dates[day] as string, dueDate: dates[due] as string,
          ...(paid ? { status: "paid" as const, paidDate: dates[paidDay] } : late > 60 && random() < 0.3 ? { status: "written_off" as const } : {}),
        });
      }
    }
  }
  return { sales: saleList, receivables };
}

const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

export async function benchReplay(sales = 1_000_000, customers = 100_000): Promise<void> {
  console.log(`\n## Replay: ${sales.toLocaleString("en")} sales over ${customers.toLocaleString("en")} customers`);
  let started = performance.now();
  const history = generate(sales, customers);
  console.log(`  generated ${history.sales.length.toLocaleString("en")} sales, ${history.receivables.length.toLocaleString("en")} títulos in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Baseline: decide alone, on requests rebuilt beforehand for a sample of customers.
  const gate = createCreditGate(definePolicy(POLICY));
  const sampleIds = new Set(Array.from({ length: 2_000 }, (_, i) => `C${i * Math.floor(customers / 2_000)}`));
  const sample = readHistory({ sales: history.sales.filter((s) => sampleIds.has(s.customerId)), receivables: history.receivables.filter((r) => sampleIds.has(r.customerId)) }, "BRL", 2);
  const requests: unknown[] = [];
  for (const customer of sample.customers.values()) {
    for (const sale of customer.sales) {
      const receivables = [];
      for (const t of customer.titles) {
        if (t.saleId === sale.id) continue;
        const state = stateOn(t, sale.day, 2);
        if (state !== null) receivables.push(state);
      }
      requests.push({ asOf: sale.date, customer: customer.customer, receivables, sale: { tenders: [...sale.tenders] } });
    }
  }
  for (const r of requests.slice(0, 2_000)) gate.decide(r as never);
  started = performance.now();
  for (const r of requests) gate.decide(r as never);
  const perDecide = (performance.now() - started) / requests.length;
  const bare = (perDecide * history.sales.length) / 1000;
  console.log(`  bare decide loop on precomputed states: ${(perDecide * 1000).toFixed(1)} µs/sale over ${requests.length.toLocaleString("en")} sampled sales → ${bare.toFixed(1)} s for every sale (baseline)`);

  const endDate = lastDateOf(history);
  const script = new URL("../dist/replayWorker.js", import.meta.url);
  const none = { update: () => {}, stop: () => {} };
  let oneWorker = Number.NaN;
  for (const workers of [1, 2]) {
    if (workers > 1 && !existsSync(fileURLToPath(script))) {
      console.log("  (2 workers skipped: run `npm run build` first, the pool loads dist/replayWorker.js)");
      continue;
    }
    started = performance.now();
    const parts = partition(history, { index: 0, count: 1 }, Math.max(workers, 64));
    const report = await runParts(parts, (input) => ({ policy: POLICY, endDate, input }), { workers, explicit: true, placeOf: () => undefined, progress: none, script });
    const seconds = (performance.now() - started) / 1000;
    if (workers === 1) oneWorker = seconds;
    const totals = report.policies[0]?.totals;
    const ratio = seconds / bare;
    console.log(`  replay, ${workers} worker${workers > 1 ? "s" : ""}: ${seconds.toFixed(1)} s, ${Math.round(history.sales.length / seconds).toLocaleString("en")} sales/s (${totals?.denied.count.toLocaleString("en")} denied, ${totals?.lossesAvoided.count.toLocaleString("en")} losses avoided)`);
    console.log(`    = ${ratio.toFixed(2)}× the bare decide loop${workers > 1 ? `, ${(oneWorker / seconds).toFixed(2)}× the speed of 1 worker` : ""}; targets: ≤ 60 s: ${seconds <= 60 ? "met" : "MISSED"}${workers === 1 ? `; ≤ 2× bare: ${ratio <= 2 ? "met" : "MISSED"}` : `; near-linear (≥ 1.7×): ${oneWorker / seconds >= 1.7 ? "met" : "MISSED"}`}`);
  }
  const peak = process.resourceUsage().maxRSS;
  console.log(`  peak RSS of the whole run (data, both replays, the pool's threads): ${mb(peak)} (target ≤ 1.5 GB: ${peak <= 1.5 * 1024 * 1024 ? "met" : "MISSED"})`);
}
