/**
 * Profile: a customer's payment behaviour and segment.
 * @module profile
 */
export { profileCustomer, type PaymentSegment, type Profile, type SegmentThresholds } from "./profileCustomer.js";
