import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCreditGate, definePolicy, FACT_TYPES, PolicyError, PolicySchema, type Issue, type PolicyDocument } from "credit-block";

/**
 * The policy document as definePolicy checks it, through the public API only: every fact type
 * against every operator, the literals each type takes, fact references, the structural limits,
 * unknown keys at every depth, placeholders, CDC art. 39 IX, the charges block, and what the
 * returned policy looks like. Each refusal is asserted by its exact path and code.
 * (test/engine/policy.test.ts holds the one-document overview; this file goes case by case.)
 */

type Json = Record<string, unknown>;

/** A one-rule document (scope "credit", action "deny": nothing CDC art. 39 IX refuses). */
const doc = (when: unknown, rule: Json = {}, top: Json = {}): Json => ({
  id: "p", version: 1, ...top, rules: [{ id: "r", when, scope: "credit", action: "deny", ...rule }],
});
/** A document for createCreditGate, which takes the typed form. */
const gateOf = (json: Json) => createCreditGate(json as unknown as PolicyDocument);
const leaf = (fact: string, op: string, value: unknown): Json => ({ fact, op, value });
const BASIC = leaf("overdueCount", "gt", 0);

/** The PolicyError definePolicy throws (code INVALID_POLICY); fails when it accepts the document. */
function refusal(json: unknown): PolicyError {
  try {
    definePolicy(json);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).code).toBe("INVALID_POLICY");
    return error as PolicyError;
  }
  throw new Error(`definePolicy accepted ${JSON.stringify(json).slice(0, 300)}`);
}
/** [path, code] of every issue, in order. */
const found = (json: unknown): [string, string][] => refusal(json).issues.map((i) => [i.path, i.code]);
const only = (json: unknown): Issue => {
  const issues = refusal(json).issues;
  expect(issues).toHaveLength(1);
  return issues[0] as Issue;
};
const accepted = (json: unknown): void => {
  let error: unknown;
  try {
    definePolicy(json);
  } catch (e) {
    error = e;
  }
  expect(error === undefined ? [] : (error as PolicyError).issues).toEqual([]);
};

// ---- facts × operators -------------------------------------------------------------------

/** The facts by type as the README documents them (FACT_TYPES may hold more: they are tested too). */
const DOCUMENTED = {
  money: ["openBalance", "overdueBalance", "creditLimit", "availableCredit", "saleTotal", "saleCreditAmount", "exposureAfterSale"],
  count: ["overdueCount", "maxDaysOverdue", "dunningLevel", "bouncedChecks"],
  percent: ["overduePercent"],
  boolean: ["creditLimitExpired", "onHold", "negativated"],
  string: ["riskClass", "segment"],
  list: ["tags"],
  attribute: ["attributes.score", "attributes._x1"],
} as const;
type FactTypeName = keyof typeof DOCUMENTED;
/** Every fact of FACT_TYPES by type, plus two attributes.<name>. */
const FACTS_BY_TYPE = Object.fromEntries(
  (Object.keys(DOCUMENTED) as FactTypeName[]).map((type): [FactTypeName, readonly string[]] => [
    type,
    type === "attribute" ? DOCUMENTED.attribute : Object.keys(FACT_TYPES).filter((f) => (FACT_TYPES as Record<string, string>)[f] === type),
  ]),
) as Record<FactTypeName, readonly string[]>;
/** The facts a condition may compare with null (eq / ne), of those documented. */
const NULLABLE: ReadonlySet<string> = new Set(["creditLimit", "availableCredit", "riskClass", "segment"]);

const OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn", "includes"] as const;
type Op = (typeof OPS)[number];
const ACCEPTED_OPS: Record<FactTypeName, readonly Op[]> = {
  money: ["eq", "ne", "gt", "gte", "lt", "lte"],
  count: ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn"],
  percent: ["eq", "ne", "gt", "gte", "lt", "lte"],
  boolean: ["eq", "ne"],
  string: ["eq", "ne", "in", "notIn"],
  list: ["includes"],
  attribute: ["eq", "ne", "gt", "gte", "lt", "lte", "in", "notIn"],
};
/** A right-hand side of the right type for an accepted operator. */
function goodValue(type: FactTypeName, op: Op): unknown {
  const list = op === "in" || op === "notIn";
  switch (type) {
    case "money": return "100.00";
    case "count": return list ? [1, 2] : 3;
    case "percent": return "33.33";
    case "boolean": return true;
    case "string": return list ? ["C", "D"] : "C";
    case "list": return "vip";
    case "attribute": return list ? ["gold", 7] : op === "eq" || op === "ne" ? "gold" : 400;
  }
}
const allFacts = (Object.entries(FACTS_BY_TYPE) as [FactTypeName, readonly string[]][]).flatMap(([type, facts]) => facts.map((fact) => [fact, type] as const));

describe("facts × operators", () => {
  it("FACT_TYPES holds every documented fact with its type, and only types this file knows", () => {
    const documented = Object.fromEntries((Object.entries(DOCUMENTED) as [FactTypeName, readonly string[]][]).filter(([t]) => t !== "attribute").flatMap(([t, facts]) => facts.map((f) => [f, t])));
    expect(FACT_TYPES).toMatchObject(documented);
    for (const type of Object.values(FACT_TYPES)) expect(Object.keys(DOCUMENTED)).toContain(type);
  });

  it.each(allFacts)("%s (%s) takes exactly its operators; any other is policy.op_type at when.op", (fact, type) => {
    for (const op of OPS) {
      const json = doc(leaf(fact, op, goodValue(type, ACCEPTED_OPS[type].includes(op) ? op : ACCEPTED_OPS[type][0] as Op)));
      if (ACCEPTED_OPS[type].includes(op)) {
        accepted(json);
        continue;
      }
      const issue = only(json);
      expect([issue.path, issue.code]).toEqual(["rules[0].when.op", "policy.op_type"]);
      expect(issue.params).toMatchObject({ op, type, fact, ops: ACCEPTED_OPS[type].join(", ") });
      expect(issue.message).toBe(`operator "${op}" does not apply to ${type} fact "${fact}"; use ${ACCEPTED_OPS[type].join(", ")}`);
    }
  });

  it("an unknown operator or fact is named, and the value is then not checked", () => {
    expect(found(doc(leaf("overdueCount", "greater", "x")))).toEqual([["rules[0].when.op", "policy.unknown_op"]]);
    expect(only(doc(leaf("overdueCount", "greater", 1))).message).toBe('unknown operator "greater"; use one of eq, ne, gt, gte, lt, lte, in, notIn, includes');
    expect(found(doc(leaf("overdueCont", "gt", "x")))).toEqual([["rules[0].when.fact", "policy.unknown_fact"]]);
    expect(found(doc(leaf("overdueCont", "bigger", 0)))).toEqual([["rules[0].when.fact", "policy.unknown_fact"], ["rules[0].when.op", "policy.unknown_op"]]);
    // attributes.<name> needs a name that is an identifier
    for (const fact of ["attributes.", "attributes.1x", "attributes.a-b", "attributes.a.b"]) {
      expect(found(doc(leaf(fact, "eq", 1)))).toEqual([["rules[0].when.fact", "policy.unknown_fact"]]);
    }
    expect(only(doc({ fact: 42, op: "eq", value: 1 })).params).toMatchObject({ fact: "42" });
    // inherited names are not facts
    expect(found(doc(leaf("toString", "eq", 1)))).toEqual([["rules[0].when.fact", "policy.unknown_fact"]]);
  });
});

// ---- literals by fact type ---------------------------------------------------------------

/** The one issue of `value` on `fact op value`: its [path, code], and its message. */
const valueIssue = (fact: string, op: string, value: unknown, top: Json = {}): [string, string, string] => {
  const i = only(doc(leaf(fact, op, value), {}, top));
  return [i.path, i.code, i.message];
};
const VALUE = "rules[0].when.value";

describe("literals per fact type", () => {
  it("money: a decimal string in the policy's currency, never a number", () => {
    for (const v of ["0", "0.00", "100", "100.5", "389.90", "-100.00", "9999999999999.99"]) accepted(doc(leaf("overdueBalance", "gt", v)));
    expect(valueIssue("overdueBalance", "gt", 300)).toEqual([VALUE, "policy.value_type", 'overdueBalance is a money fact, so the value must be a money string like "500.00" (a number here would be a count); got number 300']);
    expect(valueIssue("saleTotal", "eq", true)[1]).toBe("policy.value_type");
    expect(valueIssue("saleTotal", "eq", ["1.00"])).toEqual([VALUE, "policy.value_type", 'saleTotal is a money fact, so the value must be a single value (lists go with "in" / "notIn"); got an array']);
    expect(valueIssue("overdueBalance", "gt", "12,50").slice(0, 2)).toEqual([VALUE, "money.format"]);
    expect(valueIssue("overdueBalance", "gt", "1e3").slice(0, 2)).toEqual([VALUE, "money.format"]);
    expect(valueIssue("overdueBalance", "gt", "R$ 10,00").slice(0, 2)).toEqual([VALUE, "money.format"]);
    expect(valueIssue("overdueBalance", "gt", "1.234")).toEqual([VALUE, "money.fraction_digits", "1.234 has more fraction digits than BRL allows (2); round it explicitly before passing it"]);
    expect(valueIssue("overdueBalance", "gt", "99999999999999999999.00").slice(0, 2)).toEqual([VALUE, "money.too_large"]);
  });

  it("money follows the policy's currency: JPY has no cents", () => {
    accepted(doc(leaf("overdueBalance", "gt", "100"), {}, { currency: "JPY" }));
    expect(valueIssue("overdueBalance", "gt", "100.50", { currency: "JPY" })).toEqual([VALUE, "money.fraction_digits", "100.50 has more fraction digits than JPY allows (0); round it explicitly before passing it"]);
  });

  it("count: a safe integer; a money string is named as money", () => {
    for (const v of [0, 1, 5000, -1, Number.MAX_SAFE_INTEGER]) accepted(doc(leaf("overdueCount", "gte", v)));
    expect(valueIssue("overdueCount", "gt", "100.00")).toEqual([VALUE, "policy.value_type", 'overdueCount is a count fact, so the value must be a whole number (a string like "500.00" is money, not a count); got the string "100.00"']);
    expect(valueIssue("maxDaysOverdue", "gt", 1.5)).toEqual([VALUE, "policy.value_type", "maxDaysOverdue is a count fact, so the value must be a whole number; got number 1.5"]);
    expect(valueIssue("dunningLevel", "gt", 2 ** 53)[1]).toBe("policy.value_type");
    expect(valueIssue("bouncedChecks", "gt", Number.NaN)[1]).toBe("policy.value_type");
    expect(valueIssue("bouncedChecks", "eq", false)[1]).toBe("policy.value_type");
    expect(valueIssue("bouncedChecks", "eq", null)[1]).toBe("policy.value_type");
  });

  it("percent: at most 4 integer digits and 2 decimals, as a string or a number", () => {
    for (const v of [0, 50, 33.5, "33.33", "0.01", "-5", "9999.99", "100"]) accepted(doc(leaf("overduePercent", "gt", v)));
    const expected = 'overduePercent is a percent fact, so the value must be a percentage with at most 2 decimals, like 50 or "33.33"';
    expect(valueIssue("overduePercent", "gt", "50.123")).toEqual([VALUE, "policy.value_type", `${expected}; got the string "50.123"`]);
    expect(valueIssue("overduePercent", "gt", 50.125)).toEqual([VALUE, "policy.value_type", `${expected}; got number 50.125`]);
    for (const v of ["12345", "1e2", 1e21, "50%", "50,5", "", true, null, Number.POSITIVE_INFINITY]) {
      expect(valueIssue("overduePercent", "gt", v).slice(0, 2)).toEqual([VALUE, "policy.value_type"]);
    }
  });

  it("boolean: true or false only", () => {
    accepted(doc(leaf("onHold", "eq", false)));
    accepted(doc(leaf("negativated", "ne", true)));
    for (const v of ["true", 1, 0, null]) expect(valueIssue("onHold", "eq", v).slice(0, 2)).toEqual([VALUE, "policy.value_type"]);
    expect(valueIssue("onHold", "eq", "true")[2]).toBe('onHold is a boolean fact, so the value must be true or false; got the string "true"');
  });

  it("string: up to 200 characters, lists with in / notIn", () => {
    accepted(doc(leaf("riskClass", "eq", "x".repeat(200))));
    accepted(doc(leaf("segment", "in", ["chronic", "new"])));
    accepted(doc(leaf("riskClass", "notIn", ["A"])));
    expect(valueIssue("riskClass", "eq", "x".repeat(201)).slice(0, 2)).toEqual([VALUE, "policy.value_type"]);
    expect(valueIssue("riskClass", "eq", 5)).toEqual([VALUE, "policy.value_type", "riskClass is a string fact, so the value must be a string; got number 5"]);
    expect(valueIssue("riskClass", "eq", ["A"])[1]).toBe("policy.value_type");
  });

  it("list (tags): includes one string", () => {
    accepted(doc(leaf("tags", "includes", "fraude")));
    expect(valueIssue("tags", "includes", 5)).toEqual([VALUE, "policy.value_type", "tags is a list fact, so the value must be a string to look for in the list; got number 5"]);
    expect(valueIssue("tags", "includes", ["vip"])).toEqual([VALUE, "policy.value_type", 'tags is a list fact, so the value must be a single value (lists go with "in" / "notIn"); got an array']);
    expect(valueIssue("tags", "includes", null)[1]).toBe("policy.value_type");
    expect(valueIssue("tags", "includes", "x".repeat(201))[1]).toBe("policy.value_type");
  });

  it("attributes.*: strings, finite numbers, booleans only with eq / ne", () => {
    for (const [op, v] of [["eq", "gold"], ["eq", 1.5], ["ne", true], ["gt", 400], ["lt", -0.25], ["gte", "m"], ["in", ["a", 1]], ["notIn", [2]]] as const) {
      accepted(doc(leaf("attributes.score", op, v)));
    }
    expect(only(doc(leaf("attributes.score", "gt", true)))).toMatchObject({ path: VALUE, code: "policy.value_type", params: { fact: "attributes.score", type: "attribute", expected: "a number for an ordering operator", got: "boolean true" } });
    expect(valueIssue("attributes.score", "in", [true])[1]).toBe("policy.value_type");
    for (const v of [null, Number.NaN, Number.POSITIVE_INFINITY, "x".repeat(501)]) {
      expect(valueIssue("attributes.score", "eq", v).slice(0, 2)).toEqual([VALUE, "policy.value_type"]);
    }
    accepted(doc(leaf("attributes.score", "eq", "x".repeat(500))));
  });

  it("in / notIn: a non-empty list of at most 100 literals, each of the fact's type", () => {
    accepted(doc(leaf("overdueCount", "in", Array.from({ length: 100 }, (_, i) => i))));
    const list = "overdueCount is a count fact, so the value must be a non-empty list (at most 100 items)";
    expect(valueIssue("overdueCount", "in", [])).toEqual([VALUE, "policy.value_type", `${list}; got an array`]);
    expect(valueIssue("overdueCount", "in", Array.from({ length: 101 }, (_, i) => i))).toEqual([VALUE, "policy.value_type", `${list}; got an array`]);
    expect(valueIssue("overdueCount", "notIn", 3)).toEqual([VALUE, "policy.value_type", `${list}; got number 3`]);
    // each bad item is one issue, at its index
    const issues = refusal(doc(leaf("overdueCount", "in", [1, "2", 3.5]))).issues;
    expect(issues.map((i) => [i.path, i.code, i.params?.got])).toEqual([[`${VALUE}[1]`, "policy.value_type", 'the string "2"'], [`${VALUE}[2]`, "policy.value_type", "number 3.5"]]);
  });

  // Was a bug (found by this file): the issue named the list, not the item.
  it("names the bad item of an in / notIn list by its index (value[1])", () => {
    expect(found(doc(leaf("overdueCount", "in", [1, "2", 3])))).toEqual([[`${VALUE}[1]`, "policy.value_type"]]);
  });
});

describe("null", () => {
  it("is allowed only with eq / ne, on the nullable facts (creditLimit, availableCredit, string facts)", () => {
    for (const fact of ["creditLimit", "availableCredit", "riskClass", "segment"]) {
      accepted(doc(leaf(fact, "eq", null)));
      accepted(doc(leaf(fact, "ne", null)));
    }
    expect(valueIssue("creditLimit", "gt", null)).toEqual([VALUE, "policy.value_type", 'creditLimit is a money fact, so the value must be a money string like "500.00" (a number here would be a count); got null']);
    expect(valueIssue("availableCredit", "lte", null)[1]).toBe("policy.value_type");
    for (const fact of ["openBalance", "overdueBalance", "saleTotal", "saleCreditAmount", "exposureAfterSale"]) {
      expect(valueIssue(fact, "eq", null).slice(0, 2)).toEqual([VALUE, "policy.value_type"]);
    }
    for (const fact of ["overdueCount", "overduePercent", "onHold", "attributes.score"]) expect(valueIssue(fact, "eq", null)[1]).toBe("policy.value_type");
    expect(valueIssue("tags", "includes", null)[1]).toBe("policy.value_type");
    expect(valueIssue("riskClass", "in", [null])[1]).toBe("policy.value_type");
  });

  it("a creditLimit eq null rule fires for a customer without a limit", () => {
    const gate = gateOf(doc(leaf("creditLimit", "eq", null), { action: "review" }));
    const decide = (customer: Json) => gate.decide({ asOf: "2026-11-23", customer: { id: "c", ...customer }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: "10.00" }] } }).outcome;
    expect(decide({})).toBe("review");
    expect(decide({ creditLimit: "500.00" })).toBe("allow");
  });
});

// ---- fact references ---------------------------------------------------------------------

const REF = "rules[0].when.value";
describe("fact references", () => {
  it("compare with a fact of the same type, scaled by a plain decimal `times`", () => {
    accepted(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit" })));
    accepted(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: "1.1" })));
    accepted(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: 1.1 })));
    accepted(doc(leaf("maxDaysOverdue", "gte", { fact: "dunningLevel", times: 30 })));
    accepted(doc(leaf("overduePercent", "gt", { fact: "attributes.maxPercent", times: "0.5" })));
    accepted(doc(leaf("onHold", "eq", { fact: "negativated" })));
    accepted(doc(leaf("riskClass", "ne", { fact: "segment" })));
    accepted(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: "999999.999999" })));
  });

  it("a scale that is not a plain decimal of up to 6 + 6 digits is decimal.format at value.times", () => {
    for (const times of ["1e3", 1e21, "-1", "1.1234567", "1234567", "", "1,1", true, null, Number.NaN]) {
      const i = only(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", times })));
      expect([i.path, i.code]).toEqual([`${REF}.times`, "decimal.format"]);
    }
    expect(only(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: 1e21 }))).message).toBe('"1e+21" is not a decimal number like "2" or "0.033"');
    // only money, count and percent scale
    for (const [fact, other] of [["riskClass", "segment"], ["onHold", "negativated"], ["attributes.a", "attributes.b"]]) {
      expect(found(doc(leaf(fact as string, "eq", { fact: other, times: "2" })))).toEqual([[`${REF}.times`, "decimal.format"]]);
    }
  });

  it("a fact of another type is refused, naming both types; attributes compare with anything", () => {
    expect(valueIssue("overdueCount", "gt", { fact: "overdueBalance" })).toEqual([REF, "policy.value_type", "overdueCount is a count fact, so the value must be a count fact (got the money fact overdueBalance); got object {\"fact\":\"overdueBalance\"}"]);
    expect(only(doc(leaf("overdueCount", "gt", { fact: "overdueBalance" }))).params).toMatchObject({ fact: "overdueCount", type: "count", expected: "a count fact (got the money fact overdueBalance)" });
    for (const [fact, op, other] of [["exposureAfterSale", "gt", "overduePercent"], ["overduePercent", "gt", "overdueCount"], ["onHold", "eq", "riskClass"], ["riskClass", "eq", "onHold"], ["creditLimit", "eq", "creditLimitExpired"]]) {
      expect(found(doc(leaf(fact as string, op as string, { fact: other })))).toEqual([[REF, "policy.value_type"]]);
    }
    accepted(doc(leaf("overdueCount", "gt", { fact: "attributes.maxOverdue" })));
    accepted(doc(leaf("attributes.score", "lt", { fact: "overdueCount" })));
  });

  it("refs with in / notIn / includes are refused: those take a literal list", () => {
    expect(only(doc(leaf("overdueCount", "in", { fact: "dunningLevel" }))).params).toMatchObject({ expected: "a literal list" });
    expect(found(doc(leaf("tags", "includes", { fact: "tags" })))).toEqual([[REF, "policy.value_type"]]);
  });

  it("an unknown fact and unknown keys of a ref are all named", () => {
    expect(found(doc(leaf("exposureAfterSale", "gt", { fact: "credtLimit", scale: 2 })))).toEqual([[`${REF}.scale`, "unknown_key"], [`${REF}.fact`, "policy.unknown_fact"]]);
    expect(found(doc(leaf("exposureAfterSale", "gt", { fact: "creditLimit", scale: 2 })))).toEqual([[`${REF}.scale`, "unknown_key"]]);
    expect(found(doc(leaf("exposureAfterSale", "gt", { times: 2 })))).toEqual([[`${REF}.fact`, "policy.unknown_fact"]]);
  });

  it("the gate compares against the scaled fact exactly", () => {
    const gate = gateOf(doc(leaf("saleCreditAmount", "gt", { fact: "creditLimit", times: "0.333333" }), { action: "review" }));
    const decide = (amount: string) => gate.decide({ asOf: "2026-11-23", customer: { id: "c", creditLimit: "3.00" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount }] } }).outcome;
    expect(decide("0.99")).toBe("allow"); // 0.99 < 0.999999
    expect(decide("1.00")).toBe("review");
  });
});

// ---- structure -----------------------------------------------------------------------------

/** `inner` wrapped in `levels` groups of `group`. */
function nest(levels: number, group: "not" | "all" | "any", inner: unknown): { when: unknown; path: string } {
  let when = inner;
  for (let i = 0; i < levels; i++) when = group === "not" ? { not: when } : { [group]: [when] };
  return { when, path: `rules[0].when${(group === "not" ? ".not" : `.${group}[0]`).repeat(levels)}` };
}

describe("structure", () => {
  it("conditions nest at most 10 levels (the rule's when is level 1)", () => {
    for (const group of ["not", "all", "any"] as const) {
      accepted(doc(nest(9, group, BASIC).when));
      const deep = nest(10, group, BASIC);
      const i = only(doc(deep.when));
      expect([i.path, i.code, i.params, i.message]).toEqual([deep.path, "policy.too_deep", { max: 10 }, "conditions nest deeper than 10 levels"]);
    }
    // mixed, and far deeper: still one issue, at level 11
    const mixed = { all: [{ not: { any: [nest(20, "not", BASIC).when] } }] };
    expect(found(doc(mixed))).toEqual([[`rules[0].when.all[0].not.any[0]${".not".repeat(7)}`, "policy.too_deep"]]);
  });

  it("an empty all / any is policy.empty_group at the group", () => {
    expect(found(doc({ all: [] }))).toEqual([["rules[0].when.all", "policy.empty_group"]]);
    expect(only(doc({ any: [] })).message).toBe('"any" needs at least one condition');
    expect(found(doc({ not: { any: [BASIC, { all: [] }] } }))).toEqual([["rules[0].when.not.any[1].all", "policy.empty_group"]]);
    expect(found(doc({ all: "everything" }))).toEqual([["rules[0].when.all", "policy.empty_group"]]);
    expect(found(doc({ any: {} }))).toEqual([["rules[0].when.any", "policy.empty_group"]]);
  });

  it("a group holds at most 100 conditions", () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => leaf("overdueCount", "gt", i));
    accepted(doc({ any: many(100) }));
    const i = only(doc({ any: many(101) }));
    expect([i.path, i.code, i.message]).toEqual(["rules[0].when.any", "too_big", "must be at most 100 conditions"]);
    expect(found(doc({ all: [BASIC, { all: many(150) }] }))).toEqual([["rules[0].when.all[1].all", "too_big"]]);
    // the first 100 are still checked
    const bad = many(101);
    bad[3] = leaf("overdueCount", "gt", "3");
    expect(found(doc({ any: bad }))).toEqual([["rules[0].when.any", "too_big"], ["rules[0].when.any[3].value", "policy.value_type"]]);
  });

  it("a condition of another shape is policy.condition_shape at the condition", () => {
    const shape = "a condition is { fact, op, value }, { all: [...] }, { any: [...] } or { not: {...} }";
    for (const when of [null, "overdueCount > 0", 5, [BASIC], {}, { fact: "overdueCount", op: "gt" }, { all: [BASIC], any: [BASIC] }, { not: BASIC, fact: "x" }]) {
      const i = only(doc(when));
      expect([i.path, i.code, i.message]).toEqual(["rules[0].when", "policy.condition_shape", shape]);
    }
    expect(found(doc({ not: null }))).toEqual([["rules[0].when.not", "policy.condition_shape"]]);
    expect(found(doc({ all: [BASIC, "x"] }))).toEqual([["rules[0].when.all[1]", "policy.condition_shape"]]);
  });

  it("a rule without when is required at rules[i].when", () => {
    expect(found({ id: "p", version: 1, rules: [{ id: "r", scope: "credit", action: "deny" }] })).toEqual([["rules[0].when", "required"]]);
  });
});

describe("unknown keys at every depth", () => {
  it("the document", () => {
    expect(found({ ...doc(BASIC), rulez: [] })).toEqual([["rulez", "unknown_key"]]);
    expect(only({ ...doc(BASIC), rulez: [] }).message).toBe('unknown field "rulez" (a typo?)');
  });

  it("a rule", () => {
    expect(found(doc(BASIC, { priority: 1 }))).toEqual([["rules[0].priority", "unknown_key"]]);
  });

  it("a condition, at the rule's when and nested", () => {
    expect(found(doc({ ...BASIC, weight: 1 }))).toEqual([["rules[0].when.weight", "unknown_key"], ["rules[0].when", "policy.condition_shape"]]);
    expect(found(doc({ all: [BASIC, { not: { ...BASIC, typo: true } }] }))).toEqual([["rules[0].when.all[1].not.typo", "unknown_key"], ["rules[0].when.all[1].not", "policy.condition_shape"]]);
    expect(found(doc({ any: [BASIC], extra: 1 }))).toEqual([["rules[0].when.extra", "unknown_key"], ["rules[0].when", "policy.condition_shape"]]);
  });

  it("a fact reference", () => {
    expect(found(doc({ not: leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: "1.1", by: "x" }) }))).toEqual([["rules[0].when.not.value.by", "unknown_key"]]);
  });

  it("charges, scope, message and calendar", () => {
    expect(found(doc(BASIC, {}, { charges: { fee: "1.00", monthlyInterestPercent: "1" } }))).toEqual([["charges.fee", "unknown_key"]]);
    expect(found(doc(BASIC, { scope: { methods: ["boleto"], terms: ["deferred"], term: ["deferred"] } }))).toEqual([["rules[0].scope.term", "unknown_key"]]);
    expect(found(doc(BASIC, { message: { "pt-BR": "x", es: "y" } }))).toEqual([["rules[0].message.es", "unknown_key"]]);
    expect(found(doc(BASIC, {}, { calendar: { weekend: [0], holidays: [] } }))).toEqual([["calendar.holidays", "unknown_key"]]);
  });
});

describe("rule ids", () => {
  it("a repeated id is duplicate_id at each repeat, naming the first", () => {
    const rule = (id: string) => ({ id, when: BASIC, scope: "credit", action: "deny" });
    const error = refusal({ id: "p", version: 1, rules: [rule("a"), rule("b"), rule("a"), rule("b"), rule("a")] });
    expect(error.issues.map((i) => [i.path, i.code, i.params?.first])).toEqual([
      ["rules[2].id", "duplicate_id", "rules[0]"], ["rules[3].id", "duplicate_id", "rules[1]"], ["rules[4].id", "duplicate_id", "rules[0]"],
    ]);
    expect(error.issues[0]?.message).toBe('id "a" is used more than once (first at rules[0])');
  });

  it("an id must be a short slug", () => {
    for (const id of ["", "-a", "a b", "x".repeat(65), "ção"]) expect(found(doc(BASIC, { id }))).toEqual([["rules[0].id", "invalid_format"]]);
    accepted(doc(BASIC, { id: `A9_.-${"x".repeat(59)}` }));
  });
});

describe("message placeholders", () => {
  it("known facts, attributes.*, holdReason, oldestOverdueDueDate and rule are accepted", () => {
    const names = [...Object.keys(FACT_TYPES), "attributes.score", "holdReason", "oldestOverdueDueDate", "rule"];
    accepted(doc(BASIC, { message: names.map((n) => `{${n}}`).join(" ") }));
    accepted(doc(BASIC, { message: { "pt-BR": "{overdueBalance} em atraso", en: "{overdueBalance} overdue" } }));
    // braces that are no placeholder are text
    accepted(doc(BASIC, { message: "{ overdueCount } {1} {} {-x}" }));
  });

  it("an unknown one is policy.placeholder at the message, one issue per name and per text", () => {
    const error = refusal(doc(BASIC, { message: { "pt-BR": "{vipLevel} {overdueCount} {attributes.}", en: "{Rule}" } }));
    expect(error.issues.map((i) => [i.path, i.code, i.params?.name])).toEqual([
      ["rules[0].message", "policy.placeholder", "vipLevel"], ["rules[0].message", "policy.placeholder", "attributes."], ["rules[0].message", "policy.placeholder", "Rule"],
    ]);
    expect(error.issues[0]?.message).toBe("unknown placeholder {vipLevel} in the message");
    expect(found(doc(BASIC, { message: "{facts.overdueCount}" }))).toEqual([["rules[0].message", "policy.placeholder"]]);
  });

  it("the gate fills them", () => {
    const gate = gateOf(doc(BASIC, { message: "{rule}: {overdueCount} desde {oldestOverdueDueDate}, {attributes.loja}" }));
    const d = gate.decide({
      asOf: "2026-11-23", customer: { id: "c", attributes: { loja: "Centro" } },
      receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "store_credit", amount: "10.00" }] },
    });
    expect(d.reasons.map((r) => r.message)).toEqual(["r: 1 desde 01/10/2026, Centro"]);
  });
});

// ---- CDC art. 39 IX --------------------------------------------------------------------------

describe("CDC art. 39 IX", () => {
  const REACHING = ["all", { methods: ["pix"] }, { methods: ["debit_card", "store_credit"] }, { terms: ["immediate"] }, { methods: ["other"] }, { methods: ["check"], terms: ["immediate", "deferred"] }];
  const NOT_REACHING = ["credit", { terms: ["deferred"] }, { methods: ["store_credit"] }, { methods: ["boleto", "check", "other", "cash"], terms: ["deferred"] }];

  it("a deny or review that reaches a tender paid at once is policy.immediate_block at the scope", () => {
    for (const scope of REACHING) {
      for (const action of ["deny", "review"]) {
        const i = only(doc(BASIC, { scope, action }));
        expect([i.path, i.code, i.params]).toEqual(["rules[0].scope", "policy.immediate_block", { action }]);
        expect(i.message).toContain("CDC art. 39 IX");
        expect(i.message).toContain(action === "review" ? "hold for a supervisor a sale paid at once" : "deny a sale paid at once");
      }
      accepted(doc(BASIC, { scope, action: "warn" }));
    }
    for (const scope of NOT_REACHING) for (const action of ["deny", "review", "warn"]) accepted(doc(BASIC, { scope, action }));
  });

  it("allowImmediateBlock is accepted on a rule that reads no debt fact", () => {
    const nonDebt = [
      leaf("onHold", "eq", true), leaf("tags", "includes", "fraude"), leaf("bouncedChecks", "gt", 2), leaf("saleTotal", "gt", "5000.00"),
      leaf("saleCreditAmount", "gt", "0.00"), leaf("attributes.blacklisted", "eq", true),
      { all: [leaf("onHold", "eq", true), { not: leaf("tags", "includes", "liberado") }] },
    ];
    for (const when of nonDebt) for (const action of ["deny", "review"]) accepted(doc(when, { scope: "all", action, allowImmediateBlock: true }));
  });

  it("allowImmediateBlock on a rule that reads debt facts is policy.immediate_block_debt, naming them", () => {
    const when = { all: [leaf("tags", "includes", "x"), leaf("overdueCount", "gt", 0), { not: leaf("riskClass", "eq", "E") }, leaf("overdueCount", "gt", 3)] };
    const i = only(doc(when, { scope: "all", allowImmediateBlock: true }));
    expect([i.path, i.code, i.params]).toEqual(["rules[0].allowImmediateBlock", "policy.immediate_block_debt", { facts: "overdueCount, riskClass" }]);
    expect(i.message).toContain("(overdueCount, riskClass)");
    // a debt fact on the right-hand side counts too
    expect(only(doc(leaf("saleTotal", "gt", { fact: "availableCredit" }), { scope: { methods: ["cash"] }, allowImmediateBlock: true })).params).toEqual({ facts: "availableCredit" });
    const debt = ["openBalance", "overdueBalance", "overduePercent", "overdueCount", "maxDaysOverdue", "creditLimit", "creditLimitExpired", "availableCredit", "exposureAfterSale", "riskClass", "segment", "dunningLevel", "negativated"] as const;
    for (const fact of debt) {
      const type = FACT_TYPES[fact] as FactTypeName;
      const op = ACCEPTED_OPS[type][0] as Op;
      expect(only(doc(leaf(fact, op, goodValue(type, op)), { scope: "all", allowImmediateBlock: true })).params).toEqual({ facts: fact });
    }
  });

  it("consumer: false allows all of it; allowImmediateBlock: false is no permission", () => {
    for (const scope of REACHING) accepted(doc(BASIC, { scope }, { consumer: false }));
    accepted(doc(BASIC, { scope: "all", allowImmediateBlock: true }, { consumer: false }));
    expect(found(doc(BASIC, { scope: "all", allowImmediateBlock: false }))).toEqual([["rules[0].scope", "policy.immediate_block"]]);
    expect(found(doc(BASIC, { scope: "all", allowImmediateBlock: "yes" }))).toEqual([["rules[0].allowImmediateBlock", "invalid_type"], ["rules[0].scope", "policy.immediate_block"]]);
  });
});

// ---- charges, ignoreOverdueBelow -----------------------------------------------------------

describe("charges", () => {
  const charges = (c: unknown, top: Json = {}) => doc(BASIC, {}, { ...top, charges: c });

  it("a consumer policy caps the multa at 2% and the juros de mora at 1% a month", () => {
    accepted(charges({ finePercent: "2", monthlyInterestPercent: "1" }));
    accepted(charges({ finePercent: 2, monthlyInterestPercent: 0.99, dayCount: "actual", rounding: "half-even" }));
    accepted(charges({ monthlyInterestPercent: "0" }));
    const both = refusal(charges({ finePercent: "2.01", monthlyInterestPercent: "1.01" })).issues;
    expect(both.map((i) => [i.path, i.code, i.params])).toEqual([
      ["charges.finePercent", "charges.fine_cap", { value: "2.01%" }],
      ["charges.monthlyInterestPercent", "charges.interest_cap", { value: "1.01%" }],
    ]);
    accepted(charges({ finePercent: "10", monthlyInterestPercent: "5" }, { consumer: false }));
  });

  it("checks keys, required fields, enums and values", () => {
    expect(found(charges({ finePercent: "2" }))).toEqual([["charges.monthlyInterestPercent", "charges.one_of"]]);
    expect(found(charges({ monthlyInterestPercent: "1", dailyInterestAmount: "0.10" }))).toEqual([["charges.dailyInterestAmount", "unknown_key"]]);
    expect(found(charges({ monthlyInterestPercent: "1", dayCount: "360" }))).toEqual([["charges.dayCount", "invalid_value"]]);
    expect(found(charges({ monthlyInterestPercent: "1", rounding: "bankers" }))).toEqual([["charges.rounding", "invalid_value"]]);
    expect(found(charges({ monthlyInterestPercent: "-1" }))[0]?.[0]).toBe("charges.monthlyInterestPercent");
    expect(found(charges({ monthlyInterestPercent: "1", fee: "1.00", asOf: "2026-01-01" }))).toEqual([["charges.fee", "unknown_key"], ["charges.asOf", "unknown_key"]]);
    expect(found(charges(["2", "1"]))).toEqual([["charges", "invalid_type"]]);
    expect(found(charges(null))).toEqual([["charges", "invalid_type"]]);
  });

  // Bug (reported, not fixed here): a block without monthlyInterestPercent is told to "give either
  // monthlyInterestPercent or dailyInterestAmount", but a policy's charges refuse dailyInterestAmount
  // (unknown_key, above): the message sends the author to a key that cannot be used.
  it.fails("a missing monthlyInterestPercent is reported without pointing to dailyInterestAmount", () => {
    const i = only(charges({ finePercent: "2" }));
    expect(i.path).toBe("charges.monthlyInterestPercent");
    expect(i.message).not.toContain("dailyInterestAmount");
  });

  // Bug (reported, not fixed here): an unknown key in charges stops the check of the block, so the
  // capped multa beside it is not reported in the same error.
  it.fails("an unknown key in charges does not hide the multa cap beside it", () => {
    expect(found(charges({ fee: "1.00", finePercent: "9", monthlyInterestPercent: "1" }))).toEqual([["charges.fee", "unknown_key"], ["charges.finePercent", "charges.fine_cap"]]);
  });
});

describe("ignoreOverdueBelow", () => {
  const ignore = (v: unknown) => doc(BASIC, {}, { ignoreOverdueBelow: v });
  it("is a non-negative money string in the policy's currency", () => {
    accepted(ignore("0"));
    accepted(ignore("10.00"));
    expect(only(ignore("-1.00"))).toMatchObject({ path: "ignoreOverdueBelow", code: "money.negative", message: "must not be negative (got -1.00)" });
    expect(found(ignore("abc"))).toEqual([["ignoreOverdueBelow", "money.format"]]);
    expect(found(ignore("10,00"))).toEqual([["ignoreOverdueBelow", "money.format"]]);
    expect(found(ignore("1.234"))).toEqual([["ignoreOverdueBelow", "money.fraction_digits"]]);
    expect(found(doc(BASIC, {}, { ignoreOverdueBelow: "1.5", currency: "JPY" }))).toEqual([["ignoreOverdueBelow", "money.fraction_digits"]]);
    expect(found(ignore(5))).toEqual([["ignoreOverdueBelow", "invalid_type"]]);
    expect(found(ignore(null))).toEqual([["ignoreOverdueBelow", "invalid_type"]]);
  });

  it("overdue títulos below it are not counted by the gate", () => {
    const gate = gateOf(ignore("10.00"));
    const decide = (amount: string) => gate.decide({ asOf: "2026-11-23", customer: { id: "c" }, receivables: [{ id: "t", amount, dueDate: "2026-10-01" }], sale: { tenders: [{ method: "store_credit", amount: "1.00" }] } }).outcome;
    expect(decide("9.99")).toBe("allow");
    expect(decide("10.00")).toBe("deny");
  });
});

// ---- the returned policy -----------------------------------------------------------------------

describe("the returned policy", () => {
  const input = (): Json => ({
    id: "p", version: "2026-11",
    calendar: { weekend: [0], extra: [{ date: "2026-12-24", name: "Véspera" }] },
    charges: { finePercent: "2", monthlyInterestPercent: "1" },
    rules: [{ id: "r", when: { all: [BASIC, { not: leaf("segment", "in", ["new"]) }] }, scope: { methods: ["boleto"], terms: ["deferred"] }, action: "deny", message: { en: "{overdueCount}" } }],
  });

  it("has the defaults: locale pt-BR, graceDays 0, consumer true, currency BRL", () => {
    const p = definePolicy({ id: "p", version: 1, rules: [] });
    expect(p).toEqual({ id: "p", version: 1, rules: [], locale: "pt-BR", graceDays: 0, consumer: true, currency: "BRL" });
    expect(definePolicy({ id: "p", version: 1, rules: [], locale: "en", graceDays: 5, consumer: false, currency: "USD" })).toMatchObject({ locale: "en", graceDays: 5, consumer: false, currency: "USD" });
  });

  it("is frozen all the way down", () => {
    const p = definePolicy(input()) as unknown as Json & { rules: Json[]; calendar: Json; charges: Json };
    const rule = p.rules[0] as Json & { when: { all: Json[] }; scope: { methods: string[] }; message: Json };
    const everything = [p, p.rules, rule, rule.when, rule.when.all, rule.when.all[0], rule.when.all[1], (rule.when.all[1] as { not: Json }).not, ((rule.when.all[1] as { not: { value: unknown } }).not.value), rule.scope, rule.scope.methods, rule.message, p.calendar, p.calendar.weekend, p.calendar.extra, p.charges];
    for (const part of everything) expect(Object.isFrozen(part)).toBe(true);
    expect(() => { (rule.when.all[0] as Json).value = 99; }).toThrow(TypeError);
    expect(() => { rule.scope.methods.push("cash"); }).toThrow(TypeError);
    expect(() => { p.graceDays = 30; }).toThrow(TypeError);
  });

  it("keeps the document's content: defining it again gives an equal policy", () => {
    const p = definePolicy(input());
    expect(definePolicy(p)).toEqual(p);
    expect(p).toMatchObject(input());
  });

  // Was a bug (found by this file): the condition trees and the calendar of the caller's
  // document were frozen in place; the returned policy is now a frozen copy.
  it("leaves the caller's document as it was: nothing of it is frozen", () => {
    const json = input() as { rules: { when: Json }[]; calendar: Json };
    definePolicy(json);
    expect([Object.isFrozen(json.rules[0]?.when), Object.isFrozen(json.calendar)]).toEqual([false, false]);
  });
});

// ---- every issue at once ---------------------------------------------------------------------

describe("every issue at once", () => {
  it("a document with problems at every level lists them all in one PolicyError", () => {
    const json = {
      id: "p", version: 1, locale: "es",
      rules: [
        { id: "a", when: leaf("overdueCount", "gt", "1.00"), scope: "credit", action: "deny", message: "{nope}" },
        { id: "a", when: { all: [] }, scope: "all", action: "review" },
        { id: "b", when: { not: leaf("onHold", "gt", true) }, scope: "credit", action: "block" },
        { id: "c", when: leaf("exposureAfterSale", "gt", { fact: "creditLimit", times: "1e3" }), scope: "credit", action: "deny", extra: 1 },
        { id: "d", when: nest(10, "any", BASIC).when, scope: { methods: ["bitcoin"] }, action: "warn" },
        { id: "e", when: leaf("overdueCount", "gt", 0), scope: "all", action: "deny", allowImmediateBlock: true },
      ],
    };
    const paths = found(json);
    expect(paths).toEqual(expect.arrayContaining([
      ["locale", "invalid_value"],
      ["rules[2].action", "invalid_value"],
      ["rules[3].extra", "unknown_key"],
      ["rules[4].scope.methods[0]", "invalid_value"],
      ["rules[0].message", "policy.placeholder"],
      ["rules[1].id", "duplicate_id"],
      ["rules[1].scope", "policy.immediate_block"],
      ["rules[5].allowImmediateBlock", "policy.immediate_block_debt"],
      ["rules[0].when.value", "policy.value_type"],
      ["rules[1].when.all", "policy.empty_group"],
      ["rules[2].when.not.op", "policy.op_type"],
      ["rules[3].when.value.times", "decimal.format"],
      [nest(10, "any", BASIC).path.replace("rules[0]", "rules[4]"), "policy.too_deep"],
    ]));
    expect(paths).toHaveLength(13);
  });

  it("several problems of the late-charge blocks are listed together", () => {
    expect(found(doc(BASIC, {}, { ignoreOverdueBelow: "-1.00", charges: { finePercent: "3", monthlyInterestPercent: "2" }, calendar: { weekend: [7] } }))).toEqual(expect.arrayContaining([
      ["ignoreOverdueBelow", "money.negative"], ["charges.finePercent", "charges.fine_cap"], ["charges.monthlyInterestPercent", "charges.interest_cap"],
    ]));
  });

  // Bug (reported, not fixed here): once the document's shape has an issue (a top-level typo),
  // charges, calendar and ignoreOverdueBelow are not checked at all, so their problems only show
  // up after the typo is fixed: not every problem is listed at once.
  it.fails("a typo at the top does not hide the problems of charges and ignoreOverdueBelow", () => {
    const paths = found(doc(BASIC, {}, { graceDay: 3, ignoreOverdueBelow: "-1.00", charges: { finePercent: "5", monthlyInterestPercent: "1" } })).map(([path]) => path);
    expect(paths).toEqual(expect.arrayContaining(["graceDay", "ignoreOverdueBelow", "charges.finePercent"]));
  });
});

// ---- property: type-correct trees are accepted, one wrong leaf is named ---------------------------

type Leaf = { fact: string; op: Op; value: unknown; type: FactTypeName };
type Tree = { leaf: Leaf } | { group: "all" | "any"; items: Tree[] } | { not: Tree };

const cents = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }).map((c) => `${c < 0n ? "-" : ""}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, "0")}`);
const timesArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([w, f]) => `${w}.${String(f).padStart(6, "0")}`),
  fc.integer({ min: 0, max: 999_999 }),
  fc.constant("1.1"),
);
const attributeName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).map((n) => `attributes.${n}`);
const textArb = fc.string({ maxLength: 200 });
const factOf = (type: FactTypeName) => (type === "attribute" ? attributeName : fc.constantFrom(...FACTS_BY_TYPE[type]));
const refTo = (type: FactTypeName, scaled: boolean) =>
  fc.record({ fact: fc.oneof(factOf(type), attributeName), times: scaled ? timesArb : fc.constant(undefined) }, { requiredKeys: ["fact"] })
    .map((r) => (r.times === undefined ? { fact: r.fact } : r));

/** A type-correct right-hand side for (type, op, fact). */
function valueArb(type: FactTypeName, op: Op, fact: string): fc.Arbitrary<unknown> {
  const list = op === "in" || op === "notIn";
  const eqNe = op === "eq" || op === "ne";
  switch (type) {
    case "money":
      return fc.oneof(cents, fc.integer({ min: 0, max: 10 ** 6 }).map(String), refTo("money", true), ...(eqNe && NULLABLE.has(fact) ? [fc.constant(null)] : []));
    case "count":
      return list ? fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 100 }) : fc.oneof(fc.maxSafeInteger(), fc.nat(100), refTo("count", true));
    case "percent":
      return fc.oneof(fc.integer({ min: -999_999, max: 999_999 }).map((h) => (h / 100).toFixed(2)), fc.integer({ min: -9999, max: 9999 }), refTo("percent", true));
    case "boolean":
      return fc.oneof(fc.boolean(), refTo("boolean", false));
    case "string":
      return list ? fc.array(textArb, { minLength: 1, maxLength: 100 }) : fc.oneof(textArb, refTo("string", false), ...(eqNe && NULLABLE.has(fact) ? [fc.constant(null)] : []));
    case "list":
      return textArb;
    case "attribute":
      if (list) return fc.array(fc.oneof(fc.string({ maxLength: 500 }), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 1, maxLength: 100 });
      return fc.oneof(fc.string({ maxLength: 500 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), ...(eqNe ? [fc.boolean()] : []), refTo("count", false));
  }
}

/** A right-hand side of the wrong type for (type, op, fact): never valid there, never a fact ref. */
function wrongArb(type: FactTypeName, op: Op): fc.Arbitrary<unknown> {
  const list = op === "in" || op === "notIn";
  switch (type) {
    case "money": return fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom("12,50", "1e3", "1.234", "R$ 1,00", ""), fc.constant(["1.00"]));
    // never null: a count fact may accept it with eq / ne (daysSinceLastPayment, when never paid)
    case "count": return list ? fc.oneof(fc.constant([]), fc.constant([1, "2"]), fc.integer(), fc.constant("1")) : fc.oneof(fc.constantFrom("500.00", "3", 1.5, true), fc.constant([1]));
    case "percent": return fc.oneof(fc.constantFrom("50.123", "1e2", "50%", true, null, 12345.678), fc.constant([1]));
    case "boolean": return fc.constantFrom("true", 1, 0, null, "false");
    case "string": return list ? fc.oneof(fc.constant([]), fc.constant([1]), fc.constant("A")) : fc.oneof(fc.integer(), fc.boolean(), fc.constant("x".repeat(201)), fc.constant(["A"]));
    case "list": return fc.oneof(fc.integer(), fc.constant(null), fc.constant(["vip"]), fc.boolean());
    case "attribute": return list ? fc.oneof(fc.constant([]), fc.constant([true]), fc.constant("a")) : op === "eq" || op === "ne" ? fc.constantFrom(null, Number.NaN, [1]) : fc.constantFrom(true, false, null, [1]);
  }
}

const leafArb: fc.Arbitrary<Leaf> = fc.constantFrom(...(Object.keys(FACTS_BY_TYPE) as FactTypeName[]))
  .chain((type) => fc.tuple(fc.constant(type), factOf(type), fc.constantFrom(...ACCEPTED_OPS[type])))
  .chain(([type, fact, op]) => valueArb(type, op, fact).map((value) => ({ fact, op, value, type })));

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", maxDepth: 7 },
    leafArb.map((l) => ({ leaf: l })),
    fc.record({ group: fc.constantFrom("all" as const, "any" as const), items: fc.array(tie("tree"), { minLength: 1, maxLength: 4 }) }),
    tie("tree").map((t) => ({ not: t })),
  ),
})).tree;

/** The condition JSON of a tree, and the path of each leaf's value in leaf order. */
function render(tree: Tree, path: string, leaves: { path: string; leaf: Leaf }[]): unknown {
  if ("leaf" in tree) {
    leaves.push({ path: `${path}.value`, leaf: tree.leaf });
    return { fact: tree.leaf.fact, op: tree.leaf.op, value: tree.leaf.value };
  }
  if ("not" in tree) return { not: render(tree.not, `${path}.not`, leaves) };
  return { [tree.group]: tree.items.map((t, i) => render(t, `${path}.${tree.group}[${i}]`, leaves)) };
}
function documentOf(trees: Tree[]): { json: Json; leaves: { path: string; leaf: Leaf }[] } {
  const leaves: { path: string; leaf: Leaf }[] = [];
  const rules = trees.map((t, i) => ({ id: `r${i}`, when: render(t, `rules[${i}].when`, leaves), scope: "credit", action: "deny" }));
  return { json: { id: "p", version: 1, rules }, leaves };
}
/** The tree with leaf number `n` (in render order) given `value`. */
function withLeafValue(tree: Tree, counter: { n: number }, value: unknown): Tree {
  if ("leaf" in tree) return counter.n-- === 0 ? { leaf: { ...tree.leaf, value } } : tree;
  if ("not" in tree) return { not: withLeafValue(tree.not, counter, value) };
  return { group: tree.group, items: tree.items.map((t) => withLeafValue(t, counter, value)) };
}

describe("random condition trees (property)", () => {
  const trees = fc.array(treeArb, { minLength: 1, maxLength: 3 });

  it("a type-correct tree is accepted by definePolicy and by PolicySchema", () => {
    fc.assert(fc.property(trees, (ts) => {
      const { json } = documentOf(ts);
      accepted(json);
      expect(PolicySchema.safeParse(json).success).toBe(true);
    }), { numRuns: 300 });
  });

  it("one leaf given a value of the wrong type is named by its exact path, and nothing else is", () => {
    const mutation = trees.chain((ts) => {
      const { leaves } = documentOf(ts);
      return fc.nat(leaves.length - 1).chain((k) => {
        const target = leaves[k] as { path: string; leaf: Leaf };
        return wrongArb(target.leaf.type, target.leaf.op).map((wrong) => ({ ts, k, target, wrong }));
      });
    });
    fc.assert(fc.property(mutation, ({ ts, k, target, wrong }) => {
      const counter = { n: k };
      const { json, leaves } = documentOf(ts.map((t) => withLeafValue(t, counter, wrong)));
      expect(leaves[k]).toEqual({ path: target.path, leaf: { ...target.leaf, value: wrong } });
      const issues = refusal(json).issues;
      // The leaf's value, or one item of it when the wrong value is a list.
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) expect(i.path === target.path || new RegExp(`^${target.path.replace(/[.[\]]/g, "\\$&")}\\[\\d+\\]$`).test(i.path), i.path).toBe(true);
    }), { numRuns: 300 });
  });
});
