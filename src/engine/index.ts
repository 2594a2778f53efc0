/**
 * The decision engine: policies, facts, per-tender verdicts, explanations, overrides.
 *
 * The pipeline of a decision (see docs/ARCHITECTURE.md): `request` (parse, context) →
 * `rules` (facts at one evaluation, fired rules, releases) → `verdict` (per tender and option,
 * messages, the customer's grade) → `forecast` (what to pay now, when it gets worse); `gate`
 * composes them. Facts and operators are tables (`facts/table.ts`, `operators.ts`).
 * @module engine
 */
export { FACT_TYPES, type FactName, type Facts, type FactType, type Segment } from "./facts/index.js";
export { createCreditGate } from "./gate.js";
export type { CreditGate, CustomerStatus, Decision, OptionDecision, Outcome, Reason, Regularize, RegularizeItem, TenderDecision } from "./decision.js";
export { OPERATORS, type Operator } from "./operators.js";
export { definePolicy, PolicyError, PolicySchema } from "./policy/index.js";
export type { Condition, FactRef, Policy, PolicyCharges, PolicyDocument, Rule, RuleAction, Scope } from "./policy/index.js";
export { presets } from "./presets.js";
export { scopeReaches } from "./predicates.js";
