/**
 * Header names as Brazilian ERPs and spreadsheets write them (Protheus, Bling, Tiny, Omie, a
 * clerk's own sheet) mapped to the receivable's fields. Names are compared without accents,
 * case, spaces or punctuation, so "Dt. Vencimento", "DT_VENCIMENTO" and "Data de vencimento"
 * meet in one entry.
 */
import { FileProblem } from "./problems.js";

/** What a column holds. `installment` joins `id` ("NF123" + parcela "2" → "NF123/2"); `document` (CPF/CNPJ) stands for the customer when no customer column exists. */
export type Column = "id" | "installment" | "customerId" | "document" | "amount" | "openAmount" | "dueDate" | "issueDate" | "paidDate" | "status" | "method";

const SYNONYMS: Readonly<Record<Column, readonly string[]>> = {
  id: ["id", "titulo", "numtitulo", "ntitulo", "nrotitulo", "numerotitulo", "numerodotitulo", "ndotitulo", "documento", "numdocumento", "ndocumento", "duplicata", "nduplicata", "numeroduplicata", "receivableid", "prefixonumero"],
  installment: ["parcela", "nparcela", "numparcela", "numeroparcela", "nrparcela", "prestacao", "installment"],
  customerId: ["customerid", "cliente", "codcliente", "codigocliente", "codigodocliente", "idcliente", "clienteid", "customer", "codcli"],
  document: ["cpfcnpj", "cnpjcpf", "cpf", "cnpj", "documentocliente", "cpfcnpjcliente", "taxid"],
  amount: ["amount", "valor", "valororiginal", "valordotitulo", "valortitulo", "vlrtitulo", "vlr", "valornominal", "valorparcela", "valordaparcela", "vlrparcela", "valorface"],
  openAmount: ["openamount", "saldo", "saldodevedor", "saldoaberto", "saldoemaberto", "valoraberto", "valoremaberto", "emaberto", "vlraberto", "balance"],
  dueDate: ["duedate", "vencimento", "vencto", "venc", "dtvencimento", "dtvencto", "datavencimento", "datadevencimento", "vencimentoreal", "vencreal"],
  issueDate: ["issuedate", "emissao", "dtemissao", "dataemissao", "datadeemissao"],
  paidDate: ["paiddate", "pagamento", "dtpagamento", "dtpagto", "datapagamento", "datadepagamento", "baixa", "dtbaixa", "databaixa", "datadabaixa", "recebimento", "dtrecebimento", "datarecebimento"],
  status: ["status", "situacao", "sit", "estado"],
  method: ["method", "forma", "formapagamento", "formadepagamento", "formapagto", "meiodepagamento", "meiopagamento"],
};

const BY_NAME = new Map<string, Column>(Object.entries(SYNONYMS).flatMap(([column, names]) => names.map((n) => [n, column as Column] as const)));
const COLUMNS = Object.keys(SYNONYMS) as Column[];

/** "Dt. Vencimento" → "dtvencimento"; "Nº Título" → "ntitulo". */
export function normalizeHeader(header: string): string {
  return header.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[º°ª]/g, "").replace(/[^a-z0-9]/g, "");
}

/** Parses `--map "Vencto Real=dueDate,Cod=customerId"` into header → column pairs. */
export function parseMapFlag(value: string): Map<string, Column> {
  const out = new Map<string, Column>();
  for (const pair of value.split(",")) {
    const at = pair.lastIndexOf("=");
    const header = pair.slice(0, at).trim();
    const column = pair.slice(at + 1).trim() as Column;
    if (at <= 0 || !COLUMNS.includes(column)) {
      throw new FileProblem(`--map "${pair.trim()}": write header=field, with field one of ${COLUMNS.join(", ")}`);
    }
    out.set(normalizeHeader(header), column);
  }
  return out;
}

/** Each header's column (or null: ignored), after `--map`. */
export interface HeaderPlan {
  readonly columns: readonly (Column | null)[];
  readonly headers: readonly string[];
}

const REQUIRED: readonly Column[] = ["id", "amount", "dueDate"];

/**
 * Maps a header row to columns. A missing id, amount or due date is one problem that lists
 * the columns found and suggests the `--map` that would read them; a column named twice is
 * refused (which "Valor" is the amount?).
 */
export function planHeaders(headers: readonly string[], name: string, map: ReadonlyMap<string, Column> = new Map()): HeaderPlan {
  const columns = headers.map((h) => map.get(normalizeHeader(h)) ?? BY_NAME.get(normalizeHeader(h)) ?? null);
  const seen = new Map<Column, string>();
  columns.forEach((column, i) => {
    if (column === null) return;
    const before = seen.get(column);
    if (before !== undefined) throw new FileProblem(`${name}: the columns "${before}" and "${headers[i] as string}" both read as ${column}; pass --map to say which, e.g. --map "${headers[i] as string}=…"`);
    seen.set(column, headers[i] as string);
  });
  const missing = REQUIRED.filter((c) => !columns.includes(c) && !(c === "id" && columns.includes("installment")));
  if (missing.length > 0) {
    const found = headers.map((h) => `"${h}"`).join(", ");
    const unused = headers.filter((_, i) => columns[i] === null);
    const suggestion = missing.map((c) => `${closest(c, unused) ?? `<column>`}=${c}`).join(",");
    throw new FileProblem(`${name}: no column for ${missing.join(", ")}. Columns found: ${found}. Name them with --map, e.g. --map "${suggestion}"`);
  }
  return { columns, headers };
}

/** The unused header most like one of `column`'s names, if any is close. */
function closest(column: Column, headers: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const header of headers) {
    const h = normalizeHeader(header);
    for (const name of SYNONYMS[column]) {
      const score = similarity(h, name);
      if (score > bestScore) {
        bestScore = score;
        best = header;
      }
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

/** Shared-prefix and containment similarity in [0, 1]: enough for "vencto2" ~ "vencto". */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.includes(b) || b.includes(a)) return Math.min(a.length, b.length) / Math.max(a.length, b.length) + 0.3;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return prefix / Math.max(a.length, b.length);
}
