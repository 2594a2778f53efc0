import { CreditBlockError, type Issue } from "credit-block";
import type { PlainResponse } from "./exchange.js";

/** An RFC 9457 problem document (https://www.rfc-editor.org/rfc/rfc9457). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code?: string;
  readonly issues?: readonly Issue[];
}

const BASE = "https://credit-block.dev/problems/";

/**
 * A `Response` carrying an RFC 9457 problem document (`application/problem+json`), never a stack
 * trace. For routes of your own beside the handler's, so every error a POS sees has one shape.
 *
 * @example
 * ```ts
 * return problem(404, "not-found", "Not found", { detail: "no route /v2/decide" });
 * // 404 { type: "https://credit-block.dev/problems/not-found", title: "Not found", status: 404, detail: "no route /v2/decide" }
 * ```
 */
export function problem(status: number, slug: string, title: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}): Response {
  return toResponse(problemOf(status, slug, title, extra, headers));
}

/** The problem document as a plain answer (what {@link problem} wraps in a `Response`). @internal */
export function problemOf(status: number, slug: string, title: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}): PlainResponse {
  const body: Problem = { type: `${BASE}${slug}`, title, status, ...extra };
  return { status, headers: { "content-type": "application/problem+json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}

/** The problem for a CreditBlockError: 422 with every issue. @internal */
export function invalidInput(error: CreditBlockError): PlainResponse {
  return problemOf(422, error.code === "INVALID_POLICY" ? "invalid-policy" : "invalid-input", error.code === "INVALID_POLICY" ? "Invalid policy" : "Invalid input", {
    detail: `${error.issues.length} problem(s) in the request`,
    code: error.code,
    issues: error.issues,
  });
}

/** A plain answer as a Fetch `Response`. @internal */
export function toResponse(plain: PlainResponse): Response {
  return new Response(plain.body, { status: plain.status, headers: plain.headers });
}
