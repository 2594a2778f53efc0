import type { FactValues } from "./facts.js";
import type { CheckedCondition, Operand, Scope } from "./policy.js";
import type { PaymentMethod, Term } from "../schemas/checkout.js";

/** A compiled condition: a plain closure over the facts. @internal */
export type Predicate = (facts: FactValues) => boolean;

type Value = number | bigint | string | boolean | null | readonly string[] | undefined;

const isNumeric = (v: Value): v is number | bigint => typeof v === "number" || typeof v === "bigint";

/** Reads a fact by name, compiled once. @internal */
export function reader(fact: string): (f: FactValues) => Value {
  if (fact.startsWith("attributes.")) {
    const key = fact.slice("attributes.".length);
    return (f) => (Object.hasOwn(f.attributes, key) ? f.attributes[key] : undefined);
  }
  const name = fact as keyof FactValues;
  return (f) => f[name] as Value;
}

function compare(a: Value, b: Value, op: string): boolean {
  // Money sums past 2^53 are BigInts: a number and a BigInt compare exactly with < and ==.
  // Absent facts (no credit limit, no risk class) never satisfy an ordering; eq/ne see null.
  const equal = a === b || (isNumeric(a) && isNumeric(b) && a == b);
  if (op === "eq") return equal;
  if (op === "ne") return !equal;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== typeof b && !(isNumeric(a) && isNumeric(b))) return false;
  switch (op) {
    case "gt": return (a as number) > (b as number);
    case "gte": return (a as number) >= (b as number);
    case "lt": return (a as number) < (b as number);
    case "lte": return (a as number) <= (b as number);
    default: return false;
  }
}

/** `a op b × num/den`, exactly, with BigInt (money and counts are integers). */
function compareScaled(a: Value, b: Value, op: string, num: bigint, den: bigint): boolean {
  if (!isNumeric(a) || !isNumeric(b)) return op === "ne";
  const left = BigInt(a) * den;
  const right = BigInt(b) * num;
  switch (op) {
    case "eq": return left === right;
    case "ne": return left !== right;
    case "gt": return left > right;
    case "gte": return left >= right;
    case "lt": return left < right;
    case "lte": return left <= right;
    default: return false;
  }
}

function operandReader(operand: Operand): { get: (f: FactValues) => Value; times?: { num: bigint; den: bigint } } {
  if (operand.kind === "fact") return { get: reader(operand.fact), ...(operand.times ? { times: operand.times } : {}) };
  const value = operand.value as Value;
  return { get: () => value };
}

/** Turns a checked condition into a closure, once per policy. @internal */
export function compileCondition(c: CheckedCondition): Predicate {
  switch (c.kind) {
    case "all": {
      const items = c.items.map(compileCondition);
      return (f) => items.every((p) => p(f));
    }
    case "any": {
      const items = c.items.map(compileCondition);
      return (f) => items.some((p) => p(f));
    }
    case "not": {
      const item = compileCondition(c.item);
      return (f) => !item(f);
    }
    case "cmp": {
      const left = reader(c.fact);
      const op = c.op;
      if (op === "in" || op === "notIn") {
        const set = new Set(c.value.kind === "literal" ? (c.value.value as readonly (string | number)[]) : []);
        const inside = (f: FactValues): boolean => {
          const v = left(f);
          return (typeof v === "string" || typeof v === "number") && set.has(v);
        };
        return op === "in" ? inside : (f) => !inside(f);
      }
      if (op === "includes") {
        const needle = c.value.kind === "literal" ? c.value.value : null;
        return (f) => {
          const list = left(f);
          return Array.isArray(list) && list.includes(needle);
        };
      }
      const right = operandReader(c.value);
      const times = right.times;
      if (times) return (f) => compareScaled(left(f), right.get(f), op, times.num, times.den);
      return (f) => compare(left(f), right.get(f), op);
    }
  }
}

/**
 * Whether a rule with this scope reaches a tender of this method and term. The sidecar asks it
 * to know whether a sale needs the customer's data at all.
 *
 * @example
 * ```ts
 * scopeReaches("credit", "store_credit", "deferred"); // true
 * scopeReaches({ methods: ["check"] }, "pix", "immediate"); // false
 * ```
 */
export function scopeReaches(scope: Scope, method: PaymentMethod, term: Term): boolean {
  return compileScope(scope)(method, term);
}

/** A compiled scope: does a rule reach a tender of this method and term? @internal */
export function compileScope(scope: Scope): (method: PaymentMethod, term: Term) => boolean {
  if (scope === "all") return () => true;
  if (scope === "credit") return (_method, term) => term === "deferred";
  const methods = scope.methods ? new Set(scope.methods) : null;
  const terms = scope.terms ? new Set(scope.terms) : null;
  return (method, term) => (methods === null || methods.has(method)) && (terms === null || terms.has(term));
}
