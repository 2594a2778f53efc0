/**
 * The decision engine: policies, facts, per-tender verdicts, explanations, overrides.
 * @module engine
 */
export { FACT_TYPES, type FactName, type Facts, type FactType, type Segment } from "./facts.js";
export {
  createCreditGate,
  type CreditGate, type CustomerStatus, type Decision, type OptionDecision, type Outcome, type Reason, type Regularize, type RegularizeItem, type TenderDecision,
} from "./gate.js";
export {
  definePolicy, OPERATORS, PolicyError, PolicySchema,
  type Condition, type FactRef, type Operator, type Policy, type PolicyCharges, type PolicyDocument, type Rule, type RuleAction, type Scope,
} from "./policy.js";
export { presets } from "./presets.js";
export { scopeReaches } from "./compile.js";
