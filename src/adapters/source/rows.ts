/**
 * Result rows into library inputs: NULL columns are absent fields, then the same schemas as a
 * request check them, every issue at a path naming the query and the column
 * (`source.receivables[3].amount`: the receivables query, its fourth row, column `amount`).
 * @internal
 */
import { checkoutSchemas, CreditBlockError, customerFacts, issue, MAX_YEAR, parseInput, sumMoney, type CurrencyCode, type CustomerInput, type Issue, type ReceivableInput } from "credit-block";
import type { SourceRow } from "./drivers.js";

/** Columns that are ids: an ERP's integer codes (`int4`, `bigint`) are ids as text. */
const ID_COLUMNS: ReadonlySet<string> = new Set(["id", "customerId"]);

/** A row without its NULL columns (SQL NULL means "not set", as an absent JSON field does). */
function withoutNulls(row: SourceRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) {
    if (!Object.hasOwn(row, key)) continue;
    const value = row[key];
    if (value === null || value === undefined) continue;
    out[key] = ID_COLUMNS.has(key) && typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
  }
  return out;
}

/** The last day the library knows: no payment date is after it. */
const LAST_DAY = `${MAX_YEAR}-12-31`;

/**
 * Whether every row is a valid receivable, read as the gate reads a request's: `customerFacts`
 * takes each row through the library's row reader, a hand-written path that accepts exactly what
 * `ReceivableSchema` accepts (a property test in the core) and the schema itself for anything
 * else. Known valid, the rows need no zod parse each (7 µs and 5 kB a row: most of what a
 * checkout's load cost the sidecar, and its garbage collections). Anything else (an issue, a
 * repeated id, any throw) is false, and the rows are checked one by one as before, so every issue
 * is reported at its `source.<query>[i]` path exactly as without this.
 */
function knownValid(rows: readonly Record<string, unknown>[], currency: CurrencyCode): boolean {
  try {
    customerFacts(rows, { asOf: LAST_DAY, currency });
    return true;
  } catch {
    return false;
  }
}

/** The issues `parse` throws, or none. */
function collect(issues: Issue[], parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
}

/** What one customer's queries returned, checked: never half-used, so all or nothing. */
export interface CustomerRows {
  readonly customer: readonly SourceRow[];
  readonly receivables: readonly SourceRow[];
  readonly pendingOrders: readonly SourceRow[] | null;
}

/** The loaded customer: `found` false when the customer query returned no row. */
export interface LoadedCustomer {
  readonly customer: CustomerInput;
  readonly receivables: readonly ReceivableInput[];
  readonly found: boolean;
}

/**
 * Checks one customer's rows. A missing customer row is a customer with no record (no limit,
 * segment `new`), unless `unknownCustomer` is `"missing"`: then it is refused like missing data;
 * a row for another id, more than one row, or any bad column refuses it all.
 */
export function customerFromRows(customerId: string, rows: CustomerRows, currency: CurrencyCode, unknownCustomer: "new" | "missing" = "new"): LoadedCustomer {
  const schemas = checkoutSchemas(currency);
  const issues: Issue[] = [];
  if (rows.customer.length === 0 && unknownCustomer === "missing") issues.push(issue("source.customer", "required"));
  if (rows.customer.length > 1) issues.push(issue("source.customer", "too_big", { maximum: "1 row per customer" }));
  const head = rows.customer[0] === undefined ? { id: customerId } : withoutNulls(rows.customer[0]);
  if (head.id !== customerId) issues.push(issue("source.customer[0].id", "invalid_value", { options: JSON.stringify(customerId) }));
  collect(issues, () => parseInput(schemas.customer, head, rows.customer[0] === undefined ? "source.customer" : "source.customer[0]"));
  const receivables = receivablesFromRows(rows.receivables, "receivables", currency, issues, customerId);
  let pendingExposure: string | undefined;
  if (rows.pendingOrders !== null) {
    const amounts: string[] = [];
    rows.pendingOrders.forEach((row, i) => {
      const order = withoutNulls(row);
      const path = `source.pendingOrders[${i}]`;
      for (const key of Object.keys(order)) if (key !== "amount" && key !== "id") issues.push(issue(`${path}.${key}`, "unknown_key", { key }));
      collect(issues, () => amounts.push(parseInput(schemas.money, order.amount, `${path}.amount`)));
    });
    if (amounts.length > 0) {
      const own = typeof head.pendingExposure === "string" ? [head.pendingExposure] : [];
      pendingExposure = sumMoney([...own, ...amounts], { currency });
    }
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  const customer = (pendingExposure === undefined ? head : { ...head, pendingExposure }) as unknown as CustomerInput;
  return { customer, receivables, found: rows.customer[0] !== undefined };
}

/** Checks receivable rows (`source.<query>[i].<column>`), every issue collected in `issues`. */
export function receivablesFromRows(rows: readonly SourceRow[], query: string, currency: CurrencyCode, issues: Issue[], customerId?: string): ReceivableInput[] {
  const schema = checkoutSchemas(currency).receivable;
  const seen = new Map<unknown, number>();
  const out: ReceivableInput[] = [];
  const cleaned = rows.map(withoutNulls);
  const valid = knownValid(cleaned, currency);
  cleaned.forEach((receivable, i) => {
    const path = `source.${query}[${i}]`;
    const first = seen.get(receivable.id);
    if (first !== undefined) issues.push(issue(`${path}.id`, "duplicate_id", { id: String(receivable.id), first: `source.${query}[${first}]` }));
    else seen.set(receivable.id, i);
    if (customerId !== undefined && receivable.customerId !== undefined && receivable.customerId !== customerId) {
      issues.push(issue(`${path}.customerId`, "invalid_value", { options: JSON.stringify(customerId) }));
    }
    if (!valid) collect(issues, () => parseInput(schema, receivable, path));
    out.push(receivable as unknown as ReceivableInput);
  });
  return out;
}
