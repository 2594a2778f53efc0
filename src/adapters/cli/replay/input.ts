/**
 * The history `replay` reads: one JSON file (`--history`), or the files a back office exports
 * (`--sales`, `--receivables`, `--payments`, each CSV in any Brazilian dialect or JSON, and
 * `--customers` as JSON). Each CSV is read as the ledger commands read theirs, with its notes
 * and a progress bar; rows that cannot be read are left out and reported with their lines.
 */
import type { CustomerInput, ReplayInput, ReplayPayment, ReplayReceivable, ReplaySale } from "credit-block";
import { HISTORY_LEDGER, openCsvTable, PAYMENTS, SALES, salesOf, type CsvFileOptions, type CsvTable, type RejectedRows } from "../ledger/index.js";
import { FileProblem } from "../ledger/problems.js";
import { readJsonFile } from "../jsonFile.js";
import { startProgress, type Progress } from "../progress.js";
import type { LedgerFlags, ProgressTarget } from "../ledgerInput.js";

/** The flags that name the history's files. */
export interface HistoryFlags extends LedgerFlags {
  readonly history?: string | undefined;
  readonly sales?: string | undefined;
  readonly receivables?: string | undefined;
  readonly payments?: string | undefined;
  readonly customers?: string | undefined;
}

/** Which list of the history an index is in. */
export type ListName = "sales" | "receivables" | "payments" | "customers";

/** The history read, and where each of its items came from (a CSV line), for messages. */
export interface LoadedHistory {
  readonly input: ReplayInput;
  /** "ledger.csv line 43" for `receivables[41]`; undefined for JSON items (their index is theirs). */
  readonly placeOf: (list: ListName, index: number) => string | undefined;
  /** Rows left out, per file. */
  readonly rejected: readonly { readonly file: string; readonly rows: RejectedRows; readonly skipped: number }[];
}

const isCsv = (path: string) => !path.toLowerCase().endsWith(".json");

function csvOptions(flags: LedgerFlags, onProgress: (bytes: number, rows: number) => void): CsvFileOptions {
  return {
    ...(flags.map === undefined ? {} : { map: flags.map }),
    ...(flags.separator === undefined ? {} : { separator: flags.separator }),
    ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
    ...(flags.decimal === undefined ? {} : { decimal: flags.decimal }),
    ...(flags["date-format"] === undefined ? {} : { dateFormat: flags["date-format"] }),
    onProgress,
  };
}

/** A JSON file holding a list, or an object with that list under `key`. */
function jsonList(path: string, key: ListName): unknown[] {
  const value: unknown = readJsonFile(path);
  if (Array.isArray(value)) return value;
  const inner = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(inner)) return inner;
  throw new FileProblem(`${path}: expected a JSON list of ${key} (or an object with a "${key}" list)`);
}

/**
 * Reads the history the flags name, printing each CSV's notes on stderr.
 *
 * @example
 * ```ts
 * const { input } = await loadHistory({ sales: "vendas.csv", receivables: "titulos.csv" }, { tty: false, stream: undefined }, console.error);
 * ```
 */
export async function loadHistory(flags: HistoryFlags, target: ProgressTarget, stderr: (text: string) => void): Promise<LoadedHistory> {
  if (flags.history !== undefined) {
    if (flags.sales !== undefined || flags.receivables !== undefined || flags.payments !== undefined) throw new FileProblem("--history holds the whole history: pass it alone, or --sales and --receivables (and --payments) instead");
    // Read as unknown: replayPolicy checks the shape and names what is wrong.
    return { input: readJsonFile(flags.history) as ReplayInput, placeOf: () => undefined, rejected: [] };
  }
  if (flags.sales === undefined || flags.receivables === undefined) throw new FileProblem("replay needs the history: --sales sales.csv --receivables ledger.csv [--payments payments.csv], or --history history.json");
  const progressFlag = flags["no-progress"] === true ? false : flags.progress === true ? true : undefined;
  const lines = new Map<ListName, { file: string; table: CsvTable<unknown> | undefined; saleLines?: number[] }>();
  const rejected: { file: string; rows: RejectedRows; skipped: number }[] = [];

  async function readCsv<T>(path: string, kind: Parameters<typeof openCsvTable<string, T>>[1]): Promise<{ rows: T[]; table: CsvTable<T> }> {
    let progress: Progress = { update: () => {}, stop: () => {} };
    const table = await openCsvTable(path, kind, csvOptions(flags, (b, r) => { progress.update(b, r); }));
    for (const note of table.notes) stderr(`${note}\n`);
    progress = await startProgress({ tty: target.tty, stream: target.stream, flag: progressFlag }, table.size);
    try {
      const rows = [...table.rows];
      rejected.push({ file: path, rows: table.rejected, skipped: table.skipped() });
      return { rows, table };
    } finally {
      progress.stop();
    }
  }

  let sales: ReplaySale[];
  if (isCsv(flags.sales)) {
    const read = await readCsv(flags.sales, SALES);
    const grouped = salesOf(read.rows, (i) => read.table.lineOf(i));
    if (grouped.conflicts.length > 0) throw new FileProblem(`${flags.sales}: ${grouped.conflicts.slice(0, 5).join("; ")}${grouped.conflicts.length > 5 ? ` (and ${grouped.conflicts.length - 5} more)` : ""}`);
    // A sale is placed at the line of its first row.
    const first = new Map<string, number>();
    read.rows.forEach((row, i) => { if (!first.has(row.id)) first.set(row.id, read.table.lineOf(i)); });
    sales = grouped.sales;
    lines.set("sales", { file: flags.sales, table: undefined, saleLines: sales.map((s) => first.get(s.id) ?? 0) });
  } else sales = jsonList(flags.sales, "sales") as ReplaySale[];

  let receivables: ReplayReceivable[];
  if (isCsv(flags.receivables)) {
    const read = await readCsv(flags.receivables, HISTORY_LEDGER);
    receivables = read.rows as ReplayReceivable[];
    lines.set("receivables", { file: flags.receivables, table: read.table });
  } else receivables = jsonList(flags.receivables, "receivables") as ReplayReceivable[];

  let payments: ReplayPayment[] | undefined;
  if (flags.payments !== undefined) {
    if (isCsv(flags.payments)) {
      const read = await readCsv(flags.payments, PAYMENTS);
      payments = read.rows;
      lines.set("payments", { file: flags.payments, table: read.table });
    } else payments = jsonList(flags.payments, "payments") as ReplayPayment[];
  }
  const customers = flags.customers === undefined ? undefined : (jsonList(flags.customers, "customers") as CustomerInput[]);

  return {
    input: { sales, receivables, ...(payments === undefined ? {} : { payments }), ...(customers === undefined ? {} : { customers }) },
    placeOf: (list, index) => {
      const source = lines.get(list);
      if (source === undefined) return undefined;
      const line = source.saleLines !== undefined ? source.saleLines[index] : source.table?.lineOf(index);
      return line === undefined ? undefined : `${source.file} line ${line}`;
    },
    rejected,
  };
}
