import { describe, expect, it } from "vitest";
import { CreditBlockError, presets, replayPolicy, type ReplayInput } from "credit-block";

/**
 * Point in time and every figure of the report, on histories small enough to work out by hand.
 * Policy: credit is refused while a título is overdue past 5 days of grace.
 */
const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
const credit = (amount: string) => [{ method: "store_credit" as const, amount }];

describe("replayPolicy: the customer's state on the sale's day", () => {
  it("a título paid later was open then; one paid before was not", () => {
    const input: ReplayInput = {
      sales: [
        // t1 due 04-01, paid 06-01: on 05-10 it is 39 days overdue → refused.
        { id: "v1", customerId: "c1", date: "2026-05-10", tenders: credit("100.00") },
        // On 06-15 it was paid (06-01) → allowed.
        { id: "v2", customerId: "c1", date: "2026-06-15", tenders: credit("100.00") },
      ],
      receivables: [{ id: "t1", customerId: "c1", amount: "200.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "paid", paidDate: "2026-06-01" }],
    };
    const t = replayPolicy(input, { policy, endDate: "2026-12-01" }).policies[0]?.totals;
    expect(t?.denied).toEqual({ count: 1, amount: "100.00" });
    expect(t?.allowed).toEqual({ count: 1, amount: "100.00" });
  });

  it("only títulos issued before the sale count, never the sale's own", () => {
    const input: ReplayInput = {
      sales: [{ id: "v1", customerId: "c1", date: "2026-05-10", tenders: credit("100.00") }],
      receivables: [
        // Its own título, already overdue by the end: never part of its own decision.
        { id: "own", customerId: "c1", saleId: "v1", amount: "100.00", issueDate: "2026-03-01", dueDate: "2026-04-01" },
        // Issued on the sale's day (another sale of that day): not before it.
        { id: "same-day", customerId: "c1", amount: "50.00", issueDate: "2026-05-10", dueDate: "2026-06-10" },
      ],
    };
    const anyOpen = { id: "any-open", version: 1, rules: [{ id: "open", when: { fact: "openBalance", op: "gt", value: "0.00" }, scope: "credit", action: "deny" }] } as const;
    expect(replayPolicy(input, { policy: anyOpen, endDate: "2026-05-20" }).policies[0]?.totals.allowed.count).toBe(1);
    // The day after, the same-day título counts: the rule holds.
    const later: ReplayInput = { ...input, sales: [{ ...input.sales[0] as ReplayInput["sales"][number], date: "2026-05-11" }] };
    expect(replayPolicy(later, { policy: anyOpen, endDate: "2026-05-20" }).policies[0]?.totals.denied.count).toBe(1);
  });

  it("partial payments rebuild the open balance by their dates", () => {
    const gate = { id: "over-100", version: 1, rules: [{ id: "big", when: { fact: "overdueBalance", op: "gt", value: "100.00" }, scope: "credit", action: "deny" }] } as const;
    const input: ReplayInput = {
      sales: [
        { id: "v1", customerId: "c1", date: "2026-05-10", tenders: credit("10.00") }, // 300 overdue
        { id: "v2", customerId: "c1", date: "2026-05-20", tenders: credit("10.00") }, // 300 − 150 = 150 overdue
        { id: "v3", customerId: "c1", date: "2026-06-02", tenders: credit("10.00") }, // 300 − 250 = 50 overdue
      ],
      receivables: [{ id: "t1", customerId: "c1", amount: "300.00", openAmount: "50.00", issueDate: "2026-03-01", dueDate: "2026-04-01" }],
      payments: [
        { receivableId: "t1", date: "2026-05-15", amount: "150.00" },
        { receivableId: "t1", date: "2026-06-01", amount: "100.00" },
      ],
    };
    const t = replayPolicy(input, { policy: gate, endDate: "2026-06-02" }).policies[0]?.totals;
    expect(t?.denied.count).toBe(2);
    expect(t?.allowed.count).toBe(1);
  });

  it("written off and renegotiated títulos were open before it happened; a disputed one never counts", () => {
    const input: ReplayInput = {
      sales: [
        { id: "before", customerId: "c1", date: "2026-05-10", tenders: credit("10.00") },
        { id: "after", customerId: "c1", date: "2026-08-10", tenders: credit("10.00") },
        { id: "disputed", customerId: "c2", date: "2026-05-10", tenders: credit("10.00") },
      ],
      receivables: [
        { id: "w", customerId: "c1", amount: "80.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "written_off", writtenOffDate: "2026-07-01" },
        { id: "r", customerId: "c1", amount: "80.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "renegotiated", paidDate: "2026-07-01" },
        { id: "d", customerId: "c2", amount: "80.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "disputed" },
      ],
    };
    const t = replayPolicy(input, { policy, endDate: "2026-12-01" }).policies[0]?.totals;
    expect(t?.denied).toEqual({ count: 1, amount: "10.00" });
    expect(t?.allowed).toEqual({ count: 2, amount: "20.00" });
  });
});

describe("replayPolicy: the report's figures, worked out by hand", () => {
  // Three customers, five credit sales, one cash sale; endDate 2026-12-01, loss after 90 days.
  const input: ReplayInput = {
    customers: [{ id: "ana" }, { id: "bia", creditLimit: "1000.00" }],
    sales: [
      { id: "s1", customerId: "ana", date: "2026-05-10", tenders: credit("300.00") },                                   // refused (old overdue); its título written off → loss avoided 300
      { id: "s2", customerId: "ana", date: "2026-06-20", tenders: [{ method: "pix", amount: "50.00" }] },                // cash: counts in sales only
      { id: "s3", customerId: "bia", date: "2026-05-12", tenders: credit("400.00") },                                    // refused; its títulos paid → paid anyway 400
      { id: "s4", customerId: "bia", date: "2026-07-01", tenders: credit("200.00") },                                    // allowed (old one paid 06-01); still open 150 days → let through 200
      { id: "s5", customerId: "caio", date: "2026-06-05", tenders: [...credit("120.00"), { method: "cash", amount: "30.00" }] }, // allowed, paid on time
    ],
    receivables: [
      { id: "a0", customerId: "ana", amount: "90.00", issueDate: "2026-02-01", dueDate: "2026-03-01", status: "paid", paidDate: "2026-06-10" },
      { id: "a1", customerId: "ana", saleId: "s1", amount: "300.00", issueDate: "2026-05-10", dueDate: "2026-06-10", status: "written_off", writtenOffDate: "2026-10-01" },
      { id: "b0", customerId: "bia", amount: "60.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "paid", paidDate: "2026-06-01" },
      { id: "b1", customerId: "bia", saleId: "s3", amount: "200.00", issueDate: "2026-05-12", dueDate: "2026-06-12", status: "paid", paidDate: "2026-06-12" },
      { id: "b2", customerId: "bia", saleId: "s3", amount: "200.00", issueDate: "2026-05-12", dueDate: "2026-07-12", status: "paid", paidDate: "2026-07-12" },
      { id: "b3", customerId: "bia", saleId: "s4", amount: "200.00", issueDate: "2026-07-01", dueDate: "2026-08-01" },
      { id: "c1", customerId: "caio", saleId: "s5", amount: "120.00", issueDate: "2026-06-05", dueDate: "2026-07-05", status: "paid", paidDate: "2026-07-05" },
    ],
  };
  const report = replayPolicy(input, { policy, endDate: "2026-12-01", conversion: "0.25" });
  const p = report.policies[0];

  it("totals", () => {
    expect(p?.totals).toEqual({
      sales: 5,
      creditSales: 4,
      creditAmount: "1020.00",
      allowed: { count: 2, amount: "320.00" },
      review: { count: 0, amount: "0.00" },
      denied: { count: 2, amount: "700.00" },
      lossesAvoided: { count: 1, amount: "300.00" },
      lossesLetThrough: { count: 1, amount: "200.00" },
      paidAnyway: { count: 1, amount: "400.00" },
      customersAffected: 2,
      creditLost: "525.00", // 700 × (1 − 0.25)
    });
  });

  it("per rule and per month, and the assumptions", () => {
    // It also fired on s2 (a1 overdue since 06-16), where only Pix was used: nothing refused.
    expect(p?.rules).toEqual([{ rule: "overdue", fired: 3, deniedSales: 2, deniedAmount: "700.00" }]);
    expect(p?.months).toEqual([
      { month: "2026-05", sales: 2, creditAmount: "700.00", denied: "700.00", lossesAvoided: "300.00", lossesLetThrough: "0.00" },
      { month: "2026-06", sales: 2, creditAmount: "120.00", denied: "0.00", lossesAvoided: "0.00", lossesLetThrough: "0.00" },
      { month: "2026-07", sales: 1, creditAmount: "200.00", denied: "0.00", lossesAvoided: "0.00", lossesLetThrough: "200.00" },
    ]);
    expect(report.assumptions).toEqual({ lossAfterDays: 90, conversion: "0.25", endDate: "2026-12-01" });
    // On the sale's day: s1 ana 70 days overdue (a0 due 03-01), s3 bia 39 (b0 due 04-01), s4 and s5 none.
    expect(p?.overdueDays).toEqual([
      { band: "0", sales: 2, refused: 0 }, { band: "1-15", sales: 0, refused: 0 }, { band: "16-30", sales: 0, refused: 0 },
      { band: "31-60", sales: 1, refused: 1 }, { band: "61-90", sales: 1, refused: 1 }, { band: "91+", sales: 0, refused: 0 },
    ]);
    expect(p?.topCustomers).toEqual([
      { customerId: "bia", refusedSales: 1, refused: "400.00", losses: "0.00" },
      { customerId: "ana", refusedSales: 1, refused: "300.00", losses: "300.00" },
    ]);
  });

  it("two policies side by side: a stricter proposal refuses what the current one let through", () => {
    const proposed = { id: "proposed", version: 2, rules: [{ id: "any-open", when: { fact: "openBalance", op: "gt", value: "0.00" }, scope: "credit", action: "review" }] } as const;
    const both = replayPolicy(input, { policy, compare: proposed, endDate: "2026-12-01" });
    expect(both.policies.map((x) => x.id)).toEqual(["block-credit-when-overdue", "proposed"]);
    // s4: bia owed nothing open on 07-01 (b1 and b2 were open: 400.00) → held; s1: ana's a0 open → held.
    expect(both.policies[1]?.totals.review.count).toBe(3);
    expect(both.policies[1]?.totals.lossesLetThrough.count).toBe(0);
  });
});

describe("replayPolicy: bad input names the field", () => {
  const sale = { id: "v1", customerId: "c1", date: "2026-05-10", tenders: credit("10.00") };
  const cases: [string, ReplayInput, string][] = [
    ["a título without customerId", { sales: [sale], receivables: [{ id: "t", amount: "1.00", issueDate: "2026-01-01", dueDate: "2026-02-01" } as never] }, "receivables[0].customerId"],
    ["a título without issueDate", { sales: [sale], receivables: [{ id: "t", customerId: "c1", amount: "1.00", dueDate: "2026-02-01" } as never] }, "receivables[0].issueDate"],
    ["a paid título without paidDate", { sales: [sale], receivables: [{ id: "t", customerId: "c1", amount: "1.00", issueDate: "2026-01-01", dueDate: "2026-02-01", status: "paid" }] }, "receivables[0].paidDate"],
    ["a sale with a bad date", { sales: [{ ...sale, date: "2026-02-30" }], receivables: [] }, "sales[0].date"],
    ["a repeated sale id", { sales: [sale, sale], receivables: [] }, "sales[1].id"],
    ["a payment of an unknown título", { sales: [sale], receivables: [], payments: [{ receivableId: "x", date: "2026-01-01", amount: "1.00" }] }, "payments[0].receivableId"],
    ["payments above the amount", { sales: [sale], receivables: [{ id: "t", customerId: "c1", amount: "1.00", issueDate: "2026-01-01", dueDate: "2026-02-01" }], payments: [{ receivableId: "t", date: "2026-01-05", amount: "2.00" }] }, "receivables[0].amount"],
  ];
  it.each(cases)("%s", (_name, input, path) => {
    let error: unknown;
    try {
      replayPolicy(input, { policy });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CreditBlockError);
    expect((error as CreditBlockError).issues.map((i) => i.path)).toContain(path);
  });

  it("options: lossAfterDays, conversion", () => {
    expect(() => replayPolicy({ sales: [], receivables: [] }, { policy, conversion: "1.5" })).toThrow(/options\.conversion/);
    expect(() => replayPolicy({ sales: [], receivables: [] }, { policy, lossAfterDays: -1 })).toThrow(/options\.lossAfterDays/);
  });
});
