import { describe, expect, it } from "vitest";
import { createCreditGate, definePolicy, FACT_TYPES, PolicyError, type CheckoutRequestInput } from "credit-block";

/**
 * The fact added to show what adding one takes (issue #17): one entry in
 * src/engine/facts/table.ts, the day it is read from (src/engine/request.ts, rules.ts), its
 * response schema line and these tests. Days since the last payment on any título (in full or
 * in part), null when none is known.
 */
const AS_OF = "2026-11-23";
const request = (receivables: CheckoutRequestInput["receivables"]): CheckoutRequestInput => ({
  asOf: AS_OF,
  customer: { id: "c" },
  receivables,
  sale: { tenders: [{ method: "store_credit", amount: "100.00" }] },
});
const quiet = createCreditGate({ id: "q", version: 1, rules: [] });

describe("daysSinceLastPayment", () => {
  it("is a count a policy can compare, and a debt fact", () => {
    expect(FACT_TYPES.daysSinceLastPayment).toBe("count");
    expect(() => definePolicy({ id: "p", version: 1, rules: [{ id: "r", when: { fact: "daysSinceLastPayment", op: "gt", value: 90 }, scope: "all", action: "deny", allowImmediateBlock: true }] }))
      .toThrow(PolicyError);
  });

  it("is null with no payment on record, and counts from the latest payment date, partial ones too", () => {
    expect(quiet.decide(request([{ id: "a", amount: "50.00", dueDate: "2026-10-01" }])).facts.daysSinceLastPayment).toBeNull();
    const facts = quiet.decide(request([
      { id: "a", amount: "50.00", dueDate: "2026-08-01", status: "paid", paidDate: "2026-08-10" },
      { id: "b", amount: "50.00", openAmount: "20.00", dueDate: "2026-09-01", paidDate: "2026-10-24" },
      { id: "c", amount: "50.00", dueDate: "2026-10-01" },
    ])).facts;
    expect(facts.daysSinceLastPayment).toBe(30);
  });

  it("fires a rule, quotes itself, and accepts `eq null` for a customer who never paid", () => {
    const gate = createCreditGate({
      id: "p", version: 1, locale: "en",
      rules: [
        { id: "stale", when: { fact: "daysSinceLastPayment", op: "gt", value: 60 }, scope: "credit", action: "review" },
        { id: "never", when: { fact: "daysSinceLastPayment", op: "eq", value: null }, scope: "credit", action: "warn", message: "no payment ({daysSinceLastPayment})" },
      ],
    });
    const stale = gate.decide(request([{ id: "a", amount: "50.00", dueDate: "2026-12-10", paidDate: "2026-09-01", openAmount: "10.00" }]));
    expect(stale.reasons).toEqual([{ rule: "stale", code: "STALE", action: "review", message: "last payment 83 days ago" }]);
    const never = gate.decide(request([{ id: "a", amount: "50.00", dueDate: "2026-12-10" }]));
    expect(never.reasons).toEqual([{ rule: "never", code: "NEVER", action: "warn", message: "no payment (not set)" }]);
  });

  it("regularize knows a payment now resets it, and nextChange finds the day it crosses a threshold", () => {
    const gate = createCreditGate({
      id: "p", version: 1,
      rules: [{ id: "stale", when: { fact: "daysSinceLastPayment", op: "gt", value: 90 }, scope: "credit", action: "deny" }],
    });
    const open = [
      { id: "a", amount: "80.00", dueDate: "2026-12-05" },
      { id: "b", amount: "90.00", dueDate: "2027-01-05" },
    ];
    const paidOn = (paidDate: string) => ({ id: "c", amount: "10.00", dueDate: "2026-06-05", status: "paid" as const, paidDate });
    const receivables = [...open, paidOn("2026-08-01")];
    const blocked = gate.decide(request(receivables));
    expect(blocked.outcome).toBe("deny");
    expect(blocked.reasons[0]?.message).toBe("último pagamento há 114 dias");
    // Paying the oldest open título is a payment today: the rule no longer holds.
    expect(blocked.regularize?.receivableIds).toEqual(["a"]);
    const recent = gate.decide(request([...open, paidOn("2026-11-03")]));
    expect(recent.outcome).toBe("allow");
    // 2026-11-03 + 91 days: the first day on which more than 90 days have passed.
    expect(recent.nextChange).toEqual({ date: "2027-02-02", status: "restricted", rule: "stale" });
  });
});
