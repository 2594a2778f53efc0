/**
 * Negotiation: installment plans and payoff quotes.
 * @module negotiation
 */
export { planInstallments, type Installment, type InstallmentPlan, type PlanTerms } from "./planInstallments.js";
