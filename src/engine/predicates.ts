import type { PaymentMethod, Term } from "../schemas/checkout.js";
import { factReader } from "./facts/index.js";
import { OPERATOR_TABLE, type CompiledOperand, type Predicate, type Read, type Value } from "./operators.js";
import type { CheckedCondition, Operand, Scope } from "./policy/types.js";

export type { Predicate } from "./operators.js";

function compileOperand(operand: Operand, shape: "value" | "list" | "needle"): CompiledOperand {
  if (operand.kind === "fact") return { kind: "value", get: factReader(operand.fact) as Read, ...(operand.times ? { times: operand.times } : {}) };
  if (shape === "list") return { kind: "list", items: Array.isArray(operand.value) ? (operand.value as readonly (string | number)[]) : [] };
  const value = operand.value as Value;
  if (shape === "needle") return { kind: "needle", item: Array.isArray(value) ? null : (value as string | number | boolean | null) };
  return { kind: "value", get: () => value };
}

/** Turns a checked condition into a closure, once per policy. @internal */
export function compileCondition(c: CheckedCondition): Predicate {
  switch (c.kind) {
    case "all": {
      const items = c.items.map(compileCondition);
      return (s) => items.every((p) => p(s));
    }
    case "any": {
      const items = c.items.map(compileCondition);
      return (s) => items.some((p) => p(s));
    }
    case "not": {
      const item = compileCondition(c.item);
      return (s) => !item(s);
    }
    case "cmp": {
      const operator = OPERATOR_TABLE[c.op];
      return operator.compile(factReader(c.fact) as Read, compileOperand(c.value, operator.operand));
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
