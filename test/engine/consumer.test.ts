import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays, COUNTER_OPTIONS, createCreditGate, CreditBlockError, definePolicy, FACT_TYPES, PAYMENT_METHODS, PolicyError, TenderSchema,
  type CheckoutRequestInput, type Condition, type Decision, type PolicyDocument, type Rule, type Scope,
} from "credit-block";
import { createHandler } from "credit-block/http";
import { expectIssue } from "../support/expectError.js";

/**
 * Issue #14 items 1, 5 and 6: CDC art. 39 IX (no refusal, not even in waiting, of a consumer who
 * pays at once), what the cashier sees (status, customer text), and the counter's tender terms.
 */
const AS_OF = "2026-11-23";

/** The debt facts of issue #14 item 1, written here independently of the library's table. */
const DEBT = new Set(["openBalance", "overdueBalance", "overduePercent", "overdueCount", "maxDaysOverdue", "exposureAfterSale", "creditLimit", "creditLimitExpired", "availableCredit", "dunningLevel", "negativated", "segment", "riskClass"]);
/** The DESIGN.md option table, written out. */
const IMMEDIATE_METHODS = ["cash", "pix", "debit_card", "credit_card", "voucher", "digital_wallet", "bank_transfer", "boleto", "check", "other"];

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((n) => ({ fact: "overdueCount", op: "gt" as const, value: n })),
  fc.integer({ min: 0, max: 90 }).map((n) => ({ fact: "maxDaysOverdue", op: "gt" as const, value: n })),
  fc.constant({ fact: "overdueBalance", op: "gt" as const, value: "0.00" }),
  fc.constant({ fact: "exposureAfterSale", op: "gt" as const, value: { fact: "creditLimit" } }),
  fc.constant({ fact: "negativated", op: "eq" as const, value: true }),
  fc.constant({ fact: "dunningLevel", op: "gte" as const, value: 2 }),
  fc.constant({ fact: "segment", op: "eq" as const, value: "chronic" }),
  fc.constant({ fact: "riskClass", op: "eq" as const, value: "E" }),
  fc.constant({ fact: "tags", op: "includes" as const, value: "fraude" }),
  fc.constant({ fact: "onHold", op: "eq" as const, value: true }),
  fc.constant({ fact: "bouncedChecks", op: "gte" as const, value: 2 }),
  fc.constant({ fact: "saleTotal", op: "gt" as const, value: "5000.00" }),
);
const scopeArb: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant("all" as const),
  fc.constant("credit" as const),
  fc.record({ methods: fc.subarray([...PAYMENT_METHODS], { minLength: 1 }) }),
  fc.record({ methods: fc.subarray([...PAYMENT_METHODS], { minLength: 1 }), terms: fc.subarray(["immediate", "deferred"] as ("immediate" | "deferred")[], { minLength: 1 }) }),
  fc.record({ terms: fc.subarray(["immediate", "deferred"] as ("immediate" | "deferred")[], { minLength: 1 }) }),
);
const ruleArb: fc.Arbitrary<Omit<Rule, "id">> = fc.record({
  when: fc.oneof(leaf, fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all }))),
  scope: scopeArb,
  action: fc.constantFrom("deny" as const, "review" as const, "warn" as const),
  allowImmediateBlock: fc.option(fc.boolean(), { nil: undefined }),
}).map((r) => (r.allowImmediateBlock === undefined ? { when: r.when, scope: r.scope, action: r.action } : r));
const consumerPolicyArb: fc.Arbitrary<PolicyDocument> = fc.array(ruleArb, { minLength: 1, maxLength: 5 })
  .map((rules) => ({ id: "p", version: 1, rules: rules.map((r, i) => ({ ...r, id: `r${i}` })) }));

const factsOf = (c: Condition): string[] => ("all" in c ? c.all.flatMap(factsOf) : "any" in c ? c.any.flatMap(factsOf) : "not" in c ? factsOf(c.not) : [c.fact, ...(typeof c.value === "object" && c.value !== null && !Array.isArray(c.value) && "fact" in c.value ? [c.value.fact] : [])]);
const reachesImmediate = (scope: Scope): boolean =>
  scope === "all" || (scope !== "credit" && (scope.terms === undefined || scope.terms.includes("immediate")) && (scope.methods ?? PAYMENT_METHODS).some((m) => IMMEDIATE_METHODS.includes(m)));
/** Would CDC art. 39 IX forbid this rule in a consumer policy? */
const forbidden = (r: Omit<Rule, "id">): boolean =>
  r.action !== "warn" && reachesImmediate(r.scope) && (r.allowImmediateBlock !== true || factsOf(r.when).some((f) => DEBT.has(f)));

const requestArb: fc.Arbitrary<CheckoutRequestInput> = fc.record({
  receivables: fc.array(fc.record({ cents: fc.integer({ min: 1, max: 200_000 }), due: fc.integer({ min: -200, max: 40 }) }), { maxLength: 6 }),
  limit: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
  negativated: fc.boolean(),
  dunningLevel: fc.integer({ min: 0, max: 4 }),
  riskClass: fc.option(fc.constantFrom("A", "E"), { nil: undefined }),
  tags: fc.subarray(["fraude", "vip"]),
  hold: fc.boolean(),
  bouncedChecks: fc.integer({ min: 0, max: 3 }),
  tenders: fc.array(fc.record({ method: fc.constantFrom(...PAYMENT_METHODS), cents: fc.integer({ min: 1, max: 900_000 }), term: fc.constantFrom(undefined, "immediate" as const, "deferred" as const) }), { minLength: 1, maxLength: 3 }),
}).map((r) => ({
  asOf: AS_OF,
  customer: {
    id: "c", negativated: r.negativated, dunningLevel: r.dunningLevel, tags: r.tags, bouncedChecks: r.bouncedChecks,
    ...(r.hold ? { hold: true } : {}), ...(r.riskClass ? { riskClass: r.riskClass } : {}), ...(r.limit !== undefined ? { creditLimit: (r.limit / 100).toFixed(2) } : {}),
  },
  receivables: r.receivables.map((t, i) => ({ id: `t${i}`, amount: (t.cents / 100).toFixed(2), dueDate: addDays(AS_OF, t.due) })),
  sale: { tenders: r.tenders.map((t) => ({ method: t.method, amount: (t.cents / 100).toFixed(2), ...(t.term && !(t.method === "store_credit" && t.term === "immediate") ? { term: t.term } : {}) })) },
}));

/** The same customer and sale with no debt and no credit standing at all. */
const debtFree = (request: CheckoutRequestInput): CheckoutRequestInput => {
  const customer = { ...request.customer };
  delete customer.creditLimit;
  delete customer.riskClass;
  return { ...request, receivables: [], customer: { ...customer, negativated: false, dunningLevel: 0 } };
};
const immediateVerdicts = (d: Decision) => [
  ...d.options.filter((o) => o.term === "immediate").map((o) => `${o.method}:${o.outcome}`),
  ...d.tenders.filter((t) => t.term === "immediate").map((t) => `tender ${t.method}:${t.outcome}`),
];

describe("CDC art. 39 IX: no refusal, not even in waiting, of a consumer who pays at once", () => {
  it("no consumer policy makes an immediate tender wait or fail because of a debt fact (property)", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(fc.property(consumerPolicyArb, fc.array(requestArb, { minLength: 1, maxLength: 3 }), (policy, requests) => {
      let gate;
      try {
        gate = createCreditGate(policy);
      } catch (error) {
        expect(error).toBeInstanceOf(PolicyError);
        const paths = (error as PolicyError).issues.map((i) => i.path);
        // Refused only for a rule the law forbids, and at that rule.
        const bad = policy.rules.map((r, i) => [r, i] as const).filter(([r]) => forbidden(r)).map(([, i]) => `rules[${i}]`);
        expect(bad.length).toBeGreaterThan(0);
        for (const p of paths) expect(bad.some((b) => p.startsWith(`${b}.`))).toBe(true);
        refused++;
        return;
      }
      expect(policy.rules.some(forbidden)).toBe(false);
      accepted++;
      for (const request of requests) {
        // Whatever the debts, the à vista verdicts are those of the same sale with no debt at all.
        expect(immediateVerdicts(gate.decide(request))).toEqual(immediateVerdicts(gate.decide(debtFree(request))));
      }
    }), { numRuns: 1000 });
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it("refuses a consumer policy whose review could hold a sale paid at once, with the rule's path", () => {
    expectIssue(() => definePolicy({ id: "p", version: 1, rules: [
      { id: "ok", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
      { id: "hold-pix", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: { methods: ["pix"] }, action: "review" },
    ] }), "rules[1].scope", "policy.immediate_block");
  });

  it("keeps allowImmediateBlock for fraud holds and tags, and refuses it on overdueCount with the reason", () => {
    expect(() => definePolicy({ id: "p", version: 1, rules: [{ id: "fraud", when: { any: [{ fact: "tags", op: "includes", value: "fraude" }, { fact: "onHold", op: "eq", value: true }] }, scope: "all", action: "deny", allowImmediateBlock: true }] })).not.toThrow();
    try {
      definePolicy({ id: "p", version: 1, rules: [{ id: "bad", when: { all: [{ fact: "tags", op: "includes", value: "x" }, { fact: "overdueCount", op: "gt", value: 0 }] }, scope: "all", action: "deny", allowImmediateBlock: true }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CreditBlockError);
      const e = error as CreditBlockError;
      expect(e.issues).toEqual([expect.objectContaining({ path: "rules[0].allowImmediateBlock", code: "policy.immediate_block_debt" })]);
      expect(e.issues[0]?.message).toContain("overdueCount");
      expect(e.localized("pt-BR")[0]?.message).toContain("CDC art. 39 IX");
    }
  });

  it("lets a B2B policy (consumer: false) hold or refuse à vista on debts", () => {
    const gate = createCreditGate({ id: "atacado", version: 1, consumer: false, rules: [{ id: "late", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "all", action: "review" }] });
    const d = gate.decide({ asOf: AS_OF, customer: { id: "cnpj" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "pix", amount: "50.00" }] } });
    expect(d.outcome).toBe("review");
    expect(d.status).toBe("blocked");
  });
});

describe("what the cashier sees", () => {
  it("status is blocked exactly when no immediate option is allowed, and the customer text never says refused while à vista is allowed (property)", () => {
    const b2bArb = fc.array(ruleArb, { minLength: 1, maxLength: 5 }).map((rules): PolicyDocument => ({ id: "p", version: 1, consumer: false, rules: rules.map((r, i) => ({ ...r, id: `r${i}` })) }));
    let blocked = 0;
    let restricted = 0;
    fc.assert(fc.property(b2bArb, requestArb, (policy, request) => {
      const d = createCreditGate(policy).decide(request);
      const immediateAllowed = d.options.some((o) => o.term === "immediate" && o.outcome === "allow");
      const anyRefused = d.options.some((o) => o.outcome !== "allow");
      expect(d.status === "blocked").toBe(!immediateAllowed);
      if (d.status === "restricted") {
        restricted++;
        expect(anyRefused).toBe(true);
        expect(d.customerMessage).not.toMatch(/não autorizada|not authorised/);
        // It names a way to pay now that really is allowed.
        const names: Record<string, string> = { cash: "dinheiro", pix: "Pix", debit_card: "cartão de débito", credit_card: "cartão de crédito", voucher: "vale", digital_wallet: "carteira digital", bank_transfer: "transferência bancária", boleto: "boleto", check: "cheque", other: "outra forma" };
        const first = d.options.find((o) => o.term === "immediate" && o.outcome === "allow");
        expect(d.customerMessage).toContain(names[first?.method ?? ""]);
      }
      if (d.status === "blocked") {
        blocked++;
        expect(d.customerMessage).toBe("Compra não autorizada neste momento. Procure o atendimento.");
      }
      if (d.status === "clear" || d.status === "warning") expect(d.customerMessage).toBeNull();
      expect(d.customerMessage ?? "").not.toMatch(/R\$|título|vencid|dívida/);
    }), { numRuns: 1000 });
    expect(blocked).toBeGreaterThan(20);
    expect(restricted).toBeGreaterThan(20);
  });

  it("a B2B rule that refuses cash and Pix only is restricted, not blocked: the card still pays at once", () => {
    const gate = createCreditGate({ id: "p", version: 1, consumer: false, rules: [{ id: "no-cash", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: { methods: ["cash", "pix"] }, action: "deny" }] });
    const d = gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] });
    expect(d.status).toBe("restricted");
    expect(d.customerMessage).toBe("Algumas formas de pagamento estão indisponíveis no momento. Disponíveis à vista: cartão de débito, cartão de crédito, vale, carteira digital e outras.");
  });

  it("writes pt-BR without English words: segments in messages, methods in the sale-blocked text", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "perfil", when: { fact: "segment", op: "eq", value: "chronic" }, scope: "credit", action: "review" }] });
    const history = ["2026-06-01", "2026-07-01", "2026-08-01"].map((due, i) => ({ id: `h${i}`, amount: "50.00", dueDate: due, status: "paid" as const, paidDate: addDays(due, 30) }));
    const d = gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: history, sale: { tenders: [{ method: "store_credit", amount: "10.00" }] } });
    expect(d.facts.segment).toBe("chronic"); // the JSON keeps the code
    expect(d.reasons[0]?.message).toBe("perfil de pagamento atraso crônico");
    expect(d.reasons[0]?.message).not.toMatch(/chronic|punctual|occasional/);
  });
});

describe("tender terms at the counter", () => {
  it("a cheque is credit unless sent as cashed at once", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "late", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" }] });
    const base = { asOf: AS_OF, customer: { id: "c" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] };
    const pre = gate.decide({ ...base, sale: { tenders: [{ method: "check", amount: "100.00" }] } });
    expect(pre.tenders[0]).toMatchObject({ term: "deferred", outcome: "deny" });
    const cashed = gate.decide({ ...base, sale: { tenders: [{ method: "check", amount: "100.00", term: "immediate" }] } });
    expect(cashed.tenders[0]).toMatchObject({ term: "immediate", outcome: "allow" });
    expect(TenderSchema.parse({ method: "check", amount: "1" }).term).toBe("deferred");
  });

  it("refuses store_credit paid immediately, naming the tender's term", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [] });
    expectIssue(() => gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: [], sale: { tenders: [{ method: "pix", amount: "1.00" }, { method: "store_credit", amount: "10.00", term: "immediate" }] } }), "sale.tenders[1].term", "tender.contradictory_term");
    const parsed = TenderSchema.safeParse({ method: "store_credit", amount: "1", term: "immediate" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["term"]);
  });

  it("answers 422 over HTTP for store_credit immediate, with the path", async () => {
    const handler = createHandler({ policy: { id: "p", version: 1, rules: [] }, now: () => new Date("2026-11-23T12:00:00Z") });
    const response = await handler(new Request("http://pos.local/v1/decide", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ customer: { id: "c" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: "10.00", term: "immediate" }] } }),
    }));
    expect(response.status).toBe(422);
    const body = await response.json() as { issues: { path: string; code: string }[] };
    expect(body.issues).toEqual([expect.objectContaining({ path: "sale.tenders[0].term", code: "tender.contradictory_term" })]);
  });

  it("lists only the method × term pairs that exist at a counter", () => {
    const d = createCreditGate({ id: "p", version: 1, rules: [] }).decide({ asOf: AS_OF, customer: { id: "c" }, receivables: [] });
    const pairs = d.options.map((o) => `${o.method}/${o.term}`);
    for (const absent of ["cash/deferred", "pix/deferred", "debit_card/deferred", "credit_card/deferred", "voucher/deferred", "digital_wallet/deferred", "bank_transfer/deferred", "store_credit/immediate"]) expect(pairs).not.toContain(absent);
    for (const present of ["boleto/immediate", "boleto/deferred", "check/immediate", "check/deferred", "store_credit/deferred", "other/immediate", "other/deferred"]) expect(pairs).toContain(present);
    expect(pairs).toEqual(COUNTER_OPTIONS.map(([m, t]) => `${m}/${t}`));
    expect(Object.keys(FACT_TYPES)).toContain("segment");
  });
});
