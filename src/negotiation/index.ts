/**
 * Negotiation: installment plans and payoff quotes.
 * @module negotiation
 */
export { planInstallments, type Installment, type InstallmentPlan, type PlanTerms } from "./planInstallments.js";
export { quotePayoff, type Discount, type PayoffLine, type PayoffOptions, type PayoffQuote } from "./quotePayoff.js";
