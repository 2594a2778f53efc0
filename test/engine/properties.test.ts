import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, CheckoutRequestSchema, CreditBlockError, createCreditGate, type CheckoutRequestInput, type Condition, type Decision, type PolicyDocument, type ReceivableInput, type Rule } from "credit-block";
import { snapshot } from "../support/expectError.js";

const AS_OF = "2026-11-23";
const RANK = { allow: 0, review: 1, deny: 2 } as const;
const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
const cents = (m: string): number => Number(m.replace(".", ""));

/**
 * Conditions that can only become true as debt grows, days pass or the limit shrinks: the kind
 * of policy the monotonicity invariants are about.
 */
const monotoneCondition: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => ({ fact: "overdueCount", op: "gt" as const, value: n })),
  fc.integer({ min: 0, max: 120 }).map((n) => ({ fact: "maxDaysOverdue", op: "gt" as const, value: n })),
  fc.integer({ min: 0, max: 200_000 }).map((c) => ({ fact: "overdueBalance", op: "gte" as const, value: money(c) })),
  fc.integer({ min: 0, max: 9_000 }).map((p) => ({ fact: "overduePercent", op: "gt" as const, value: (p / 100).toFixed(2) })),
  fc.constant({ fact: "exposureAfterSale", op: "gt" as const, value: { fact: "creditLimit" } }),
  fc.constant({ fact: "availableCredit", op: "lt" as const, value: { fact: "saleCreditAmount" } }),
  fc.constant({ fact: "creditLimitExpired", op: "eq" as const, value: true }),
);
/** Conditions monotone in what is paid too: `overduePercent` is a ratio, so paying a título not yet due raises it. */
const paymentMonotoneCondition = monotoneCondition.filter((c) => !("fact" in c && c.fact === "overduePercent"));
/** Consumer policies may only scope debt rules to credit; B2B ones (consumer: false) may reach à vista too. */
const ruleArb = (creditOnly: boolean, consumer: boolean, leaf: fc.Arbitrary<Condition> = monotoneCondition): fc.Arbitrary<Omit<Rule, "id">> =>
  fc.record({
    when: fc.oneof(leaf, fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })), fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any }))),
    scope: creditOnly
      ? fc.constant("credit" as const)
      : consumer
        ? fc.oneof(fc.constant("credit" as const), fc.constant({ methods: ["boleto", "check"] as ("boleto" | "check")[], terms: ["deferred"] as "deferred"[] }), fc.constant({ terms: ["deferred"] as "deferred"[] }))
        : fc.oneof(fc.constant("credit" as const), fc.constant({ methods: ["boleto", "check"] as ("boleto" | "check")[] }), fc.constant("all" as const), fc.constant({ methods: ["cash", "pix"] as ("cash" | "pix")[] })),
    action: fc.constantFrom("deny" as const, "review" as const, "warn" as const),
  });
const policyArb = (creditOnly = false, leaf: fc.Arbitrary<Condition> = monotoneCondition): fc.Arbitrary<PolicyDocument> =>
  fc.boolean().chain((consumer) =>
    fc.record({ rules: fc.array(ruleArb(creditOnly, consumer || creditOnly, leaf), { minLength: 1, maxLength: 6 }), graceDays: fc.integer({ min: 0, max: 10 }) })
      .map(({ rules, graceDays }) => ({ id: "p", version: 1, graceDays, ...(consumer || creditOnly ? {} : { consumer: false }), rules: rules.map((r, i) => ({ ...r, id: `r${i}` })) })));

const receivablesArb: fc.Arbitrary<ReceivableInput[]> = fc.array(
  fc.record({ amount: fc.integer({ min: 1, max: 100_000 }), due: fc.integer({ min: -400, max: 60 }), paid: fc.boolean() }),
  { maxLength: 8 },
).map((rows) => rows.map((r, i) => ({ id: `t${i}`, amount: money(r.amount), dueDate: addDays(AS_OF, r.due), ...(r.paid && r.due < 0 ? { status: "paid" as const, paidDate: addDays(AS_OF, r.due) } : {}) })));

const requestArb: fc.Arbitrary<CheckoutRequestInput> = fc.record({
  receivables: receivablesArb,
  limit: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
  expires: fc.option(fc.integer({ min: -30, max: 60 }), { nil: undefined }),
  tenders: fc.array(fc.record({ method: fc.constantFrom("cash" as const, "pix" as const, "credit_card" as const, "store_credit" as const, "boleto" as const, "check" as const), amount: fc.integer({ min: 1, max: 200_000 }) }), { minLength: 1, maxLength: 3 }),
}).map(({ receivables, limit, expires, tenders }) => ({
  asOf: AS_OF,
  customer: { id: "c", ...(limit !== undefined ? { creditLimit: money(limit) } : {}), ...(expires !== undefined ? { creditLimitExpiresOn: addDays(AS_OF, expires) } : {}) },
  receivables,
  sale: { tenders: tenders.map((t) => ({ method: t.method, amount: money(t.amount) })) },
}));

const deniedToAllowed = (before: Decision, after: Decision): boolean =>
  before.tenders.some((t, i) => t.outcome === "deny" && after.tenders[i]?.outcome === "allow");

const RUNS = { numRuns: 1000 };

describe("decision engine invariants (properties)", () => {
  it("more overdue days never turn a deny into an allow", () => {
    fc.assert(fc.property(policyArb(), requestArb, fc.integer({ min: 1, max: 200 }), (policy, request, days) => {
      const gate = createCreditGate(policy);
      const later = { ...request, asOf: addDays(AS_OF, days) };
      expect(deniedToAllowed(gate.decide(request), gate.decide(later))).toBe(false);
    }), RUNS);
  });

  it("a larger overdue balance never turns a deny into an allow", () => {
    fc.assert(fc.property(policyArb(), requestArb, fc.integer({ min: 1, max: 100_000 }), (policy, request, extra) => {
      const gate = createCreditGate(policy);
      const bigger = { ...request, receivables: [...request.receivables, { id: "extra", amount: money(extra), dueDate: addDays(AS_OF, -45) }] };
      expect(deniedToAllowed(gate.decide(request), gate.decide(bigger))).toBe(false);
    }), RUNS);
  });

  it("a lower credit limit never turns a deny into an allow", () => {
    fc.assert(fc.property(policyArb(), requestArb, fc.integer({ min: 1, max: 500_000 }), (policy, request, cut) => {
      const gate = createCreditGate(policy);
      const limit = request.customer.creditLimit;
      if (limit === undefined || limit === null) return;
      const lower = { ...request, customer: { ...request.customer, creditLimit: money(Math.max(0, cents(String(limit)) - cut)) } };
      expect(deniedToAllowed(gate.decide(request), gate.decide(lower))).toBe(false);
    }), RUNS);
  });

  it("paying a título never makes any tender's outcome worse", () => {
    fc.assert(fc.property(policyArb(false, paymentMonotoneCondition), requestArb, fc.nat(), (policy, request, pick) => {
      const gate = createCreditGate(policy);
      const open = request.receivables.map((r, i) => [r, i] as const).filter(([r]) => r.status !== "paid");
      if (open.length === 0) return;
      const [, index] = open[pick % open.length] as readonly [ReceivableInput, number];
      const paid = { ...request, receivables: request.receivables.map((r, i) => (i === index ? { ...r, status: "paid" as const, paidDate: AS_OF } : r)) };
      const before = gate.decide(request);
      const after = gate.decide(paid);
      after.tenders.forEach((t, i) => { expect(RANK[t.outcome]).toBeLessThanOrEqual(RANK[before.tenders[i]?.outcome ?? "deny"]); });
    }), RUNS);
  });

  it("a policy with only scope: \"credit\" rules never denies an immediate tender", () => {
    fc.assert(fc.property(policyArb(true), requestArb, (policy, request) => {
      const d = createCreditGate(policy).decide(request);
      for (const t of d.tenders) if (t.term === "immediate") expect(t.outcome).not.toBe("deny");
      for (const o of d.options) if (o.term === "immediate") expect(o.outcome).toBe("allow");
      expect(d.status).not.toBe("blocked");
    }), RUNS);
  });

  it("the same request gives the same decision, and the request is untouched", () => {
    fc.assert(fc.property(policyArb(), requestArb, (policy, request) => {
      const before = snapshot(request);
      const a = createCreditGate(policy).decide(request);
      const gate = createCreditGate(policy);
      gate.decide({ ...request, asOf: "2027-06-01" }); // an unrelated decision in between
      const b = gate.decide(request);
      expect(b).toEqual(a);
      expect(request).toEqual(before);
    }), RUNS);
  });

  it("accepts exactly the requests CheckoutRequestSchema accepts, and reports the same paths", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [] });
    const mutated = fc.tuple(requestArb, fc.constantFrom("receivables.0.amount", "receivables.0.dueDate", "receivables.1.id", "receivables.0.status", "receivables.0.paidDate", "receivables.0.extra", "receivables.0.customerId", "customer.creditLimit", "asOf", "sale.tenders.0.method"), fc.oneof(fc.anything(), fc.constantFrom("t0", "c", "other", "2026-12-01", "2026-02-30", "12.345", "paid", -1)))
      .map(([request, path, value]) => {
        const copy = structuredClone(request) as unknown as Record<string, unknown>;
        const keys = path.split(".");
        let node: Record<string, unknown> | undefined = copy;
        for (const k of keys.slice(0, -1)) node = node?.[k] as Record<string, unknown> | undefined;
        if (node) node[keys[keys.length - 1] as string] = value;
        return copy;
      });
    fc.assert(fc.property(mutated, (request) => {
      const schema = CheckoutRequestSchema.safeParse(request);
      let paths: string[] = [];
      try {
        gate.decide(request as CheckoutRequestInput);
      } catch (error) {
        expect(error).toBeInstanceOf(CreditBlockError);
        paths = (error as CreditBlockError).issues.map((i) => i.path);
      }
      expect(paths.length === 0).toBe(schema.success);
      if (!schema.success) {
        const expected = schema.error.issues.map((i) => i.path.map((k, n) => (typeof k === "number" ? `[${k}]` : n === 0 ? String(k) : `.${String(k)}`)).join(""));
        for (const p of new Set(expected)) expect(paths.some((q) => q === p || q.startsWith(`${p}.`) || q.startsWith(`${p}[`))).toBe(true);
      }
    }), RUNS);
  });

  it("documents the one exception: overduePercent is a ratio, so paying a título not yet due can raise it", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "share", when: { fact: "overduePercent", op: "gt", value: 50 }, scope: "credit", action: "deny" }] });
    const request: CheckoutRequestInput = { asOf: AS_OF, customer: { id: "c" }, receivables: [{ id: "late", amount: "40.00", dueDate: "2026-11-01" }, { id: "future", amount: "60.00", dueDate: "2026-12-20" }] };
    expect(gate.decide(request).status).toBe("clear");
    const paidFuture = { ...request, receivables: [request.receivables[0] as ReceivableInput, { id: "future", amount: "60.00", dueDate: "2026-12-20", status: "paid" as const, paidDate: AS_OF }] };
    expect(gate.decide(paidFuture).status).toBe("restricted");
  });

  it("nextChange: the first later day on which, with nothing paid, the status is worse — checked day by day", () => {
    const STATUS = { clear: 0, warning: 1, restricted: 2, blocked: 3 } as const;
    // Every change these policies and requests can bring falls within 200 days: títulos due by
    // +60, thresholds up to 120 days, grace up to 10, limits expiring by +60.
    const HORIZON = 200;
    let changes = 0;
    const ignoreBelowArb = fc.option(fc.constantFrom("5.00", "300.00"), { nil: undefined });
    fc.assert(fc.property(policyArb(), ignoreBelowArb, requestArb, (base, ignoreOverdueBelow, request) => {
      const gate = createCreditGate(ignoreOverdueBelow === undefined ? base : { ...base, ignoreOverdueBelow });
      const now = gate.decide(request);
      let expected: { date: string; status: string } | null = null;
      for (let k = 1; k <= HORIZON && expected === null; k++) {
        const date = addDays(AS_OF, k);
        const later = gate.decide({ ...request, asOf: date });
        if (STATUS[later.status] > STATUS[now.status]) {
          expected = { date, status: later.status };
          if (now.nextChange) expect(later.reasons.map((r) => r.rule)).toContain(now.nextChange.rule);
        }
      }
      expect(now.nextChange === null ? null : { date: now.nextChange.date, status: now.nextChange.status }).toEqual(expected);
      if (expected) changes++;
    }), {
      numRuns: 300,
      // Found by this property against a version that took day thresholds from the oldest título
      // even when it was below ignoreOverdueBelow (so never counted).
      examples: [[
        { id: "p", version: 1, graceDays: 0, consumer: false, rules: [{ id: "r0", when: { fact: "maxDaysOverdue", op: "gt", value: 1 }, scope: { methods: ["boleto", "check"] }, action: "deny" }] },
        "5.00",
        { asOf: AS_OF, customer: { id: "c" }, receivables: [{ id: "t0", amount: "0.01", dueDate: "2026-11-22" }, { id: "t1", amount: "5.00", dueDate: "2026-11-23" }], sale: { tenders: [{ method: "cash", amount: "0.01" }] } },
      ]],
    });
    expect(changes).toBeGreaterThan(40);
  });
});
