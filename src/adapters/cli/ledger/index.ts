/**
 * A ledger (carteira de títulos) as a back office exports it, read into receivables: a CSV from
 * an ERP or Excel, in whatever dialect it was written, or a JSON list.
 *
 * The file streams: its bytes are checked and decoded chunk by chunk, csv-parse turns them into
 * records, each record becomes a receivable the moment it is pulled. Nothing holds the whole
 * file, so `ageReceivables` over a gigabyte ledger needs memory for its customers, not its rows.
 * @module adapters/cli/ledger
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { labelOf, PAYMENT_METHODS, type ReceivableInput } from "credit-block";
import { DATE_HINT, DateReader, readAmount, readStatus, STATUS_HINT, type DateOrder, type DecimalMark } from "./cells.js";
import { dateFormatFlag, decimalFlag, detectDateOrder, detectDecimalMark, detectSeparator, separatorFlag, separatorName } from "./dialect.js";
import { ChunkDecoder, decideEncoding, encodingFlag } from "./encoding.js";
import { normalizeHeader, parseMapFlag, planHeaders, type Column } from "./headers.js";
import { FileProblem } from "./problems.js";
import { RejectedRows } from "./rejected.js";
import { csvRecords, loadCsvParser, type CsvRecord } from "./records.js";

export { FileProblem } from "./problems.js";
export { RejectedRows } from "./rejected.js";
export { loadCsvParser } from "./records.js";

/** Flags that fix what detection would guess; each as typed on the command line. */
export interface LedgerFileOptions {
  readonly map?: string;
  readonly separator?: string;
  readonly encoding?: string;
  readonly decimal?: string;
  readonly dateFormat?: string;
  /** Called as bytes are read, for a progress bar. */
  readonly onProgress?: (bytesRead: number, rows: number) => void;
}

/** An open ledger file: what was decided about it, and its receivables as they are read. */
export interface LedgerFile {
  readonly name: string;
  /** File size in bytes (for a progress bar's total). */
  readonly size: number;
  /** How the file was read, then one note per guess, each naming the flag that changes it. */
  readonly notes: readonly string[];
  /** Single pass: the receivables, rows that cannot be read left out and counted in `rejected`. */
  readonly receivables: Iterable<ReceivableInput>;
  readonly rejected: RejectedRows;
  /** The line of the `index`-th receivable yielded. */
  lineOf(index: number): number;
  /** Rows with a cancelled status: not receivables, skipped. */
  readonly cancelled: () => number;
}

const CHUNK = 1 << 20;
const ENCODING_NAMES = { "utf-8": "UTF-8", "windows-1252": "Windows-1252", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE" } as const;
const SAMPLE = 2_000;

const METHOD_WORDS = new Map<string, string>(
  PAYMENT_METHODS.flatMap((m) => [[m, m], [normalizeHeader(labelOf("method", m, "pt-BR")), m], [normalizeHeader(labelOf("method", m, "en")), m]] as [string, string][]),
);

/**
 * Opens a CSV ledger: decides its encoding and separator from its first bytes, maps its header,
 * samples rows for the decimal mark and date order. Whole-file problems (encoding, header,
 * quoting) are a {@link FileProblem}; a bad row is counted in `rejected` with its line.
 */
export async function openCsvLedger(path: string, options: LedgerFileOptions = {}): Promise<LedgerFile> {
  await loadCsvParser();
  const fd = openFile(path);
  try {
    return readOpened(fd, path, options);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function openFile(path: string): number {
  try {
    const fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw new FileProblem(`${path}: is a directory, not a ledger file`);
    }
    return fd;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new FileProblem(`${path}: no such file`);
    if (code === "EACCES" || code === "EPERM") throw new FileProblem(`${path}: permission denied`);
    if (code === "EISDIR") throw new FileProblem(`${path}: is a directory, not a ledger file`);
    throw error;
  }
}

function readOpened(fd: number, name: string, options: LedgerFileOptions): LedgerFile {
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(size, 1 << 16));
  const headLength = readSync(fd, head, 0, head.length, 0);
  const encoding = decideEncoding(head.subarray(0, headLength), name, options.encoding === undefined ? undefined : encodingFlag(options.encoding));
  const headText = new TextDecoder(encoding.encoding === "windows-1252" ? "latin1" : encoding.encoding).decode(head.subarray(0, headLength));
  const separator = options.separator === undefined ? detectSeparator(headText.replace(/^\uFEFF/, "")) : separatorFlag(options.separator);
  const map = options.map === undefined ? undefined : parseMapFlag(options.map);

  let bytesRead = 0;
  let rowCount = 0;
  const decoder = new ChunkDecoder(encoding, name);
  function* chunks(): Generator<Uint8Array | string> {
    const buffer = Buffer.allocUnsafe(CHUNK);
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, CHUNK, bytesRead);
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
      closeSync(fd);
    }
  }
  const records = csvRecords(chunks(), { separator, name });
  const first = records.next();
  if (first.done === true) throw new FileProblem(`${name}: the file is empty (no header line)`);
  const plan = planHeaders(first.value.fields.map((h) => h.trim()), name, map);

  const sample: CsvRecord[] = [];
  for (let next = records.next(); next.done !== true; next = sample.length < SAMPLE ? records.next() : { done: true, value: undefined }) {
    sample.push(next.value);
  }
  const valuesOf = (wanted: readonly Column[]) => sample.flatMap((r) => plan.columns.flatMap((c, i) => (c !== null && wanted.includes(c) && r.fields[i]?.trim() ? [(r.fields[i]).trim()] : [])));
  const decimal = options.decimal === undefined ? detectDecimalMark(valuesOf(["amount", "openAmount"]), separator) : { mark: decimalFlag(options.decimal), guessed: false };
  const dates = options.dateFormat === undefined ? detectDateOrder(valuesOf(["dueDate", "issueDate", "paidDate"])) : { order: dateFormatFlag(options.dateFormat), guessed: false };

  const notes = [
    `${name}: read as ${ENCODING_NAMES[encoding.encoding]} (${encoding.because}), separator ${separatorName(separator)}, decimal ${decimal.mark === "," ? "comma" : "point"}, dates ${DATE_HINT[dates.order]}`,
  ];
  if (decimal.guessed) notes.push(`${name}: no amount shows its decimal mark (all whole numbers); read with a decimal ${decimal.mark === "," ? "comma, as the separator is not ','" : "point, as the separator is ','"}. If that is wrong, pass --decimal ${decimal.mark === "," ? "." : ","}`);
  if (dates.guessed) notes.push(`${name}: every date fits both dd/mm and mm/dd; read day first (dd/mm/aaaa, as in Brazil). If the export puts the month first, pass --date-format MM/dd/yyyy`);

  const rejected = new RejectedRows();
  const lines = new LineIndex();
  let cancelled = 0;
  const convert = rowConverter(plan.columns, plan.headers, decimal.mark, dates.order);
  function* receivables(): Generator<ReceivableInput> {
    const rest: Iterable<CsvRecord> = { [Symbol.iterator]: () => records };
    for (const source of [sample, rest]) {
      for (const record of source) {
        rowCount++;
        const result = convert(record.fields);
        if (typeof result === "string") {
          if (result === CANCELLED) cancelled++;
          else rejected.add(record.line, result);
          continue;
        }
        lines.push(record.line);
        yield result;
      }
    }
    options.onProgress?.(bytesRead, rowCount);
  }
  return { name, size, notes, receivables: receivables(), rejected, lineOf: (i) => lines.at(i), cancelled: () => cancelled };
}

const CANCELLED = "\u0000cancelled";

/**
 * The function that turns one record into a receivable, or into the reason it cannot be one
 * (the reason names the column as the file does, so a clerk finds it).
 */
function rowConverter(columns: readonly (Column | null)[], headers: readonly string[], mark: DecimalMark, order: DateOrder): (fields: readonly string[]) => ReceivableInput | string {
  const used = columns.flatMap((c, i) => (c === null ? [] : [[i, c] as const]));
  const header = (c: Column) => headers[columns.indexOf(c)] as string;
  const dateReader = new DateReader(order);
  const hasInstallment = columns.includes("installment");
  const hasId = columns.includes("id");
  const hasCustomer = columns.includes("customerId");
  const markName = mark === "," ? "1.234,56" : "1,234.56";
  return (fields) => {
    const r: Record<string, string> = {};
    let installment = "";
    let document = "";
    for (const [i, column] of used) {
      const v = (fields[i] ?? "").trim();
      if (v === "") continue;
      switch (column) {
        case "amount":
        case "openAmount": {
          const amount = readAmount(v, mark);
          if (amount === null) return `${headers[i] as string} "${clip(v)}" is not an amount written as ${markName}`;
          r[column] = amount;
          break;
        }
        case "dueDate":
        case "issueDate":
        case "paidDate": {
          const date = dateReader.read(v);
          if (date === null) return `${headers[i] as string} "${clip(v)}" is not a date ${DATE_HINT[order]}`;
          r[column] = date;
          break;
        }
        case "status": {
          const status = readStatus(v);
          if (status === null) return `${headers[i] as string} "${clip(v)}" is not a status word (${STATUS_HINT})`;
          if (status === "cancelled") return CANCELLED;
          r.status = status;
          break;
        }
        case "method": {
          const method = METHOD_WORDS.get(normalizeHeader(v));
          if (method === undefined) return `${headers[i] as string} "${clip(v)}" is not a payment method`;
          r.method = method;
          break;
        }
        case "installment": installment = v; break;
        case "document": document = v.replace(/[.\-/\s]/g, ""); break;
        default: r[column] = v;
      }
    }
    if (hasInstallment) {
      if (hasId && r.id !== undefined && installment !== "") r.id = `${r.id}/${installment}`;
      else if (!hasId && installment !== "") r.id = installment;
    }
    if (!hasCustomer && document !== "") r.customerId = document;
    if (r.id === undefined) return `${hasId ? header("id") : header("installment")} is empty`;
    if (r.amount === undefined) return `${header("amount")} is empty`;
    if (r.dueDate === undefined) return `${header("dueDate")} is empty`;
    return r as unknown as ReceivableInput;
  };
}

const clip = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}…` : v);

/** Line numbers of the receivables yielded, in 4 bytes each. */
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
