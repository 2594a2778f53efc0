/**
 * Policies: the document's types, its zod schema, and the checks a schema cannot make.
 * @module
 */
export { checkPolicy, definePolicy, PolicyError, scopeReachesImmediate } from "./check.js";
export { PolicySchema } from "./schema.js";
export type { CheckedCondition, CheckedPolicy, CheckedRule, Condition, FactRef, Operand, Policy, PolicyCharges, PolicyDocument, Rule, RuleAction, Scope } from "./types.js";
