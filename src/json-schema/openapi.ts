/**
 * The OpenAPI 3.1 document of the sidecar (`credit-block/http`, `credit-block serve`): every
 * route, its request, its answer and its problems, with the schemas generated from zod (the
 * core's input schemas, and the output schemas of ./responses.ts).
 * @internal
 */
import * as z from "zod/mini";
import { globalRegistry, toJSONSchema } from "zod/mini";
import {
  ChargeTermsSchema, CheckoutRequestSchema, CustomerSchema, IdSchema, ISODateSchema, MAX_GRACE_DAYS, moneySchema, NegotiationPolicySchema, OverrideSchema,
  PercentSchema, ReceivableSchema, ROUNDING_MODES, TenderSchema,
} from "credit-block";
import { policyJsonSchema } from "./index.js";
import { responseRegistry } from "./responses.js";

/** The document's `info.version`: the package's version (a test keeps them equal). */
const VERSION = "0.1.0";

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;
const SCHEMAS = "#/components/schemas/";
const ref = (name: string): Node => ({ $ref: `${SCHEMAS}${name}` });

/** Descriptions of the request schemas below, on the instances, as `.meta()` would. */
function described<S extends z.core.$ZodType>(schema: S, description: string): S {
  if (!globalRegistry.has(schema)) globalRegistry.add(schema, { description });
  return schema;
}

/** The input components: the core's schemas, and the bodies of the routes that have none. */
function inputRegistry() {
  const registry = z.registry<{ id: string }>();
  const add = (id: string, schema: z.core.$ZodType): void => {
    registry.add(schema, { id });
  };
  const money = moneySchema();
  const sale = (CheckoutRequestSchema.shape.sale as unknown as { _zod: { def: { innerType: z.core.$ZodType } } })._zod.def.innerType;
  const calendar = described(z.nullable(z.strictObject({
    extra: z.optional(z.array(z.strictObject({ date: z.string().check(z.regex(/^(?:\d{4}-)?\d{2}-\d{2}$/)), name: z.string().check(z.minLength(1), z.maxLength(200)) })).check(z.maxLength(2000))),
    bankHolidays: z.optional(z.boolean()),
    weekend: z.optional(z.array(z.int().check(z.minimum(0), z.maximum(6))).check(z.maxLength(6))),
  })), "A business-day calendar: national holidays, plus bank non-business days unless bankHolidays is false, plus extra holidays (YYYY-MM-DD once, MM-DD every year); weekend defaults to [0, 6]");
  const byCustomerId = described(z.strictObject({
    customerId: IdSchema,
    asOf: z.optional(ISODateSchema),
    sale: z.optional(sale),
    overrides: z.optional(z.array(OverrideSchema)),
  }), "A checkout whose customer and open receivables the server reads from its data source (never with customer or receivables too). `overrides` are the supervisor releases given at the counter, added to the loaded customer's. If the source fails, sales paid at once are allowed and credit tenders get the fail-safe action (which a release of rule data-source-unavailable lifts)");
  const discount = described(z.union([z.strictObject({ percent: PercentSchema }), z.strictObject({ amount: money })]), "A discount as a percent of its part (rounded up to the cent, in the customer's favour) or an amount, capped at the part");
  const grace = z.int().check(z.minimum(0), z.maximum(MAX_GRACE_DAYS));
  const agingOptions = described(z.strictObject({
    asOf: z.optional(ISODateSchema),
    buckets: z.optional(z.array(z.int().check(z.minimum(0), z.maximum(36_500))).check(z.minLength(1), z.maxLength(50))),
    by: z.optional(z.enum(["dueDate", "issueDate"])),
    locale: z.optional(z.enum(["pt-BR", "en"])),
    graceDays: z.optional(grace),
    calendar: z.optional(calendar),
    ignoreBelow: z.optional(money),
    includeDisputed: z.optional(z.boolean()),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  }), "Options of the aging report; asOf defaults to today in the server's time zone, buckets to [0, 30, 60, 90, 120], and graceDays, calendar, ignoreBelow and currency to the server's credit policy (so aging counts overdue as decide does). A key sent here wins over the policy's; the policy's ignoreBelow applies only when the report is in the policy's currency");
  const payoffOptions = described(z.strictObject({
    asOf: z.optional(ISODateSchema),
    terms: ChargeTermsSchema,
    discounts: z.optional(z.strictObject({ interest: z.optional(discount), fine: z.optional(discount), correction: z.optional(discount), principal: z.optional(discount) })),
    validDays: z.optional(z.int().check(z.minimum(2), z.maximum(365))),
    contractMonthlyRatePercent: z.optional(PercentSchema),
    includeDisputed: z.optional(z.boolean()),
  }), "Options of a payoff quote; terms.asOf, when sent, must equal asOf");
  const plan = described(z.strictObject({
    principal: money,
    downPayment: z.optional(money),
    count: z.int().check(z.minimum(1), z.maximum(420)),
    monthlyRatePercent: z.optional(PercentSchema),
    yearlyRatePercent: z.optional(PercentSchema),
    system: z.enum(["price", "sac", "none"]),
    firstDueDate: ISODateSchema,
    startDate: z.optional(ISODateSchema),
    interval: z.optional(z.union([z.strictObject({ months: z.int().check(z.minimum(1), z.maximum(12)) }), z.strictObject({ days: z.int().check(z.minimum(1), z.maximum(366)) })])),
    rounding: z.optional(z.enum(ROUNDING_MODES as readonly [string, ...string[]])),
    remainderTo: z.optional(z.enum(["last", "first"])),
    currency: z.optional(z.string().check(z.maxLength(3))),
  }), "Installment plan terms: one of monthlyRatePercent and yearlyRatePercent for price and sac, none for none");
  const proposal = described(z.strictObject({
    downPayment: z.optional(money),
    installments: z.int().check(z.minimum(0), z.maximum(420)),
    monthlyRatePercent: z.optional(PercentSchema),
    discountPercent: z.optional(PercentSchema),
    firstDueDate: z.optional(ISODateSchema),
  }), "What the customer (or the collector) proposes; installments 0 = everything at once");
  const debt = described(z.strictObject({
    amount: money,
    daysOverdue: z.int().check(z.minimum(0), z.maximum(36_500)),
    segment: z.optional(z.enum(["punctual", "occasional", "chronic", "new"])),
    asOf: ISODateSchema,
  }), "The debt being negotiated, e.g. a payoff quote's gross");

  add("CheckoutRequest", CheckoutRequestSchema);
  add("DecideByCustomerId", byCustomerId);
  add("DecideRequest", described(z.union([CheckoutRequestSchema, byCustomerId]), "A checkout with the customer and receivables in the request, or only the customer's id for the server to load them"));
  add("Customer", CustomerSchema);
  add("Receivable", ReceivableSchema);
  add("Sale", sale); // the core's own instance: described below, on the output, not in the registry every caller reads
  add("Tender", TenderSchema);
  add("Override", OverrideSchema);
  add("Calendar", calendar);
  add("AgingRequest", described(z.strictObject({ receivables: z.array(ReceivableSchema), options: z.optional(agingOptions) }), "Receivables of any number of customers (customerId groups them) and the report's options"));
  add("AgingOptions", agingOptions);
  add("ChargeTerms", ChargeTermsSchema);
  add("ChargesRequest", described(z.strictObject({ receivable: ReceivableSchema, terms: ChargeTermsSchema }), "One título and the late-charge terms to apply at terms.asOf"));
  add("PayoffRequest", described(z.strictObject({ receivables: z.array(ReceivableSchema), options: payoffOptions }), "A customer's títulos and the quote's options"));
  add("PayoffOptions", payoffOptions);
  add("Discount", discount);
  add("PlanRequest", plan);
  add("ProposalRequest", described(z.strictObject({ proposal, debt, policy: NegotiationPolicySchema }), "A proposal, the debt it settles and the negotiation policy that judges it"));
  add("Proposal", proposal);
  add("PixSvgRequest", described(z.strictObject({ payload: z.string() }), "A static Pix BR Code (Pix copia e cola), such as a decision's regularize.pix.payload"));
  add("Debt", debt);
  add("NegotiationPolicy", NegotiationPolicySchema);
  return registry;
}

/** Moves a standalone schema's `$defs` into the components, pointing its refs there. */
function hoist(name: string, schema: Node, components: Node, names: Readonly<Record<string, string>>): Node {
  const defs = isNode(schema.$defs) ? schema.$defs : {};
  const renamed = new Map(Object.keys(defs).map((key, i) => [`#/$defs/${key}`, `${SCHEMAS}${names[key] ?? `${name}Def${i}`}`]));
  renamed.set("#", `${SCHEMAS}${name}`);
  const relink = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relink);
    if (!isNode(node)) return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? renamed.get(v) ?? v : relink(v)]));
  };
  for (const [key, def] of Object.entries(defs)) components[(renamed.get(`#/$defs/${key}`) ?? "").slice(SCHEMAS.length)] = relink(def);
  const rest = relink(schema) as Node;
  delete rest.$defs;
  delete rest.$schema;
  return rest;
}

/** A registry's schemas as components: no `$schema`/`$id` of their own, shared defs hoisted. */
function components(generated: { schemas: Record<string, unknown> }): Node {
  const out: Node = {};
  const shared = generated.schemas.__shared;
  const defs = isNode(shared) && isNode(shared.$defs) ? shared.$defs : {};
  const prefix = `${SCHEMAS}__shared#/$defs/`;
  const relink = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(relink);
    if (!isNode(node)) return node;
    const entries = Object.entries(node).filter(([k]) => k !== "$schema" && k !== "$id");
    return Object.fromEntries(entries.map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith(prefix) ? `${SCHEMAS}Shared_${v.slice(prefix.length)}` : relink(v)]));
  };
  for (const [id, schema] of Object.entries(generated.schemas)) if (id !== "__shared") out[id] = relink(schema);
  for (const [id, schema] of Object.entries(defs)) out[`Shared_${id}`] = relink(schema);
  return out;
}

/** Over HTTP `asOf` may be left out: the server's today, in its time zone. */
function asOfOptional(schema: unknown, description: string): void {
  if (!isNode(schema)) return;
  if (Array.isArray(schema.required)) schema.required = schema.required.filter((key) => key !== "asOf");
  schema.description = description;
}

function allSchemas(): Node {
  // First: it registers the input descriptions (on the core's instances) that the rest reads.
  const policy = policyJsonSchema();
  const uri = (id: string) => `${SCHEMAS}${id}`;
  const inputs = components(toJSONSchema(inputRegistry(), { io: "input", unrepresentable: "any", uri }));
  const registry = responseRegistry();
  const outputs = components(toJSONSchema(registry, { io: "output", metadata: registry, uri }));
  asOfOptional(inputs.CheckoutRequest, "What a POS sends at checkout; asOf defaults to today in the server's time zone");
  asOfOptional(inputs.ChargeTerms, "Late-charge terms (FEBRABAN CNAB 240 style): multa as a percent or a value, juros as % a month or a value a day; consumer caps multa 2% (CDC art. 52 §1) and juros de mora 1% a.m. (Súmula 379 STJ) unless consumer is false; asOf defaults to today");
  asOfOptional(inputs.Debt, "The debt being negotiated, e.g. a payoff quote's gross; asOf defaults to today in the server's time zone");
  (inputs.Sale as Node).description = "The sale's tenders";
  const all: Node = { ...inputs, ...outputs };
  all.Policy = hoist("Policy", policy, all, { __schema0: "Condition" });
  for (const name of ["ChargeTerms", "Policy"]) {
    const properties = (all[name] as Node).properties;
    if (isNode(properties) && isNode(properties.calendar)) properties.calendar = { ...ref("Calendar"), ...properties.calendar };
  }
  return Object.fromEntries(Object.keys(all).sort().map((key) => [key, all[key]]));
}

const json = (schema: Node) => ({ "application/json": { schema } });
const problemJson = (schema: Node) => ({ "application/problem+json": { schema } });
const header = (name: string) => ({ $ref: `#/components/headers/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID = { "x-request-id": header("RequestId") };

/** What every problem carries beside its body: the request id, its language, and that the language follows Accept-Language. */
const PROBLEM_HEADERS = { ...REQUEST_ID, "Content-Language": header("ContentLanguage"), Vary: header("Vary") };

function problemResponse(description: string, headers: Node = {}, schema = "Problem"): Node {
  return { description, headers: { ...PROBLEM_HEADERS, ...headers }, content: problemJson(ref(schema)) };
}

const PROBLEMS: Readonly<Record<string, Node>> = {
  BadRequest: problemResponse("The body is not JSON, not UTF-8 or incomplete, or the request is not valid HTTP/1.1"),
  Unauthorized: problemResponse("No bearer token, or one the server does not know", { "WWW-Authenticate": header("WwwAuthenticate") }),
  NotFound: problemResponse("No such route"),
  MethodNotAllowed: problemResponse("The route exists with other methods (listed in Allow)", { Allow: header("Allow") }),
  PayloadTooLarge: problemResponse("The body is over the server's limit (1 MiB unless configured)"),
  UnsupportedMediaType: problemResponse("The body is not sent as application/json (or application/*+json), or with a charset other than UTF-8"),
  RequestTimeout: problemResponse("The request did not arrive within the server's timeouts"),
  MisdirectedRequest: problemResponse("The Host header is not one the server answers for (DNS rebinding guard)"),
  InvalidInput: problemResponse("The input broke the schema or a rule (an unknown or repeated key too): every issue, with its path and code", {}, "InvalidInputProblem"),
  InternalError: problemResponse("A bug on the server; never for bad input, never with a stack trace"),
  Unavailable: problemResponse("Not ready: the data source does not answer (credit sales are answered fail-safe meanwhile)", { "Retry-After": header("RetryAfter") }),
};

/** Every route of credit-block/http, by path and method. */
const ROUTES: readonly { readonly path: string; readonly method: "get" | "post"; readonly id: string; readonly summary: string; readonly body?: string; readonly answer: string; readonly open?: boolean; readonly extra?: Node }[] = [
  { path: "/v1/decide", method: "post", id: "decide", summary: "Decide a checkout: per tender allow, review or deny, with reasons and what to collect", body: "DecideRequest", answer: "Decision" },
  { path: "/v1/aging", method: "post", id: "ageReceivables", summary: "Aging report of receivables", body: "AgingRequest", answer: "AgingReport" },
  { path: "/v1/charges", method: "post", id: "computeCharges", summary: "Late charges (correction, multa, juros de mora) of one título", body: "ChargesRequest", answer: "Charges" },
  { path: "/v1/payoff", method: "post", id: "quotePayoff", summary: "Payoff quote of a customer's títulos, with discounts", body: "PayoffRequest", answer: "PayoffQuote" },
  { path: "/v1/plan", method: "post", id: "planInstallments", summary: "Installment plan (Price, SAC or without interest)", body: "PlanRequest", answer: "InstallmentPlan" },
  { path: "/v1/proposal", method: "post", id: "evaluateProposal", summary: "Judge a negotiation proposal against a negotiation policy", body: "ProposalRequest", answer: "ProposalEvaluation" },
  { path: "/v1/pix/svg", method: "post", id: "pixSvg", summary: "The QR code of a Pix BR Code, as SVG (when the server draws QR codes: credit-block serve with uqr installed; else 404)", body: "PixSvgRequest", answer: "PixSvg" },
  { path: "/v1/health", method: "get", id: "health", summary: "Liveness: the process answers (no token needed)", answer: "Health", open: true },
  { path: "/v1/ready", method: "get", id: "ready", summary: "Readiness: policy loaded, data source reachable (with its latency)", answer: "Ready", extra: { 503: response("Unavailable") } },
  { path: "/v1/policy", method: "get", id: "policy", summary: "The policy in use: id, version, SHA-256", answer: "PolicyInfo" },
  { path: "/v1/schema", method: "get", id: "inputSchemas", summary: "JSON Schemas of the inputs (policy, checkout request)", answer: "InputSchemas" },
  { path: "/v1/openapi.json", method: "get", id: "openApi", summary: "This document", answer: "OpenApiDocument" },
];

function paths(): Node {
  const out: Record<string, Node> = {};
  for (const route of ROUTES) {
    const okHeaders: Node = { ...REQUEST_ID, ...(route.id === "decide" ? { "x-credit-outcome": header("CreditOutcome") } : {}) };
    const responses: Node = {
      200: { description: route.summary, headers: okHeaders, content: json(ref(route.answer)) },
      ...(route.open ? {} : { 401: response("Unauthorized") }),
      421: response("MisdirectedRequest"),
      ...(route.body ? { 400: response("BadRequest"), 408: response("RequestTimeout"), 413: response("PayloadTooLarge"), 415: response("UnsupportedMediaType"), 422: response("InvalidInput") } : {}),
      ...route.extra,
      500: response("InternalError"),
    };
    const sorted = Object.fromEntries(Object.keys(responses).sort().map((status) => [status, responses[status]]));
    const operation: Node = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.method === "post" ? "decisions and money" : "service"],
      parameters: [{ $ref: "#/components/parameters/RequestId" }, { $ref: "#/components/parameters/AcceptLanguage" }],
      ...(route.open ? { security: [] } : {}),
      ...(route.body ? { requestBody: { required: true, content: json(ref(route.body)) } } : {}),
      responses: sorted,
    };
    const item: Node = { [route.method]: operation };
    // HEAD: the same answer's status and headers, without the body.
    if (route.method === "get") item.head = { ...operation, operationId: `${route.id}Head`, summary: `${route.summary} (headers only)` };
    out[route.path] = item;
  }
  return out;
}

function build(): Node {
  return {
    openapi: "3.1.0",
    info: {
      title: "credit-block sidecar",
      version: VERSION,
      summary: "Decide at a Brazilian POS checkout whether a customer may buy on credit, and the money math around it",
      description: "The HTTP API of credit-block/http and `credit-block serve`. JSON in and out (UTF-8); money is a decimal string (\"1234.50\", never a float), dates are YYYY-MM-DD. Errors are RFC 9457 problem documents (application/problem+json) in the caller's language, never a stack trace. Every answer carries x-request-id (the one sent, or a new one) when served by `credit-block serve`.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "http://127.0.0.1:8787", description: "credit-block serve, default address (loopback)" }],
    security: [{ bearer: [] }],
    tags: [
      { name: "decisions and money", description: "The checkout decision and the money math (pure: same input, same answer)" },
      { name: "service", description: "Health, readiness and what the service runs" },
    ],
    paths: paths(),
    components: {
      schemas: allSchemas(),
      responses: PROBLEMS,
      parameters: {
        RequestId: { name: "x-request-id", in: "header", required: false, description: "The caller's request id, returned on the answer and logged; one is made when absent", schema: { type: "string", maxLength: 200 } },
        AcceptLanguage: { name: "accept-language", in: "header", required: false, description: "The language of problems: Portuguese for any pt, else English; absent, the server's locale", schema: { type: "string" } },
      },
      headers: {
        RequestId: { description: "The request's id: the one sent, or one the server made", schema: { type: "string" } },
        CreditOutcome: { description: "The decision's outcome, for proxies and logs", required: true, schema: ref("Outcome") },
        Allow: { description: "The methods the route answers", required: true, schema: { type: "string" } },
        RetryAfter: { description: "Seconds to wait before asking again", schema: { type: "string", pattern: "^\\d+$" } },
        ContentLanguage: { description: "The problem's language", schema: { type: "string", enum: ["en", "pt-BR"] } },
        Vary: { description: "Accept-Language (and Origin with CORS)", schema: { type: "string" } },
        WwwAuthenticate: { description: "Bearer", required: true, schema: { type: "string", pattern: "^Bearer\\b" } },
      },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A token from the server's token file (Authorization: Bearer <token>). A server on loopback without a token file asks for none; GET /v1/health never does." },
      },
    },
  };
}

let text: string | null = null;

/**
 * The OpenAPI 3.1 document of the sidecar's HTTP API (`credit-block/http`, `credit-block serve`):
 * every route with its request, its answer (`Decision`, `AgingReport`, …) and its RFC 9457
 * problems, the schemas generated from the library's zod schemas. The same document is served at
 * `GET /v1/openapi.json` and shipped as `credit-block/openapi.json`. Deterministic: built once,
 * and each call returns a fresh copy the caller may change.
 *
 * @example
 * ```ts
 * import { openApiDocument } from "credit-block/json-schema";
 * const doc = openApiDocument();
 * doc.openapi; // "3.1.0"
 * Object.keys(doc.paths as object); // ["/v1/decide", "/v1/aging", …, "/v1/openapi.json"]
 * ```
 */
export function openApiDocument(): Record<string, unknown> {
  text ??= JSON.stringify(build());
  return JSON.parse(text) as Record<string, unknown>;
}
