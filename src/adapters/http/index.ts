/**
 * `credit-block/http`: a Web-standard `(Request) => Promise<Response>` handler, so the same
 * code serves in Node, Bun, Deno, Hono, Next.js or a Cloudflare worker.
 * @module adapters/http
 */
import {
  ageReceivables, computeCharges, defaultTerm, createCreditGate, CreditBlockError, evaluateProposal, IdSchema, issue, parseInput, PAYMENT_METHODS, planInstallments, quotePayoff, scopeReaches,
  type AgingOptions, type CheckoutRequestInput, type CreditGate, type CustomerInput, type Decision, type PaymentMethod, type Policy, type PolicyDocument, type ReceivableInput, type Term,
} from "credit-block";
import { checkoutRequestJsonSchema, openApiDocument, policyJsonSchema } from "credit-block/json-schema";
import { BodyTooLarge, EXCHANGE, isBodyTooLarge, joinChunks, type PlainRequest, type PlainResponse } from "./exchange.js";
import { parseJsonExact } from "../json.js";
import { invalidInput, problemOf, toResponse } from "./problem.js";
import { OptionsCheck } from "../options.js";
import { agingDefaultsOf } from "../agingPolicy.js";

const MAX_BODY_BYTES = 2 ** 30;
const MAX_LOAD_TIMEOUT_MS = 60_000;

export { problem, type Problem } from "./problem.js";

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** The credit policy (validated and compiled once) or an already compiled gate. */
  readonly policy?: PolicyDocument | Policy;
  readonly gate?: CreditGate;
  /** IANA zone that turns the clock into `asOf` when a request omits it; default `America/Sao_Paulo`. */
  readonly timeZone?: string;
  /** Largest accepted body in bytes, 1 to 2³⁰; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** The clock, for tests; default `() => new Date()`. Adapters read the clock, the core never does. */
  readonly now?: () => Date;
  /**
   * The POS's own database (e.g. `connectSource` of `credit-block/source`): a `POST /v1/decide`
   * body with `customerId` (instead of `customer` and `receivables`) is completed by this hook,
   * whenever a deny or review rule of the policy could reach one of the sale's tenders. It
   * returns the customer (whose `id` must be the one asked for) and the receivables: `[]` is
   * "no debts"; anything else (a throw, a timeout past `loadTimeoutMs`, a missing list, another
   * customer, rows that are not valid) is "data missing", and the answer still comes
   * (fail-safe): credit tenders get `failSafeAction`, sales paid at once are allowed, and the
   * reason says the data source was unavailable (see `onLoadError` for why).
   */
  readonly loadCustomer?: (customerId: string, signal: AbortSignal) => Promise<{ readonly customer: CustomerInput; readonly receivables: readonly ReceivableInput[] }>;
  /**
   * What `GET /v1/ready` checks beyond the policy: resolves (with the round trip in ms, if it
   * knows it) when the data source answers, rejects when it does not (503). At most
   * `loadTimeoutMs` is waited.
   */
  readonly checkReady?: (signal: AbortSignal) => Promise<unknown>;
  /** Default 800 ms: a checkout cannot wait longer (at most 60,000). */
  readonly loadTimeoutMs?: number;
  /** What credit tenders get when the data source is down; default `review`. */
  readonly failSafeAction?: "review" | "deny";
  /**
   * Told why each fail-safe answer was given: the hook's error, the timeout, or the
   * `CreditBlockError` of data it returned that is not a valid customer and receivables. For
   * monitoring: the POS sees only that the data source was unavailable.
   */
  readonly onLoadError?: (error: unknown, customerId: string) => void;
}

/** The handler, with a way to swap the policy while serving (SIGHUP reload). */
export interface CreditBlockHandler {
  (request: Request): Promise<Response>;
  /** Validates and compiles a new policy; on error the old one keeps serving and the error is thrown. */
  reload(policy: PolicyDocument | Policy): void;
  /** The policy in use. */
  readonly policy: Policy;
}

// Building an Intl.DateTimeFormat costs far more than using one (it loads the zone's rules), and
// the handler asks for today on every checkout: one formatter per zone, kept. Only zones Intl
// accepted are kept, so the map is bounded by the IANA database.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Today in an IANA zone, as `YYYY-MM-DD`, via Intl (no dependency, works in every runtime). The
 * handler derives `asOf` with it; the core itself never reads the clock.
 *
 * @example
 * ```ts
 * todayIn("America/Sao_Paulo", new Date("2026-11-24T01:30:00Z")); // "2026-11-23" (22:30 in São Paulo)
 * ```
 */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dayFormatIn(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// One decoder for every request: `decode` without `stream` starts afresh each call.
const utf8 = new TextDecoder("utf-8", { fatal: true });

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

const json = (body: unknown, headers: Record<string, string> = {}): PlainResponse =>
  ({ status: 200, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) });

const notAllowed = (allow: string): PlainResponse => problemOf(405, "method-not-allowed", "Method not allowed", {}, { allow });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const asObject = (body: unknown): Record<string, unknown> => (isObject(body) ? body : {});

/**
 * A route's body, or one of its parts (`options`, `terms`), as an object. Only an absent part is
 * `{}`: `null`, a list or a string is refused at its path (`""` for the body), not read as
 * absent, so `"options": null` never quietly means "today and the defaults".
 */
function objectAt(value: unknown, path: string, optional = true): Record<string, unknown> {
  if (isObject(value)) return value;
  if (value === undefined && optional) return {};
  const received = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  throw new CreditBlockError("INVALID_INPUT", [issue(path, value === undefined ? "required" : "invalid_type", { expected: "object", received })]);
}

/** `body[key]` as an object, absent meaning `{}` (see {@link objectAt}). */
const partOf = (body: unknown, key: string): Record<string, unknown> => objectAt(objectAt(body, "", false)[key], key);

/**
 * Creates the HTTP handler. Routes (JSON in and out, versioned):
 * `POST /v1/decide` (a checkout request; `asOf` defaults to today in `timeZone`), `POST /v1/aging`
 * (`{ receivables, options }`; graceDays, calendar, ignoreBelow and currency default to the
 * policy's, so aging and decide agree), `POST /v1/charges` (`{ receivable, terms }`),
 * `POST /v1/payoff` (`{ receivables, options }`), `POST /v1/plan` (plan terms), `POST /v1/proposal`
 * (`{ proposal, debt, policy }`), `GET /v1/health`, `GET /v1/policy` (id, version, SHA-256),
 * `GET /v1/schema` (JSON Schemas of the inputs). Errors are `application/problem+json`
 * (RFC 9457): 400 bad JSON, 413 body over the limit, 415 wrong content type, 404, 405,
 * 422 invalid input with every issue; never a stack trace, never a 500 for bad input.
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
  // Checked at start-up, every problem at once: not a limit that never applies, a 500 per checkout.
  new OptionsCheck(options)
    .is("gate", "CreditGate", (g) => typeof (g as Partial<CreditGate> | null)?.decide === "function")
    .timeZone("timeZone")
    .integer("maxBodyBytes", 1, MAX_BODY_BYTES)
    .function("now")
    .function("loadCustomer")
    .integer("loadTimeoutMs", 1, MAX_LOAD_TIMEOUT_MS)
    .oneOf("failSafeAction", ["review", "deny"])
    .function("onLoadError")
    .function("checkReady")
    .done();
  const timeZone = options.timeZone ?? "America/Sao_Paulo";
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const now = options.now ?? (() => new Date());
  // Today changes at most once a second (zone offsets are whole seconds), and a busy sidecar
  // asks many times a second: formatting once per second keeps Intl off the hot path.
  let cached = { second: Number.NaN, day: "" };
  const today = (): string => {
    const at = now();
    const second = Math.floor(at.getTime() / 1000);
    if (second !== cached.second) cached = { second, day: todayIn(timeZone, at) };
    return cached.day;
  };
  let gate: CreditGate = options.gate ?? createCreditGate(options.policy ?? { id: "empty", version: 0, rules: [] });
  let hash: Promise<string> | null = null;
  let schemas: Record<string, unknown> | null = null; // built on first request, then reused
  let openapi: string | null = null;

  // The fail-safe answer speaks the store policy's currency, locale and calendar, and is rebuilt
  // with it on reload; it keeps its own id so the log tells a fail-safe answer apart.
  const failSafeOf = (policy: Policy): CreditGate => createCreditGate({
    id: "fail-safe", version: 1, currency: policy.currency, locale: policy.locale,
    rules: [{
      id: "data-source-unavailable", code: "DATA_SOURCE_UNAVAILABLE",
      when: { fact: "attributes.dataSourceUnavailable", op: "eq", value: true },
      scope: "credit", action: options.failSafeAction ?? "review",
      message: { "pt-BR": "Cadastro do cliente indisponível no momento: venda a prazo sujeita a aprovação; à vista liberado", en: "Customer data unavailable right now: credit sales need approval; sales paid at once are allowed" },
    }],
  });
  let failSafeGate = failSafeOf(gate.policy);
  const timeoutMs = options.loadTimeoutMs ?? 800;

  /** The counter pairs a deny or review rule of the policy reaches: the sales that need the customer's data. */
  const reachedBy = (policy: Policy): ReadonlySet<string> => {
    const reached = new Set<string>();
    for (const rule of policy.rules) {
      if (rule.action === "warn") continue;
      for (const method of PAYMENT_METHODS) for (const term of ["immediate", "deferred"] as const) if (scopeReaches(rule.scope, method, term)) reached.add(`${method}/${term}`);
    }
    return reached;
  };
  let reached = reachedBy(gate.policy);
  /** Whether some tender of the sale could be refused or held: read before validation, so anything unreadable counts as reachable. */
  const needsData = (tenders: unknown): boolean => {
    if (!Array.isArray(tenders)) return true;
    return tenders.some((t: unknown) => {
      const { method, term } = asObject(t) as { method?: unknown; term?: unknown };
      if (typeof method !== "string" || !(PAYMENT_METHODS as readonly string[]).includes(method)) return true;
      const effective: Term = term === "immediate" || term === "deferred" ? term : defaultTerm(method as PaymentMethod);
      return reached.has(`${method}/${effective}`);
    });
  };

  /** Completes `{ customerId, sale }` through loadCustomer, or decides fail-safe. */
  const decideWithLoader = async (request: Record<string, unknown>, asOf: unknown): Promise<Decision> => {
    const customerId = request.customerId;
    const rest: Record<string, unknown> = { ...request };
    delete rest.customerId;
    if (customerId === undefined || !options.loadCustomer) return gate.decide({ ...(options.loadCustomer ? rest : request), asOf } as CheckoutRequestInput);
    // Both ways of naming the customer at once is a contradiction, refused rather than guessed.
    if (Object.hasOwn(rest, "customer") || Object.hasOwn(rest, "receivables")) {
      throw new CreditBlockError("INVALID_INPUT", [issue("customerId", "conflicting_value", { value: JSON.stringify(customerId), other: Object.hasOwn(rest, "customer") ? "customer" : "receivables", otherValue: "(sent too)" })]);
    }
    const id: string = parseInput(IdSchema, customerId, "customerId");
    // A supervisor's releases given at the counter travel beside the id and join the loaded
    // customer's own (the fail-safe answer too: a release of data-source-unavailable lifts it).
    const counterOverrides: unknown = rest.overrides;
    delete rest.overrides;
    // A release from the counter names its rule: a blanket one would also lift what the store's
    // own records hold against the customer (fraud, a manual hold). Those come from the database.
    if (Array.isArray(counterOverrides)) {
      const blanket = counterOverrides.flatMap((o: unknown, i) => (asObject(o).rule === undefined ? [issue(`overrides[${i}].rule`, "required")] : []));
      if (blanket.length > 0) throw new CreditBlockError("INVALID_INPUT", blanket);
    }
    const withOverrides = (customer: unknown): unknown => {
      if (counterOverrides === undefined) return customer;
      const own: unknown = asObject(customer).overrides;
      return { ...asObject(customer), overrides: [...(Array.isArray(own) ? own as unknown[] : []), ...(Array.isArray(counterOverrides) ? counterOverrides as unknown[] : [counterOverrides])] };
    };
    const failSafe = (): Decision => failSafeGate.decide({ ...rest, asOf, customer: withOverrides({ id, attributes: { dataSourceUnavailable: true } }), receivables: [] } as CheckoutRequestInput);
    // No rule could refuse or hold any tender of this sale: it never waits on the database.
    if (!needsData(asObject(request.sale).tenders ?? [])) return gate.decide({ ...rest, asOf, customer: withOverrides({ id }), receivables: [] } as CheckoutRequestInput);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const loaded = await Promise.race([
        options.loadCustomer(id, controller.signal),
        new Promise<never>((_, reject) => { timer = setTimeout(() => { controller.abort(); reject(new Error(`the data source took longer than ${timeoutMs} ms`)); }, timeoutMs); }),
      ]);
      const customer: unknown = asObject(loaded).customer;
      const receivables: unknown = asObject(loaded).receivables;
      if (asObject(customer).id !== id) throw new Error("the data source answered for another customer than the one asked for");
      if (!Array.isArray(receivables)) throw new Error("the data source returned no receivables list (data missing, not \"no debts\")");
      return gate.decide({ ...rest, asOf, customer: withOverrides(customer), receivables: receivables as unknown } as CheckoutRequestInput);
    } catch (error) {
      // The POS's own part (sale, asOf) is checked again here: if it is at fault, that is the
      // 422. Otherwise the hook is (it threw, timed out, or returned rows that are not a
      // customer and receivables): the fail-safe answer, and the reason to whoever monitors.
      const decision = failSafe();
      try {
        options.onLoadError?.(error, id);
      } catch {
        // A monitoring callback that throws must not turn the checkout's answer into a 500.
      }
      return decision;
    } finally {
      clearTimeout(timer);
    }
  };

  /** `GET /v1/ready`: the policy is loaded and the data source (if any) answers in time. */
  const ready = async (): Promise<PlainResponse> => {
    const policy = { id: gate.policy.id, version: gate.policy.version };
    if (!options.checkReady) return json({ status: "ready", policy });
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    try {
      const measured = await Promise.race([
        options.checkReady(controller.signal),
        new Promise<never>((_, reject) => { timer = setTimeout(() => { controller.abort(); reject(new Error("timeout")); }, timeoutMs); }),
      ]);
      const latencyMs = typeof measured === "number" ? measured : Date.now() - started;
      return json({ status: "ready", policy, source: { ok: true, latencyMs } });
    } catch {
      return problemOf(503, "not-ready", "Not ready", { detail: "the data source does not answer: credit sales are answered fail-safe" }, { "retry-after": "5" });
    } finally {
      clearTimeout(timer);
    }
  };

  /**
   * `POST /v1/aging` counts overdue as `decide` does: the policy in use (the one after the last
   * reload) gives graceDays, calendar, ignoreBelow and currency, and each key the request sends
   * (`null` included, for the schema to judge) wins. The policy's threshold is an amount in its
   * currency, so it is left out when the request ages in another one.
   */
  const agingOptionsOf = (sent: Record<string, unknown>): AgingOptions => {
    const policy = gate.policy;
    const { ignoreBelow, ...defaults } = agingDefaultsOf(policy);
    const inPolicyCurrency = !Object.hasOwn(sent, "currency") || sent.currency === policy.currency;
    return { asOf: today(), ...defaults, ...(inPolicyCurrency && ignoreBelow !== undefined ? { ignoreBelow } : {}), ...sent };
  };

  // Only an absent asOf means today (the spreads below keep a sent one, `null` included, for the
  // schema to judge): a contradiction is refused, not guessed.
  const routes: Record<string, Record<string, (body: unknown) => unknown>> = {
    "/v1/decide": { POST: (body) => {
      const request = objectAt(body, "", false);
      return decideWithLoader(request, Object.hasOwn(request, "asOf") ? request.asOf : today());
    } },
    "/v1/aging": { POST: (body) => ageReceivables(objectAt(body, "", false).receivables as never, agingOptionsOf(partOf(body, "options"))) },
    "/v1/charges": { POST: (body) => computeCharges(objectAt(body, "", false).receivable as never, { asOf: today(), ...partOf(body, "terms") }) },
    "/v1/payoff": { POST: (body) => quotePayoff(objectAt(body, "", false).receivables as never, { asOf: today(), ...partOf(body, "options") } as never) },
    "/v1/plan": { POST: (body) => planInstallments(body as never) },
    "/v1/proposal": { POST: (body) => { const b = objectAt(body, "", false); return evaluateProposal(b.proposal as never, b.debt as never, b.policy as never); } },
  };

  const getRoutes: Record<string, () => Promise<PlainResponse> | PlainResponse> = {
    "/v1/health": () => json({ status: "ok" }),
    "/v1/ready": ready,
    "/v1/policy": async () => {
      hash ??= sha256(JSON.stringify(gate.policy));
      return json({ id: gate.policy.id, version: gate.policy.version, sha256: await hash });
    },
    "/v1/schema": () => {
      schemas ??= { policy: policyJsonSchema(), checkoutRequest: checkoutRequestJsonSchema() };
      return json(schemas);
    },
    "/v1/openapi.json": () => {
      openapi ??= JSON.stringify(openApiDocument());
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: openapi };
    },
  };

  const exchange = async (request: PlainRequest): Promise<PlainResponse> => {
    const path = request.pathname.replace(/\/+$/, "");
    const method = request.method;
    const get = Object.hasOwn(getRoutes, path) ? getRoutes[path] : undefined;
    if (get) {
      if (method !== "GET" && method !== "HEAD") return notAllowed("GET, HEAD");
      const answer = await get();
      // HEAD: the GET's status and headers, no body (RFC 9110 §9.3.2).
      return method === "HEAD" ? { ...answer, headers: { ...answer.headers, "content-length": String(new TextEncoder().encode(answer.body).byteLength) }, body: "" } : answer;
    }
    // Own keys only: a Fetch Request may carry any token as its method, "constructor" included.
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) return problemOf(404, "not-found", "Not found", { detail: `no route ${path}` });
    const run = Object.hasOwn(route, method) ? route[method] : undefined;
    if (!run) return notAllowed(Object.keys(route).join(", "));
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(request.contentType ?? "")) return problemOf(415, "unsupported-media-type", "Send JSON", { detail: "content-type must be application/json" });
    const tooLarge = () => problemOf(413, "payload-too-large", "Body too large", { detail: `at most ${limit} bytes` });
    if (Number(request.contentLength ?? "0") > limit) return tooLarge();
    let body: unknown;
    try {
      body = parseJsonExact(utf8.decode(await request.readBody(limit)));
    } catch (error) {
      if (isBodyTooLarge(error)) return tooLarge();
      if (error instanceof CreditBlockError) return invalidInput(error);
      return problemOf(400, "bad-json", "Malformed JSON", { detail: "the body is not valid JSON" });
    }
    try {
      const result = await run(body);
      const outcome = typeof result === "object" && result !== null && "outcome" in result ? String((result).outcome) : undefined;
      return json(result, outcome ? { "x-credit-outcome": outcome } : {});
    } catch (error) {
      if (error instanceof CreditBlockError) return invalidInput(error);
      // A bug of ours, not the caller's input: say so without leaking internals.
      return problemOf(500, "internal", "Internal error", { detail: "an unexpected error; see the server log" });
    }
  };
  const handler = async (request: Request): Promise<Response> =>
    toResponse(await exchange({
      method: request.method,
      pathname: new URL(request.url).pathname,
      contentType: request.headers.get("content-type"),
      contentLength: request.headers.get("content-length"),
      readBody: (max) => readStream(request.body, max),
    }));
  const reload = (policy: PolicyDocument | Policy): void => {
    const next = createCreditGate(policy); // throws PolicyError before anything changes
    failSafeGate = failSafeOf(next.policy);
    gate = next;
    reached = reachedBy(next.policy);
    hash = null;
  };
  Object.defineProperty(handler, "policy", { get: () => gate.policy, enumerable: true });
  Object.defineProperty(handler, EXCHANGE, { value: exchange });
  return Object.assign(handler, { reload }) as unknown as CreditBlockHandler;
}
