/** Why a source could not answer: the database, not the data (bad rows are CreditBlockErrors). */
export type SourceErrorCode = "MISSING_DRIVER" | "QUERY_FAILED" | "TIMEOUT" | "CLOSED";

/**
 * The database could not be read: a missing driver package, a failed or late query. The sidecar
 * answers such a checkout fail-safe; a batch command exits with its message.
 *
 * @example
 * ```ts
 * try { await source.load("C0016"); } catch (e) { if (e instanceof SourceError) console.error(e.code, e.message); }
 * ```
 */
export class SourceError extends Error {
  override readonly name = "SourceError";
  constructor(readonly code: SourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
