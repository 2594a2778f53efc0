/**
 * Schemas: zod schemas for every public input, and the conversion of zod issues into
 * {@link CreditBlockError} issues.
 * @module schemas
 */
export {
  CheckoutRequestSchema, checkoutSchemas, COUNTER_OPTIONS, CustomerSchema, defaultTerm, LIMITS, OverrideSchema, PAYMENT_METHODS,
  RECEIVABLE_STATUSES, ReceivableSchema, TenderSchema, TERMS,
  type CheckoutRequest, type CheckoutRequestInput, type CheckoutSchemas, type Customer, type CustomerInput, type Override,
  type OverrideInput, type PaymentMethod, type Receivable, type ReceivableInput, type ReceivableStatus, type Tender,
  type TenderInput, type Term,
} from "./checkout.js";
export { parseInput } from "./issues.js";
export type { Encoders, PixCharge, PixEncoder, PixReceiver, PixWriter } from "./pix.js";
export { IdSchema, ISODateSchema, moneySchema, PercentSchema, type MoneySign } from "./primitives.js";
