/**
 * Ledger files (carteiras de títulos) as back offices export them, in a chosen dialect, for the
 * CLI's CSV reader: written to a temporary file, with the aging figures they must give computed
 * here independently (integer cents, calendar days, no library code).
 *
 * Deterministic: a seeded generator (mulberry32), never Math.random. Every due date is chosen so
 * its aging band does not depend on weekends or holidays (it is either not yet due, or overdue
 * by a number of days at least 8 days away from every band edge), so the band is a plain
 * subtraction of calendar days.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Separator = ";" | "," | "\t" | "|";
export type WrittenDateOrder = "dmy" | "mdy" | "iso";
export type LedgerEncoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le-bom";

/** The columns every generated file has, in this order. */
export const FIELDS = ["id", "installment", "customer", "document", "issueDate", "dueDate", "amount", "openAmount", "paidDate", "status"] as const;
export type Field = (typeof FIELDS)[number];

/** Headers as a Brazilian ERP writes them. */
export const PT_HEADERS: readonly string[] = ["Título", "Parcela", "Cliente", "CPF/CNPJ", "Emissão", "Vencimento", "Valor", "Saldo", "Pagamento", "Situação"];
/** The same, without accents (a file that must stay ASCII). */
export const PT_ASCII_HEADERS: readonly string[] = ["Titulo", "Parcela", "Cliente", "CPF/CNPJ", "Emissao", "Vencimento", "Valor", "Saldo", "Pagamento", "Situacao"];
/** Headers as an English export writes them. */
export const EN_HEADERS: readonly string[] = ["id", "installment", "customer", "tax id", "issue date", "due date", "amount", "balance", "paid date", "status"];

export interface LedgerSpec {
  /** Data rows (the header line is extra). */
  readonly rows: number;
  readonly seed?: number;
  readonly separator?: Separator;
  readonly decimal?: "," | ".";
  readonly dateOrder?: WrittenDateOrder;
  readonly lineEnd?: "\r\n" | "\n";
  readonly encoding?: LedgerEncoding;
  /** "pt", "en", or one header per {@link FIELDS} entry, in that order. */
  readonly headers?: "pt" | "en" | readonly string[];
  /** The date the expected figures are computed at (pass it as `--as-of`). */
  readonly asOf?: string;
  /** Group thousands ("1.234,56" / "1,234.56"); default true. */
  readonly thousands?: boolean;
  /** Write "R$ " before amounts; default false. */
  readonly currencySymbol?: boolean;
  /** Every amount a whole number of reais, written without decimals. */
  readonly wholeAmounts?: boolean;
  /** Every date with its day ≤ 12 (fits dd/MM and MM/dd), due dates only (no issue or payment dates). */
  readonly ambiguousDates?: boolean;
  /** Every due date impossible (30/02, 31/04…), no other date, no status: every row is refused. */
  readonly impossibleDates?: boolean;
  /** Status words: "pt" (Aberto, Pago…), "en" (open, paid…), or none (every título open). Default follows the headers. */
  readonly statuses?: "pt" | "en" | "none";
  /** Customer names without accents (the file stays ASCII unless the headers are not). */
  readonly ascii?: boolean;
  /** Customer names to draw from instead of the built-in ones. */
  readonly customers?: readonly string[];
  /** Quote the id and customer fields now and then although they need no quotes (as some ERPs do); default true. */
  readonly extraQuotes?: boolean;
  /**
   * A UTF-8 file with the customer of this data row written in Windows-1252 ("José" with the
   * single byte 0xE9): its offset is returned as `cp1252ByteOffset`.
   */
  readonly cp1252ByteAtRow?: number;
  readonly dir?: string;
  readonly fileName?: string;
}

/** Aging figures of a ledger, computed from the rows generated. Money as canonical strings. */
export interface ExpectedAging {
  readonly total: string;
  readonly count: number;
  /** Default bands: a vencer, 1–30, 31–60, 61–90, 91–120, over 120. */
  readonly buckets: readonly { readonly amount: string; readonly count: number }[];
  readonly excluded: { readonly disputed: string; readonly writtenOff: string; readonly renegotiated: string; readonly belowThreshold: string };
  /** Rows given to aging (cancelled ones are skipped before). */
  readonly read: number;
  readonly settled: number;
  readonly cancelled: number;
  readonly customers: readonly { readonly customerId: string; readonly total: string }[];
}

export interface GeneratedLedger {
  readonly path: string;
  readonly bytes: Buffer;
  /** The file's text (before encoding; with the injected name as "José"). */
  readonly text: string;
  /** The figures as written. */
  readonly expected: ExpectedAging;
  /** The figures when every date is read in `order` (dmy ↔ mdy swaps day and month). */
  expectedReadAs(order: WrittenDateOrder): ExpectedAging;
  /** Byte offset of the Windows-1252 byte, when `cp1252ByteAtRow` was given. */
  readonly cp1252ByteOffset: number | undefined;
  /** Line (1-based) of data row `i`. */
  lineOfRow(i: number): number;
  /** The due date of data row `i` as written. */
  dueText(i: number): string;
}

type Kind = "open" | "paid" | "disputed" | "renegotiated" | "writtenOff" | "cancelled";

interface Civil { readonly y: number; readonly m: number; readonly d: number }

interface Row {
  readonly kind: Kind;
  readonly customer: string;
  readonly due: Civil;
  readonly amount: bigint;
  /** The balance the row leaves open (the saldo, or the amount when the saldo is blank); 0 when paid. */
  readonly open: bigint;
}

/** mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const dayOf = (c: Civil) => Date.UTC(c.y, c.m - 1, c.d) / DAY;
function civilOf(day: number): Civil {
  const date = new Date(day * DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
function parseIso(text: string): Civil {
  const [y, m, d] = text.split("-").map(Number);
  return { y: y as number, m: m as number, d: d as number };
}
const pad = (n: number | bigint, width = 2) => String(n).padStart(width, "0");

/** Days overdue → band of the default bounds [0, 30, 60, 90, 120]. */
function bandOf(late: number): number {
  if (late <= 0) return 0;
  if (late <= 30) return 1;
  if (late <= 60) return 2;
  if (late <= 90) return 3;
  if (late <= 120) return 4;
  return 5;
}

/** Days overdue whose band no weekend or holiday can change: not yet due, or ≥ 8 days from any edge. */
function safe(late: number): boolean {
  if (late <= 0) return true;
  return [[8, 28], [33, 58], [63, 88], [93, 118], [123, 100_000]].some(([from, to]) => late >= (from as number) && late <= (to as number));
}

const LATE_RANGES: readonly (readonly [number, number])[] = [[-400, 0], [8, 28], [33, 58], [63, 88], [93, 118], [123, 900]];

const money = (cents: bigint) => `${cents < 0n ? "-" : ""}${(cents < 0n ? -cents : cents) / 100n}.${pad((cents < 0n ? -cents : cents) % 100n)}`;

/** An amount as the file writes it: "1.234,56", "R$ 1.234,56", "1,234.56", "1234". */
export function writeAmount(cents: bigint, options: { decimal: "," | "."; thousands: boolean; symbol: boolean; whole: boolean }): string {
  const whole = cents / 100n;
  let digits = String(whole);
  if (options.thousands) {
    const group = options.decimal === "," ? "." : ",";
    const parts: string[] = [];
    while (digits.length > 3) {
      parts.unshift(digits.slice(-3));
      digits = digits.slice(0, -3);
    }
    digits = [digits, ...parts].join(group);
  }
  const text = options.whole ? digits : `${digits}${options.decimal}${pad(cents % 100n)}`;
  return options.symbol ? `R$ ${text}` : text;
}

/** A civil date as the file writes it, in one of the shapes exports use. */
function writeDate(c: Civil, order: WrittenDateOrder, shape: number): string {
  if (order === "iso") return shape === 2 ? `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)} 00:00:00` : `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;
  const [a, b] = order === "dmy" ? [c.d, c.m] : [c.m, c.d];
  if (shape === 1) return `${a}/${b}/${c.y}`; // d/M/yyyy, as some ERPs write
  if (shape === 2) return `${pad(a)}/${pad(b)}/${c.y} 00:00:00`; // Excel with a time
  return `${pad(a)}/${pad(b)}/${c.y}`;
}

const NAMES = ["José da Silva", "Maria da Conceição", "São João Materiais", "Açougue Irmãos Gonçalves", "Padaria Pão de Açúcar", 'Bar do "Zé"', "Ótica Visão", "Antônio Araújo", "Zélia Müller", "Mercearia Ipê"];
const ASCII_NAMES = ["Jose da Silva", "Maria da Conceicao", "Sao Joao Materiais", "Acougue Irmaos Goncalves", "Padaria Pao de Acucar", 'Bar do "Ze"', "Otica Visao", "Antonio Araujo", "Zelia Muller", "Mercearia Ipe"];
/** The injected customer (its "é" becomes the single byte 0xE9). */
const INJECTED = "José Injetado";

const WORDS: Readonly<Record<"pt" | "en", Readonly<Record<Kind, readonly string[]>>>> = {
  pt: {
    open: ["", "Aberto", "Vencido", "A vencer", "Parcial", "Em aberto"],
    paid: ["Pago", "Quitado", "Liquidado"],
    disputed: ["Em disputa", "Contestado"],
    renegotiated: ["Renegociado"],
    writtenOff: ["Baixado", "Perda"],
    cancelled: ["Cancelado", "Estornado"],
  },
  en: { open: ["", "open"], paid: ["paid"], disputed: ["disputed"], renegotiated: ["renegotiated"], writtenOff: ["written_off"], cancelled: ["cancelled"] },
};

function pickKind(r: number): Kind {
  if (r < 0.7) return "open";
  if (r < 0.8) return "paid";
  if (r < 0.86) return "disputed";
  if (r < 0.9) return "renegotiated";
  if (r < 0.95) return "writtenOff";
  return "cancelled";
}

/** The figures of `rows`, each due date possibly read another way. */
function figures(rows: readonly Row[], asOf: string, dueOf: (row: Row) => Civil): ExpectedAging {
  const asOfDay = dayOf(parseIso(asOf));
  let total = 0n;
  let count = 0;
  const bands = Array.from({ length: 6 }, () => ({ amount: 0n, count: 0 }));
  const excluded = { disputed: 0n, writtenOff: 0n, renegotiated: 0n };
  let read = 0;
  let settled = 0;
  let cancelled = 0;
  const customers = new Map<string, bigint>();
  for (const row of rows) {
    if (row.kind === "cancelled") {
      cancelled++;
      continue;
    }
    read++;
    if (row.kind === "paid" || row.open === 0n) settled++;
    else if (row.kind === "disputed" || row.kind === "writtenOff" || row.kind === "renegotiated") excluded[row.kind] += row.open;
    else {
      total += row.open;
      count++;
      const band = bands[bandOf(asOfDay - dayOf(dueOf(row)))] as { amount: bigint; count: number };
      band.amount += row.open;
      band.count++;
      customers.set(row.customer, (customers.get(row.customer) ?? 0n) + row.open);
    }
  }
  return {
    total: money(total),
    count,
    buckets: bands.map((b) => ({ amount: money(b.amount), count: b.count })),
    excluded: { disputed: money(excluded.disputed), writtenOff: money(excluded.writtenOff), renegotiated: money(excluded.renegotiated), belowThreshold: "0.00" },
    read,
    settled,
    cancelled,
    customers: [...customers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([customerId, sum]) => ({ customerId, total: money(sum) })),
  };
}

/** One CSV field: quoted when it must be (separator, quote, line break), or now and then anyway. */
function field(value: string, separator: string, quoteAnyway: boolean): string {
  if (quoteAnyway || value.includes(separator) || value.includes('"') || value.includes("\n") || value.includes("\r")) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

function encode(text: string, encoding: LedgerEncoding): Buffer {
  switch (encoding) {
    case "utf-8": return Buffer.from(text, "utf8");
    case "utf-8-bom": return Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text, "utf8")]);
    case "utf-16le-bom": return Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from(text, "utf16le")]);
    case "windows-1252": {
      // Windows-1252 and Latin-1 agree outside 0x80–0x9F; the generator writes no character there.
      for (const c of text) if (c.charCodeAt(0) > 0xff || (c.charCodeAt(0) >= 0x80 && c.charCodeAt(0) < 0xa0)) throw new Error(`"${c}" is not written as Latin-1 in Windows-1252`);
      return Buffer.from(text, "latin1");
    }
  }
}

let fileCounter = 0;

/**
 * Writes a ledger file in the dialect `spec` asks for and returns it with its expected figures.
 *
 * @example
 * ```ts
 * const ledger = generateLedger({ rows: 2000, separator: ";", decimal: ",", dateOrder: "dmy", encoding: "utf-8-bom" });
 * // run `aging --receivables ${ledger.path} --as-of 2026-11-23 --format json`, compare with ledger.expected
 * ```
 */
export function generateLedger(spec: LedgerSpec): GeneratedLedger {
  const next = random(spec.seed ?? 1);
  const int = (from: number, to: number) => from + Math.floor(next() * (to - from + 1));
  const separator = spec.separator ?? ";";
  const decimal = spec.decimal ?? (separator === "," ? "." : ",");
  const order = spec.dateOrder ?? "dmy";
  const lineEnd = spec.lineEnd ?? "\r\n";
  const encoding = spec.encoding ?? "utf-8";
  const asOf = spec.asOf ?? "2026-11-23";
  const asOfDay = dayOf(parseIso(asOf));
  const headers = spec.headers === undefined || spec.headers === "pt" ? PT_HEADERS : spec.headers === "en" ? EN_HEADERS : spec.headers;
  if (headers.length !== FIELDS.length) throw new Error(`one header per field: ${FIELDS.join(", ")}`);
  const statusWords = spec.impossibleDates === true ? "none" : spec.statuses ?? (spec.headers === "en" ? "en" : "pt");
  const amountStyle = { decimal, thousands: spec.thousands ?? true, symbol: spec.currencySymbol ?? false, whole: spec.wholeAmounts ?? false };
  const base = spec.customers ?? (spec.ascii === true ? ASCII_NAMES : NAMES).map((n) => (n === "Mercearia Ipê" || n === "Mercearia Ipe" ? `${n}${separator} Filial` : n));
  const onlyDue = spec.ambiguousDates === true || spec.impossibleDates === true;

  const rows: Row[] = [];
  const dueTexts: string[] = [];
  const lines: string[] = [headers.map((h) => field(h, separator, false)).join(separator)];
  for (let i = 0; i < spec.rows; i++) {
    const kind: Kind = statusWords === "none" ? "open" : pickKind(next());
    const customer = i === spec.cp1252ByteAtRow ? INJECTED : spec.customers !== undefined ? (base[i % base.length] as string) : `${base[int(0, base.length - 1)] as string} ${pad(int(0, 19))}`;
    const document = `${pad(int(0, 999), 3)}.${pad(int(0, 999), 3)}.${pad(int(0, 999), 3)}-${pad(int(0, 99))}`;

    // The due date: a band, then a lateness inside its safe range (for an ambiguous file, one
    // whose day is ≤ 12 and whose swapped reading is safe too).
    let due: Civil;
    for (;;) {
      const [from, to] = LATE_RANGES[int(0, LATE_RANGES.length - 1)] as readonly [number, number];
      due = civilOf(asOfDay - int(from, to));
      if (i === 0 && spec.ambiguousDates !== true) due = { ...due, d: 25 }; // one day > 12: the order shows
      if (!safe(asOfDay - dayOf(due))) continue;
      if (spec.ambiguousDates !== true) break;
      if (due.d <= 12 && safe(asOfDay - dayOf({ y: due.y, m: due.d, d: due.m }))) break;
    }
    const issue = onlyDue || next() < 0.2 ? undefined : civilOf(dayOf(due) - int(0, 90));

    let amount = BigInt(int(1, 50_000)) * 100n + BigInt(int(0, 99));
    if (next() < 0.05) amount = BigInt(int(1, 9_999_999)) * 100n + BigInt(int(0, 99)); // up to millions
    if (amountStyle.whole) amount = (amount / 100n) * 100n;
    let open = amount;
    let saldo: string;
    let word = "";
    let paid: Civil | undefined;
    const words = statusWords === "none" ? undefined : WORDS[statusWords];
    if (words !== undefined) word = words[kind][int(0, words[kind].length - 1)] as string;
    if (kind === "paid") {
      open = 0n;
      saldo = next() < 0.5 ? "" : writeAmount(0n, amountStyle);
      paid = onlyDue || next() < 0.2 ? undefined : civilOf(asOfDay - int(0, 400));
    } else {
      const roll = next();
      if ((word === "Parcial" || roll < 0.15) && amount >= 200n) open = amountStyle.whole ? BigInt(int(1, Number(amount / 100n) - 1)) * 100n : BigInt(int(1, Number(amount) - 1));
      else if (roll > 0.98) open = 0n; // nothing left open: settled
      saldo = open === amount && next() < 0.4 ? "" : writeAmount(open, amountStyle);
    }
    rows.push({ kind, customer, due, amount, open });

    const dueText = spec.impossibleDates === true ? impossible(due, order, int(0, 4)) : writeDate(due, order, next() < 0.8 ? 0 : int(1, 2));
    dueTexts.push(dueText);
    const cells: Record<Field, string> = {
      id: `NF${pad(100_000 + i, 6)}`,
      installment: String(int(1, 12)),
      customer,
      document,
      issueDate: issue === undefined ? "" : writeDate(issue, order, 0),
      dueDate: dueText,
      amount: writeAmount(amount, amountStyle),
      openAmount: saldo,
      paidDate: paid === undefined ? "" : writeDate(paid, order, 0),
      status: word,
    };
    lines.push(FIELDS.map((f) => field(cells[f], separator, spec.extraQuotes !== false && (f === "customer" || f === "id") && next() < 0.2)).join(separator));
  }
  const text = lines.join(lineEnd) + lineEnd;

  let bytes: Buffer;
  let cp1252ByteOffset: number | undefined;
  if (spec.cp1252ByteAtRow !== undefined) {
    if (encoding !== "utf-8" && encoding !== "utf-8-bom") throw new Error("a Windows-1252 byte goes into a UTF-8 file");
    const at = text.indexOf(INJECTED) + "Jos".length;
    const bom = encoding === "utf-8-bom" ? Buffer.of(0xef, 0xbb, 0xbf) : Buffer.alloc(0);
    const before = Buffer.from(text.slice(0, at), "utf8");
    cp1252ByteOffset = bom.length + before.length;
    bytes = Buffer.concat([bom, before, Buffer.of(0xe9), Buffer.from(text.slice(at + 1), "utf8")]);
  } else {
    bytes = encode(text, encoding);
  }
  const dir = spec.dir ?? mkdtempSync(join(tmpdir(), "credit-block-ledger-"));
  const path = join(dir, spec.fileName ?? `ledger-${++fileCounter}.csv`);
  writeFileSync(path, bytes);

  const expected = spec.impossibleDates === true ? figures([], asOf, (r) => r.due) : figures(rows, asOf, (r) => r.due);
  return {
    path,
    bytes,
    text,
    expected,
    expectedReadAs(readOrder) {
      if (readOrder === order) return expected;
      if (spec.ambiguousDates === true && readOrder !== "iso" && order !== "iso") return figures(rows, asOf, (r) => ({ y: r.due.y, m: r.due.d, d: r.due.m }));
      throw new Error(`the dates written ${order} cannot be read ${readOrder}`);
    },
    cp1252ByteOffset,
    // No generated field holds a line break: data row i is on line i + 2.
    lineOfRow: (i) => i + 2,
    dueText: (i) => dueTexts[i] ?? "",
  };
}

/** A due date no calendar has, in the file's order (day 30 or 31 of a short month: the day shows the order). */
function impossible(c: Civil, order: WrittenDateOrder, which: number): string {
  const [d, m] = ([[30, 2], [31, 2], [31, 4], [31, 6], [31, 9]] as const)[which] as readonly [number, number];
  return writeDate({ y: c.y, m, d }, order, 0);
}
