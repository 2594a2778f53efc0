import { CreditBlockError, parseInput, parseMoney, ReceivableSchema, type ReceivableInput } from "credit-block";
import { parseCsv } from "./csv.js";
import { parseJsonExact } from "../json.js";

/** Column names recognised without a map, including the Portuguese ones ERPs export. */
const ALIASES: Record<string, keyof ReceivableInput> = {
  id: "id", titulo: "id", "título": "id", documento: "id", parcela: "id",
  customerid: "customerId", cliente: "customerId", codcliente: "customerId",
  amount: "amount", valor: "amount", valorparcela: "amount",
  openamount: "openAmount", saldo: "openAmount", valoraberto: "openAmount",
  duedate: "dueDate", vencimento: "dueDate", dtvencimento: "dueDate",
  issuedate: "issueDate", emissao: "issueDate", "emissão": "issueDate",
  paiddate: "paidDate", pagamento: "paidDate", dtpagamento: "paidDate",
  status: "status", situacao: "status", "situação": "status",
  method: "method", forma: "method", formapagamento: "method",
};

export interface LedgerOptions {
  readonly locale?: "pt-BR" | "en";
  /** Header map, `column=field` pairs: `vencto=dueDate,vlr=amount`. */
  readonly map?: Readonly<Record<string, string>>;
  readonly separator?: string;
}

export interface LedgerRead {
  readonly receivables: ReceivableInput[];
  /** Rows that could not be read, with their line number. */
  readonly rejected: { readonly line: number; readonly message: string }[];
}

/** Status words of Brazilian ERPs. */
const STATUS_PT: Record<string, string> = {
  aberto: "open", "em aberto": "open", pago: "paid", quitado: "paid", liquidado: "paid",
  contestado: "disputed", "em disputa": "disputed", renegociado: "renegotiated", baixado: "written_off", perda: "written_off",
};

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, "");
const BR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** Reads a CSV ledger into receivables; a bad row is reported with its line and the rest read. */
export function readCsvLedger(text: string, options: LedgerOptions = {}): LedgerRead {
  const rows = parseCsv(text, options.separator);
  const [header, ...data] = rows;
  if (!header) return { receivables: [], rejected: [] };
  const map = new Map(Object.entries(options.map ?? {}).map(([k, v]) => [norm(k), v]));
  const fields = header.fields.map((h) => map.get(norm(h)) ?? ALIASES[norm(h)] ?? null);
  const receivables: ReceivableInput[] = [];
  const rejected: { line: number; message: string }[] = [];
  for (const row of data) {
    try {
      const r: Record<string, unknown> = {};
      row.fields.forEach((value, i) => {
        const field = fields[i];
        const v = value.trim();
        if (!field || v === "") return;
        if (field === "amount" || field === "openAmount") r[field] = options.locale === "pt-BR" ? parseMoney(v, { path: field }) : v;
        else if (field.endsWith("Date")) {
          const m = BR_DATE.exec(v);
          r[field] = options.locale === "pt-BR" && m ? `${m[3]}-${m[2]}-${m[1]}` : v;
        } else if (field === "status") r[field] = STATUS_PT[v.toLowerCase()] ?? v;
        else r[field] = v;
      });
      parseInput(ReceivableSchema, r); // validate here, so the line number goes with the issue
      receivables.push(r as unknown as ReceivableInput);
    } catch (error) {
      rejected.push({ line: row.line, message: error instanceof CreditBlockError ? error.issues.map((i) => `${i.path}: ${i.message}`).join("; ") : String(error) });
    }
  }
  return { receivables, rejected };
}

/** Reads a JSON ledger (an array, or `{ receivables: [...] }`); bad entries are reported by index. */
export function readJsonLedger(text: string): LedgerRead {
  const data = parseJsonExact(text);
  const list = Array.isArray(data) ? data : (data as { receivables?: unknown }).receivables;
  if (!Array.isArray(list)) throw new Error("the JSON ledger must be an array of receivables or { receivables: [...] }");
  const receivables: ReceivableInput[] = [];
  const rejected: { line: number; message: string }[] = [];
  list.forEach((r: unknown, i) => {
    try {
      parseInput(ReceivableSchema, r);
      receivables.push(r as ReceivableInput);
    } catch (error) {
      rejected.push({ line: i + 1, message: error instanceof CreditBlockError ? error.issues.map((x) => `${x.path}: ${x.message}`).join("; ") : String(error) });
    }
  });
  return { receivables, rejected };
}
