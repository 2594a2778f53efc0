/**
 * English: the texts of the HTTP problem documents, one entry per key of `HTTP_PARAMS` in
 * `src/i18n/keys.ts` (see `src/i18n/http.ts`).
 */
import type { HttpCatalogue } from "../http.js";

const looks = { "utf-16": "; it looks like UTF-16", "latin-1": "; it looks like Latin-1 (ISO-8859-1 or Windows-1252, e.g. a Delphi AnsiString)", unknown: "" } as const;

export const httpEn = {
  locale: "en",
  texts: {
    "http.invalid_input.title": "Invalid input",
    "http.invalid_policy.title": "Invalid policy",
    "http.invalid_input.detail": (p) => `${String(p.count)} problem(s) in the request`,
    "http.bad_json.title": "Malformed JSON",
    "http.bad_json.detail": (p) => `the body is not valid JSON${p.position === undefined ? "" : ` (at character offset ${String(p.position)})`}`,
    "http.bad_json.truncated": "the body ends before its JSON value does (cut short?)",
    "http.bad_json.empty": "the body is empty: send a JSON object",
    "http.not_utf8.title": "Body is not UTF-8",
    "http.not_utf8.detail": (p) =>
      `the body is not valid UTF-8 (byte ${String(p.byte)} at offset ${String(p.offset)})${looks[p.looksLike]}; the request declared ${p.declared === undefined ? "no charset" : `charset=${String(p.declared)}`}. JSON is UTF-8 (RFC 8259 §8.1): send the body encoded as UTF-8`,
    "http.too_large.title": "Body too large",
    "http.too_large.detail": (p) => `at most ${String(p.max)} bytes`,
    "http.media_type.title": "Send JSON",
    "http.media_type.detail": "content-type must be application/json",
    "http.charset.title": "Unsupported charset",
    "http.charset.detail": (p) => `charset ${String(p.charset)} is not supported: JSON is UTF-8 (RFC 8259 §8.1); send the body encoded as UTF-8, as application/json; charset=utf-8`,
    "http.not_found.title": "Not found",
    "http.not_found.detail": (p) => `no route ${String(p.path)}`,
    "http.method.title": "Method not allowed",
    "http.method.detail": (p) => `${String(p.method)} is not allowed on this route; use ${String(p.allow)}`,
    "http.internal.title": "Internal error",
    "http.internal.detail": "an unexpected error; see the server log",
    "http.incomplete.title": "Incomplete body",
    "http.incomplete.detail": "the body ended before it was complete (the client stopped sending or closed the connection)",
    "http.not_ready.title": "Not ready",
    "http.not_ready.detail": "the data source does not answer: credit sales are answered fail-safe",
    "http.unauthorized.title": "Unauthorized",
    "http.unauthorized.missing": "send Authorization: Bearer <token>",
    "http.unauthorized.invalid": "the bearer token is not valid",
    "http.misdirected.title": "Misdirected request",
    "http.misdirected.detail": "this server does not answer for that Host name (see allowedHosts)",
    "http.bad_request.title": "Bad request",
    "http.bad_target.detail": "the request target or Host header is not a valid URL",
    "http.bad_http.detail": (p) => `the request is not valid HTTP/1.1 (${String(p.reason)})`,
    "http.timeout.title": "Request timeout",
    "http.timeout.headers": (p) => `the request's headers did not arrive within ${String(p.ms)} ms`,
    "http.timeout.request": (p) => `the request did not arrive in full within ${String(p.ms)} ms`,
    "http.version.title": "HTTP version not supported",
    "http.version.detail": (p) => `HTTP/${String(p.version)} is not supported: send HTTP/1.1 (or HTTP/1.0)`,
    "http.headers_too_large.title": "Request header fields too large",
    "http.headers_too_large.detail": (p) => `the request's headers are over the server's limit of ${String(p.max)} bytes`,
  },
} as const satisfies HttpCatalogue;
