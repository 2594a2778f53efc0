/**
 * Charges: multa, juros de mora and monetary correction of one título at a date.
 * @module charges
 */
export { computeCharges, type Charges } from "./computeCharges.js";
export { ChargeTermsSchema, CorrectionSchema, MonthSchema, type ChargeTermsInput } from "./terms.js";
