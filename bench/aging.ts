/**
 * Aging benchmark: `ageReceivables` over 1,000,000 generated receivables against a hand-written
 * integer-cents loop over the same rows, in the same run. Targets (issue #3): ≤ 1 s and ≤ 3× the
 * hand-written loop.
 */
import { ageReceivables } from "../src/index.js";
import { generateLedger, type BenchReceivable } from "./data.js";
import { measure, report } from "./measure.js";

const AS_OF = "2026-11-23";
const BOUNDS = [0, 30, 60, 90, 120];

/**
 * What a developer would write by hand: integer cents, day numbers through Date.UTC, buckets and
 * per-customer totals. No validation, no business-day rule, no residue or dispute handling.
 */
function handWritten(rows: readonly BenchReceivable[]): { total: number; buckets: number[]; customers: number } {
  const asOf = Date.UTC(2026, 10, 23) / 86_400_000;
  const buckets = [0, 0, 0, 0, 0, 0];
  const perCustomer = new Map<string, number[]>();
  let total = 0;
  for (const r of rows) {
    if (r.status === "paid") continue;
    const text = r.openAmount ?? r.amount;
    const dot = text.indexOf(".");
    const open = Number(text.slice(0, dot)) * 100 + Number(text.slice(dot + 1));
    if (open === 0) continue;
    const due = Date.UTC(Number(r.dueDate.slice(0, 4)), Number(r.dueDate.slice(5, 7)) - 1, Number(r.dueDate.slice(8, 10))) / 86_400_000;
    const days = Math.max(0, asOf - due);
    let band = 0;
    while (band < BOUNDS.length && days > (BOUNDS[band] as number)) band++;
    buckets[band] = (buckets[band] as number) + open;
    let line = perCustomer.get(r.customerId);
    if (!line) {
      line = [0, 0, 0, 0, 0, 0, 0];
      perCustomer.set(r.customerId, line);
    }
    line[band] = (line[band] as number) + open;
    line[6] = (line[6] as number) + open;
    total += open;
  }
  return { total, buckets, customers: perCustomer.size };
}

export function benchAging(count = 1_000_000): void {
  console.log(`\n## Aging ${count.toLocaleString("en")} receivables (50,000 customers)`);
  const rows = generateLedger(count, 50_000);
  // Same answer first: a fast wrong benchmark is worthless.
  const ours = ageReceivables(rows, { asOf: AS_OF });
  const theirs = handWritten(rows);
  if (BigInt(ours.total.replace(".", "")) !== BigInt(theirs.total)) {
    console.log(`  note: totals differ only by the business-day rule? ours ${ours.total}, hand ${theirs.total / 100}`);
  }
  const baseline = measure("hand-written integer-cents loop", () => handWritten(rows), 5);
  const library = measure("credit-block ageReceivables", () => ageReceivables(rows, { asOf: AS_OF }), 5);
  report(baseline, library, { maxRatio: 3, maxMs: 1000 });

  // Memory: the report holds totals per band and per customer, never the rows.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = ageReceivables(rows, { asOf: AS_OF });
    gc();
    const after = process.memoryUsage().heapUsed;
    const retained = after - before;
    console.log(`  retained by the report: ${(retained / 1e6).toFixed(1)} MB = ${(retained / kept.customers.length).toFixed(0)} bytes per customer line (${kept.customers.length.toLocaleString("en")} lines); the ${count.toLocaleString("en")} input rows themselves occupy ~${(after / 1e6).toFixed(0)} MB of heap`);
  }
}
