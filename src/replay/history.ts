import * as z from "zod/mini";
import { dayNumber, fromDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, DuplicateIds, issue, issuesFull, type Issue } from "../errors/CreditBlockError.js";
import { safeText } from "../money/decimal.js";
import { minorToMoney, moneyToMinor } from "../money/toMoney.js";
import { checkoutSchemas, type Customer, type ReceivableInput, type Tender } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { IdSchema, ISODateSchema } from "../schemas/primitives.js";
import { ReceivableReader, RowStatus } from "../aging/readReceivable.js";
import type { ReplayInput } from "./types.js";

/** The reader's status codes, by name. */
const STATUS_NAMES: Readonly<Record<RowStatus, Status>> = { [RowStatus.Open]: "open", [RowStatus.Paid]: "paid", [RowStatus.Disputed]: "disputed", [RowStatus.Renegotiated]: "renegotiated", [RowStatus.WrittenOff]: "written_off" };

/** What a título's status says for the rebuild. */
type Status = "open" | "paid" | "disputed" | "renegotiated" | "written_off";

/** A título of the history, read once; its state on any day is {@link stateOn}. @internal */
export interface Title {
  readonly id: string;
  readonly saleId: string | undefined;
  readonly amountMinor: number;
  /** The open balance the data ends with. */
  readonly openMinor: number;
  readonly issueDay: number;
  readonly dueDay: number;
  readonly status: Status;
  /** NaN when absent. */
  readonly paidDay: number;
  /** NaN when absent. */
  readonly writtenOffDay: number;
  /** Sorted by day; empty when no payment list was given for it. */
  readonly payments: readonly { readonly day: number; readonly minor: number }[];
  /** The fields `decide` reads that never change with time. */
  readonly base: { readonly id: string; readonly amount: string; readonly dueDate: string; readonly issueDate: string; readonly method?: ReceivableInput["method"] };
}

/** A sale of the history, validated. @internal */
export interface Sale {
  readonly index: number;
  readonly id: string;
  readonly customerId: string;
  readonly date: ISODate;
  readonly day: number;
  readonly tenders: readonly Tender[];
}

/** One customer's part of the history. @internal */
export interface CustomerHistory {
  /** The customer's record (only `id` when the input has none). */
  customer: Customer;
  readonly sales: Sale[];
  readonly titles: Title[];
}

/** The history grouped by customer, and the latest day it mentions. @internal */
export interface History {
  readonly customers: Map<string, CustomerHistory>;
  readonly lastDay: number;
}

const saleShape = (tender: z.ZodMiniType) => z.strictObject({ id: IdSchema, customerId: IdSchema, date: ISODateSchema, tenders: z.array(tender).check(z.minLength(1), z.maxLength(20)) });
const paymentShape = z.strictObject({ receivableId: IdSchema, date: ISODateSchema, amount: z.union([z.string(), z.number()]) });

function listAt(value: unknown, path: string, issues: Issue[], optional: boolean): readonly unknown[] {
  if (value === undefined && optional) return [];
  if (Array.isArray(value)) return value;
  issues.push(issue(path, "invalid_type", { expected: "array", received: value === null ? "null" : typeof value }));
  return [];
}

/**
 * Reads and checks the whole history at once (every issue with its path), then groups it by
 * customer with each título's dates as day numbers.
 * @internal
 */
export function readHistory(input: ReplayInput, currency: string, digits: number): History {
  const schemas = checkoutSchemas(currency);
  const issues: Issue[] = [];
  const raw: unknown = input;
  if (typeof raw !== "object" || raw === null) throw new CreditBlockError("INVALID_INPUT", [issue("input", "invalid_type", { expected: "object", received: raw === null ? "null" : typeof raw })]);
  const customers = new Map<string, CustomerHistory>();
  const historyOf = (id: string): CustomerHistory => {
    let h = customers.get(id);
    if (h === undefined) {
      h = { customer: { id }, sales: [], titles: [] };
      customers.set(id, h);
    }
    return h;
  };
  let lastDay = Number.NEGATIVE_INFINITY;
  const seen = (day: number): void => {
    if (day > lastDay) lastDay = day;
  };

  const customerIds = new DuplicateIds("customers");
  listAt(input.customers, "customers", issues, true).forEach((c, i) => {
    const parsed = safeParseReporting(schemas.customer, c);
    if (!parsed.success) return void issues.push(...fromZodIssues(parsed.error.issues, `customers[${i}]`));
    const repeated = customerIds.check(parsed.data.id, i);
    if (repeated) return void issues.push(repeated);
    historyOf(parsed.data.id).customer = parsed.data;
  });

  const saleIds = new DuplicateIds("sales");
  const sales = saleShape(schemas.tender);
  const rawSales = listAt(input.sales, "sales", issues, false);
  for (let i = 0; i < rawSales.length && !issuesFull(issues); i++) {
    const parsed = safeParseReporting(sales, rawSales[i]);
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, `sales[${i}]`));
      continue;
    }
    const s = parsed.data as { id: string; customerId: string; date: ISODate; tenders: Tender[] };
    const repeated = saleIds.check(s.id, i);
    if (repeated) {
      issues.push(repeated);
      continue;
    }
    const day = dayNumber(s.date, `sales[${i}].date`);
    seen(day);
    historyOf(s.customerId).sales.push({ index: i, id: s.id, customerId: s.customerId, date: s.date, day, tenders: s.tenders });
  }

  const payments = new Map<string, { day: number; minor: number }[]>();
  const rawPayments = listAt(input.payments, "payments", issues, true);
  for (let i = 0; i < rawPayments.length && !issuesFull(issues); i++) {
    const parsed = safeParseReporting(paymentShape, rawPayments[i]);
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, `payments[${i}]`));
      continue;
    }
    const p = parsed.data;
    try {
      const minor = moneyToMinor(p.amount, digits, currency, `payments[${i}].amount`);
      if (minor <= 0) issues.push(issue(`payments[${i}].amount`, "money.not_positive", { value: String(p.amount) }));
      const day = dayNumber(p.date, `payments[${i}].date`);
      seen(day);
      const list = payments.get(p.receivableId) ?? [];
      list.push({ day, minor });
      payments.set(p.receivableId, list);
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      issues.push(...error.issues);
    }
  }

  // The one receivable reader (a fast path, zod for the rest): the same checks `decide` makes.
  const reader = new ReceivableReader(currency, digits, "receivables");
  const paidOf = new Set<string>();
  const rawTitles = listAt(input.receivables, "receivables", issues, false);
  for (let i = 0; i < rawTitles.length && !issuesFull(issues); i++) {
    const path = `receivables[${i}]`;
    const r = rawTitles[i];
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      issues.push(issue(path, "invalid_type", { expected: "object", received: r === null ? "null" : Array.isArray(r) ? "array" : typeof r }));
      continue;
    }
    const { saleId, writtenOffDate, ...receivable } = r as Record<string, unknown>;
    const before = issues.length;
    if (saleId !== undefined && !IdSchema.safeParse(saleId).success) issues.push(issue(`${path}.saleId`, "invalid_type", { expected: "an id of 1 to 128 characters", received: typeof saleId }));
    if (writtenOffDate !== undefined && !ISODateSchema.safeParse(writtenOffDate).success) issues.push(issue(`${path}.writtenOffDate`, "date.format", { value: safeText(writtenOffDate) }));
    const valid = reader.read(receivable, i);
    if (reader.issues.length > 0) issues.push(...reader.issues.splice(0));
    if (!valid) continue;
    const t = reader.row;
    if (t.customerId === "") issues.push(issue(`${path}.customerId`, "required"));
    if (Number.isNaN(t.issueDay)) issues.push(issue(`${path}.issueDate`, "required"));
    if (t.status === RowStatus.Paid && Number.isNaN(t.paidDay)) issues.push(issue(`${path}.paidDate`, "required"));
    if (issues.length > before) continue;
    const amountMinor = t.amountMinor;
    const own = (payments.get(t.id) ?? []).sort((a, b) => a.day - b.day);
    paidOf.add(t.id);
    let paidTotal = 0;
    for (const p of own) paidTotal += p.minor;
    if (paidTotal > amountMinor) issues.push(issue(`${path}.amount`, "too_small", { minimum: `the sum of its payments, ${minorToMoney(paidTotal, digits)}` }));
    const writtenOffDay = typeof writtenOffDate === "string" ? dayNumber(writtenOffDate, `${path}.writtenOffDate`) : Number.NaN;
    for (const day of [t.issueDay, t.paidDay, writtenOffDay]) if (!Number.isNaN(day)) seen(day);
    const issueDate = fromDayNumber(t.issueDay);
    historyOf(t.customerId).titles.push({
      id: t.id,
      saleId: saleId as string | undefined,
      amountMinor,
      openMinor: t.openMinor,
      issueDay: t.issueDay,
      dueDay: t.dueDay,
      status: STATUS_NAMES[t.status],
      paidDay: t.paidDay,
      writtenOffDay,
      payments: own,
      base: { id: t.id, amount: minorToMoney(amountMinor, digits), dueDate: fromDayNumber(t.dueDay), issueDate, ...(t.method === "" ? {} : { method: t.method as NonNullable<ReceivableInput["method"]> }) },
    });
  }
  for (const id of payments.keys()) {
    if (paidOf.has(id)) continue;
    const index = rawPayments.findIndex((p) => typeof p === "object" && p !== null && (p as { receivableId?: unknown }).receivableId === id);
    issues.push(issue(`payments[${index}].receivableId`, "invalid_value", { options: "the id of a título in receivables" }));
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return { customers, lastDay };
}

/**
 * A título as it stood on `day` (the day of a sale), in the form `decide` reads: a título paid,
 * renegotiated or written off later was open then; its open balance then is its amount less the
 * payments made by then (with no payment list, the balance the data ends with once its
 * `paidDate` has passed, its full amount before). Null when it was not issued yet.
 * @internal
 */
export function stateOn(t: Title, day: number, digits: number): ReceivableInput | null {
  if (!(t.issueDay < day)) return null;
  let paidMinor = 0;
  let lastPaymentDay = Number.NaN;
  for (const p of t.payments) {
    if (p.day > day) break;
    paidMinor += p.minor;
    lastPaymentDay = p.day;
  }
  const settledBy = (when: number): boolean => !Number.isNaN(when) && when <= day;
  const paidDate = (when: number): { paidDate?: string } => (Number.isNaN(when) ? {} : { paidDate: fromDayNumber(when) });
  switch (t.status) {
    case "paid":
      if (settledBy(t.paidDay)) return { ...t.base, status: "paid", paidDate: fromDayNumber(t.paidDay) };
      break;
    case "written_off":
      if (settledBy(t.writtenOffDay)) return { ...t.base, status: "written_off", openAmount: minorToMoney(t.openMinor, digits) };
      break;
    case "renegotiated":
      // The day it was renegotiated is the day the ERP settled it (its paidDate); without one it stays open.
      if (settledBy(t.paidDay)) return { ...t.base, status: "renegotiated", openAmount: minorToMoney(t.openMinor, digits) };
      break;
    case "disputed":
      return { ...t.base, status: "disputed", openAmount: minorToMoney(t.openMinor, digits), ...(settledBy(t.paidDay) ? paidDate(t.paidDay) : {}) };
    case "open":
      if (t.payments.length === 0) {
        const partlyPaid = Number.isNaN(t.paidDay) || t.paidDay <= day;
        return { ...t.base, openAmount: minorToMoney(partlyPaid ? t.openMinor : t.amountMinor, digits), ...(settledBy(t.paidDay) ? paidDate(t.paidDay) : {}) };
      }
      break;
  }
  const openMinor = t.payments.length === 0 ? t.amountMinor : t.amountMinor - paidMinor;
  return { ...t.base, openAmount: minorToMoney(openMinor, digits), ...paidDate(lastPaymentDay) };
}

/**
 * Which of a título's states `day` falls in: {@link stateOn} gives the same answer for two days
 * with the same key (it changes only when a payment, its settlement or its write-off comes to
 * pass), so a customer's successive sales can share one state object.
 * @internal
 */
export function stateKey(t: Title, day: number): number {
  let payments = 0;
  for (const p of t.payments) {
    if (p.day > day) break;
    payments++;
  }
  return payments * 4 + (t.paidDay <= day ? 1 : 0) + (t.writtenOffDay <= day ? 2 : 0);
}

/** A título the data ends with as a loss: written off, or open past `lossAfterDays` at the end. @internal */
export function lossOf(t: Title, endDay: number, lossAfterDays: number): number {
  if (t.status === "written_off") return t.openMinor;
  if (t.status === "open" && t.openMinor > 0 && endDay - t.dueDay > lossAfterDays) return t.openMinor;
  return 0;
}

/** Whether the data ends with the título paid in full. @internal */
export function isPaid(t: Title): boolean {
  return t.status === "paid" || (t.status === "open" && t.openMinor === 0);
}
