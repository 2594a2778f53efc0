import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, ageReceivables, CreditBlockError, customerFacts, parseInput, ReceivableSchema, type ReceivableInput } from "credit-block";
import { expectIssue, issuesOf, snapshot } from "../support/expectError.js";

const AS_OF = "2026-11-23";
const cents = (m: string): bigint => BigInt(m.replace(".", ""));

const receivableArb: fc.Arbitrary<ReceivableInput> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 8 }),
    customerId: fc.constantFrom("c1", "c2", "c3", undefined),
    amountCents: fc.integer({ min: 1, max: 500_000_00 }),
    openRatio: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    dueOffset: fc.integer({ min: -800, max: 120 }),
    status: fc.constantFrom("open", "paid", "disputed", "renegotiated", "written_off", undefined),
  })
  .map(({ id, customerId, amountCents, openRatio, dueOffset, status }) => {
    const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
    const r: ReceivableInput = { id, amount: money(amountCents), dueDate: addDays(AS_OF, dueOffset) };
    if (customerId) r.customerId = customerId;
    if (status) r.status = status;
    if (status === "paid") r.paidDate = addDays(AS_OF, -1);
    else if (openRatio !== undefined) r.openAmount = money(Math.floor((amountCents * openRatio) / 100));
    return r;
  });

describe("ageReceivables", () => {
  const ledger: ReceivableInput[] = [
    { id: "t1", customerId: "c1", amount: "100.00", dueDate: "2026-12-10" },
    { id: "t2", customerId: "c1", amount: "80.00", dueDate: "2026-10-07" },
    { id: "t3", customerId: "c2", amount: "50.00", openAmount: "20.00", dueDate: "2026-06-01" },
    { id: "t4", customerId: "c2", amount: "30.00", dueDate: "2026-11-20" }, // holiday: payable 23/11
    { id: "t5", customerId: "c3", amount: "70.00", dueDate: "2026-11-01", status: "paid", paidDate: "2026-11-01" },
    { id: "t6", customerId: "c3", amount: "60.00", dueDate: "2026-09-01", status: "disputed" },
    { id: "t7", customerId: "c3", amount: "10.00", openAmount: "0.40", dueDate: "2026-09-01" },
    { id: "t8", customerId: "c3", amount: "90.00", dueDate: "2025-09-01", status: "written_off" },
  ];

  it("puts each open balance in its band, per customer, with exclusions reported apart", () => {
    const report = ageReceivables(ledger, { asOf: AS_OF, ignoreBelow: "1.00" });
    expect(report.buckets.map((b) => [b.label, b.fromDays, b.toDays, b.amount, b.count])).toEqual([
      ["a vencer", null, 0, "130.00", 2],
      ["1–30 dias", 1, 30, "0.00", 0],
      ["31–60 dias", 31, 60, "80.00", 1],
      ["61–90 dias", 61, 90, "0.00", 0],
      ["91–120 dias", 91, 120, "0.00", 0],
      ["mais de 120 dias", 121, null, "20.00", 1],
    ]);
    expect(report.total).toBe("230.00");
    expect(report.count).toBe(4);
    expect(report.overdue).toBe("100.00");
    expect(report.excluded).toEqual({ disputed: "60.00", belowThreshold: "0.40", writtenOff: "90.00", renegotiated: "0.00" });
    expect(report.settled).toBe(1);
    expect(report.customers).toEqual([
      { customerId: "c1", buckets: ["100.00", "0.00", "80.00", "0.00", "0.00", "0.00"], total: "180.00", overdue: "80.00", overdueCount: 1, maxDaysOverdue: 47 },
      { customerId: "c2", buckets: ["30.00", "0.00", "0.00", "0.00", "0.00", "20.00"], total: "50.00", overdue: "20.00", overdueCount: 1, maxDaysOverdue: 175 },
    ]);
  });

  it("takes custom bands, English labels, disputed títulos on request and ages by issue date", () => {
    const report = ageReceivables(ledger.slice(0, 2).map((r) => ({ ...r, issueDate: "2026-09-07" })), { asOf: AS_OF, buckets: [15, 90], by: "issueDate", locale: "en" });
    expect(report.buckets.map((b) => [b.label, b.amount])).toEqual([["up to 15 days", "0.00"], ["16–90 days", "180.00"], ["over 90 days", "0.00"]]);
    expect(ageReceivables(ledger, { asOf: AS_OF, includeDisputed: true }).excluded.disputed).toBe("0.00");
    expectIssue(() => ageReceivables(ledger, { asOf: AS_OF, by: "issueDate" }), "receivables[0].issueDate", "required");
  });

  it("streams any iterable", () => {
    function* rows() {
      for (let i = 0; i < 1000; i++) yield { id: `t${i}`, amount: "0.01", dueDate: addDays(AS_OF, -i) };
    }
    const report = ageReceivables(rows(), { asOf: AS_OF });
    expect(report.total).toBe("10.00");
    expect(report.count).toBe(1000);
  });

  it("bands sum exactly to the open total, per report and per customer (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(receivableArb, { maxLength: 60, selector: (r) => r.id }), fc.constantFrom(undefined, [0, 30, 60, 90, 120], [0], [10, 20, 400]), (rows, buckets) => {
        const report = ageReceivables(rows, { asOf: AS_OF, ...(buckets ? { buckets } : {}) });
        const bandSum = report.buckets.reduce((s, b) => s + cents(b.amount), 0n);
        expect(bandSum).toBe(cents(report.total));
        expect(report.buckets.reduce((s, b) => s + b.count, 0)).toBe(report.count);
        for (const c of report.customers) expect(c.buckets.reduce((s, b) => s + cents(b), 0n)).toBe(cents(c.total));
        expect(report.customers.reduce((s, c) => s + cents(c.total), 0n)).toBe(cents(report.total));
        // the same total as summing counted open balances by hand
        const expected = rows
          .filter((r) => r.status !== "paid" && r.status !== "disputed" && r.status !== "renegotiated" && r.status !== "written_off")
          .reduce((s, r) => s + cents(String(r.openAmount ?? r.amount)), 0n);
        expect(cents(report.total)).toBe(expected);
        expect(cents(customerFacts(rows, { asOf: AS_OF }).openBalance)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("its fast path accepts exactly what ReceivableSchema accepts (property)", () => {
    const mutated = fc.tuple(receivableArb, fc.constantFrom("amount", "openAmount", "dueDate", "id", "status", "extra", "customerId", "paidDate"), fc.anything()).map(([r, key, value]) => ({ ...r, [key]: value }));
    fc.assert(
      fc.property(mutated, (row) => {
        const schemaOk = ReceivableSchema.safeParse(row).success;
        let agingOk = true;
        try {
          ageReceivables([row], { asOf: "2199-12-31" });
        } catch (error) {
          expect(error).toBeInstanceOf(CreditBlockError);
          agingOk = false;
        }
        expect(agingOk).toBe(schemaOk);
        if (schemaOk) {
          const parsed = parseInput(ReceivableSchema, row);
          expect(ageReceivables([parsed], { asOf: "2199-12-31" })).toEqual(ageReceivables([row], { asOf: "2199-12-31" }));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never mutates its input (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(receivableArb, { maxLength: 20, selector: (r) => r.id }), (rows) => {
        const before = snapshot(rows);
        ageReceivables(rows, { asOf: AS_OF });
        customerFacts(rows, { asOf: AS_OF });
        expect(rows).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it("reports every bad row with its index and field, and never a partial report", () => {
    const issues = issuesOf(() =>
      ageReceivables(
        [
          { id: "ok", amount: "10.00", dueDate: "2026-01-01" },
          { id: "neg", amount: "-5.00", dueDate: "2026-01-01" },
          { id: "date", amount: "5.00", dueDate: "2026-02-30" },
          { id: "paid", amount: "5.00", dueDate: "2026-01-01", status: "paid", paidDate: "2026-12-01" },
          { id: "typo", amount: "5.00", dueDtae: "2026-01-01" },
        ],
        { asOf: AS_OF },
      ),
    );
    expect(issues.map((i) => `${i.path}:${i.code}`)).toEqual([
      "receivables[1].amount:money.not_positive",
      "receivables[2].dueDate:date.impossible",
      "receivables[3].paidDate:receivable.paid_after_as_of",
      "receivables[4].dueDate:required",
      "receivables[4].dueDtae:unknown_key",
    ]);
  });

  it("rejects bad options naming the field", () => {
    expectIssue(() => ageReceivables([], { asOf: "2026-13-01" }), "options.asOf", "date.impossible");
    expectIssue(() => ageReceivables([], { asOf: AS_OF, buckets: [30, 30] }), "options.buckets[1]", "too_small");
    expectIssue(() => ageReceivables([], { asOf: AS_OF, buckets: [-1] }), "options.buckets[0]");
    expectIssue(() => ageReceivables([], { asOf: AS_OF, ignoreBelow: "1,00" }), "options.ignoreBelow", "money.format");
    expectIssue(() => ageReceivables([], { asOf: AS_OF, by: "paidDate" as "dueDate" }), "options.by", "invalid_value");
    expectIssue(() => ageReceivables("rows" as never, { asOf: AS_OF }), "receivables", "invalid_type");
  });
});

describe("customerFacts", () => {
  it("computes the engine's facts with grace and residues", () => {
    const rows: ReceivableInput[] = [
      { id: "a", amount: "300.00", dueDate: "2026-10-07" },
      { id: "b", amount: "89.90", dueDate: "2026-11-20" },
      { id: "c", amount: "0.50", dueDate: "2026-01-05" },
      { id: "d", amount: "200.00", dueDate: "2026-12-05" },
    ];
    expect(customerFacts(rows, { asOf: "2026-11-25", ignoreBelow: "1.00" })).toEqual({
      openBalance: "589.90", overdueBalance: "389.90", overduePercent: "66.09", openCount: 3, overdueCount: 2, maxDaysOverdue: 49, oldestOverdueDueDate: "2026-10-07",
    });
    expect(customerFacts(rows, { asOf: "2026-11-25", graceDays: 10, ignoreBelow: "1.00" }).overdueBalance).toBe("300.00");
    expect(customerFacts([], { asOf: "2026-11-25" })).toMatchObject({ openBalance: "0.00", overduePercent: "0.00", oldestOverdueDueDate: null });
  });
});
