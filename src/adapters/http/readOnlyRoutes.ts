/**
 * The routes that take no body (`GET` and `HEAD /v1/…`): health, readiness, the policy in use
 * and the published schemas.
 * @internal
 */
import type { CreditGate, Policy } from "credit-block";
import { checkoutRequestJsonSchema, openApiDocument, policyJsonSchema } from "credit-block/json-schema";
import { withDeadline } from "./deadline.js";
import { jsonAnswer, type PlainResponse } from "./exchange.js";
import type { HandlerOptions } from "./handlerOptions.js";
import type { Locale } from "./language.js";
import { problems } from "./problem.js";

/** A route that takes no body (its problems in `locale`); a HEAD request gets its status and headers. */
export type ReadOnlyRoute = (locale: Locale) => Promise<PlainResponse> | PlainResponse;

/** What the routes read: the gate in use (it changes on reload), the readiness probe and how long to wait on it. */
export interface ReadOnlyRouteContext {
  readonly gate: () => CreditGate;
  readonly options: Pick<HandlerOptions, "checkReady">;
  readonly timeoutMs: number;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `GET /v1/ready`: the policy is loaded and the data source (if any) answers in time. */
async function ready(policy: Policy, options: ReadOnlyRouteContext["options"], timeoutMs: number, locale: Locale): Promise<PlainResponse> {
  const loaded = { id: policy.id, version: policy.version };
  const checkReady = options.checkReady;
  if (!checkReady) return jsonAnswer({ status: "ready", policy: loaded });
  const started = Date.now();
  try {
    const measured = await withDeadline((signal) => checkReady.call(options, signal), timeoutMs, "timeout");
    const latencyMs = typeof measured === "number" ? measured : Date.now() - started;
    return jsonAnswer({ status: "ready", policy: loaded, source: { ok: true, latencyMs } });
  } catch {
    return problems.notReady(locale);
  }
}

/** The read-only routes by path. What never changes is built on first request, then reused; the policy's hash until the policy changes. */
export function readOnlyRoutes({ gate, options, timeoutMs }: ReadOnlyRouteContext): Readonly<Record<string, ReadOnlyRoute>> {
  let hashed: { readonly policy: Policy; readonly sha256: Promise<string> } | null = null;
  let schemas: Record<string, unknown> | null = null;
  let openapi: string | null = null;
  return {
    "/v1/health": () => jsonAnswer({ status: "ok" }),
    "/v1/ready": (locale) => ready(gate().policy, options, timeoutMs, locale),
    "/v1/policy": async () => {
      const policy = gate().policy;
      if (hashed?.policy !== policy) hashed = { policy, sha256: sha256(JSON.stringify(policy)) };
      return jsonAnswer({ id: policy.id, version: policy.version, sha256: await hashed.sha256 });
    },
    "/v1/schema": () => {
      schemas ??= { policy: policyJsonSchema(), checkoutRequest: checkoutRequestJsonSchema() };
      return jsonAnswer(schemas);
    },
    "/v1/openapi.json": () => {
      openapi ??= JSON.stringify(openApiDocument());
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: openapi };
    },
  };
}
