/**
 * CSV records through `csv-parse` (https://csv.js.org/parse/), an optional peer dependency of the
 * command: RFC 4180 quoting (https://www.rfc-editor.org/rfc/rfc4180), strict quotes (an
 * unterminated quote is an error naming its line, never the rest of the file swallowed into
 * one field), fed chunk by chunk so memory stays bounded whatever the file's size.
 *
 * The records are pulled synchronously (a generator), so `ageReceivables` can stream over them.
 */
import { FileProblem } from "./problems.js";

/** The records parsed from one chunk of the file, and the line each starts on (1-based). */
export interface CsvBatch {
  readonly rows: string[][];
  readonly lines: number[];
}

/** The part of csv-parse's synchronous parser this module drives. */
interface ParserApi {
  parse(chunk: Uint8Array | string | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  readonly info: { readonly lines: number; readonly empty_lines: number };
}
type ParserClass = new (options: Record<string, unknown>) => { readonly api?: ParserApi };

let parserClass: ParserClass | undefined;

/**
 * Loads `csv-parse` (once). A missing package is a one-line message naming what to install.
 */
export async function loadCsvParser(): Promise<void> {
  if (parserClass !== undefined) return;
  try {
    const name = "csv-parse";
    parserClass = ((await import(name)) as { Parser: ParserClass }).Parser;
  } catch {
    throw new FileProblem("reading CSV needs the csv-parse package: npm install csv-parse");
  }
}

/** What csv-parse says went wrong, in words a clerk can act on. */
function describe(error: Error & { code?: string; lines?: number }, name: string, recordLine: number): FileProblem {
  const line = error.lines ?? 0;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      // csv-parse counts lines to the end of the file; the quote opened in the record begun last.
      return new FileProblem(`${name}: a quote opened near line ${recordLine} is never closed (the file ends inside a quoted field)`);
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return new FileProblem(`${name}, line ${line}: a quote in the middle of a field; a field with quotes must be wholly quoted, with inner quotes doubled ("")`);
    default:
      return new FileProblem(`${name}, line ${line}: ${error.message}`);
  }
}

/** The longest record read: past it the file is not the CSV it claims to be. */
const MAX_RECORD = 16 << 20;

/** Options for {@link csvRecords}. */
export interface CsvRecordsOptions {
  readonly separator: string;
  readonly name: string;
}

/**
 * Yields the records of the text chunks `source` gives, a batch per chunk (no object per row),
 * each record with its starting line. Blank lines are skipped; a record of other width than
 * the header is kept (the reader names what is missing).
 *
 * @example
 * ```ts
 * await loadCsvParser();
 * const [batch] = csvBatches(["a;b\r\n1;2\r\n"], { separator: ";", name: "t.csv" });
 * batch.rows;  // [["a", "b"], ["1", "2"]]
 * batch.lines; // [1, 2]
 * ```
 */
export function* csvBatches(source: Iterable<Uint8Array | string>, options: CsvRecordsOptions): Generator<CsvBatch> {
  if (parserClass === undefined) throw new Error("loadCsvParser() first");
  // csv-parse's own max_record_size costs a tenth of its speed; the same guard is kept below
  // per chunk: MAX_RECORD bytes read with no record ended is a file that is not this CSV.
  const api = new parserClass({ delimiter: options.separator, skip_empty_lines: true, relax_column_count: true }).api;
  if (api === undefined || typeof api.parse !== "function") throw new FileProblem("this csv-parse version is not supported: npm install csv-parse@^7");
  let rows: string[][] = [];
  let lines: number[] = [];
  let lastLine = 0;
  let lastEmpty = 0;
  const push = (fields: string[]) => {
    const { lines: endLine, empty_lines } = api.info;
    // A record starts after the previous one ended and after the blank lines skipped between.
    rows.push(fields);
    lines.push(lastLine + 1 + (empty_lines - lastEmpty));
    lastLine = endLine;
    lastEmpty = empty_lines;
  };
  const close = () => {};
  let sinceRecord = 0;
  for (const chunk of source) {
    const error = api.parse(typeof chunk === "string" ? Buffer.from(chunk) : chunk, false, push, close);
    if (error !== undefined) throw describe(error, options.name, lastLine + 1 + (api.info.empty_lines - lastEmpty));
    sinceRecord = rows.length > 0 ? 0 : sinceRecord + chunk.length;
    if (sinceRecord > MAX_RECORD) {
      throw new FileProblem(`${options.name}, line ${lastLine + 1}: a record longer than ${MAX_RECORD >> 20} MB (a quote never closed, or the wrong --separator / line ends?)`);
    }
    if (rows.length > 0) {
      yield { rows, lines };
      rows = [];
      lines = [];
    }
  }
  const error = api.parse(undefined, true, push, close);
  if (error !== undefined) throw describe(error, options.name, lastLine + 1 + (api.info.empty_lines - lastEmpty));
  if (rows.length > 0) yield { rows, lines };
}
