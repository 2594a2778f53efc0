import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CreditBlockError, createCreditGate, definePolicy, PolicyError, presets } from "credit-block";
import { policyJsonSchema } from "credit-block/json-schema";
import { issuesOf } from "../support/expectError.js";

describe("definePolicy", () => {
  it("fills defaults and freezes the policy", () => {
    const p = definePolicy(presets.blockCreditWhenOverdue({ graceDays: 3 }));
    expect(p).toMatchObject({ currency: "BRL", locale: "pt-BR", graceDays: 3, consumer: true });
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.rules[0])).toBe(true);
  });

  it("lists every problem of a policy file with typos and wrong types, each with its path", () => {
    const json = JSON.parse(`{
      "id": "loja", "version": 1, "graceDay": 5, "locale": "es",
      "rules": [
        { "id": "a", "when": { "fact": "overdueCont", "op": "gt", "value": 0 }, "scope": "credit", "action": "deny" },
        { "id": "a", "when": { "any": [] }, "scope": "credit", "action": "deny" },
        { "id": "b", "when": { "fact": "overdueBalance", "op": "gt", "value": 300 }, "scope": "credit", "action": "deny" },
        { "id": "c", "when": { "fact": "overdueCount", "op": "gt", "value": "100.00" }, "scope": "credit", "action": "block" },
        { "id": "d", "when": { "fact": "riskClass", "op": "greater", "value": "C" }, "scope": "credit", "action": "deny", "mesage": "x" },
        { "id": "e", "when": { "fact": "onHold", "op": "gt", "value": true }, "scope": { "methods": ["bitcoin"] }, "action": "review" },
        { "id": "f", "when": { "all": [{ "fact": "tags", "op": "includes", "value": "vip" }, { "not": { "fact": "overduePercent", "op": "gt", "value": "50.123" } }] }, "scope": "credit", "action": "warn", "message": "cliente {vipLevel}" }
      ]
    }`) as unknown;
    let error: unknown;
    try {
      definePolicy(json);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect(error).toBeInstanceOf(CreditBlockError);
    const e = error as PolicyError;
    expect(e.code).toBe("INVALID_POLICY");
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i.code]));
    expect(byPath).toMatchObject({
      graceDay: "unknown_key",
      locale: "invalid_value",
      "rules[0].when.fact": "policy.unknown_fact",
      "rules[1].id": "duplicate_id",
      "rules[1].when.any": "policy.empty_group",
      "rules[2].when.value": "policy.value_type",
      "rules[3].when.value": "policy.value_type",
      "rules[3].action": "invalid_value",
      "rules[4].when.op": "policy.unknown_op",
      "rules[4].mesage": "unknown_key",
      "rules[5].when.op": "policy.op_type",
      "rules[5].scope.methods[0]": "invalid_value",
      "rules[6].when.all[1].not.value": "policy.value_type",
      "rules[6].message": "policy.placeholder",
    });
    expect(e.issues.find((i) => i.path === "rules[2].when.value")?.message).toContain('money string like "500.00"');
    expect(e.issues.find((i) => i.path === "rules[3].when.value")?.message).toContain("is money, not a count");
  });

  it("refuses a rule that can deny or hold a sale paid at once under consumer: true, citing CDC art. 39 IX", () => {
    const denyCash = { id: "x", version: 1, rules: [{ id: "no-cash", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: { methods: ["cash"] }, action: "deny" }] };
    const issues = issuesOf(() => definePolicy(denyCash));
    expect(issues).toEqual([expect.objectContaining({ path: "rules[0].scope", code: "policy.immediate_block" })]);
    expect(issues[0]?.message).toContain("CDC art. 39 IX");
    expect(issuesOf(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], scope: "all" }] }))[0]?.code).toBe("policy.immediate_block");
    // a supervisor review of a cash sale because of a debt is a refusal in waiting
    expect(issuesOf(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], action: "review" }] }))[0]?.code).toBe("policy.immediate_block");
    // a boleto or a cheque paid at once is paid at once too
    expect(issuesOf(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], scope: { methods: ["check", "boleto"] } }] }))[0]?.code).toBe("policy.immediate_block");
    // allowImmediateBlock cannot rest on a debt fact
    const flagged = issuesOf(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], allowImmediateBlock: true }] }));
    expect(flagged).toEqual([expect.objectContaining({ path: "rules[0].allowImmediateBlock", code: "policy.immediate_block_debt" })]);
    expect(flagged[0]?.message).toContain("overdueCount");
    // allowed: a deferred-only scope, a warn, a fraud tag with the flag, or consumer: false
    expect(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], scope: { methods: ["cash", "check", "boleto"], terms: ["deferred"] } }] })).not.toThrow();
    expect(() => definePolicy({ ...denyCash, rules: [{ ...denyCash.rules[0], action: "warn" }] })).not.toThrow();
    expect(() => definePolicy({ ...denyCash, rules: [{ id: "fraud", when: { fact: "tags", op: "includes", value: "fraude" }, scope: "all", action: "review", allowImmediateBlock: true }] })).not.toThrow();
    expect(() => definePolicy({ ...denyCash, consumer: false })).not.toThrow();
    expect(() => definePolicy({ ...denyCash, consumer: false, rules: [{ ...denyCash.rules[0], action: "review" }] })).not.toThrow();
  });

  it("compares facts with facts, scaled exactly", () => {
    const gate = createCreditGate(presets.creditLimit({ tolerancePercent: 10 }));
    const decide = (sale: string) => gate.decide({ asOf: "2026-11-23", customer: { id: "c", creditLimit: "1000.00" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: sale }] } }).outcome;
    expect(decide("1100.00")).toBe("allow");
    expect(decide("1100.01")).toBe("review");
  });

  it("reads custom attributes", () => {
    const gate = createCreditGate({ id: "a", version: 1, rules: [{ id: "score", when: { fact: "attributes.score", op: "lt", value: 400 }, scope: "credit", action: "review" }] });
    const decide = (score: number | string) => gate.decide({ asOf: "2026-11-23", customer: { id: "c", attributes: { score } }, receivables: [] }).status;
    expect(decide(300)).toBe("restricted");
    expect(decide(500)).toBe("clear");
    expect(decide("300")).toBe("clear"); // a string never orders against a number
  });

  it("ships the policy JSON Schema, identical to the one generated from the zod schema", () => {
    const shipped = JSON.parse(readFileSync(fileURLToPath(new URL("../../policy.schema.json", import.meta.url)), "utf8")) as unknown;
    expect(shipped).toEqual(policyJsonSchema());
    const schema = policyJsonSchema();
    expect(schema.properties).toHaveProperty("rules");
    expect(JSON.stringify(schema)).toContain("overdueCount");
  });
});
