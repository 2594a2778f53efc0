import { CreditBlockError, localizeIssues, type Issue } from "credit-block";
import { httpText } from "../../i18n/http.js";
import type { PlainResponse } from "./exchange.js";
import type { Locale } from "./language.js";

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

/**
 * A problem whose title and detail are written in `locale`: it says so (`Content-Language`),
 * and that another `Accept-Language` would have another text (`Vary`). @internal
 */
export function localProblem(locale: Locale, status: number, slug: string, title: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}): PlainResponse {
  return problemOf(status, slug, title, extra, { "content-language": locale, vary: "Accept-Language", ...headers });
}

/**
 * The problem for a CreditBlockError: 422 with every issue, their messages in `locale` (the
 * `code`, `path` and `params` are the same in every language). @internal
 */
export function invalidInput(error: CreditBlockError, locale: Locale = "en"): PlainResponse {
  const policy = error.code === "INVALID_POLICY";
  // The issues are written in English; only another locale renders them again.
  const issues = locale === "en" ? error.issues : localizeIssues(error.issues, locale);
  return localProblem(locale, 422, policy ? "invalid-policy" : "invalid-input", httpText(locale, policy ? "http.invalid_policy.title" : "http.invalid_input.title"), {
    detail: httpText(locale, "http.invalid_input.detail", { count: error.issues.length }),
    code: error.code,
    issues,
  });
}

/** The problems the handler answers itself, each in the caller's language. @internal */
export const problems = {
  badJson: (locale: Locale, detail: string): PlainResponse => localProblem(locale, 400, "bad-json", httpText(locale, "http.bad_json.title"), { detail }),
  notUtf8: (locale: Locale, detail: string): PlainResponse => localProblem(locale, 400, "not-utf-8", httpText(locale, "http.not_utf8.title"), { detail }),
  incomplete: (locale: Locale): PlainResponse => localProblem(locale, 400, "incomplete-body", httpText(locale, "http.incomplete.title"), { detail: httpText(locale, "http.incomplete.detail") }),
  tooLarge: (locale: Locale, max: number): PlainResponse => localProblem(locale, 413, "payload-too-large", httpText(locale, "http.too_large.title"), { detail: httpText(locale, "http.too_large.detail", { max }) }),
  mediaType: (locale: Locale): PlainResponse => localProblem(locale, 415, "unsupported-media-type", httpText(locale, "http.media_type.title"), { detail: httpText(locale, "http.media_type.detail") }),
  charset: (locale: Locale, charset: string): PlainResponse =>
    localProblem(locale, 415, "unsupported-media-type", httpText(locale, "http.charset.title"), { detail: httpText(locale, "http.charset.detail", { charset }) }),
  notFound: (locale: Locale, path: string): PlainResponse => localProblem(locale, 404, "not-found", httpText(locale, "http.not_found.title"), { detail: httpText(locale, "http.not_found.detail", { path }) }),
  methodNotAllowed: (locale: Locale, method: string, allow: string): PlainResponse =>
    localProblem(locale, 405, "method-not-allowed", httpText(locale, "http.method.title"), { detail: httpText(locale, "http.method.detail", { method, allow }) }, { allow }),
  internal: (locale: Locale): PlainResponse => localProblem(locale, 500, "internal", httpText(locale, "http.internal.title"), { detail: httpText(locale, "http.internal.detail") }),
  notReady: (locale: Locale): PlainResponse =>
    localProblem(locale, 503, "not-ready", httpText(locale, "http.not_ready.title"), { detail: httpText(locale, "http.not_ready.detail") }, { "retry-after": "5" }),
};

/** A plain answer as a Fetch `Response`. @internal */
export function toResponse(plain: PlainResponse): Response {
  return new Response(plain.body, { status: plain.status, headers: plain.headers });
}
