/**
 * `credit-block replay`: a policy (and optionally a proposed one) over the store's history, one
 * shard of it, or the merge of shard reports.
 * @module
 */
import { writeFileSync } from "node:fs";
import { definePolicy, mergeReplayReports, replayPolicy, type ReplayInput, type ReplayReport } from "credit-block";
import { readJsonFile } from "./jsonFile.js";
import { writeTable } from "./output.js";
import { loadChartAssets, replayHtml } from "./replayHtml.js";

/** A problem with the command line itself, said with the flag to use. */
export class ReplayUsageError extends Error {}

/** The flags `replay` reads. */
export interface ReplayFlags {
  readonly policy?: string | undefined;
  readonly compare?: string | undefined;
  readonly history?: string | undefined;
  readonly shard?: string | undefined;
  readonly "end-date"?: string | undefined;
  readonly "loss-after"?: string | undefined;
  readonly conversion?: string | undefined;
  readonly json?: string | undefined;
  /** Where to write the self-contained HTML report. */
  readonly report?: string | undefined;
  readonly format?: string | undefined;
}

/** FNV-1a: a stable hash of a customer id, the same on every machine, to pick its shard. */
function shardOf(customerId: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    hash ^= customerId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % count;
}

function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new ReplayUsageError(`--shard "${text}" is not i/n with 0 ≤ i < n (e.g. 0/4)`);
  return { index, count };
}

/** The part of the history whose customers hash to shard `index` of `count`. */
function shardHistory(history: ReplayInput, index: number, count: number): ReplayInput {
  const mine = (id: unknown): boolean => typeof id !== "string" || shardOf(id, count) === index;
  const receivables = history.receivables.filter((r) => mine(r.customerId));
  const kept = new Set(receivables.map((r) => r.id));
  return {
    sales: history.sales.filter((s) => mine(s.customerId)),
    receivables,
    ...(history.payments ? { payments: history.payments.filter((p) => kept.has(p.receivableId)) } : {}),
    ...(history.customers ? { customers: history.customers.filter((c) => mine(c.id)) } : {}),
  };
}

/** The report as a table: one column per policy. */
function describe(report: ReplayReport): string {
  const rows: string[][] = [["", ...report.policies.map((p) => `${p.id} v${String(p.version)}`)]];
  const line = (label: string, cell: (p: ReplayReport["policies"][number]) => string) => rows.push([label, ...report.policies.map(cell)]);
  line("vendas", (p) => String(p.totals.sales));
  line("vendas a prazo", (p) => `${p.totals.creditSales} (${p.totals.creditAmount})`);
  line("liberadas", (p) => `${p.totals.allowed.count} (${p.totals.allowed.amount})`);
  line("para supervisor", (p) => `${p.totals.review.count} (${p.totals.review.amount})`);
  line("negadas", (p) => `${p.totals.denied.count} (${p.totals.denied.amount})`);
  line("perdas evitadas", (p) => `${p.totals.lossesAvoided.count} (${p.totals.lossesAvoided.amount})`);
  line("perdas deixadas passar", (p) => `${p.totals.lossesLetThrough.count} (${p.totals.lossesLetThrough.amount})`);
  line("negadas que pagariam", (p) => `${p.totals.paidAnyway.count} (${p.totals.paidAnyway.amount})`);
  line("clientes afetados", (p) => String(p.totals.customersAffected));
  line("crédito perdido", (p) => p.totals.creditLost);
  const a = report.assumptions;
  return `${writeTable(rows)}premissas: perda = baixado ou aberto há mais de ${a.lossAfterDays} dias em ${a.endDate}; conversão à vista ${a.conversion}\n`;
}

/**
 * Runs `replay` (or `replay merge a.json b.json …`) and returns what to print on stdout.
 *
 * @example
 * ```ts
 * runReplay({ policy: "current.json", compare: "proposed.json", history: "history.json" }, []);
 * ```
 */
export function runReplay(flags: ReplayFlags, positionals: readonly string[]): string {
  let report: ReplayReport;
  if (positionals[0] === "merge") {
    const files = positionals.slice(1);
    if (files.length === 0) throw new ReplayUsageError("replay merge needs the shard reports: replay merge a.json b.json …");
    report = files.map((f) => readJsonFile(f) as ReplayReport).reduce((a, b) => mergeReplayReports(a, b));
  } else {
    if (!flags.policy || !flags.history) throw new ReplayUsageError("replay needs --policy and --history (a JSON file with sales, receivables, payments?, customers?)");
    // Read as unknown: replayPolicy checks the shape and names what is wrong.
    const file: unknown = readJsonFile(flags.history);
    let history = file as ReplayInput;
    if (flags.shard !== undefined) {
      // Every shard must end on the same day, or their reports could not be merged.
      if (flags["end-date"] === undefined) throw new ReplayUsageError("--shard needs --end-date: every shard must judge losses on the same day");
      const { index, count } = parseShard(flags.shard);
      const parts = file as { sales?: unknown; receivables?: unknown } | null;
      if (typeof parts === "object" && parts !== null && Array.isArray(parts.sales) && Array.isArray(parts.receivables)) history = shardHistory(history, index, count);
    }
    const lossAfter = flags["loss-after"];
    if (lossAfter !== undefined && !/^\d{1,4}$/.test(lossAfter)) throw new ReplayUsageError(`--loss-after "${lossAfter}" is not a number of days`);
    report = replayPolicy(history, {
      policy: definePolicy(readJsonFile(flags.policy)),
      ...(flags.compare ? { compare: definePolicy(readJsonFile(flags.compare)) } : {}),
      ...(lossAfter !== undefined ? { lossAfterDays: Number(lossAfter) } : {}),
      ...(flags.conversion !== undefined ? { conversion: flags.conversion } : {}),
      ...(flags["end-date"] !== undefined ? { endDate: flags["end-date"] } : {}),
    });
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.json !== undefined) writeFileSync(flags.json, json);
  if (flags.report !== undefined) writeFileSync(flags.report, replayHtml(report, loadChartAssets()));
  const wroteFile = flags.json !== undefined || flags.report !== undefined;
  return flags.format === "table" || (wroteFile && flags.format === undefined) ? describe(report) : json;
}
