/**
 * From a plain request to a plain answer: finding the route, the checks every body route shares
 * (media type, size, JSON), and turning what the route returned or threw into an answer.
 * @internal
 */
import { CreditBlockError } from "credit-block";
import { parseJsonExact } from "../json.js";
import { isBodyTooLarge, jsonAnswer, type PlainRequest, type PlainResponse } from "./exchange.js";
import { invalidInput, problemOf } from "./problem.js";
import type { ReadOnlyRoute } from "./readOnlyRoutes.js";
import type { BodyRoute } from "./routes.js";

/** The routes and the body limit a router serves. */
export interface RouterOptions {
  readonly bodyRoutes: Readonly<Record<string, BodyRoute>>;
  readonly readOnlyRoutes: Readonly<Record<string, ReadOnlyRoute>>;
  readonly maxBodyBytes: number;
}

// One decoder for every request: `decode` without `stream` starts afresh each call.
const utf8 = new TextDecoder("utf-8", { fatal: true });

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

const notAllowed = (allow: string): PlainResponse => problemOf(405, "method-not-allowed", "Method not allowed", {}, { allow });

/** `answer` without its body, as HEAD has it: the GET's status and headers (RFC 9110 §9.3.2). */
const headOf = (answer: PlainResponse): PlainResponse =>
  ({ ...answer, headers: { ...answer.headers, "content-length": String(new TextEncoder().encode(answer.body).byteLength) }, body: "" });

/** The handler's plain entry point over its routes. */
export function createRouter({ bodyRoutes, readOnlyRoutes, maxBodyBytes }: RouterOptions): (request: PlainRequest) => Promise<PlainResponse> {
  const tooLarge = (): PlainResponse => problemOf(413, "payload-too-large", "Body too large", { detail: `at most ${maxBodyBytes} bytes` });

  /** The route's parsed body, or the problem that stops it (413, 400, or 422 for a value JSON cannot hold exactly). */
  const readJson = async (request: PlainRequest): Promise<{ readonly body: unknown } | { readonly refused: PlainResponse }> => {
    if (Number(request.contentLength ?? "0") > maxBodyBytes) return { refused: tooLarge() };
    try {
      return { body: parseJsonExact(utf8.decode(await request.readBody(maxBodyBytes))) };
    } catch (error) {
      if (isBodyTooLarge(error)) return { refused: tooLarge() };
      if (error instanceof CreditBlockError) return { refused: invalidInput(error) };
      return { refused: problemOf(400, "bad-json", "Malformed JSON", { detail: "the body is not valid JSON" }) };
    }
  };

  return async (request) => {
    const path = request.pathname.replace(/\/+$/, "");
    const method = request.method;
    // Own keys only: a Fetch Request may carry any token as its method, and a path may be "/constructor".
    const readOnly = Object.hasOwn(readOnlyRoutes, path) ? readOnlyRoutes[path] : undefined;
    if (readOnly) {
      if (method !== "GET" && method !== "HEAD") return notAllowed("GET, HEAD");
      const answer = await readOnly();
      return method === "HEAD" ? headOf(answer) : answer;
    }
    const run = Object.hasOwn(bodyRoutes, path) ? bodyRoutes[path] : undefined;
    if (!run) return problemOf(404, "not-found", "Not found", { detail: `no route ${path}` });
    if (method !== "POST") return notAllowed("POST");
    if (!JSON_MEDIA_TYPE.test(request.contentType ?? "")) return problemOf(415, "unsupported-media-type", "Send JSON", { detail: "content-type must be application/json" });
    const read = await readJson(request);
    if ("refused" in read) return read.refused;
    try {
      const result = await run(read.body);
      const outcome = typeof result === "object" && result !== null && "outcome" in result ? String(result.outcome) : undefined;
      return jsonAnswer(result, outcome ? { "x-credit-outcome": outcome } : {});
    } catch (error) {
      if (error instanceof CreditBlockError) return invalidInput(error);
      // A bug of ours, not the caller's input: say so without leaking internals.
      return problemOf(500, "internal", "Internal error", { detail: "an unexpected error; see the server log" });
    }
  };
}
