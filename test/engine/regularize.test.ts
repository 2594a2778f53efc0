import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, computeCharges, createCreditGate, daysOverdue, definePolicy, type CheckoutRequestInput, type Condition, type Decision, type PolicyDocument, type ReceivableInput } from "credit-block";
import { expectIssue } from "../support/expectError.js";

/**
 * Issue #14 item 7: `regularize` is what the cashier collects — whole títulos, oldest first, each
 * with its multa and juros at `asOf` under the policy's `charges`, and why it is asked for.
 */
const AS_OF = "2026-11-23";
const money = (cents: number): string => (cents / 100).toFixed(2);
const cents = (m: string): bigint => BigInt(m.replace(".", ""));

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: 0, max: 4 }).map((n) => ({ fact: "overdueCount", op: "gt" as const, value: n })),
  fc.integer({ min: 0, max: 90 }).map((n) => ({ fact: "maxDaysOverdue", op: "gt" as const, value: n })),
  fc.integer({ min: 0, max: 200_000 }).map((c) => ({ fact: "overdueBalance", op: "gte" as const, value: money(c) })),
  fc.integer({ min: 0, max: 9_000 }).map((p) => ({ fact: "overduePercent", op: "gt" as const, value: (p / 100).toFixed(2) })),
  fc.constant({ fact: "exposureAfterSale", op: "gt" as const, value: { fact: "creditLimit" } }),
  fc.constant({ fact: "availableCredit", op: "lt" as const, value: { fact: "saleCreditAmount" } }),
  fc.constant({ fact: "segment", op: "eq" as const, value: "chronic" }),
  fc.constant({ fact: "segment", op: "eq" as const, value: "new" }),
  fc.constant({ fact: "riskClass", op: "eq" as const, value: "E" }),
);
const chargesArb = fc.option(fc.record({
  finePercent: fc.constantFrom("0", "1", "2"),
  monthlyInterestPercent: fc.constantFrom("0.5", "1"),
  dayCount: fc.constantFrom("30" as const, "actual" as const),
  rounding: fc.constantFrom("down" as const, "half-up" as const),
}), { nil: undefined });
const policyArb: fc.Arbitrary<PolicyDocument> = fc.record({
  rules: fc.array(fc.record({
    when: fc.oneof(leaf, fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })), fc.array(leaf, { minLength: 1, maxLength: 2 }).map((any) => ({ any }))),
    action: fc.constantFrom("deny" as const, "review" as const, "warn" as const),
  }), { minLength: 1, maxLength: 4 }),
  graceDays: fc.integer({ min: 0, max: 10 }),
  ignore: fc.option(fc.constantFrom("1.00", "50.00"), { nil: undefined }),
  charges: chargesArb,
}).map(({ rules, graceDays, ignore, charges }) => ({
  id: "p", version: 1, graceDays,
  ...(ignore ? { ignoreOverdueBelow: ignore } : {}),
  ...(charges ? { charges } : {}),
  rules: rules.map((r, i) => ({ ...r, id: `r${i}`, scope: "credit" as const })),
}));
const requestArb: fc.Arbitrary<CheckoutRequestInput> = fc.record({
  rows: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 100_000 }), due: fc.integer({ min: -200, max: 60 }), paid: fc.boolean(), paidLate: fc.integer({ min: 0, max: 12 }), partial: fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }), disputed: fc.boolean() }), { maxLength: 8 }),
  limit: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: undefined }),
  risk: fc.constantFrom(undefined, "A", "E"),
  credit: fc.integer({ min: 0, max: 150_000 }),
}).map(({ rows, limit, risk, credit }) => ({
  asOf: AS_OF,
  customer: { id: "c", ...(limit !== undefined ? { creditLimit: money(limit) } : {}), ...(risk ? { riskClass: risk } : {}) },
  receivables: rows.map((r, i): ReceivableInput => ({
    id: `t${i}`, amount: money(r.cents), dueDate: addDays(AS_OF, r.due),
    ...(r.paid && r.due < 0 ? { status: "paid" as const, paidDate: addDays(AS_OF, Math.min(0, r.due + r.paidLate)) }
      : r.disputed && i % 3 === 0 ? { status: "disputed" as const }
      : r.partial !== undefined ? { openAmount: money(Math.max(1, Math.floor((r.cents * r.partial) / 100))) } : {}),
  })),
  sale: { tenders: [{ method: "pix", amount: "10.00" }, ...(credit > 0 ? [{ method: "store_credit" as const, amount: money(credit) }] : [])] },
}));

const creditBlocked = (d: Decision): boolean => d.options.some((o) => o.term === "deferred" && o.outcome !== "allow") || d.tenders.some((t) => t.term === "deferred" && t.outcome !== "allow");
/** The request after the customer pays these títulos in full, today. */
const paying = (request: CheckoutRequestInput, ids: readonly string[]): CheckoutRequestInput => ({
  ...request,
  receivables: request.receivables.map((r) => (ids.includes(r.id) ? { ...r, status: "paid" as const, paidDate: AS_OF, openAmount: "0.00" } : r)),
});
const openOf = (r: ReceivableInput): string => String(r.openAmount ?? r.amount);
const isOpen = (r: ReceivableInput): boolean => r.status === undefined || r.status === "open";

describe("regularize: what the cashier collects", () => {
  it("paying exactly its items lifts every deny/review on credit; one título fewer does not; items are whole, oldest first, with the policy's charges (property)", () => {
    let lifted = 0;
    let impossible = 0;
    fc.assert(fc.property(policyArb, requestArb, (policy, request) => {
      const gate = createCreditGate(policy);
      const d = gate.decide(request);
      const r = d.regularize;
      if (r === null) {
        const everything = request.receivables.filter(isOpen).map((x) => x.id);
        // Nothing to collect: either credit is not blocked, or paying everything would not lift it.
        if (creditBlocked(d)) {
          impossible++;
          expect(creditBlocked(gate.decide(paying(request, everything)))).toBe(true);
        }
        return;
      }
      lifted++;
      expect(creditBlocked(d)).toBe(true);
      // Whole open títulos, oldest first: a prefix of the open ones by due date.
      const open = request.receivables.filter((x) => isOpen(x) && cents(openOf(x)) > 0n)
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
      expect(r.receivableIds).toEqual(open.slice(0, r.items.length).map((x) => x.id));
      expect(r.items.map((i) => i.id)).toEqual(r.receivableIds);
      let sum = 0n;
      for (const item of r.items) {
        const rec = open.find((x) => x.id === item.id) as ReceivableInput;
        expect(item.open).toBe(openOf(rec));
        const c = policy.charges ? computeCharges({ ...rec, amount: openOf(rec), openAmount: openOf(rec) }, { asOf: AS_OF, ...policy.charges }) : null;
        expect(item.fine).toBe(c?.fine ?? "0.00");
        expect(item.interest).toBe(c?.interest ?? "0.00");
        expect(cents(item.total)).toBe(cents(item.open) + cents(item.fine) + cents(item.interest));
        expect(item.because).toBe(daysOverdue(rec.dueDate, AS_OF, { graceDays: policy.graceDays ?? 0 }) > 0 ? "overdue" : "limit");
        sum += cents(item.total);
      }
      expect(cents(r.payAtLeast)).toBe(sum);
      // Paying them lifts the block; paying all but the last one does not.
      expect(creditBlocked(gate.decide(paying(request, r.receivableIds)))).toBe(false);
      expect(creditBlocked(gate.decide(paying(request, r.receivableIds.slice(0, -1))))).toBe(true);
    }), { numRuns: 1000 });
    expect(lifted).toBeGreaterThan(100);
    expect(impossible).toBeGreaterThan(10);
  });

  it("says why each título is asked for: overdue, or to free the limit", () => {
    const gate = createCreditGate({
      id: "p", version: 1,
      charges: { finePercent: "2", monthlyInterestPercent: "1" },
      rules: [
        { id: "late", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
        { id: "limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit" } }, scope: "credit", action: "review" },
      ],
    });
    const d = gate.decide({
      asOf: AS_OF,
      customer: { id: "c", creditLimit: "500.00" },
      receivables: [
        { id: "old", amount: "100.00", dueDate: "2026-10-23" },
        { id: "next", amount: "300.00", dueDate: "2026-12-10" },
        { id: "later", amount: "300.00", dueDate: "2027-01-10" },
      ],
      sale: { tenders: [{ method: "store_credit", amount: "150.00" }] },
    });
    // old: 31 days late, multa 2% = 2.00, juros 1% × 31/30 = 1.03; then next frees the limit.
    expect(d.regularize).toEqual({
      payAtLeast: "403.03",
      receivableIds: ["old", "next"],
      items: [
        { id: "old", open: "100.00", fine: "2.00", interest: "1.03", total: "103.03", because: "overdue" },
        { id: "next", open: "300.00", fine: "0.00", interest: "0.00", total: "300.00", because: "limit" },
      ],
    });
  });

  it("never asks for an odd amount that leaves a residue: a partly paid título is asked for whole", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "late", when: { fact: "overdueBalance", op: "gt", value: "50.00" }, scope: "credit", action: "deny" }] });
    const d = gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: [{ id: "t", amount: "200.00", openAmount: "120.00", dueDate: "2026-10-01" }] });
    expect(d.regularize?.payAtLeast).toBe("120.00");
  });

  it("checks the policy's charges block with the consumer caps, naming the field", () => {
    expectIssue(() => definePolicy({ id: "p", version: 1, charges: { finePercent: "10", monthlyInterestPercent: "1" }, rules: [] }), "charges.finePercent", "charges.fine_cap");
    expectIssue(() => definePolicy({ id: "p", version: 1, charges: { monthlyInterestPercent: "1", asOf: "2026-01-01" }, rules: [] }), "charges.asOf", "unknown_key");
    expectIssue(() => definePolicy({ id: "p", version: 1, charges: { finePercent: "2" }, rules: [] }), "charges.monthlyInterestPercent");
    expectIssue(() => definePolicy({ id: "p", version: 1, charges: "2%", rules: [] }), "charges", "invalid_type");
    expect(definePolicy({ id: "p", version: 1, consumer: false, charges: { finePercent: "10", monthlyInterestPercent: "1" }, rules: [] }).charges).toEqual({ finePercent: "10", monthlyInterestPercent: "1" });
  });
});
