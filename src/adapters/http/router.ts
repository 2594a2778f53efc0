/**
 * From a plain request to a plain answer: finding the route, the checks every body route shares
 * (media type and charset, size, UTF-8, JSON, duplicate keys), the caller's language, and turning
 * what the route returned or threw into an answer.
 * @internal
 */
import { CreditBlockError } from "credit-block";
import { parseJsonExact } from "../json.js";
import { badJsonDetail, charsetOf, encodingProblem, isUtf8Label } from "./encoding.js";
import { isBodyTooLarge, jsonAnswer, type PlainRequest, type PlainResponse } from "./exchange.js";
import { duplicateKeyIssues } from "./jsonKeys.js";
import { localeOf, type Locale } from "./language.js";
import { invalidInput, problems } from "./problem.js";
import type { ReadOnlyRoute } from "./readOnlyRoutes.js";
import type { BodyRoute } from "./routes.js";

/** The routes, the body limit and the default language a router serves. */
export interface RouterOptions {
  readonly bodyRoutes: Readonly<Record<string, BodyRoute>>;
  readonly readOnlyRoutes: Readonly<Record<string, ReadOnlyRoute>>;
  readonly maxBodyBytes: number;
  /** The language of problems when the request sends no `Accept-Language`. */
  readonly locale: Locale;
}

// One decoder for every request: `decode` without `stream` starts afresh each call.
const utf8 = new TextDecoder("utf-8", { fatal: true });

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/** `answer` without its body, as HEAD has it: the GET's status and headers (RFC 9110 §9.3.2). */
const headOf = (answer: PlainResponse): PlainResponse =>
  ({ ...answer, headers: { ...answer.headers, "content-length": String(new TextEncoder().encode(answer.body).byteLength) }, body: "" });

/** The handler's plain entry point over its routes. */
export function createRouter({ bodyRoutes, readOnlyRoutes, maxBodyBytes, locale: serverLocale }: RouterOptions): (request: PlainRequest) => Promise<PlainResponse> {
  /**
   * The route's parsed body, or the problem that stops it: 413; 400 for a body that is
   * incomplete, not UTF-8 or not JSON; 422 for a value JSON cannot hold exactly or a key given
   * twice in one object (every such issue at once, each at its path).
   */
  const readJson = async (request: PlainRequest, locale: Locale, declared: string | undefined): Promise<{ readonly body: unknown } | { readonly refused: PlainResponse }> => {
    if (Number(request.contentLength ?? "0") > maxBodyBytes) return { refused: problems.tooLarge(locale, maxBodyBytes) };
    let bytes: Uint8Array;
    try {
      bytes = await request.readBody(maxBodyBytes);
    } catch (error) {
      return { refused: isBodyTooLarge(error) ? problems.tooLarge(locale, maxBodyBytes) : problems.incomplete(locale) };
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return { refused: problems.notUtf8(locale, encodingProblem(bytes, declared, locale) ?? "") };
    }
    let body: unknown;
    let lossy: CreditBlockError | undefined;
    try {
      body = parseJsonExact(text);
    } catch (error) {
      if (!(error instanceof CreditBlockError)) {
        // UTF-16 decodes as UTF-8 when it is ASCII text, NULs between the letters: say which it is.
        const encoding = text.includes("\u0000") ? encodingProblem(bytes, declared, locale) : undefined;
        return { refused: encoding ? problems.notUtf8(locale, encoding) : problems.badJson(locale, badJsonDetail(text, error, locale)) };
      }
      lossy = error;
    }
    const duplicates = duplicateKeyIssues(text);
    if (duplicates.length > 0) return { refused: invalidInput(new CreditBlockError("INVALID_INPUT", [...(lossy?.issues ?? []), ...duplicates]), locale) };
    if (lossy) return { refused: invalidInput(lossy, locale) };
    return { body };
  };

  return async (request) => {
    const path = request.pathname.replace(/\/+$/, "");
    const method = request.method;
    const locale = localeOf(request.acceptLanguage, serverLocale);
    // Own keys only: a Fetch Request may carry any token as its method, and a path may be "/constructor".
    const readOnly = Object.hasOwn(readOnlyRoutes, path) ? readOnlyRoutes[path] : undefined;
    if (readOnly) {
      if (method !== "GET" && method !== "HEAD") return problems.methodNotAllowed(locale, method, "GET, HEAD");
      const answer = await readOnly(locale);
      return method === "HEAD" ? headOf(answer) : answer;
    }
    const run = Object.hasOwn(bodyRoutes, path) ? bodyRoutes[path] : undefined;
    if (!run) return problems.notFound(locale, path);
    if (method !== "POST") return problems.methodNotAllowed(locale, method, "POST");
    if (!JSON_MEDIA_TYPE.test(request.contentType ?? "")) return problems.mediaType(locale);
    const declared = charsetOf(request.contentType);
    if (declared !== undefined && !isUtf8Label(declared)) return problems.charset(locale, declared);
    const read = await readJson(request, locale, declared);
    if ("refused" in read) return read.refused;
    try {
      const result = await run(read.body);
      const outcome = typeof result === "object" && result !== null && "outcome" in result ? String(result.outcome) : undefined;
      return jsonAnswer(result, outcome ? { "x-credit-outcome": outcome } : {});
    } catch (error) {
      if (error instanceof CreditBlockError) return invalidInput(error, locale);
      // A bug of ours, not the caller's input: say so without leaking internals.
      return problems.internal(locale);
    }
  };
}
