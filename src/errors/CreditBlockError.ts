import { renderMessage, type IssueCode, type Locale, type MessageParams } from "./messages.js";

/**
 * One problem found in an input: where (`path`, e.g. `receivables[2].amount`), what (`message`),
 * and a stable `code` with its `params` for callers that render their own text.
 * Plain data: it survives `JSON.stringify` unchanged.
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly code: IssueCode;
  readonly params?: MessageParams;
}

/** Stable error codes of {@link CreditBlockError}. */
export type ErrorCode = "INVALID_INPUT" | "INVALID_POLICY" | "SALE_BLOCKED";

/**
 * The one error class the library throws for bad input. It lists every issue found, not just
 * the first, each naming the field and the reason.
 *
 * @example
 * ```ts
 * try {
 *   toMoney("12.345");
 * } catch (error) {
 *   if (error instanceof CreditBlockError) {
 *     error.code;              // "INVALID_INPUT"
 *     error.issues[0]?.path;   // "value"
 *     error.localized("pt-BR")[0]?.message;
 *   }
 * }
 * ```
 */
export class CreditBlockError extends Error {
  override readonly name: string = "CreditBlockError";
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, issues: readonly Issue[], summary?: string) {
    super(summary ?? summarize(code, issues));
    this.code = code;
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }

  /** The same issues with messages in another locale. */
  localized(locale: Locale): Issue[] {
    return localizeIssues(this.issues, locale);
  }

  /** Serialisable form, e.g. for an HTTP problem body. */
  toJSON(): { name: string; code: ErrorCode; message: string; issues: readonly Issue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}

function summarize(code: ErrorCode, issues: readonly Issue[]): string {
  const head = code === "INVALID_POLICY" ? "Invalid policy" : code === "SALE_BLOCKED" ? "Sale blocked" : "Invalid input";
  const listed = issues.slice(0, 5).map((i) => `${i.path || "(root)"}: ${i.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : "";
  return `${head}: ${listed.join("; ")}${more}`;
}

/**
 * Builds an {@link Issue}, rendering its message from the catalogue.
 *
 * @example
 * ```ts
 * issue("receivables[0].dueDate", "date.impossible", { value: "2026-02-30" });
 * // { path: "receivables[0].dueDate", code: "date.impossible", message: "2026-02-30 does not exist in the calendar", ... }
 * ```
 */
export function issue(path: string, code: IssueCode, params: MessageParams = {}, locale: Locale = "en"): Issue {
  return { path, code, params, message: renderMessage(code, params, locale) };
}

/**
 * Re-renders issues in another locale (their `code` and `params` are kept).
 *
 * @example
 * ```ts
 * localizeIssues(error.issues, "pt-BR");
 * ```
 */
export function localizeIssues(issues: readonly Issue[], locale: Locale): Issue[] {
  return issues.map((i) => ({ ...i, message: renderMessage(i.code, i.params ?? {}, locale) }));
}

/**
 * Throws a {@link CreditBlockError} with one issue. Internal convenience for the primitives.
 * @internal
 */
export function fail(path: string, code: IssueCode, params: MessageParams = {}): never {
  throw new CreditBlockError("INVALID_INPUT", [issue(path, code, params)]);
}
