/**
 * Negotiation: installment plans and payoff quotes.
 * @module negotiation
 */
export { planInstallments, type Installment, type InstallmentPlan, type PlanTerms } from "./planInstallments.js";
export { quotePayoff, type Discount, type PayoffExclusions, type PayoffLine, type PayoffOptions, type PayoffQuote } from "./quotePayoff.js";
export { evaluateProposal, NegotiationPolicySchema, type Debt, type LateCharges, type NegotiationPolicy, type Offer, type Proposal, type ProposalEvaluation, type Violation } from "./evaluateProposal.js";
export { planCollection, type Channel, type CollectionContactStep, type CollectionOptions, type CollectionRemovalStep, type CollectionStep, type ContactWindow, type StepKind } from "./planCollection.js";
