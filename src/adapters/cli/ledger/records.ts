/**
 * CSV records through `csv-parse` (https://csv.js.org/parse/), an optional peer dependency of the
 * command: RFC 4180 quoting (https://www.rfc-editor.org/rfc/rfc4180), strict quotes (an
 * unterminated quote is an error naming its line, never the rest of the file swallowed into
 * one field), fed chunk by chunk so memory stays bounded whatever the file's size.
 *
 * The records are pulled synchronously (a generator), so `ageReceivables` can stream over them.
 */
import { FileProblem } from "./problems.js";

/** One record and the line it starts on (1-based). */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
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
function describe(error: Error & { code?: string; lines?: number }, name: string): FileProblem {
  const line = error.lines ?? 0;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new FileProblem(`${name}: a quote opened near line ${line} is never closed (the file ends inside a quoted field)`);
    case "CSV_INVALID_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_OPENING_QUOTE":
      return new FileProblem(`${name}, line ${line}: a quote in the middle of a field; a field with quotes must be wholly quoted, with inner quotes doubled ("")`);
    case "CSV_MAX_RECORD_SIZE":
      return new FileProblem(`${name}, line ${line}: a record longer than 1 MB; is the separator right? (--separator)`);
    default:
      return new FileProblem(`${name}, line ${line}: ${error.message}`);
  }
}

/** Options for {@link csvRecords}. */
export interface CsvRecordsOptions {
  readonly separator: string;
  readonly name: string;
}

/**
 * Yields the records of the text chunks `source` gives, each with its starting line. Blank lines
 * are skipped; a record of other width than the header is kept (the reader names what is missing).
 */
export function* csvRecords(source: Iterable<Uint8Array | string>, options: CsvRecordsOptions): Generator<CsvRecord> {
  if (parserClass === undefined) throw new Error("loadCsvParser() first");
  const api = new parserClass({ delimiter: options.separator, skip_empty_lines: true, relax_column_count: true, max_record_size: 1 << 20 }).api;
  if (api === undefined || typeof api.parse !== "function") throw new FileProblem("this csv-parse version is not supported: npm install csv-parse@^7");
  const ready: CsvRecord[] = [];
  let lastLine = 0;
  let lastEmpty = 0;
  const push = (fields: string[]) => {
    const { lines, empty_lines } = api.info;
    // A record starts after the previous one ended and after the blank lines skipped between.
    ready.push({ fields, line: lastLine + 1 + (empty_lines - lastEmpty) });
    lastLine = lines;
    lastEmpty = empty_lines;
  };
  const close = () => {};
  for (const chunk of source) {
    const error = api.parse(typeof chunk === "string" ? Buffer.from(chunk) : chunk, false, push, close);
    if (error !== undefined) throw describe(error, options.name);
    yield* ready;
    ready.length = 0;
  }
  const error = api.parse(undefined, true, push, close);
  if (error !== undefined) throw describe(error, options.name);
  yield* ready;
}
