/**
 * Policy replay: what a policy would have done to the store's past sales.
 * @module replay
 */
export { mergeReplayReports } from "./mergeReplayReports.js";
export { replayPolicy } from "./replayPolicy.js";
export type { ReplayInput, ReplayOptions, ReplayPayment, ReplayPolicyReport, ReplayReceivable, ReplayReport, ReplaySale, Tally } from "./types.js";
