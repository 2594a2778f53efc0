import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, createCreditGate, profileCustomer, type ReceivableInput } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const AS_OF = "2026-11-23";
const paid = (id: string, due: string, paidOn: string, amount = "100.00"): ReceivableInput => ({ id, amount, dueDate: due, issueDate: "2026-01-05", status: "paid", paidDate: paidOn, method: "store_credit" });

describe("profileCustomer", () => {
  it("grades punctual, occasional, chronic and new customers", () => {
    const punctual = [paid("a", "2026-06-10", "2026-06-10"), paid("b", "2026-07-10", "2026-07-12"), paid("c", "2026-08-10", "2026-08-01")];
    expect(profileCustomer(punctual, { asOf: AS_OF })).toMatchObject({ segment: "punctual", judged: 3, onTimePercent: "100.00", worstDaysLate: 2 });
    const occasional = [...punctual, paid("d", "2026-09-10", "2026-09-25"), paid("e", "2026-10-10", "2026-10-10")];
    expect(profileCustomer(occasional, { asOf: AS_OF })).toMatchObject({ segment: "occasional", onTimePercent: "80.00", worstDaysLate: 15 });
    const chronic = [paid("a", "2026-06-10", "2026-07-20"), paid("b", "2026-07-10", "2026-08-20"), paid("c", "2026-08-10", "2026-08-10")];
    expect(profileCustomer(chronic, { asOf: AS_OF }).segment).toBe("chronic");
    expect(profileCustomer([...punctual, { id: "z", amount: "10.00", dueDate: "2026-09-01" }], { asOf: AS_OF }).segment).toBe("chronic"); // 83 days overdue now
    expect(profileCustomer(punctual.slice(0, 2), { asOf: AS_OF }).segment).toBe("new");
    expect(profileCustomer(punctual.slice(0, 2), { asOf: AS_OF, thresholds: { minHistory: 2 } }).segment).toBe("punctual");
  });

  it("reports value, purchases, ticket and preferred methods", () => {
    const p = profileCustomer([
      { id: "a", amount: "100.00", dueDate: "2026-06-10", issueDate: "2026-05-10", method: "store_credit", status: "paid", paidDate: "2026-06-10" },
      { id: "b", amount: "100.00", dueDate: "2026-07-10", issueDate: "2026-05-10", method: "store_credit", status: "paid", paidDate: "2026-07-10" },
      { id: "c", amount: "50.50", dueDate: "2026-12-10", issueDate: "2026-11-10", method: "boleto" },
    ], { asOf: AS_OF });
    expect(p).toMatchObject({ lifetimeValue: "250.50", purchases: 2, averageTicket: "125.25", preferredMethods: ["store_credit", "boleto"] });
  });

  it("is the rule behind the engine's segment fact (property)", () => {
    const gate = createCreditGate({ id: "s", version: 1, rules: [{ id: "seg", when: { fact: "riskClass", op: "eq", value: null }, scope: "credit", action: "warn" }] });
    fc.assert(fc.property(fc.array(fc.record({ due: fc.integer({ min: -300, max: 30 }), late: fc.integer({ min: -3, max: 90 }), open: fc.boolean() }), { maxLength: 10 }), (rows) => {
      const receivables: ReceivableInput[] = rows.map((r, i) => {
        const dueDate = addDays(AS_OF, r.due);
        const paidOn = addDays(dueDate, r.late);
        return r.open || paidOn > AS_OF ? { id: `t${i}`, amount: "10.00", dueDate } : { id: `t${i}`, amount: "10.00", dueDate, status: "paid", paidDate: paidOn };
      });
      expect(gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables }).facts.segment).toBe(profileCustomer(receivables, { asOf: AS_OF }).segment);
    }), { numRuns: 1000 });
  });

  it("agrees with the engine on settled títulos in any currency (openAmount \"0\" in JPY is settled, not overdue)", () => {
    const gate = createCreditGate({ id: "s", version: 1, currency: "JPY", rules: [{ id: "seg", when: { fact: "riskClass", op: "eq", value: null }, scope: "credit", action: "warn" }] });
    const receivables: ReceivableInput[] = ["2026-06-10", "2026-07-10", "2026-08-10"].map((dueDate, i) => ({ id: `t${i}`, amount: "1000", openAmount: "0", dueDate }));
    const profile = profileCustomer(receivables, { asOf: AS_OF, currency: "JPY" });
    expect(profile.segment).toBe("new");
    expect(profile.worstDaysLate).toBe(0);
    expect(gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables }).facts.segment).toBe(profile.segment);
  });

  it("rejects bad input naming the field", () => {
    expectIssue(() => profileCustomer([{ id: "a", amount: "1,00", dueDate: AS_OF }], { asOf: AS_OF }), "history[0].amount", "money.format");
    expectIssue(() => profileCustomer([], { asOf: AS_OF, thresholds: { chronicLatePercent: 150 } }), "options.thresholds.chronicLatePercent", "too_big");
    expectIssue(() => profileCustomer([paid("a", "2026-06-10", "2026-12-10")], { asOf: AS_OF }), "history[0].paidDate", "receivable.paid_after_as_of");
  });
});
