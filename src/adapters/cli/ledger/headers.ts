/**
 * Header names as Brazilian ERPs and spreadsheets write them (Protheus, Bling, Tiny, Omie, a
 * clerk's own sheet) mapped to fields. Names are compared without accents, case, spaces or
 * punctuation, so "Dt. Vencimento", "DT_VENCIMENTO" and "Data de vencimento" meet in one entry.
 * One {@link HeaderTable} per kind of file: a ledger of títulos, a sales history, payments.
 */
import { FileProblem } from "./problems.js";

/** "Dt. Vencimento" → "dtvencimento"; "Nº Título" → "ntitulo". */
export function normalizeHeader(header: string): string {
  return header.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[º°ª]/g, "").replace(/[^a-z0-9]/g, "");
}

/** Each header's column (or null: ignored), after `--map`. */
export interface HeaderPlan<C extends string> {
  readonly columns: readonly (C | null)[];
  readonly headers: readonly string[];
}

/** What a kind of file needs of its header. */
export interface HeaderSpec<C extends string> {
  /** Normalised header names per column. */
  readonly synonyms: Readonly<Record<C, readonly string[]>>;
  /** Columns without which no row can be read. */
  readonly required: readonly C[];
  /** A required column that another stands in for (a ledger's parcela alone is its id). */
  readonly standsIn?: Partial<Readonly<Record<C, C>>>;
}

/** The header names one kind of file is read by, and how a header row maps to its columns. */
export class HeaderTable<C extends string> {
  private readonly byName: Map<string, C>;
  /** Every column, in the order the spec lists them. */
  readonly columns: readonly C[];

  constructor(private readonly spec: HeaderSpec<C>) {
    this.columns = Object.keys(spec.synonyms) as C[];
    this.byName = new Map(this.columns.flatMap((column) => spec.synonyms[column].map((n) => [n, column] as const)));
  }

  /** Parses `--map "Vencto Real=dueDate,Cod=customerId"` into header → column pairs. */
  parseMap(value: string): Map<string, C> {
    const out = new Map<string, C>();
    for (const pair of value.split(",")) {
      const at = pair.lastIndexOf("=");
      const header = pair.slice(0, at).trim();
      const column = pair.slice(at + 1).trim() as C;
      if (at <= 0 || !this.columns.includes(column)) {
        throw new FileProblem(`--map "${pair.trim()}": write header=field, with field one of ${this.columns.join(", ")}`);
      }
      out.set(normalizeHeader(header), column);
    }
    return out;
  }

  /**
   * Maps a header row to columns. A missing required column is one problem that lists the
   * columns found and suggests the `--map` that would read them; a column named twice is
   * refused (which "Valor" is the amount?).
   */
  plan(headers: readonly string[], name: string, map: ReadonlyMap<string, C> = new Map()): HeaderPlan<C> {
    const columns = headers.map((h) => map.get(normalizeHeader(h)) ?? this.byName.get(normalizeHeader(h)) ?? null);
    const seen = new Map<C, string>();
    columns.forEach((column, i) => {
      if (column === null) return;
      const before = seen.get(column);
      if (before !== undefined) throw new FileProblem(`${name}: the columns "${before}" and "${headers[i] as string}" both read as ${column}; pass --map to say which, e.g. --map "${headers[i] as string}=…"`);
      seen.set(column, headers[i] as string);
    });
    const standsIn: Partial<Readonly<Record<C, C>>> = this.spec.standsIn ?? {};
    const missing = this.spec.required.filter((c) => !columns.includes(c) && !(standsIn[c] !== undefined && columns.includes(standsIn[c])));
    if (missing.length > 0) {
      const found = headers.map((h) => `"${h}"`).join(", ");
      const unused = headers.filter((_, i) => columns[i] === null);
      const suggestion = missing.map((c) => `${this.closest(c, unused) ?? `<column>`}=${c}`).join(",");
      throw new FileProblem(`${name}: no column for ${missing.join(", ")}. Columns found: ${found}. Name them with --map, e.g. --map "${suggestion}"`);
    }
    return { columns, headers };
  }

  /** The unused header most like one of `column`'s names, if any is close. */
  private closest(column: C, headers: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestScore = 0;
    for (const header of headers) {
      const h = normalizeHeader(header);
      for (const name of this.spec.synonyms[column]) {
        const score = similarity(h, name);
        if (score > bestScore) {
          bestScore = score;
          best = header;
        }
      }
    }
    return bestScore >= 0.5 ? best : undefined;
  }
}

/** Shared-prefix and containment similarity in [0, 1]: enough for "vencto2" ~ "vencto". */
function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.includes(b) || b.includes(a)) return Math.min(a.length, b.length) / Math.max(a.length, b.length) + 0.3;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return prefix / Math.max(a.length, b.length);
}

/** Names shared by several kinds of file. */
export const CUSTOMER_NAMES = ["customerid", "cliente", "codcliente", "codigocliente", "codigodocliente", "idcliente", "clienteid", "customer", "codcli"];
export const DOCUMENT_NAMES = ["cpfcnpj", "cnpjcpf", "cpf", "cnpj", "documentocliente", "cpfcnpjcliente", "taxid"];
export const METHOD_NAMES = ["method", "forma", "formapagamento", "formadepagamento", "formapagto", "meiodepagamento", "meiopagamento"];
export const INSTALLMENT_NAMES = ["parcela", "nparcela", "numparcela", "numeroparcela", "nrparcela", "prestacao", "installment"];
const TITLE_NAMES = ["titulo", "numtitulo", "ntitulo", "nrotitulo", "numerotitulo", "numerodotitulo", "ndotitulo", "duplicata", "nduplicata", "numeroduplicata", "receivableid", "prefixonumero"];
const PAID_DATE_NAMES = ["pagamento", "dtpagamento", "dtpagto", "datapagamento", "datadepagamento", "datadopagamento", "baixa", "dtbaixa", "databaixa", "datadabaixa", "recebimento", "dtrecebimento", "datarecebimento", "datadorecebimento"];
/** A sale's number as POS and ERP exports name it; on a ledger, the sale a título came from. */
const SALE_NAMES = ["saleid", "venda", "idvenda", "numvenda", "nvenda", "numerovenda", "numerodavenda", "pedido", "npedido", "numpedido", "numeropedido", "cupom", "ncupom", "cupomfiscal", "nfce", "notafiscal", "nf", "nnf"];

/** What a ledger column holds. `installment` joins `id` ("NF123" + parcela "2" → "NF123/2"); `document` (CPF/CNPJ) stands for the customer when no customer column exists. */
export type Column = "id" | "installment" | "customerId" | "document" | "amount" | "openAmount" | "dueDate" | "issueDate" | "paidDate" | "status" | "method";
/** A history ledger's columns: a ledger's, plus the sale each título came from and the day it was written off (replay). */
export type HistoryColumn = Column | "saleId" | "writtenOffDate";

const LEDGER_SYNONYMS: Readonly<Record<Column, readonly string[]>> = {
  id: ["id", ...TITLE_NAMES, "documento", "numdocumento", "ndocumento"],
  installment: INSTALLMENT_NAMES,
  customerId: CUSTOMER_NAMES,
  document: DOCUMENT_NAMES,
  amount: ["amount", "valor", "valororiginal", "valordotitulo", "valortitulo", "vlrtitulo", "vlr", "valornominal", "valorparcela", "valordaparcela", "vlrparcela", "valorface"],
  openAmount: ["openamount", "saldo", "saldodevedor", "saldoaberto", "saldoemaberto", "valoraberto", "valoremaberto", "emaberto", "vlraberto", "balance"],
  dueDate: ["duedate", "vencimento", "vencto", "venc", "dtvencimento", "dtvencto", "datavencimento", "datadevencimento", "vencimentoreal", "vencreal"],
  issueDate: ["issuedate", "emissao", "dtemissao", "dataemissao", "datadeemissao"],
  paidDate: ["paiddate", ...PAID_DATE_NAMES],
  status: ["status", "situacao", "sit", "estado"],
  method: METHOD_NAMES,
};

/** A ledger of títulos (aging, charges, payoff, collection). */
export const LEDGER_HEADERS = new HeaderTable<Column>({ synonyms: LEDGER_SYNONYMS, required: ["id", "amount", "dueDate"], standsIn: { id: "installment" } });

/** The ledger of a store's history, for replay: every título with its customer and issue date. */
export const HISTORY_LEDGER_HEADERS = new HeaderTable<HistoryColumn>({
  synonyms: {
    ...LEDGER_SYNONYMS,
    saleId: SALE_NAMES,
    writtenOffDate: ["writtenoffdate", "dataperda", "datadaperda", "dtperda", "perda", "dataprejuizo", "baixaperda", "databaixaperda", "dtbaixaperda"],
  },
  required: ["id", "customerId", "amount", "dueDate", "issueDate"],
  standsIn: { id: "installment", customerId: "document" },
});

/** A sales history: one row per sale, or per tender of a sale paid several ways. */
export type SaleColumn = "id" | "customerId" | "document" | "date" | "method" | "amount" | "installments" | "term";
export const SALES_HEADERS = new HeaderTable<SaleColumn>({
  synonyms: {
    id: ["id", ...SALE_NAMES],
    customerId: CUSTOMER_NAMES,
    document: DOCUMENT_NAMES,
    date: ["date", "data", "datavenda", "dtvenda", "datadavenda", "emissao", "dtemissao", "dataemissao", "datapedido", "dtpedido"],
    method: METHOD_NAMES,
    amount: ["amount", "valor", "total", "valortotal", "vlrtotal", "vlr", "valorpago", "valorforma", "valordaforma"],
    installments: ["installments", "parcelas", "nparcelas", "qtdparcelas", "qtparcelas", "quantidadeparcelas", "numparcelas"],
    term: ["term", "prazo", "condicao", "condicaopagamento", "condicaodepagamento", "tipo"],
  },
  required: ["id", "customerId", "date", "method", "amount"],
  standsIn: { customerId: "document" },
});

/** Payments received on títulos (partial payments), for replay. */
export type PaymentColumn = "receivableId" | "installment" | "date" | "amount";
export const PAYMENT_HEADERS = new HeaderTable<PaymentColumn>({
  synonyms: {
    receivableId: ["receivableid", "id", ...TITLE_NAMES, "documento", "numdocumento", "ndocumento"],
    installment: INSTALLMENT_NAMES,
    date: ["date", "data", ...PAID_DATE_NAMES],
    amount: ["amount", "valor", "valorpago", "vlrpago", "valorrecebido", "vlrrecebido", "valorbaixa", "vlrbaixa", "pago", "recebido"],
  },
  required: ["receivableId", "date", "amount"],
  standsIn: { receivableId: "installment" },
});
