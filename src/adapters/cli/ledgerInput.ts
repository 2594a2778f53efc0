/**
 * The ledger a command reads, from a CSV export or a JSON file, with what was decided about it
 * said on stderr, and the library's issues about its rows translated to file lines.
 */
import { CreditBlockError, type Issue, type ReceivableInput } from "credit-block";
import { openCsvLedger, RejectedRows } from "./ledger/index.js";
import { readJsonLedger } from "./ledger/json.js";
import { readJsonFile } from "./jsonFile.js";
import { startProgress, type Progress } from "./progress.js";

/** A ledger being read by a command. */
export interface LedgerInput {
  /** Single pass. */
  readonly receivables: Iterable<ReceivableInput>;
  readonly rejected: RejectedRows;
  /** Line of the `index`-th receivable, for a CSV. */
  readonly lineOf: ((index: number) => number) | undefined;
  /** Prints the rows not read and the cancelled ones skipped; stops the progress bar. */
  finish(stderr: (text: string) => void): void;
}

/** Flags that shape reading, as parsed by the command line. */
export interface LedgerFlags {
  readonly map?: string | undefined;
  readonly separator?: string | undefined;
  readonly encoding?: string | undefined;
  readonly decimal?: string | undefined;
  readonly "date-format"?: string | undefined;
  readonly progress?: boolean | undefined;
  readonly "no-progress"?: boolean | undefined;
}

/** Where a progress bar may go. */
export interface ProgressTarget {
  readonly tty: boolean;
  readonly stream: NodeJS.WritableStream | undefined;
}

/**
 * Opens `path` (`.json` → JSON ledger, anything else → CSV) and prints how it is read.
 *
 * @example
 * ```ts
 * const ledger = await openLedger("carteira.csv", {}, { tty: false, stream: undefined }, console.error);
 * ageReceivables(ledger.receivables, { asOf: "2026-11-23" });
 * ledger.finish(console.error);
 * ```
 */
export async function openLedger(path: string, flags: LedgerFlags, target: ProgressTarget, stderr: (text: string) => void, quiet = false): Promise<LedgerInput> {
  if (path.toLowerCase().endsWith(".json")) {
    const { receivables, rejected } = readJsonLedger(readJsonFile(path), path);
    return { receivables, rejected, lineOf: undefined, finish: (err) => { report(rejected, 0, err); } };
  }
  const progressFlag = flags["no-progress"] === true ? false : flags.progress === true ? true : undefined;
  let progress: Progress = { update: () => {}, stop: () => {} };
  const file = await openCsvLedger(path, {
    ...(flags.map === undefined ? {} : { map: flags.map }),
    ...(flags.separator === undefined ? {} : { separator: flags.separator }),
    ...(flags.encoding === undefined ? {} : { encoding: flags.encoding }),
    ...(flags.decimal === undefined ? {} : { decimal: flags.decimal }),
    ...(flags["date-format"] === undefined ? {} : { dateFormat: flags["date-format"] }),
    onProgress: (bytes, rows) => { progress.update(bytes, rows); },
  });
  if (quiet) return { receivables: file.receivables, rejected: file.rejected, lineOf: (i) => file.lineOf(i), finish: (err) => { report(file.rejected, file.cancelled(), err); } };
  for (const note of file.notes) stderr(`${note}\n`);
  progress = await startProgress({ tty: target.tty, stream: target.stream, flag: progressFlag }, file.size);
  return {
    receivables: file.receivables,
    rejected: file.rejected,
    lineOf: (i) => file.lineOf(i),
    finish: (err) => {
      progress.stop();
      report(file.rejected, file.cancelled(), err);
    },
  };
}

function report(rejected: RejectedRows, cancelled: number, stderr: (text: string) => void): void {
  if (cancelled > 0) stderr(`${cancelled.toLocaleString("en")} cancelled ${cancelled === 1 ? "título" : "títulos"} skipped\n`);
  for (const line of rejected.report()) stderr(`${line}\n`);
}

/**
 * The library's issues about `receivables[i]` of a CSV, said with the file's line numbers:
 * `receivables[41].openAmount` → `line 43, openAmount`.
 */
export function relined(error: CreditBlockError, ledger: LedgerInput): CreditBlockError {
  const lineOf = ledger.lineOf;
  if (lineOf === undefined) return error;
  const rewrite = (text: string) => text.replace(/receivables\[(\d+)\]\.?/g, (_, i: string) => `line ${lineOf(Number(i))}${_.endsWith(".") ? ", " : ""}`);
  const issues: Issue[] = error.issues.map((i) => ({ ...i, path: rewrite(i.path), message: rewrite(i.message) }));
  return new CreditBlockError(error.code, issues);
}

/**
 * The rows a library refusal is about, each with its issues, or undefined when the refusal is
 * not about single rows (a título listed twice involves two; a capped list hides some).
 */
function refusedRows(error: CreditBlockError): Map<number, string> | undefined {
  const rows = new Map<number, string>();
  for (const i of error.issues) {
    const match = /^receivables\[(\d+)\](?:\.(.+))?$/.exec(i.path);
    if (match === null || i.code === "duplicate_id" || i.code === "checking_stopped" || i.code === "too_many_issues") return undefined;
    const index = Number(match[1]);
    const said = `${match[2] ?? "row"}: ${i.message}`;
    const before = rows.get(index);
    rows.set(index, before === undefined ? said : `${before}; ${said}`);
  }
  return rows.size > 0 ? rows : undefined;
}

/**
 * Runs `job` over a ledger's receivables. When the library refuses some rows on their own (an
 * amount with more decimals than the currency has, a saldo above the valor), those rows are set
 * aside as rejected, with their lines, and the job runs again over a fresh read without them —
 * as rows the reader itself could not read are. A refusal that is not about single rows (a
 * título listed twice, more bad rows than an error lists) is the file's, said with its lines.
 *
 * @example
 * ```ts
 * const { result, ledger: read } = await withoutRefusedRows(ledger, () => openLedger(path, {}, target, stderr, true), (rows) => ageReceivables(rows, { asOf }));
 * read.finish(stderr);
 * ```
 */
export async function withoutRefusedRows<T>(ledger: LedgerInput, reopen: () => Promise<LedgerInput>, job: (rows: Iterable<ReceivableInput>) => T): Promise<{ result: T; ledger: LedgerInput }> {
  let refused: Map<number, string> | undefined;
  try {
    return { result: job(ledger.receivables), ledger };
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    refused = ledger.lineOf === undefined ? undefined : refusedRows(error);
    if (refused === undefined) throw relined(error, ledger);
    ledger.finish(() => {});
  }
  const again = await reopen();
  const keptLines: number[] = [];
  const skip = refused;
  function* kept(): Generator<ReceivableInput> {
    let index = 0;
    for (const r of again.receivables) {
      const at = index++;
      const line = again.lineOf?.(at) ?? at + 1;
      const issues = skip.get(at);
      if (issues !== undefined) {
        again.rejected.add(line, issues);
        continue;
      }
      keptLines.push(line);
      yield r;
    }
  }
  const filtered: LedgerInput = { receivables: kept(), rejected: again.rejected, lineOf: (i) => keptLines[i] ?? 0, finish: (err) => { again.finish(err); } };
  try {
    return { result: job(filtered.receivables), ledger: filtered };
  } catch (error) {
    throw error instanceof CreditBlockError ? relined(error, filtered) : error;
  }
}
