/**
 * Aging: days overdue, the aging report, and a customer's facts.
 * @module aging
 */
export { ageReceivables, DEFAULT_AGING_BUCKETS, type AgingBucket, type AgingCustomer, type AgingOptions, type AgingReport } from "./ageReceivables.js";
export { daysOverdue, MAX_GRACE_DAYS, type DaysOverdueOptions } from "./daysOverdue.js";
export { customerFacts, type CustomerFacts, type CustomerFactsOptions } from "./facts.js";
