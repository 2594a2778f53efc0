import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCreditGate, profileCustomer, type ReceivableInput } from "credit-block";

/**
 * Issue #17 item 3: one segment module. The payment profile and the engine's `segment` fact
 * count the same títulos with the same rule, in every currency: they always agree.
 */
const AS_OF = "2026-11-23";
const pad = (n: number): string => String(n).padStart(2, "0");
const dayOf = (offset: number): string => {
  const d = new Date(Date.UTC(2026, 10, 23) + offset * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

const titleArb = (currency: "BRL" | "JPY") =>
  fc.record({
    amount: fc.integer({ min: 1, max: 100_000 }),
    openShare: fc.constantFrom<null | 0 | 0.5>(null, 0, 0.5),
    dueOffset: fc.integer({ min: -200, max: 60 }),
    status: fc.constantFrom(undefined, "open", "paid", "disputed", "renegotiated", "written_off"),
    paidAfterDue: fc.option(fc.integer({ min: -10, max: 90 })),
  }).map((t) => {
    const money = (minor: number): string => (currency === "JPY" ? String(minor) : `${Math.floor(minor / 100)}.${pad(minor % 100)}`);
    const paid = t.status === "paid";
    // A payment date is never after asOf (both refuse that) and only a paid título's is read.
    const paidOffset = t.paidAfterDue === null ? null : Math.min(0, t.dueOffset + t.paidAfterDue);
    return {
      amount: money(t.amount),
      ...(t.openShare === null || paid ? {} : { openAmount: money(Math.floor(t.amount * t.openShare)) }),
      dueDate: dayOf(t.dueOffset),
      ...(t.status === undefined ? {} : { status: t.status }),
      ...(paidOffset === null ? {} : { paidDate: dayOf(paidOffset) }),
    };
  });

describe("segment: profileCustomer and the decision's segment fact agree (property)", () => {
  for (const currency of ["BRL", "JPY"] as const) {
    const gate = createCreditGate({ id: "s", version: 1, currency, rules: [] });
    it(`in ${currency}, over any mix of paid, open, settled and disputed títulos`, () => {
      fc.assert(fc.property(fc.array(titleArb(currency), { maxLength: 30 }), (titles) => {
        const receivables = titles.map((t, i) => ({ id: `t${i}`, ...t })) as ReceivableInput[];
        const profile = profileCustomer(receivables, { asOf: AS_OF, currency });
        const decision = gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables });
        expect(decision.facts.segment).toBe(profile.segment);
      }), { numRuns: 300 });
    });
  }

  it("three settled JPY títulos paid late: both say chronic (the disagreement issue #17 names)", () => {
    const receivables = [1, 2, 3].map((i) => ({ id: `t${i}`, amount: "1000", openAmount: "0", status: "paid" as const, dueDate: `2026-0${i}-10`, paidDate: `2026-0${i}-28` }));
    const gate = createCreditGate({ id: "s", version: 1, currency: "JPY", rules: [] });
    expect(profileCustomer(receivables, { asOf: AS_OF, currency: "JPY" }).segment).toBe("chronic");
    expect(gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables }).facts.segment).toBe("chronic");
  });
});
