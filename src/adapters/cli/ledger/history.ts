/**
 * The rest of a store's history as a back office exports it, for replay: its sales (one row per
 * sale, or one per tender of a sale paid several ways) and the payments received on títulos.
 * Read as ledgers are (./table.ts): any Brazilian dialect, Portuguese headers, a reason per row.
 */
import type { ReplayPayment, ReplaySale, TenderInput } from "credit-block";
import { DATE_HINT, DateReader, readAmount, readMethod, type DateOrder, type DecimalMark } from "./cells.js";
import { normalizeHeader, PAYMENT_HEADERS, SALES_HEADERS, type HeaderPlan, type PaymentColumn, type SaleColumn } from "./headers.js";
import { clip, trimmed, type TableKind } from "./table.js";

/** One row of a sales file: a sale, or one tender of it. */
export interface SaleRow {
  readonly id: string;
  readonly customerId: string;
  readonly date: string;
  readonly tender: TenderInput;
}

const TERM_WORDS = new Map<string, "immediate" | "deferred">([
  ["immediate", "immediate"], ["avista", "immediate"], ["vista", "immediate"], ["pagamentoavista", "immediate"],
  ["deferred", "deferred"], ["aprazo", "deferred"], ["prazo", "deferred"], ["parcelado", "deferred"], ["crediario", "deferred"], ["fiado", "deferred"],
]);

/** Reads cells the way every history file writes them. */
function cellReader(plan: HeaderPlan<string>, mark: DecimalMark, order: DateOrder) {
  const name = (i: number) => plan.headers[i] as string;
  const dates = new DateReader(order);
  const markName = mark === "," ? "1.234,56" : "1,234.56";
  const cell = (fields: readonly string[], i: number) => (i < 0 ? "" : trimmed(fields[i] ?? ""));
  return {
    name,
    cell,
    /** The amount in column `i`, or the reason it is not one. */
    amount(fields: readonly string[], i: number): { value: string } | string {
      const text = cell(fields, i);
      if (text === "") return `${name(i)} is empty`;
      const value = readAmount(text, mark);
      return value === null ? `${name(i)} "${clip(text)}" is not an amount written as ${markName}` : { value };
    },
    date(fields: readonly string[], i: number): { value: string } | string {
      const text = cell(fields, i);
      if (text === "") return `${name(i)} is empty`;
      const value = dates.read(text);
      return value === null ? `${name(i)} "${clip(text)}" is not a date ${DATE_HINT[order]}` : { value };
    },
  };
}

/** A sales history. */
export const SALES: TableKind<SaleColumn, SaleRow> = {
  noun: "sales",
  headers: SALES_HEADERS,
  amountColumns: ["amount"],
  dateColumns: ["date"],
  converter(plan, mark, order) {
    const { columns } = plan;
    const hasCustomer = columns.includes("customerId");
    const at = (c: SaleColumn) => (c === "document" && hasCustomer ? -1 : columns.indexOf(c));
    const [iId, iCustomer, iDocument, iDate, iMethod, iAmount, iInstallments, iTerm] = (["id", "customerId", "document", "date", "method", "amount", "installments", "term"] as const).map(at) as [number, number, number, number, number, number, number, number];
    const read = cellReader(plan, mark, order);
    const methods = new Map<string, string | undefined>();
    return (fields) => {
      const id = read.cell(fields, iId);
      if (id === "") return `${read.name(iId)} is empty`;
      const customerId = iCustomer >= 0 ? read.cell(fields, iCustomer) : read.cell(fields, iDocument).replace(/[.\-/\s]/g, "");
      if (customerId === "") return `${read.name(iCustomer >= 0 ? iCustomer : iDocument)} is empty`;
      const date = read.date(fields, iDate);
      if (typeof date === "string") return date;
      const methodText = read.cell(fields, iMethod);
      if (methodText === "") return `${read.name(iMethod)} is empty`;
      let method = methods.get(methodText);
      if (method === undefined) {
        method = readMethod(methodText);
        if (methods.size < 1000) methods.set(methodText, method);
      }
      if (method === undefined) return `${read.name(iMethod)} "${clip(methodText)}" is not a payment method`;
      const amount = read.amount(fields, iAmount);
      if (typeof amount === "string") return amount;
      const tender: { method: string; amount: string; installments?: number; term?: string } = { method, amount: amount.value };
      const installmentsText = read.cell(fields, iInstallments);
      if (installmentsText !== "") {
        if (!/^\d{1,3}$/.test(installmentsText)) return `${read.name(iInstallments)} "${clip(installmentsText)}" is not a number of installments`;
        tender.installments = Number(installmentsText);
      }
      const termText = read.cell(fields, iTerm);
      if (termText !== "") {
        const term = TERM_WORDS.get(normalizeHeader(termText));
        if (term === undefined) return `${read.name(iTerm)} "${clip(termText)}" is not a term (à vista, a prazo)`;
        tender.term = term;
      }
      return { id, customerId, date: date.value, tender: tender as TenderInput };
    };
  },
};

/** Payments received on títulos. */
export const PAYMENTS: TableKind<PaymentColumn, ReplayPayment> = {
  noun: "payments",
  headers: PAYMENT_HEADERS,
  amountColumns: ["amount"],
  dateColumns: ["date"],
  converter(plan, mark, order) {
    const [iId, iInstallment, iDate, iAmount] = (["receivableId", "installment", "date", "amount"] as const).map((c) => plan.columns.indexOf(c)) as [number, number, number, number];
    const read = cellReader(plan, mark, order);
    return (fields) => {
      let receivableId = read.cell(fields, iId);
      const installment = read.cell(fields, iInstallment);
      // Joined as the ledger joins them, so a payment finds its título.
      if (iId < 0) receivableId = installment;
      else if (receivableId !== "" && installment !== "") receivableId = `${receivableId}/${installment}`;
      if (receivableId === "") return `${read.name(iId < 0 ? iInstallment : iId)} is empty`;
      const date = read.date(fields, iDate);
      if (typeof date === "string") return date;
      const amount = read.amount(fields, iAmount);
      if (typeof amount === "string") return amount;
      return { receivableId, date: date.value, amount: amount.value };
    };
  },
};

/**
 * Sales from their rows: the rows of one sale (same id) become its tenders, in file order. Rows
 * of one id that disagree on the customer or the day are the file's problem, said with both lines.
 *
 * @example
 * ```ts
 * salesOf([{ id: "v1", customerId: "c1", date: "2026-05-10", tender: { method: "pix", amount: "10.00" } }], (i) => i + 2);
 * ```
 */
export function salesOf(rows: Iterable<SaleRow>, lineOf: (index: number) => number): { sales: ReplaySale[]; conflicts: string[] } {
  const byId = new Map<string, { sale: { id: string; customerId: string; date: string; tenders: TenderInput[] }; line: number }>();
  const conflicts: string[] = [];
  let index = 0;
  for (const row of rows) {
    const line = lineOf(index++);
    const known = byId.get(row.id);
    if (known === undefined) {
      byId.set(row.id, { sale: { id: row.id, customerId: row.customerId, date: row.date, tenders: [row.tender] }, line });
      continue;
    }
    if (known.sale.customerId !== row.customerId || known.sale.date !== row.date) {
      conflicts.push(`line ${line}: sale ${row.id} is on line ${known.line} with ${known.sale.customerId !== row.customerId ? `customer ${known.sale.customerId}` : `date ${known.sale.date}`}`);
      continue;
    }
    known.sale.tenders.push(row.tender);
  }
  return { sales: [...byId.values()].map((v) => v.sale as ReplaySale), conflicts };
}
