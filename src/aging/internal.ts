/**
 * The aging layer as the layers after it use it (profile, engine, negotiation): the receivable
 * reader, the fact columns, the grace limit. Everything else in `src/aging/` is its own; the
 * public face is `./index.ts`.
 * @internal
 * @module
 */
export { MAX_GRACE_DAYS, overdueDays } from "./daysOverdue.js";
export { FactsTable } from "./facts.js";
export { ReceivableReader, RowStatus, type CompactReceivable } from "./readReceivable.js";
