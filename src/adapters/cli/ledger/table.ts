/**
 * One CSV export read as a table of records, whatever kind it is (a ledger of títulos, a sales
 * history, payments): its encoding and separator decided from its first bytes, its header mapped,
 * rows sampled for the decimal mark and the date order, then every row converted as it is pulled.
 *
 * The file streams: its bytes are checked and decoded chunk by chunk, csv-parse turns them into
 * records, each record becomes a value the moment it is pulled. Nothing holds the whole file.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { DATE_HINT, type DateOrder, type DecimalMark } from "./cells.js";
import { dateFormatFlag, decimalFlag, detectDateOrder, detectDecimalMark, detectSeparator, separatorFlag, separatorName } from "./dialect.js";
import { ChunkDecoder, decideEncoding, encodingFlag } from "./encoding.js";
import type { HeaderPlan, HeaderTable } from "./headers.js";
import { FileProblem } from "./problems.js";
import { RejectedRows } from "./rejected.js";
import { csvBatches, loadCsvParser, type CsvBatch } from "./records.js";

/** Flags that fix what detection would guess; each as typed on the command line. */
export interface CsvFileOptions {
  readonly map?: string;
  readonly separator?: string;
  readonly encoding?: string;
  readonly decimal?: string;
  readonly dateFormat?: string;
  /** Bytes read at a time (default 256 kB); tests read a byte at a time to try every boundary. @internal */
  readonly chunkSize?: number;
  /** Called as bytes are read, for a progress bar. */
  readonly onProgress?: (bytesRead: number, rows: number) => void;
}

/** A row a kind of file reads as nothing, on purpose (a cancelled título): counted, not rejected. */
export const SKIPPED = "\u0000skipped";

/** How one kind of file is read. */
export interface TableKind<C extends string, T> {
  /** What the file is, in messages: "ledger", "sales", "payments". */
  readonly noun: string;
  readonly headers: HeaderTable<C>;
  /** Columns whose cells show the decimal mark. */
  readonly amountColumns: readonly C[];
  /** Columns whose cells show the date order. */
  readonly dateColumns: readonly C[];
  /**
   * The function that turns one record into a value, or into the reason it cannot be one (the
   * reason names the column as the file does, so a clerk finds it), or {@link SKIPPED}.
   */
  converter(plan: HeaderPlan<C>, mark: DecimalMark, order: DateOrder): (fields: readonly string[]) => T | string;
}

/** An open CSV file: what was decided about it, and its values as they are read. */
export interface CsvTable<T> {
  readonly name: string;
  /** File size in bytes (for a progress bar's total). */
  readonly size: number;
  /** How the file was read, then one note per guess, each naming the flag that changes it. */
  readonly notes: readonly string[];
  /** Single pass: the values, rows that cannot be read left out and counted in `rejected`. */
  readonly rows: Iterable<T>;
  readonly rejected: RejectedRows;
  /** The line of the `index`-th value yielded. */
  lineOf(index: number): number;
  /** Rows the kind skips on purpose. */
  readonly skipped: () => number;
}

const CHUNK = 1 << 18;
const ENCODING_NAMES = { "utf-8": "UTF-8", "windows-1252": "Windows-1252", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE" } as const;
const SAMPLE = 2_000;

/**
 * Opens a CSV file of `kind`. Whole-file problems (encoding, header, quoting) are a
 * {@link FileProblem}; a bad row is counted in `rejected` with its line.
 *
 * @example
 * ```ts
 * const sales = await openCsvTable("vendas.csv", SALES, {});
 * for (const row of sales.rows) console.log(row);
 * ```
 */
export async function openCsvTable<C extends string, T>(path: string, kind: TableKind<C, T>, options: CsvFileOptions = {}): Promise<CsvTable<T>> {
  await loadCsvParser();
  const fd = openFile(path, kind.noun);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    return readOpened(fd, close, path, kind, options);
  } catch (error) {
    close();
    throw error;
  }
}

function openFile(path: string, noun: string): number {
  try {
    const fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw new FileProblem(`${path}: is a directory, not a ${noun} file`);
    }
    return fd;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new FileProblem(`${path}: no such file`);
    if (code === "EACCES" || code === "EPERM") throw new FileProblem(`${path}: permission denied`);
    if (code === "EISDIR") throw new FileProblem(`${path}: is a directory, not a ${noun} file`);
    throw error;
  }
}

function readOpened<C extends string, T>(fd: number, close: () => void, name: string, kind: TableKind<C, T>, options: CsvFileOptions): CsvTable<T> {
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  const headLength = readSync(fd, head, 0, head.length, 0);
  const encoding = decideEncoding(head.subarray(0, headLength), name, options.encoding === undefined ? undefined : encodingFlag(options.encoding));
  const headText = new TextDecoder(encoding.encoding === "windows-1252" ? "latin1" : encoding.encoding).decode(head.subarray(0, headLength));
  const separator = options.separator === undefined ? detectSeparator(headText.replace(/^\uFEFF/, "")) : separatorFlag(options.separator);
  const map = options.map === undefined ? undefined : kind.headers.parseMap(options.map);

  let bytesRead = 0;
  let rowCount = 0;
  const decoder = new ChunkDecoder(encoding, name);
  function* chunks(): Generator<Uint8Array | string> {
    const size = options.chunkSize ?? CHUNK;
    const buffer = Buffer.allocUnsafe(size);
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, size, bytesRead);
        if (n === 0) {
          const rest = decoder.push(new Uint8Array(0), true);
          if (rest.length > 0) yield rest;
          return;
        }
        bytesRead += n;
        options.onProgress?.(bytesRead, rowCount);
        yield decoder.push(buffer.subarray(0, n), false);
      }
    } finally {
      close();
    }
  }
  const batches = csvBatches(chunks(), { separator, name });
  // Header and sample are taken row by row; the rest is read batch by batch.
  let batch: CsvBatch = { rows: [], lines: [] };
  let at = 0;
  const nextRow = (): string[] | undefined => {
    while (at >= batch.rows.length) {
      const next = batches.next();
      if (next.done === true) return undefined;
      batch = next.value;
      at = 0;
    }
    return batch.rows[at++];
  };
  const header = nextRow();
  if (header === undefined) throw new FileProblem(`${name}: the file is empty (no header line)`);
  const plan = kind.headers.plan(header.map((h) => h.trim()), name, map);

  const sample: string[][] = [];
  const sampleLines: number[] = [];
  while (sample.length < SAMPLE) {
    const row = nextRow();
    if (row === undefined) break;
    sample.push(row);
    sampleLines.push(batch.lines[at - 1] as number);
  }
  const valuesOf = (wanted: readonly C[]) => sample.flatMap((r) => plan.columns.flatMap((c, i) => (c !== null && wanted.includes(c) && r[i]?.trim() ? [(r[i]).trim()] : [])));
  const decimal = options.decimal === undefined ? detectDecimalMark(valuesOf(kind.amountColumns), separator, name) : { mark: decimalFlag(options.decimal), guessed: false };
  const dates = options.dateFormat === undefined ? detectDateOrder(valuesOf(kind.dateColumns), name) : { order: dateFormatFlag(options.dateFormat), guessed: false };

  const notes = [
    `${name}: read as ${ENCODING_NAMES[encoding.encoding]} (${encoding.because}), separator ${separatorName(separator)}, decimal ${decimal.mark === "," ? "comma" : "point"}, dates ${DATE_HINT[dates.order]}`,
  ];
  if (decimal.guessed) notes.push(`${name}: no amount shows its decimal mark (all whole numbers); read with a decimal ${decimal.mark === "," ? "comma, as the separator is not ','" : "point, as the separator is ','"}. If that is wrong, pass --decimal ${decimal.mark === "," ? "." : ","}`);
  if (dates.guessed) notes.push(`${name}: every date fits both dd/mm and mm/dd; read day first (dd/mm/aaaa, as in Brazil). If the export puts the month first, pass --date-format MM/dd/yyyy`);

  const rejected = new RejectedRows();
  const lines = new LineIndex();
  let skipped = 0;
  const convert = kind.converter(plan, decimal.mark, dates.order);
  /** Converts rows[from..] of a batch, yielding the values and counting the rest. */
  function* convertAll(rows: readonly string[][], lineOf: readonly number[], from: number): Generator<T> {
    for (let i = from; i < rows.length; i++) {
      rowCount++;
      const result = convert(rows[i] as string[]);
      if (typeof result === "string") {
        if (result === SKIPPED) skipped++;
        else rejected.add(lineOf[i] as number, result);
        continue;
      }
      lines.push(lineOf[i] as number);
      yield result;
    }
  }
  function* values(): Generator<T> {
    yield* convertAll(sample, sampleLines, 0);
    yield* convertAll(batch.rows, batch.lines, at);
    // The batches still to come, one chunk at a time.
    for (const next of batches) yield* convertAll(next.rows, next.lines, 0);
    options.onProgress?.(bytesRead, rowCount);
  }
  return { name, size, notes, rows: values(), rejected, lineOf: (i) => lines.at(i), skipped: () => skipped };
}

/** `text` without surrounding white space; the same string when there is none (most cells). */
export function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32) ? text : text.trim();
}

/** A cell as quoted in a message: at most 40 characters. */
export const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}…` : v);

/** Line numbers of the values yielded, in 4 bytes each. */
class LineIndex {
  private lines = new Int32Array(1024);
  private length = 0;

  push(line: number): void {
    if (this.length === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.length++] = line;
  }

  at(index: number): number {
    return this.lines[index] ?? 0;
  }
}
