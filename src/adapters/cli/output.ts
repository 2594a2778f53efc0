/**
 * What the command writes, in the reader's conventions: plain canonical numbers by default (for
 * scripts), or pt-BR (`R$ 1.234,56` in tables; `1234,56` and `;` in CSV, as Excel in Portuguese
 * opens it). `--excel` adds the BOM and CRLF that Excel needs to open UTF-8 text cleanly.
 */
import { formatMoney, type Locale } from "credit-block";

/** How a table or CSV is written. */
export interface OutputStyle {
  readonly locale: Locale | undefined;
  readonly separator: string;
  readonly excel: boolean;
}

/** The style the flags ask for: pt-BR CSV defaults to `;` (the comma is its decimal mark). */
export function outputStyle(values: { locale?: string | undefined; separator?: string | undefined; excel?: boolean | undefined }): OutputStyle {
  const locale = values.locale === "pt-BR" || values.locale === "en" ? values.locale : undefined;
  const separator = values.separator ?? (locale === "pt-BR" || values.excel === true ? ";" : ",");
  return { locale, separator: separator === "tab" ? "\t" : separator, excel: values.excel === true };
}

/** A money cell: `R$ 1.234,56` in a pt-BR table, `1234,56` in a pt-BR CSV, else as computed. */
export function moneyCell(value: string, style: OutputStyle, target: "table" | "csv"): string {
  if (style.locale === undefined) return value;
  if (target === "table") return formatMoney(value, { locale: style.locale });
  return style.locale === "pt-BR" ? value.replace(".", ",") : value;
}

/** A date cell: dd/mm/aaaa for pt-BR, ISO otherwise. */
export function dateCell(value: string | null, style: OutputStyle): string {
  if (value === null) return "";
  return style.locale === "pt-BR" ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
}

const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

/**
 * A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'` (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection).
 * Numbers the command wrote are left alone.
 */
export function neutralize(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
}

/**
 * Writes records as CSV, quoting only where needed, every text cell neutralised.
 *
 * @example
 * ```ts
 * writeCsv([["cliente", "total"], ["=HYPERLINK()", "10,00"]], { locale: "pt-BR", separator: ";", excel: false });
 * // "cliente;total\n'=HYPERLINK();10,00\n"
 * ```
 */
export function writeCsv(rows: readonly (readonly string[])[], style: OutputStyle): string {
  const sep = style.separator;
  const quote = (raw: string) => {
    const f = neutralize(raw);
    return f.includes(sep) || f.includes('"') || f.includes("\n") || f.includes("\r") ? `"${f.replace(/"/g, '""')}"` : f;
  };
  const eol = style.excel ? "\r\n" : "\n";
  return (style.excel ? "\uFEFF" : "") + rows.map((r) => r.map(quote).join(sep)).join(eol) + eol;
}

/** A text table: the first column left-aligned, the others right-aligned. */
export function writeTable(rows: readonly (readonly string[])[]): string {
  // A reduce, not Math.max(...): a by-customer table may have more rows than a call takes arguments.
  const widths = rows[0]?.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? "").length), 0)) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")).join("\n") + "\n";
}
