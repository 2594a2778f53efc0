/**
 * `credit-block/http`: a Web-standard `(Request) => Promise<Response>` handler, so the same
 * code serves in Node, Bun, Deno, Hono, Next.js or a Cloudflare worker.
 * @module adapters/http
 */
import { createCreditGate, type CreditGate, type Policy, type PolicyDocument } from "credit-block";
import { OptionsCheck } from "../options.js";
import { todayClock } from "./clock.js";
import { CustomerLoader } from "./customerLoader.js";
import { BodyTooLarge, EXCHANGE, joinChunks } from "./exchange.js";
import type { CreditBlockHandler, HandlerOptions } from "./handlerOptions.js";
import { LOCALES } from "./language.js";
import { toResponse } from "./problem.js";
import { readOnlyRoutes } from "./readOnlyRoutes.js";
import { createRouter } from "./router.js";
import { bodyRoutes } from "./routes.js";

export { todayIn } from "./clock.js";
export type { CreditBlockHandler, HandlerOptions } from "./handlerOptions.js";
export { problem, type Problem } from "./problem.js";

const MAX_BODY_BYTES = 2 ** 30;
const DEFAULT_BODY_BYTES = 1024 * 1024;
const MAX_LOAD_TIMEOUT_MS = 60_000;
const DEFAULT_LOAD_TIMEOUT_MS = 800;

/** Reads a Fetch body, stopping once more than `limit` bytes have arrived. */
async function readStream(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  const reader = body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new BodyTooLarge();
      }
      chunks.push(value);
    }
  }
  return joinChunks(chunks, size);
}

/** Every problem of the options at once: not a limit that never applies, a 500 per checkout. */
function checkOptions(options: HandlerOptions): void {
  new OptionsCheck(options)
    .is("gate", "CreditGate", (g) => typeof (g as Partial<CreditGate> | null)?.decide === "function")
    .timeZone("timeZone")
    .integer("maxBodyBytes", 1, MAX_BODY_BYTES)
    .function("now")
    .function("loadCustomer")
    .integer("loadTimeoutMs", 1, MAX_LOAD_TIMEOUT_MS)
    .oneOf("failSafeAction", ["review", "deny"])
    .oneOf("locale", LOCALES)
    .function("onLoadError")
    .function("checkReady")
    .done();
}

/**
 * Creates the HTTP handler. Routes (JSON in and out, versioned):
 * `POST /v1/decide` (a checkout request; `asOf` defaults to today in `timeZone`), `POST /v1/aging`
 * (`{ receivables, options }`; graceDays, calendar, ignoreBelow and currency default to the
 * policy's, so aging and decide agree), `POST /v1/charges` (`{ receivable, terms }`),
 * `POST /v1/payoff` (`{ receivables, options }`), `POST /v1/plan` (plan terms), `POST /v1/proposal`
 * (`{ proposal, debt, policy }`; `debt.asOf` defaults to today), `GET /v1/health`,
 * `GET /v1/policy` (id, version, SHA-256), `GET /v1/schema` (JSON Schemas of the inputs).
 * Errors are `application/problem+json`
 * (RFC 9457), in the caller's language (`Accept-Language`, else `locale`): 400 a body that is
 * not JSON, not UTF-8 or incomplete, 413 body over the limit, 415 not JSON or a charset other
 * than UTF-8, 404, 405, 422 invalid input with every issue (an unknown key at any depth and a
 * key given twice in one object included); never a stack trace, never a 500 for bad input.
 *
 * @example
 * ```ts
 * import { createHandler } from "credit-block/http";
 * const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }) });
 * const response = await handler(new Request("http://pos.local/v1/decide", {
 *   method: "POST", headers: { "content-type": "application/json" },
 *   body: JSON.stringify({ customer: { id: "c1" }, receivables: [], sale: { tenders: [{ method: "pix", amount: "10.00" }] } }),
 * }));
 * (await response.json()).outcome; // "allow"
 * ```
 */
export function createHandler(options: HandlerOptions): CreditBlockHandler {
  checkOptions(options);
  let gate: CreditGate = options.gate ?? createCreditGate(options.policy ?? { id: "empty", version: 0, rules: [] }, options.encoders);
  const currentGate = (): CreditGate => gate;
  const timeoutMs = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const locale = options.locale ?? "en";
  const loader = new CustomerLoader(options, timeoutMs, currentGate);
  const exchange = createRouter({
    bodyRoutes: bodyRoutes({ gate: currentGate, today: todayClock(options.timeZone ?? "America/Sao_Paulo", options.now ?? (() => new Date())), loader, encoders: options.encoders, pixSvg: options.pixSvg }),
    readOnlyRoutes: readOnlyRoutes({ gate: currentGate, options, timeoutMs }),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_BODY_BYTES,
    locale,
  });
  const handler = async (request: Request): Promise<Response> =>
    toResponse(await exchange({
      method: request.method,
      pathname: new URL(request.url).pathname,
      contentType: request.headers.get("content-type"),
      contentLength: request.headers.get("content-length"),
      acceptLanguage: request.headers.get("accept-language"),
      readBody: (max) => readStream(request.body, max),
    }));
  const reload = (policy: PolicyDocument | Policy): void => {
    const next = createCreditGate(policy, options.encoders); // throws PolicyError before anything changes
    loader.followPolicy(next.policy);
    gate = next;
  };
  Object.defineProperty(handler, "policy", { get: () => gate.policy, enumerable: true });
  Object.defineProperty(handler, "locale", { value: locale, enumerable: true });
  Object.defineProperty(handler, EXCHANGE, { value: exchange });
  return Object.assign(handler, { reload }) as unknown as CreditBlockHandler;
}
