/**
 * The dialect of a CSV export: separator, decimal mark, date order. Read from the file itself
 * (the header line, then a sample of rows), never from the machine's locale; a flag fixes each.
 * When the sample cannot tell (every amount a whole number, every date fits both orders), the
 * Brazilian reading is taken and one note says so, with the flag that changes it.
 */
import type { DateOrder, DecimalMark } from "./cells.js";
import { FileProblem } from "./problems.js";

const SEPARATORS = [";", ",", "\t", "|"] as const;
const SEPARATOR_NAMES: Readonly<Record<string, string>> = { ";": "';'", ",": "','", "\t": "tab", "|": "'|'" };

/** A separator's name for messages: `';'`, `tab`. */
export const separatorName = (s: string) => SEPARATOR_NAMES[s] ?? `'${s}'`;

/** The `--separator` value as a character (`tab`, `\t` and `;` are all accepted). */
export function separatorFlag(value: string): string {
  if (value === "tab" || value === "\\t") return "\t";
  if (value.length !== 1 || value === '"' || value === "\n" || value === "\r") throw new FileProblem(`--separator "${value}" must be one character other than a quote or a line break (e.g. ";", ",", tab)`);
  return value;
}

/** The separator used most on the header line outside quotes (`;` wins ties: Brazil). */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  let best = ";";
  for (const s of SEPARATORS) if ((counts.get(s) as number) > (counts.get(best) as number)) best = s;
  return best;
}

/** What the sample of amounts says about the decimal mark. */
export function detectDecimalMark(amounts: Iterable<string>, separator: string, name: string): { mark: DecimalMark; guessed: boolean } {
  let comma = false;
  let dot = false;
  for (const raw of amounts) {
    const a = raw.replace(/^-?\s*R\$\s*/u, "").trim();
    // "1.234,56" or "12,5": a comma with 1–2 digits after it, or dots grouping before one.
    if (/,\d{1,2}$/.test(a) || /\.\d{3},/.test(a)) comma = true;
    else if (/\.\d{1,2}$/.test(a) || /,\d{3}\./.test(a) || /\.\d{4,}$/.test(a)) dot = true;
  }
  if (comma && dot) throw new FileProblem(`${name}: amounts are written both with a decimal comma and a decimal point; pass --decimal , or --decimal . to say which`);
  if (comma) return { mark: ",", guessed: false };
  if (dot) return { mark: ".", guessed: false };
  // Whole numbers only, or "1.234": the separator tells which country wrote the file.
  return { mark: separator === "," ? "." : ",", guessed: true };
}

/** What the sample of dates says about their order. */
export function detectDateOrder(dates: Iterable<string>, name: string): { order: DateOrder; guessed: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let slashes = false;
  let iso = false;
  for (const d of dates) {
    const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(d);
    if (m) {
      slashes = true;
      if (Number(m[1]) > 12) dayFirst = true;
      if (Number(m[2]) > 12) monthFirst = true;
    } else if (/^\d{4}-\d{2}-\d{2}/.test(d)) iso = true;
  }
  if (slashes && iso) throw new FileProblem(`${name}: dates are written both as dd/mm/aaaa and as aaaa-mm-dd; fix the export or pass --date-format to read one of them`);
  if (dayFirst && monthFirst) throw new FileProblem(`${name}: some dates have the day first and others the month first; fix the export, or pass --date-format dd/MM/yyyy or MM/dd/yyyy`);
  if (!slashes) return { order: "iso", guessed: false };
  if (monthFirst) return { order: "mdy", guessed: false };
  return { order: "dmy", guessed: !dayFirst };
}

/** `--date-format` as an order: dd/MM/yyyy (and d/M/yyyy), MM/dd/yyyy, yyyy-MM-dd. */
export function dateFormatFlag(value: string): DateOrder {
  const v = value.trim().toLowerCase().replace(/a/g, "y");
  if (v === "dd/mm/yyyy" || v === "d/m/yyyy") return "dmy";
  if (v === "mm/dd/yyyy" || v === "m/d/yyyy") return "mdy";
  if (v === "yyyy-mm-dd" || v === "iso") return "iso";
  throw new FileProblem(`--date-format "${value}" is not one of dd/MM/yyyy, MM/dd/yyyy, yyyy-MM-dd`);
}

/** `--decimal` as a mark. */
export function decimalFlag(value: string): DecimalMark {
  if (value === "," || value === "comma" || value === "virgula" || value === "vírgula") return ",";
  if (value === "." || value === "dot" || value === "point" || value === "ponto") return ".";
  throw new FileProblem(`--decimal "${value}" must be "," or "."`);
}
