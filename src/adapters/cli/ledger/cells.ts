/**
 * One cell of a back-office file read as the library's value: money as a canonical decimal
 * string, a date as `YYYY-MM-DD`, a status word as a status.
 *
 * Dates go through date-fns `parse` with the one explicit pattern the file's dialect chose
 * (strict: "31/02/2026" is no date), and only the civil date is kept, so the result is the
 * same in every time zone. A ledger repeats few dates over many rows, so each distinct text is
 * parsed once.
 */
import { isValid, parse } from "date-fns";
import { labelOf, PAYMENT_METHODS } from "credit-block";
import { normalizeHeader } from "./headers.js";

/** How a file writes dates: day first (Brazil), month first (a US export), or ISO. */
export type DateOrder = "dmy" | "mdy" | "iso";
/** How a file writes the decimal mark of amounts. */
export type DecimalMark = "," | ".";

/** The date-fns patterns each order accepts, date first, then with a time of day. */
const DATE_PATTERNS: Readonly<Record<DateOrder, readonly string[]>> = {
  dmy: ["d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss"],
  mdy: ["M/d/yyyy", "M/d/yyyy H:mm", "M/d/yyyy H:mm:ss"],
  iso: ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"],
};

/** Each order's shape, capturing day, month and year (in that order of groups, named). */
const SHAPE: Readonly<Record<DateOrder, RegExp>> = {
  dmy: /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  mdy: /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/,
  iso: /^(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/,
};

/** What a human reads in an error: the pattern in pt-BR spelling. */
export const DATE_HINT: Readonly<Record<DateOrder, string>> = { dmy: "dd/mm/aaaa", mdy: "mm/dd/yyyy", iso: "aaaa-mm-dd" };

// Any fixed day: parse only borrows missing fields from it, and every pattern has all three.
const REFERENCE = new Date(2000, 0, 1);
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Reads dates of one order, remembering each distinct text (bounded). */
export class DateReader {
  private readonly seen = new Map<string, string | null>();
  private readonly shape: RegExp;
  private readonly patterns: readonly string[];

  constructor(readonly order: DateOrder) {
    this.shape = SHAPE[order];
    this.patterns = DATE_PATTERNS[order];
  }

  /** The civil date, or null when the text is not a date in this order. */
  read(text: string): string | null {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    const value = this.parse(text);
    if (this.seen.size >= 200_000) this.seen.clear();
    this.seen.set(text, value);
    return value;
  }

  private parse(text: string): string | null {
    const groups = this.shape.exec(text)?.groups;
    if (groups === undefined) return null;
    const normalized = this.order === "iso" ? text.replace("T", " ") : text;
    const pattern = this.patterns[(normalized.match(/:/g)?.length ?? 0)] ?? "";
    const date = parse(normalized, pattern, REFERENCE);
    // date-fns decides whether the text is a date (strictly: no 31/02, no month 13); the civil
    // date is the one written, never read back from the local Date, which a host zone that
    // skipped that day (Pacific/Kiritimati, 1994-12-31) would move to the next.
    if (!isValid(date)) return null;
    return `${groups.y as string}-${pad(Number(groups.m), 2)}-${pad(Number(groups.d), 2)}`;
  }
}

const MONEY: Readonly<Record<DecimalMark, RegExp>> = {
  ",": /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/,
  ".": /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/,
};

/**
 * An amount as an ERP writes it ("1.234,56", "R$ 1.234,56", "1234.56") as a canonical decimal
 * string ("1234.56"), or null when it is not one in this decimal mark.
 */
export function readAmount(text: string, mark: DecimalMark): string | null {
  let t = text;
  const first = t.charCodeAt(0);
  // Most cells start with a digit: only the others may carry "R$".
  if (!(first >= 48 && first <= 57) && t.includes("R$")) t = t.replace(/^(-?)\s*R\$\s*/u, "$1").trim();
  if (!MONEY[mark].test(t)) return null;
  const group = mark === "," ? "." : ",";
  const ungrouped = t.includes(group) ? t.replaceAll(group, "") : t;
  if (mark === ".") return ungrouped;
  const comma = ungrouped.indexOf(",");
  return comma === -1 ? ungrouped : `${ungrouped.slice(0, comma)}.${ungrouped.slice(comma + 1)}`;
}

/**
 * Status words of Brazilian ERPs. "Parcial" is an open título with part paid (its saldo is
 * what is open); "Baixado" follows the reading of a write-off (baixa por perda).
 * `cancelled` rows are not receivables: they are skipped and counted.
 */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  open: "open", aberto: "open", "em aberto": "open", vencido: "open", "a vencer": "open", avencer: "open", parcial: "open", "pago parcialmente": "open", "parcialmente pago": "open", atrasado: "open", pendente: "open",
  paid: "paid", pago: "paid", quitado: "paid", liquidado: "paid", recebido: "paid",
  disputed: "disputed", "em disputa": "disputed", contestado: "disputed", "em contestacao": "disputed",
  renegotiated: "renegotiated", renegociado: "renegotiated", "em acordo": "renegotiated",
  written_off: "written_off", baixado: "written_off", perda: "written_off", "baixado por perda": "written_off", prejuizo: "written_off", "baixa por perda": "written_off",
  cancelled: "cancelled", canceled: "cancelled", cancelado: "cancelled", estornado: "cancelled",
};

/** The status a word means, "cancelled", or null for a word no ERP uses. */
export function readStatus(text: string): string | null {
  const key = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  return STATUS_WORDS[key] ?? null;
}

/** The words `readStatus` knows, for an error message. */
export const STATUS_HINT = "Aberto, Vencido, A vencer, Parcial, Pago, Quitado, Cancelado, Renegociado, Em disputa, Contestado, Baixado, Perda";

const METHOD_WORDS = new Map<string, string>(
  PAYMENT_METHODS.flatMap((m) => [[m, m], [normalizeHeader(labelOf("method", m, "pt-BR")), m], [normalizeHeader(labelOf("method", m, "en")), m]] as [string, string][]),
);

/**
 * A payment-method word as exports write it, in either language ("Crediário", "PIX", "Cartão de
 * crédito", "store_credit"), or undefined.
 */
export function readMethod(text: string): string | undefined {
  return METHOD_WORDS.get(normalizeHeader(text));
}
