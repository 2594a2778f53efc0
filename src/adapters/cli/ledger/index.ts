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
import { csvBatches, loadCsvParser, type CsvBatch } from "./records.js";

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
  /** Bytes read at a time (default 256 kB); tests read a byte at a time to try every boundary. @internal */
  readonly chunkSize?: number;
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

const CHUNK = 1 << 18;
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
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  try {
    return readOpened(fd, close, path, options);
  } catch (error) {
    close();
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

function readOpened(fd: number, close: () => void, name: string, options: LedgerFileOptions): LedgerFile {
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
  const plan = planHeaders(header.map((h) => h.trim()), name, map);

  const sample: string[][] = [];
  const sampleLines: number[] = [];
  while (sample.length < SAMPLE) {
    const row = nextRow();
    if (row === undefined) break;
    sample.push(row);
    sampleLines.push(batch.lines[at - 1] as number);
  }
  const valuesOf = (wanted: readonly Column[]) => sample.flatMap((r) => plan.columns.flatMap((c, i) => (c !== null && wanted.includes(c) && r[i]?.trim() ? [(r[i]).trim()] : [])));
  const decimal = options.decimal === undefined ? detectDecimalMark(valuesOf(["amount", "openAmount"]), separator, name) : { mark: decimalFlag(options.decimal), guessed: false };
  const dates = options.dateFormat === undefined ? detectDateOrder(valuesOf(["dueDate", "issueDate", "paidDate"]), name) : { order: dateFormatFlag(options.dateFormat), guessed: false };

  const notes = [
    `${name}: read as ${ENCODING_NAMES[encoding.encoding]} (${encoding.because}), separator ${separatorName(separator)}, decimal ${decimal.mark === "," ? "comma" : "point"}, dates ${DATE_HINT[dates.order]}`,
  ];
  if (decimal.guessed) notes.push(`${name}: no amount shows its decimal mark (all whole numbers); read with a decimal ${decimal.mark === "," ? "comma, as the separator is not ','" : "point, as the separator is ','"}. If that is wrong, pass --decimal ${decimal.mark === "," ? "." : ","}`);
  if (dates.guessed) notes.push(`${name}: every date fits both dd/mm and mm/dd; read day first (dd/mm/aaaa, as in Brazil). If the export puts the month first, pass --date-format MM/dd/yyyy`);

  const rejected = new RejectedRows();
  const lines = new LineIndex();
  let cancelled = 0;
  const convert = rowConverter(plan.columns, plan.headers, decimal.mark, dates.order);
  /** Converts rows[from..] of a batch, yielding the receivables and counting the rest. */
  function* convertAll(rows: readonly string[][], lineOf: readonly number[], from: number): Generator<ReceivableInput> {
    for (let i = from; i < rows.length; i++) {
      rowCount++;
      const result = convert(rows[i] as string[]);
      if (typeof result === "string") {
        if (result === CANCELLED) cancelled++;
        else rejected.add(lineOf[i] as number, result);
        continue;
      }
      lines.push(lineOf[i] as number);
      yield result;
    }
  }
  function* receivables(): Generator<ReceivableInput> {
    yield* convertAll(sample, sampleLines, 0);
    yield* convertAll(batch.rows, batch.lines, at);
    // The batches still to come, one chunk at a time.
    for (const next of batches) yield* convertAll(next.rows, next.lines, 0);
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
  const hasCustomer = columns.includes("customerId");
  // A CPF/CNPJ column is read only when it stands for the customer.
  const at = (c: Column) => (c === "document" && hasCustomer ? -1 : columns.indexOf(c));
  const [iId, iInstallment, iCustomer, iDocument, iAmount, iOpen, iDue, iIssue, iPaid, iStatus, iMethod] = (["id", "installment", "customerId", "document", "amount", "openAmount", "dueDate", "issueDate", "paidDate", "status", "method"] as const).map(at) as [number, number, number, number, number, number, number, number, number, number, number];
  const name = (i: number) => headers[i] as string;
  const dates = new DateReader(order);
  const markName = mark === "," ? "1.234,56" : "1,234.56";
  // A ledger repeats a handful of status and method words over every row: each read once.
  const statuses = new Map<string, string | null>();
  const methods = new Map<string, string | undefined>();
  const cell = (fields: readonly string[], i: number) => (i < 0 ? "" : trimmed(fields[i] ?? ""));
  const notAmount = (i: number, v: string) => `${name(i)} "${clip(v)}" is not an amount written as ${markName}`;
  const notDate = (i: number, v: string) => `${name(i)} "${clip(v)}" is not a date ${DATE_HINT[order]}`;
  const optionalDate = (fields: readonly string[], i: number): string | undefined | null => {
    const text = cell(fields, i);
    return text === "" ? undefined : dates.read(text);
  };

  return (fields) => {
    // Fields in the order a clerk reads a row; the object is built whole, in one shape.
    let status: string | undefined;
    const statusText = cell(fields, iStatus);
    if (statusText !== "") {
      let known = statuses.get(statusText);
      if (known === undefined) {
        known = readStatus(statusText);
        if (statuses.size < 1000) statuses.set(statusText, known);
      }
      if (known === null) return `${name(iStatus)} "${clip(statusText)}" is not a status word (${STATUS_HINT})`;
      if (known === "cancelled") return CANCELLED;
      status = known;
    }
    let id = cell(fields, iId);
    const installment = cell(fields, iInstallment);
    if (iId < 0) id = installment;
    else if (id !== "" && installment !== "") id = `${id}/${installment}`;
    if (id === "") return `${name(iId < 0 ? iInstallment : iId)} is empty`;

    const amountText = cell(fields, iAmount);
    if (amountText === "") return `${name(iAmount)} is empty`;
    const amount = readAmount(amountText, mark);
    if (amount === null) return notAmount(iAmount, amountText);
    const openText = cell(fields, iOpen);
    // The saldo of an untouched título repeats the valor: read once.
    const openAmount = openText === "" ? undefined : openText === amountText ? amount : readAmount(openText, mark);
    if (openAmount === null) return notAmount(iOpen, openText);

    const dueText = cell(fields, iDue);
    if (dueText === "") return `${name(iDue)} is empty`;
    const dueDate = dates.read(dueText);
    if (dueDate === null) return notDate(iDue, dueText);
    const issueDate = optionalDate(fields, iIssue);
    if (issueDate === null) return notDate(iIssue, cell(fields, iIssue));
    const paidDate = optionalDate(fields, iPaid);
    if (paidDate === null) return notDate(iPaid, cell(fields, iPaid));

    let method: string | undefined;
    const methodText = cell(fields, iMethod);
    if (methodText !== "") {
      method = methods.get(methodText);
      if (method === undefined) {
        method = METHOD_WORDS.get(normalizeHeader(methodText));
        if (methods.size < 1000) methods.set(methodText, method);
      }
      if (method === undefined) return `${name(iMethod)} "${clip(methodText)}" is not a payment method`;
    }
    const customerText = iCustomer >= 0 ? cell(fields, iCustomer) : cell(fields, iDocument).replace(/[.\-/\s]/g, "");
    const customerId = customerText === "" ? undefined : customerText;
    return { id, customerId, amount, openAmount, dueDate, issueDate, paidDate, status, method } as ReceivableInput;
  };
}

/** `text` without surrounding white space; the same string when there is none (most cells). */
function trimmed(text: string): string {
  const n = text.length;
  return n === 0 || (text.charCodeAt(0) > 32 && text.charCodeAt(n - 1) > 32) ? text : text.trim();
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
