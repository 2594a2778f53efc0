/**
 * `credit-block replay`: a policy (and optionally a proposed one) over the store's history, one
 * shard of it, or the merge of shard reports.
 * @module
 */
import { writeFileSync } from "node:fs";
import { CreditBlockError, definePolicy, mergeReplayReports, type ReplayReport } from "credit-block";
import { readJsonFile } from "../jsonFile.js";
import { writeTable } from "../output.js";
import { startProgress } from "../progress.js";
import type { ProgressTarget } from "../ledgerInput.js";
import { loadChartAssets, replayHtml } from "./html.js";
import { loadHistory, type HistoryFlags } from "./input.js";
import { lastDateOf, partition, repeatedIds } from "./partition.js";
import { runParts, workerCount } from "./run.js";

/** A problem with the command line itself, said with the flag to use. */
export class ReplayUsageError extends Error {}

/** The flags `replay` reads. */
export interface ReplayFlags extends HistoryFlags {
  readonly policy?: string | undefined;
  readonly compare?: string | undefined;
  readonly shard?: string | undefined;
  readonly "end-date"?: string | undefined;
  readonly "loss-after"?: string | undefined;
  readonly conversion?: string | undefined;
  readonly workers?: string | undefined;
  readonly json?: string | undefined;
  /** Where to write the self-contained HTML report. */
  readonly report?: string | undefined;
  readonly format?: string | undefined;
}

function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new ReplayUsageError(`--shard "${text}" is not i/n with 0 ≤ i < n (e.g. 0/4)`);
  return { index, count };
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

/** Parts per run: enough for every worker to stay busy and for the bar to move, few enough to cost nothing. */
function chunkCount(sales: number, workers: number): number {
  return Math.max(Math.min(workers, Math.max(1, sales)), Math.min(64, Math.ceil(sales / 10_000)));
}

/**
 * Runs `replay` (or `replay merge a.json b.json …`) and returns what to print on stdout, and how
 * many rows of the history's CSV files could not be read (said on stderr with their lines).
 *
 * @example
 * ```ts
 * await runReplay({ policy: "current.json", compare: "proposed.json", sales: "vendas.csv", receivables: "titulos.csv" }, [], target, console.error);
 * ```
 */
export async function runReplay(flags: ReplayFlags, positionals: readonly string[], target: ProgressTarget = { tty: false, stream: undefined }, stderr: (text: string) => void = () => {}): Promise<{ readonly text: string; readonly rejectedRows: number }> {
  let report: ReplayReport;
  let rejectedRows = 0;
  if (positionals[0] === "merge") {
    const files = positionals.slice(1);
    if (files.length === 0) throw new ReplayUsageError("replay merge needs the shard reports: replay merge a.json b.json …");
    report = files.map((f) => readJsonFile(f) as ReplayReport).reduce((a, b) => mergeReplayReports(a, b));
  } else {
    if (!flags.policy) throw new ReplayUsageError("replay needs --policy, and the history: --sales sales.csv --receivables ledger.csv [--payments payments.csv], or --history history.json");
    const lossAfter = flags["loss-after"];
    if (lossAfter !== undefined && !/^\d{1,4}$/.test(lossAfter)) throw new ReplayUsageError(`--loss-after "${lossAfter}" is not a number of days`);
    // Every shard must end on the same day, or their reports could not be merged.
    if (flags.shard !== undefined && flags["end-date"] === undefined) throw new ReplayUsageError("--shard needs --end-date: every shard must judge losses on the same day");
    const shard = flags.shard === undefined ? { index: 0, count: 1 } : parseShard(flags.shard);
    const workers = workerCount(flags.workers);
    // Policies first: a bad policy is said before any file is read.
    const policy: unknown = readJsonFile(flags.policy);
    definePolicy(policy);
    const compare: unknown = flags.compare === undefined ? undefined : readJsonFile(flags.compare);
    if (compare !== undefined) definePolicy(compare);

    const history = await loadHistory(flags, target, stderr);
    const repeated = repeatedIds(history.input);
    if (repeated.length > 0) {
      const place = (list: "sales" | "receivables" | "payments" | "customers", i: number) => history.placeOf(list, i) ?? `${list}[${i}]`;
      throw new CreditBlockError("INVALID_INPUT", repeated.map(([list, first, second]) => ({ path: `${place(list, second)}.id`, code: "duplicate_id", message: `the id is already used by ${place(list, first)}` })));
    }
    const endDate = flags["end-date"] ?? lastDateOf(history.input);
    // A history that is not `{ sales: [...], receivables: [...] }` goes to the library whole, in
    // one part: it says what is wrong, at the paths the file has.
    const raw: unknown = history.input;
    const wellFormed = typeof raw === "object" && raw !== null && Array.isArray((raw as { sales?: unknown }).sales) && Array.isArray((raw as { receivables?: unknown }).receivables);
    const sales = wellFormed ? history.input.sales.length : 0;
    const parts = wellFormed ? partition(history.input, shard, chunkCount(sales, workers)) : [{ input: history.input, origin: { sales: [], receivables: [], payments: [], customers: [] } }];
    const progress = await startProgress({ tty: target.tty, stream: target.stream, flag: flags["no-progress"] === true ? false : flags.progress === true ? true : undefined }, sales);
    report = await runParts(parts, (input) => ({
      policy,
      ...(compare === undefined ? {} : { compare }),
      ...(lossAfter === undefined ? {} : { lossAfterDays: Number(lossAfter) }),
      ...(flags.conversion === undefined ? {} : { conversion: flags.conversion }),
      endDate,
      input,
    }), { workers, explicit: flags.workers !== undefined, placeOf: history.placeOf, progress });
    for (const file of history.rejected) {
      if (file.skipped > 0) stderr(`${file.file}: ${file.skipped.toLocaleString("en")} cancelled ${file.skipped === 1 ? "row" : "rows"} skipped\n`);
      for (const line of file.rows.report()) stderr(`${file.file}: ${line}\n`);
      rejectedRows += file.rows.count;
    }
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.json !== undefined) writeFileSync(flags.json, json);
  if (flags.report !== undefined) writeFileSync(flags.report, replayHtml(report, loadChartAssets()));
  const wroteFile = flags.json !== undefined || flags.report !== undefined;
  return { text: flags.format === "table" || (wroteFile && flags.format === undefined) ? describe(report) : json, rejectedRows };
}
