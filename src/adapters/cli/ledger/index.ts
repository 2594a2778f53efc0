/**
 * A ledger (carteira de títulos) as a back office exports it, read into receivables: a CSV from
 * an ERP or Excel, in whatever dialect it was written, or a JSON list. For replay, the same
 * reading serves a store's history: its ledger with the sale of each título, its sales, its
 * payments ({@link openCsvTable} with {@link HISTORY_LEDGER}, `SALES`, `PAYMENTS`).
 *
 * The file streams (see ./table.ts), so `ageReceivables` over a gigabyte ledger needs memory for
 * its customers, not its rows.
 * @module adapters/cli/ledger
 */
import type { ReceivableInput } from "credit-block";
import { DATE_HINT, DateReader, readAmount, readMethod, readStatus, STATUS_HINT, type DateOrder, type DecimalMark } from "./cells.js";
import { HISTORY_LEDGER_HEADERS, LEDGER_HEADERS, type Column, type HeaderPlan, type HistoryColumn } from "./headers.js";
import { clip, openCsvTable, SKIPPED, trimmed, type CsvFileOptions, type TableKind } from "./table.js";
import type { RejectedRows } from "./rejected.js";

export { FileProblem } from "./problems.js";
export { RejectedRows } from "./rejected.js";
export { loadCsvParser } from "./records.js";
export { openCsvTable, type CsvFileOptions, type CsvTable } from "./table.js";
export { PAYMENTS, SALES, salesOf, type SaleRow } from "./history.js";

/** Flags that fix what detection would guess; each as typed on the command line. */
export type LedgerFileOptions = CsvFileOptions;

/** An open ledger file: what was decided about it, and its receivables as they are read. */
export interface LedgerFile {
  readonly name: string;
  /** File size in bytes (for a progress bar's total). */
  readonly size: number;
  /** How the file was read, then one note per guess, each naming the flag that changes it. */
  readonly notes: readonly string[];
  /** Single pass: the receivables, rows that cannot be read left out and counted in `rejected`. */
  readonly receivables: Iterable<ReceivableInput>;
  readonly rejected: RejectedRows;
  /** The line of the `index`-th receivable yielded. */
  lineOf(index: number): number;
  /** Rows with a cancelled status: not receivables, skipped. */
  readonly cancelled: () => number;
}

/** A ledger of títulos, for aging, charges, payoffs and collection. */
export const LEDGER: TableKind<Column, ReceivableInput> = {
  noun: "ledger",
  headers: LEDGER_HEADERS,
  amountColumns: ["amount", "openAmount"],
  dateColumns: ["dueDate", "issueDate", "paidDate"],
  converter: (plan, mark, order) => rowConverter(plan, mark, order, false),
};

/** A store's history ledger, for replay: a ledger's columns plus `saleId` and `writtenOffDate`. */
export const HISTORY_LEDGER: TableKind<HistoryColumn, ReceivableInput> = {
  noun: "ledger",
  headers: HISTORY_LEDGER_HEADERS,
  amountColumns: ["amount", "openAmount"],
  dateColumns: ["dueDate", "issueDate", "paidDate", "writtenOffDate"],
  converter: (plan, mark, order) => rowConverter(plan, mark, order, true),
};

/**
 * Opens a CSV ledger: decides its encoding and separator from its first bytes, maps its header,
 * samples rows for the decimal mark and date order. Whole-file problems (encoding, header,
 * quoting) are a {@link FileProblem}; a bad row is counted in `rejected` with its line.
 *
 * @example
 * ```ts
 * const ledger = await openCsvLedger("carteira.csv");
 * ageReceivables(ledger.receivables, { asOf: "2026-11-23" });
 * ```
 */
export async function openCsvLedger(path: string, options: LedgerFileOptions = {}): Promise<LedgerFile> {
  const table = await openCsvTable(path, LEDGER, options);
  return { name: table.name, size: table.size, notes: table.notes, receivables: table.rows, rejected: table.rejected, lineOf: (i) => table.lineOf(i), cancelled: table.skipped };
}

/**
 * The function that turns one record into a receivable, or into the reason it cannot be one
 * (the reason names the column as the file does, so a clerk finds it).
 */
function rowConverter(plan: HeaderPlan<HistoryColumn>, mark: DecimalMark, order: DateOrder, history: boolean): (fields: readonly string[]) => ReceivableInput | string {
  const { columns, headers } = plan;
  const hasCustomer = columns.includes("customerId");
  // A CPF/CNPJ column is read only when it stands for the customer.
  const at = (c: HistoryColumn) => (c === "document" && hasCustomer ? -1 : columns.indexOf(c));
  const [iId, iInstallment, iCustomer, iDocument, iAmount, iOpen, iDue, iIssue, iPaid, iStatus, iMethod, iSale, iWrittenOff] = (["id", "installment", "customerId", "document", "amount", "openAmount", "dueDate", "issueDate", "paidDate", "status", "method", "saleId", "writtenOffDate"] as const).map(at) as [number, number, number, number, number, number, number, number, number, number, number, number, number];
  const name = (i: number) => headers[i] as string;
  const dates = new DateReader(order);
  const markName = mark === "," ? "1.234,56" : "1,234.56";
  // A ledger repeats a handful of status and method words over every row: each read once.
  const statuses = new Map<string, string | null>();
  const methods = new Map<string, string | undefined>();
  const cell = (fields: readonly string[], i: number) => (i < 0 ? "" : trimmed(fields[i] ?? ""));
  const notAmount = (i: number, v: string) => `${name(i)} "${clip(v)}" is not an amount written as ${markName}`;
  const notDate = (i: number, v: string) => `${name(i)} "${clip(v)}" is not a date ${DATE_HINT[order]}`;
  const optionalDate = (fields: readonly string[], i: number): string | undefined | null => {
    const text = cell(fields, i);
    return text === "" ? undefined : dates.read(text);
  };

  return (fields) => {
    // Fields in the order a clerk reads a row; the object is built whole, in one shape.
    let status: string | undefined;
    const statusText = cell(fields, iStatus);
    if (statusText !== "") {
      let known = statuses.get(statusText);
      if (known === undefined) {
        known = readStatus(statusText);
        if (statuses.size < 1000) statuses.set(statusText, known);
      }
      if (known === null) return `${name(iStatus)} "${clip(statusText)}" is not a status word (${STATUS_HINT})`;
      if (known === "cancelled") return SKIPPED;
      status = known;
    }
    let id = cell(fields, iId);
    const installment = cell(fields, iInstallment);
    if (iId < 0) id = installment;
    else if (id !== "" && installment !== "") id = `${id}/${installment}`;
    if (id === "") return `${name(iId < 0 ? iInstallment : iId)} is empty`;

    const amountText = cell(fields, iAmount);
    if (amountText === "") return `${name(iAmount)} is empty`;
    const amount = readAmount(amountText, mark);
    if (amount === null) return notAmount(iAmount, amountText);
    const openText = cell(fields, iOpen);
    // The saldo of an untouched título repeats the valor: read once.
    const openAmount = openText === "" ? undefined : openText === amountText ? amount : readAmount(openText, mark);
    if (openAmount === null) return notAmount(iOpen, openText);

    const dueText = cell(fields, iDue);
    if (dueText === "") return `${name(iDue)} is empty`;
    const dueDate = dates.read(dueText);
    if (dueDate === null) return notDate(iDue, dueText);
    const issueDate = optionalDate(fields, iIssue);
    if (issueDate === null) return notDate(iIssue, cell(fields, iIssue));
    const paidDate = optionalDate(fields, iPaid);
    if (paidDate === null) return notDate(iPaid, cell(fields, iPaid));

    let method: string | undefined;
    const methodText = cell(fields, iMethod);
    if (methodText !== "") {
      method = methods.get(methodText);
      if (method === undefined) {
        method = readMethod(methodText);
        if (methods.size < 1000) methods.set(methodText, method);
      }
      if (method === undefined) return `${name(iMethod)} "${clip(methodText)}" is not a payment method`;
    }
    const customerText = iCustomer >= 0 ? cell(fields, iCustomer) : cell(fields, iDocument).replace(/[.\-/\s]/g, "");
    const customerId = customerText === "" ? undefined : customerText;
    if (!history) return { id, customerId, amount, openAmount, dueDate, issueDate, paidDate, status, method } as ReceivableInput;
    // A history's título must be placed in time and with its customer.
    if (customerId === undefined) return `${name(iCustomer >= 0 ? iCustomer : iDocument)} is empty`;
    if (issueDate === undefined) return `${name(iIssue)} is empty`;
    const saleText = cell(fields, iSale);
    const writtenOffDate = optionalDate(fields, iWrittenOff);
    if (writtenOffDate === null) return notDate(iWrittenOff, cell(fields, iWrittenOff));
    return { id, customerId, amount, openAmount, dueDate, issueDate, paidDate, status, method, saleId: saleText === "" ? undefined : saleText, writtenOffDate } as ReceivableInput;
  };
}
