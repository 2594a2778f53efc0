import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CheckoutRequestSchema, checkoutSchemas, CustomerSchema, parseInput, ReceivableSchema, TenderSchema } from "credit-block";
import { expectIssue, issuesOf, snapshot } from "../support/expectError.js";

const valid = () => ({
  asOf: "2026-11-23",
  customer: { id: "c-1", creditLimit: "1500.00", overrides: [{ rule: "overdue", until: "2026-11-30", by: "ana", reason: "cliente antigo" }] },
  receivables: [
    { id: "t-1", amount: 120, dueDate: "2026-10-10" },
    { id: "t-2", amount: "89.9", openAmount: "40", dueDate: "2026-12-10", status: "open" as const },
  ],
  sale: { tenders: [{ method: "store_credit" as const, amount: "300" }, { method: "pix" as const, amount: 50.5 }] },
});

describe("input schemas", () => {
  it("parse a checkout request into canonical values without touching the input", () => {
    const input = valid();
    const before = snapshot(input);
    const parsed = parseInput(CheckoutRequestSchema, input);
    expect(input).toEqual(before);
    expect(parsed.receivables[0]?.amount).toBe("120.00");
    expect(parsed.receivables[1]?.openAmount).toBe("40.00");
    expect(parsed.sale?.tenders.map((t) => t.term)).toEqual(["deferred", "immediate"]);
    expect(parsed.sale?.tenders[1]?.amount).toBe("50.50");
    expect(parsed).not.toBe(input);
  });

  it("names every problem of a bad request at once", () => {
    const input = JSON.parse(`{
      "asOf": "2026-13-45",
      "customer": { "id": "", "creditLimit": "1,50", "__proto__": { "polluted": true }, "hold": "yes" },
      "receivables": [
        { "id": "t-1", "amount": "12.345", "dueDtae": "2026-01-01" },
        { "id": "t-1", "amount": -5, "dueDate": "2026-02-30", "openAmount": "1.00" }
      ],
      "sale": { "tenders": [{ "method": "bitcoin", "amount": 1e400 }] }
    }`) as unknown;
    const issues = issuesOf(() => parseInput(CheckoutRequestSchema, input));
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining([
      "asOf", "customer.id", "customer.creditLimit", "customer.__proto__", "customer.hold",
      "receivables[0].amount", "receivables[0].dueDate", "receivables[0].dueDtae",
      "receivables[1].amount", "receivables[1].dueDate",
      "sale.tenders[0].method", "sale.tenders[0].amount",
    ]));
    expect(issues.find((i) => i.path === "receivables[0].dueDtae")?.code).toBe("unknown_key");
    expect(issues.find((i) => i.path === "receivables[0].amount")?.code).toBe("money.fraction_digits");
    expect(issues.find((i) => i.path === "receivables[1].amount")?.code).toBe("money.not_positive");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("checks cross-field rules", () => {
    const base = valid();
    expectIssue(() => parseInput(CheckoutRequestSchema, { ...base, receivables: [base.receivables[0], { ...base.receivables[0] }] }), "receivables[1].id", "duplicate_id");
    expectIssue(() => parseInput(ReceivableSchema, { id: "t", amount: "10", openAmount: "11", dueDate: "2026-01-01" }), "openAmount", "receivable.open_exceeds_amount");
    expectIssue(() => parseInput(ReceivableSchema, { id: "t", amount: "10", openAmount: "1", status: "paid", dueDate: "2026-01-01" }), "openAmount", "receivable.paid_with_balance");
    expectIssue(() => parseInput(ReceivableSchema, { id: "t", amount: "10", dueDate: "2026-01-01", issueDate: "2026-02-01" }), "issueDate", "date.after");
    expectIssue(() => parseInput(CheckoutRequestSchema, { ...base, receivables: [{ ...base.receivables[0], paidDate: "2026-12-01", status: "paid" }] }), "receivables[0].paidDate", "receivable.paid_after_as_of");
    expectIssue(() => parseInput(CheckoutRequestSchema, { ...base, receivables: [{ ...base.receivables[0], customerId: "other" }] }), "receivables[0].customerId");
  });

  it("distinguishes a missing field from a wrong type", () => {
    expectIssue(() => parseInput(TenderSchema, { method: "pix" }), "amount", "required");
    expectIssue(() => parseInput(TenderSchema, { method: "pix", amount: true }), "amount", "invalid_type");
    expectIssue(() => parseInput(CustomerSchema, { id: "c", dunningLevel: 1.5 }), "dunningLevel");
    expectIssue(() => parseInput(CustomerSchema, { id: "c", attributes: { "bad key": 1 } }), "attributes.bad key");
    expectIssue(() => parseInput(CheckoutRequestSchema, null), "", "invalid_type");
  });

  it("uses the currency's digits", () => {
    const { receivable } = checkoutSchemas("JPY");
    expect(receivable.parse({ id: "x", amount: 1200, dueDate: "2026-01-01" }).amount).toBe("1200");
    expect(receivable.safeParse({ id: "x", amount: "12.5", dueDate: "2026-01-01" }).success).toBe(false);
  });

  it("never throws anything but CreditBlockError and never mutates, whatever the input (property)", () => {
    const hostile = fc.oneof(
      fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, stringUnit: "binary" }),
      fc.record({ asOf: fc.string(), customer: fc.anything(), receivables: fc.array(fc.anything(), { maxLength: 5 }) }),
      fc.constant(JSON.parse('{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}')),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        let before: unknown;
        try {
          before = structuredClone(input);
        } catch {
          before = undefined;
        }
        try {
          parseInput(CheckoutRequestSchema, input);
        } catch (error) {
          expect((error as Error).name).toBe("CreditBlockError");
        }
        if (before !== undefined) expect(input).toEqual(before);
        expect(Object.prototype).not.toHaveProperty("x");
        expect(Object.prototype).not.toHaveProperty("y");
      }),
      { numRuns: 1000 },
    );
  });
});
