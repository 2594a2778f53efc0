/**
 * credit-block: decide at checkout whether a customer with overdue debts may buy on credit,
 * and with which payment methods; plus the exact money and date math around it.
 *
 * @packageDocumentation
 */
export * from "./aging/index.js";
export * from "./calendar/index.js";
export * from "./charges/index.js";
export * from "./engine/index.js";
export * from "./errors/index.js";
export { labelOf, type LabelKind } from "./i18n/labels.js";
export * from "./money/index.js";
export * from "./negotiation/index.js";
export * from "./profile/index.js";
export * from "./replay/index.js";
export * from "./schemas/index.js";
