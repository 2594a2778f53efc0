/**
 * `credit-block boleto LINE`: what a boleto's linha digitável (or barcode) says, its check
 * digits verified: bank, amount, due date. `--json` (or `--format json`) for scripts.
 * @module
 */
import { formatMoney, type Locale } from "credit-block";
import { COLLECTION_SEGMENTS, parseBoleto, type BoletoReading } from "credit-block/boleto";

/**
 * The arguments of `boleto` as the common parser reads them: a bare `--json` (the other
 * commands' `--json` takes a file name) becomes `--format=json`.
 *
 * @example
 * ```ts
 * boletoArgs(["1049…", "--json"]); // ["1049…", "--format=json"]
 * ```
 */
export function boletoArgs(args: readonly string[]): string[] {
  return args.map((a) => (a === "--json" ? "--format=json" : a));
}

/** The line as printed on the slip: `AAABC.CCCCX DDDDD.DDDDDY EEEEE.EEEEEZ K UUUUVVVVVVVVVV`, or four blocks `…-D`. */
function printed(r: BoletoReading): string {
  const l = r.line;
  if (r.kind === "collection") return [0, 12, 24, 36].map((i) => `${l.slice(i, i + 11)}-${l.charAt(i + 11)}`).join(" ");
  return `${l.slice(0, 5)}.${l.slice(5, 10)} ${l.slice(10, 15)}.${l.slice(15, 21)} ${l.slice(21, 26)}.${l.slice(26, 32)} ${l.charAt(32)} ${l.slice(33)}`;
}

/**
 * Reads the boleto (the words of the line may come as separate arguments: an unquoted paste)
 * and returns what to print: JSON, or a small table in pt-BR (or `en`).
 *
 * @example
 * ```ts
 * runBoleto(["10492.00650", "61000.100042", "00997.263900", "9", "89810000021403"], { asOf: "2022-05-02", format: "table", locale: "pt-BR" });
 * ```
 */
export function runBoleto(words: readonly string[], options: { asOf: string; format: string; locale: Locale }): string {
  const reading = parseBoleto(words.join(""), { asOf: options.asOf });
  if (options.format === "json") return `${JSON.stringify(reading, null, 2)}\n`;
  const pt = options.locale === "pt-BR";
  const date = (d: string) => (pt ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : d);
  const rows: string[][] = [];
  if (reading.kind === "bank") {
    rows.push([pt ? "boleto bancário" : "bank boleto", `${pt ? "banco" : "bank"} ${reading.bank ?? ""}`]);
  } else {
    const segment = reading.segment ?? "";
    rows.push([pt ? "arrecadação" : "collection slip", `${pt ? "segmento" : "segment"} ${segment} (${COLLECTION_SEGMENTS[segment] ?? "?"})`]);
  }
  const open = pt ? "a informar" : "to be filled in";
  rows.push([pt ? "valor" : "amount", reading.amount === null ? (reading.currency === "other" ? (pt ? "em outra moeda" : "in another currency") : open) : formatMoney(reading.amount, { locale: options.locale })]);
  rows.push([pt ? "vencimento" : "due date", reading.dueDate === null ? (reading.kind === "collection" ? (pt ? "não consta no código" : "not in the number") : pt ? "sem vencimento" : "none") : date(reading.dueDate)]);
  rows.push([pt ? "linha digitável" : "line", printed(reading)]);
  rows.push([pt ? "código de barras" : "barcode", reading.barcode]);
  const width = Math.max(...rows.map((r) => (r[0] ?? "").length));
  return rows.map(([label = "", value = ""]) => `${label.padEnd(width)}  ${value}`).join("\n") + "\n";
}
