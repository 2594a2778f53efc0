import { CreditBlockError, issue, type Issue } from "../../errors/CreditBlockError.js";
import { MoneyDecimal, safeText } from "../../money/decimal.js";
import { moneyDec } from "../../money/toMoney.js";
import { FACT_TYPES, factAcceptsNull, factType, type FactType } from "../facts/index.js";
import { isOperator, OPERATOR_TABLE, OPERATORS, OPERATORS_BY_TYPE, type Operator } from "../operators.js";
import type { CheckedCondition, Operand } from "./types.js";

const MAX_DEPTH = 10;
const MAX_ITEMS = 100;
const INVALID = Symbol("invalid literal");
type Literal = string | number | boolean | null;

/** JSON text of any value; `JSON.stringify` returns undefined for functions and symbols. @internal */
function jsonText(v: unknown): string {
  // The lib types say string, but JSON.stringify(undefined) and of a function is undefined.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  return JSON.stringify(v) ?? "undefined";
}

const describeValue = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "string" ? `the string ${JSON.stringify(v).slice(0, 40)}` : `${typeof v} ${jsonText(v)}`.slice(0, 40));

/** What a literal compared with a fact of some type is turned into, or why it cannot be. */
interface LiteralContext {
  readonly op: Operator;
  readonly path: string;
  readonly digits: number;
  readonly currency: string;
  /** Records the issue of a wrong value, naming what was expected. */
  readonly bad: (expected: string) => typeof INVALID;
  readonly report: (issues: readonly Issue[]) => typeof INVALID;
}

/**
 * One entry per fact type: how a policy's literal becomes the comparison form (money in minor
 * units, percent in hundredths), so every comparison at decide time is exact.
 */
const LITERALS: Readonly<Record<FactType, (v: unknown, c: LiteralContext) => Literal | typeof INVALID>> = {
  money(v, c) {
    if (typeof v !== "string") return c.bad(`a money string like "500.00" (a number here would be a count)`);
    try {
      return moneyDec(v, c.currency, c.path).times(10 ** c.digits).toNumber();
    } catch (error) {
      if (error instanceof CreditBlockError) return c.report(error.issues);
      throw error;
    }
  },
  count: (v, c) => (typeof v === "number" && Number.isSafeInteger(v) ? v : c.bad(`a whole number${typeof v === "string" ? ' (a string like "500.00" is money, not a count)' : ""}`)),
  percent(v, c) {
    const text = typeof v === "number" && Number.isFinite(v) ? String(v) : v;
    if (typeof text !== "string" || !/^-?\d{1,4}(\.\d{1,2})?$/.test(text)) return c.bad('a percentage with at most 2 decimals, like 50 or "33.33"');
    return new MoneyDecimal(text).times(100).toNumber();
  },
  boolean: (v, c) => (typeof v === "boolean" ? v : c.bad("true or false")),
  string: (v, c) => (typeof v === "string" && v.length <= 200 ? v : c.bad("a string")),
  list: (v, c) => (typeof v === "string" && v.length <= 200 ? v : c.bad("a string to look for in the list")),
  attribute(v, c) {
    if (typeof v === "string" && v.length <= 500) return v;
    if (typeof v === "boolean") return OPERATOR_TABLE[c.op].acceptsNull ? v : c.bad("a number for an ordering operator");
    if (typeof v === "number" && Number.isFinite(v)) return v;
    return c.bad("a string, a finite number or a boolean");
  },
};

/** The facts types a `times` factor may scale. */
const SCALABLE: ReadonlySet<FactType> = new Set(["money", "count", "percent"]);

/**
 * Checks the conditions of a policy by hand (a schema could not say which fact a wrong literal
 * was compared with), collecting every issue with its JSON path.
 * @internal
 */
export class ConditionChecker {
  readonly issues: Issue[] = [];
  constructor(private readonly digits: number, private readonly currency: string) {}

  condition(raw: unknown, path: string, depth: number, facts: Set<string>): CheckedCondition | null {
    if (depth > MAX_DEPTH) {
      this.issues.push(issue(path, "policy.too_deep", { max: MAX_DEPTH }));
      return null;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      this.issues.push(issue(path, "policy.condition_shape"));
      return null;
    }
    const c = raw as Record<string, unknown>;
    const keys = Object.keys(c);
    for (const group of ["all", "any"] as const) {
      if (keys.length === 1 && keys[0] === group) {
        const list = c[group];
        if (!Array.isArray(list) || list.length === 0) {
          this.issues.push(issue(`${path}.${group}`, "policy.empty_group", { group }));
          return null;
        }
        if (list.length > MAX_ITEMS) this.issues.push(issue(`${path}.${group}`, "too_big", { maximum: `${MAX_ITEMS} conditions` }));
        const items = list.slice(0, MAX_ITEMS).map((item, i) => this.condition(item, `${path}.${group}[${i}]`, depth + 1, facts));
        return items.every((i) => i !== null) ? { kind: group, items: items } : null;
      }
    }
    if (keys.length === 1 && keys[0] === "not") {
      const item = this.condition(c.not, `${path}.not`, depth + 1, facts);
      return item ? { kind: "not", item } : null;
    }
    if (!("fact" in c) || !("op" in c) || !("value" in c) || keys.some((k) => k !== "fact" && k !== "op" && k !== "value")) {
      for (const k of keys) if (!["fact", "op", "value", "all", "any", "not"].includes(k)) this.issues.push(issue(`${path}.${k}`, "unknown_key", { key: k }));
      this.issues.push(issue(path, "policy.condition_shape"));
      return null;
    }
    return this.comparison(c, path, facts);
  }

  private unknownFact(path: string, fact: unknown): void {
    this.issues.push(issue(path, "policy.unknown_fact", { fact: safeText(fact, 60), known: Object.keys(FACT_TYPES).join(", ") }));
  }

  private comparison(c: Record<string, unknown>, path: string, facts: Set<string>): CheckedCondition | null {
    const before = this.issues.length;
    const fact = c.fact;
    const type = typeof fact === "string" ? factType(fact) : undefined;
    if (typeof fact !== "string" || type === undefined) this.unknownFact(`${path}.fact`, fact);
    const op = c.op;
    if (!isOperator(op)) {
      this.issues.push(issue(`${path}.op`, "policy.unknown_op", { op: safeText(op, 20), ops: OPERATORS.join(", ") }));
    } else if (type && !OPERATORS_BY_TYPE[type].includes(op)) {
      this.issues.push(issue(`${path}.op`, "policy.op_type", { op, type, fact: safeText(fact, 60), ops: OPERATORS_BY_TYPE[type].join(", ") }));
    }
    if (this.issues.length > before || !type || typeof fact !== "string" || !isOperator(op)) return null;
    facts.add(fact);
    const value = this.operand(c.value, fact, type, op, `${path}.value`, facts);
    return value ? { kind: "cmp", fact, type, op, value } : null;
  }

  private operand(v: unknown, fact: string, type: FactType, op: Operator, path: string, facts: Set<string>): Operand | null {
    const shown = safeText(fact, 60);
    const bad = (expected: string): null => {
      this.issues.push(issue(path, "policy.value_type", { fact: shown, type, expected, got: describeValue(v) }));
      return null;
    };
    const shape = OPERATOR_TABLE[op].operand;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const ref = v as Record<string, unknown>;
      for (const k of Object.keys(ref)) if (k !== "fact" && k !== "times") this.issues.push(issue(`${path}.${k}`, "unknown_key", { key: k }));
      const otherType = typeof ref.fact === "string" ? factType(ref.fact) : undefined;
      if (typeof ref.fact !== "string" || otherType === undefined) {
        this.unknownFact(`${path}.fact`, ref.fact);
        return null;
      }
      if (otherType !== type && otherType !== "attribute" && type !== "attribute") return bad(`a ${type} fact (got the ${otherType} fact ${ref.fact})`);
      if (shape !== "value") return bad("a literal list");
      let times: { num: bigint; den: bigint } | undefined;
      if (ref.times !== undefined) {
        const text = typeof ref.times === "number" && Number.isFinite(ref.times) ? String(ref.times) : ref.times;
        if (typeof text !== "string" || !/^\d{1,6}(\.\d{1,6})?$/.test(text) || !SCALABLE.has(type)) {
          this.issues.push(issue(`${path}.times`, "decimal.format", { value: jsonText(ref.times).slice(0, 20) }));
          return null;
        }
        const [whole = "0", frac = ""] = text.split(".");
        times = { num: BigInt(whole + frac), den: 10n ** BigInt(frac.length) };
      }
      facts.add(ref.fact);
      return { kind: "fact", fact: ref.fact, type: otherType, ...(times ? { times } : {}) };
    }
    if (shape === "list") {
      if (!Array.isArray(v) || v.length === 0 || v.length > MAX_ITEMS) return bad(`a non-empty list (at most ${MAX_ITEMS} items)`);
      const items = v.map((item: unknown, i) => this.literal(item, fact, type, op, `${path}[${i}]`));
      return items.every((i) => i !== INVALID) ? { kind: "literal", value: items as (string | number)[] } : null;
    }
    if (Array.isArray(v)) return bad(`a single value (lists go with "in" / "notIn")`);
    const literal = this.literal(v, fact, type, op, path);
    return literal === INVALID ? null : { kind: "literal", value: literal };
  }

  /** One literal, converted to the comparison form; INVALID after recording an issue. */
  private literal(v: unknown, fact: string, type: FactType, op: Operator, path: string): Literal | typeof INVALID {
    if (v === null && OPERATOR_TABLE[op].acceptsNull && factAcceptsNull(fact)) return null;
    return LITERALS[type](v, {
      op,
      path,
      digits: this.digits,
      currency: this.currency,
      bad: (expected) => {
        this.issues.push(issue(path, "policy.value_type", { fact: safeText(fact, 60), type, expected, got: describeValue(v) }));
        return INVALID;
      },
      report: (issues) => {
        this.issues.push(...issues);
        return INVALID;
      },
    });
  }
}
