import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkoutSchemas, CreditBlockError, issue, parseInput, type Issue } from "credit-block";
import { receivablesFromRows } from "../../src/adapters/source/rows.js";
import { STORE } from "../support/sampleDatabase.js";

/**
 * What receivablesFromRows answered when it parsed every row with the zod schema: the rows
 * without their NULL columns, and every issue in order (a repeated id, another customer's row,
 * then the schema's own issues, row by row). The fast check must not change a thing.
 */
function reference(rows: readonly Record<string, unknown>[], query: string, issues: Issue[], customerId?: string): unknown[] {
  const schema = checkoutSchemas("BRL").receivable;
  const seen = new Map<unknown, number>();
  return rows.map((row, i) => {
    const receivable = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, (k === "id" || k === "customerId") && typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v]));
    const path = `source.${query}[${i}]`;
    const first = seen.get(receivable.id);
    if (first !== undefined) issues.push(issue(`${path}.id`, "duplicate_id", { id: String(receivable.id), first: `source.${query}[${first}]` }));
    else seen.set(receivable.id, i);
    if (customerId !== undefined && receivable.customerId !== undefined && receivable.customerId !== customerId) issues.push(issue(`${path}.customerId`, "invalid_value", { options: JSON.stringify(customerId) }));
    try {
      parseInput(schema, receivable, path);
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      issues.push(...error.issues);
    }
    return receivable;
  });
}

/** A título as the sample store's database returns it: every column, NULL where unset. */
const dbRow = fc.constantFrom(...STORE.receivables).map((r) => ({
  id: r.id, customerId: r.customerId, amount: r.amount, openAmount: r.openAmount ?? null, dueDate: r.dueDate,
  issueDate: r.issueDate ?? null, paidDate: r.paidDate ?? null, status: r.status ?? "open", method: r.method ?? null,
}));
const column = fc.constantFrom("id", "customerId", "amount", "openAmount", "dueDate", "issueDate", "paidDate", "status", "method", "extra");
const badValue = fc.oneof(fc.anything(), fc.constantFrom(null, "", "-1.00", "0", "12.345", "1e3", "2026-02-30", "2026-13-01", "paid", "written_off", "cheque", "boleto", 7, 10n, "C0001"));
const row = fc.oneof({ weight: 3, arbitrary: dbRow }, { weight: 2, arbitrary: fc.tuple(dbRow, column, badValue).map(([r, key, value]) => ({ ...r, [key]: value })) });

describe("source rows: a list read by the fast row reader answers as the per-row zod check did", () => {
  it("the same rows and the same issues, in order, for valid and invalid lists (property)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.constantFrom(undefined, "C0016", STORE.receivables[0]?.customerId), (rows, customerId) => {
        const expectedIssues: Issue[] = [];
        const expected = reference(rows, "receivables", expectedIssues, customerId);
        const issues: Issue[] = [];
        const got = receivablesFromRows(rows, "receivables", "BRL", issues, customerId);
        expect(got).toEqual(expected);
        expect(issues).toEqual(expectedIssues);
      }),
      { numRuns: 1000 },
    );
  });

  it("a whole valid list, and the same list with one bad or repeated row", () => {
    const rows = STORE.receivables.filter((r) => r.customerId === "C0051").map((r) => ({ ...r, openAmount: r.openAmount ?? null }));
    const issues: Issue[] = [];
    expect(receivablesFromRows(rows, "receivables", "BRL", issues, "C0051")).toHaveLength(rows.length);
    expect(issues).toEqual([]);
    const bad = rows.map((r, i) => (i === 3 ? { ...r, amount: "-1.00" } : r));
    receivablesFromRows(bad, "receivables", "BRL", issues, "C0051");
    expect(issues.map((i) => i.path)).toEqual(["source.receivables[3].amount"]);
    const repeated = [...rows, rows[0] as (typeof rows)[number]];
    const more: Issue[] = [];
    receivablesFromRows(repeated, "ledger", "BRL", more);
    expect(more).toEqual([issue(`source.ledger[${rows.length}].id`, "duplicate_id", { id: String(rows[0]?.id), first: "source.ledger[0]" })]);
  });
});
