import { describe, expect, it, vi } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { Validator } from "@seriousme/openapi-schema-validator";
import { addDays, PAYMENT_METHODS, presets, type CustomerInput, type PolicyDocument, type ReceivableInput } from "credit-block";
import { createHandler } from "credit-block/http";
import { checkoutRequestJsonSchema, openApiDocument, policyJsonSchema } from "credit-block/json-schema";
import { DOC, openApiMismatches, schemaErrors, seen } from "../support/openapi.js";
import { hostile } from "../fuzz/fuzz.js";

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(root(path), "utf8"));
const examplePolicy = readJson("examples/policy.json") as PolicyDocument;
const negotiationPolicy = readJson("examples/negotiation-policy.json") as Record<string, unknown>;
const store = readJson("examples/data/store.json") as {
  customers: ({ id: string; name?: string } & Record<string, unknown>)[];
  receivables: ({ id: string; customerId: string } & Record<string, unknown>)[];
};

type Node = Record<string, unknown>;
const components = DOC.components as { schemas: Node; responses: Node; headers: Node; parameters: Node };
const paths = DOC.paths as Record<string, Record<string, Node>>;

const AS_OF = "2026-11-23";
const NOW = new Date("2026-11-23T15:00:00Z");
const day = (offset: number): string => addDays(AS_OF, offset);

/** The sample store as the server's database: customers without their names, their títulos. */
const customers = new Map(store.customers.map((c) => {
  const customer: Node = { ...c };
  delete customer.name;
  return [c.id, customer as CustomerInput];
}));
const titles = new Map<string, ReceivableInput[]>();
for (const r of store.receivables) titles.set(r.customerId, [...(titles.get(r.customerId) ?? []), r as unknown as ReceivableInput]);
/** "offline" is the database down: the answer is then fail-safe. */
const loadCustomer = (id: string) => (id === "offline" ? Promise.reject(new Error("ECONNREFUSED")) : Promise.resolve({ customer: customers.get(id) ?? { id }, receivables: titles.get(id) ?? [] }));

const POLICIES: readonly PolicyDocument[] = [examplePolicy, presets.blockCreditWhenOverdue({ graceDays: 5 }), presets.riskClasses(), presets.creditLimit({ tolerancePercent: 10 })];
const handlers = POLICIES.map((policy) => createHandler({ policy, now: () => NOW }));
const loading = POLICIES.map((policy) => createHandler({ policy, now: () => NOW, loadCustomer, loadTimeoutMs: 5_000, onLoadError: () => undefined }));

interface Exchange { readonly status: number; readonly mismatches: string[]; readonly body: string }

/** Sends one request through a real handler and checks the answer against the document. */
async function exchange(handler: (r: Request) => Promise<Response>, method: string, path: string, body?: string, type = "application/json"): Promise<Exchange> {
  const response = await handler(new Request(`http://pos.local${path}`, { method, ...(body !== undefined ? { body, headers: { "content-type": type } } : {}) }));
  const text = await response.text();
  return { status: response.status, body: text, mismatches: openApiMismatches(method, path, { status: response.status, headers: response.headers, body: text }, body) };
}

/** What the answers showed, so a run that never reached a branch of a schema fails (see TRAITS). */
const traits = new Set<string>();
const TRAITS: Readonly<Record<string, (answer: Node) => readonly string[]>> = {
  "/v1/decide": (d) => [
    `outcome ${String(d.outcome)}`, `status ${String(d.status)}`, d.regularize ? "regularize" : "no regularize", d.nextChange ? "nextChange" : "no nextChange",
    ...((d.tenders as Node[]).some((t) => "installments" in t) ? ["installments"] : []), d.customerMessage === null ? "no customerMessage" : "customerMessage",
    (d.facts as Node).creditLimit === null ? "no limit" : "limit", ...((d.reasons as Node[]).some((r) => r.code === "OVERRIDE") ? ["override"] : []),
    ...((d.reasons as Node[]).some((r) => r.code === "DATA_SOURCE_UNAVAILABLE") ? ["fail-safe"] : []),
  ],
  "/v1/aging": (a) => [`by ${String(a.by)}`, (a.customers as Node[]).length > 1 ? "customers" : "one customer", Number(a.settled) > 0 ? "settled" : "none settled"],
  "/v1/charges": (c) => [(c.indexMonths as string[]).length > 0 ? "corrected" : "not corrected", c.interest === "0.00" ? "no interest" : "interest", c.chargedUntil === c.effectiveDueDate ? "" : "charged"],
  "/v1/payoff": (q) => [(q.lines as Node[]).some((l) => l.presentValue !== null) ? "present value" : "face value", q.discount === "0.00" ? "no discount" : "discount", (q.excluded as { disputed: string[] }).disputed.length > 0 ? "disputed out" : "none out"],
  "/v1/plan": (p) => [`system ${String(p.system)}`, p.startDate === null ? "no start" : "start"],
  "/v1/proposal": (e) => [e.accepted ? "accepted" : "refused", e.counterOffer ? "counter-offer" : "no counter-offer", ...(e.reason ? ["no plan possible"] : []), ((e.offer ?? e.counterOffer) as Node | null)?.lateCharges ? "late charges" : "no late charges"],
};

/** POSTs `body` and expects a documented 200 answer. */
async function expectAnswer(handler: (r: Request) => Promise<Response>, path: string, body: unknown): Promise<void> {
  const sent = JSON.stringify(body);
  const got = await exchange(handler, "POST", path, sent);
  expect(got.mismatches).toEqual([]);
  if (got.status !== 200) throw new Error(`${path} answered ${got.status} to a valid request ${sent.slice(0, 600)}: ${got.body.slice(0, 600)}`);
  for (const trait of TRAITS[path]?.(JSON.parse(got.body) as Node) ?? []) if (trait) traits.add(`${path} ${trait}`);
}

// ---- random valid requests -------------------------------------------------------------------

const moneyText = (cents: number): string => `${cents < 0 ? "-" : ""}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
/** Money as a POS writes it: canonical text, short text ("12.5") or a number. */
const money = (min: number, max: number): fc.Arbitrary<string | number> =>
  fc.integer({ min, max }).chain((c) => fc.constantFrom<string | number>(moneyText(c), c / 100, String(c / 100)));
const percent = (max: number): fc.Arbitrary<string | number> => fc.integer({ min: 0, max: max * 100 }).chain((h) => fc.constantFrom<string | number>(String(h / 100), h / 100));
const date = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map(day);
const STATUSES = ["open", "paid", "disputed", "renegotiated", "written_off"] as const;

/** A valid receivable: paid ones are paid on or before `paidBy` (before every asOf used below). */
const receivable = (customerIds: fc.Arbitrary<string | undefined> = fc.constant(undefined)) =>
  fc.record({
    cents: fc.integer({ min: 1, max: 800_000 }),
    openPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    due: fc.integer({ min: -900, max: 400 }),
    issuedBefore: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
    paidAfterDue: fc.integer({ min: -20, max: 300 }),
    method: fc.option(fc.constantFrom(...PAYMENT_METHODS), { nil: undefined }),
    customerId: customerIds,
  }).map((r) => {
    const open = r.openPercent === undefined ? undefined : Math.floor((r.cents * r.openPercent) / 100);
    return (id: string): Node => ({
      id,
      ...(r.customerId !== undefined ? { customerId: r.customerId } : {}),
      amount: moneyText(r.cents),
      ...(r.status === "paid" ? (open === undefined ? {} : { openAmount: "0.00" }) : open === undefined ? {} : { openAmount: moneyText(open) }),
      dueDate: day(r.due),
      ...(r.issuedBefore !== undefined ? { issueDate: day(r.due - r.issuedBefore) } : {}),
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.status === "paid" ? { paidDate: day(Math.min(r.due + r.paidAfterDue, -31)) } : {}),
      ...(r.method !== undefined ? { method: r.method } : {}),
    });
  });
const receivables = (item = receivable(), maxLength = 12) => fc.array(item, { maxLength }).map((list) => list.map((make, i) => make(`t${i + 1}`)));
/** asOf as sent: absent (today, from the handler's clock) or within a month of it. */
const asOf = fc.option(date(-30, 30), { nil: undefined });
const withAsOf = (value: string | undefined): Node => (value === undefined ? {} : { asOf: value });

const ruleIds = [...new Set(POLICIES.flatMap((p) => p.rules.map((r) => r.id)))];
const customer = fc.record({
  id: fc.constantFrom("c1", "C0001", "cliente-42"),
  creditLimit: fc.oneof(money(0, 1_000_000), fc.constant(null)),
  creditLimitExpiresOn: date(-60, 60),
  pendingExposure: money(0, 50_000),
  dunningLevel: fc.integer({ min: 0, max: 5 }),
  riskClass: fc.constantFrom("A", "B", "C", "D", "E"),
  hold: fc.oneof(fc.boolean(), fc.record({ reason: fc.constant("cheque devolvido"), since: date(-90, 0) }, { requiredKeys: ["reason"] })),
  tags: fc.uniqueArray(fc.constantFrom("vip", "fraude", "novo"), { maxLength: 3 }),
  bouncedChecks: fc.integer({ min: 0, max: 3 }),
  negativated: fc.boolean(),
  attributes: fc.record({ vip: fc.boolean(), score: fc.integer({ min: 0, max: 1000 }), region: fc.constantFrom("SP", "RJ") }, { requiredKeys: [] }),
  overrides: fc.array(fc.record({ rule: fc.constantFrom(...ruleIds), until: date(-10, 30), by: fc.constant("ana"), reason: fc.constant("cliente antigo"), maxAmount: money(1, 100_000) }, { requiredKeys: ["until", "by", "reason"] }), { maxLength: 2 }),
}, { requiredKeys: ["id"] });
const tender = fc.record({
  method: fc.constantFrom(...PAYMENT_METHODS),
  amount: money(1, 300_000),
  term: fc.option(fc.constantFrom("immediate", "deferred"), { nil: undefined }),
  installments: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
}).map(({ method, amount, term, installments }) => ({
  method, amount,
  ...(term !== undefined && !(method === "store_credit" && term === "immediate") ? { term } : {}),
  ...(installments !== undefined ? { installments } : {}),
}));
const sale = fc.record({ tenders: fc.array(tender, { minLength: 1, maxLength: 4 }) });
const checkout = fc.record({ asOf, customer, receivables: receivables(), sale: fc.option(sale, { nil: undefined }) })
  .map(({ asOf: at, sale: s, ...rest }) => ({ ...withAsOf(at), ...rest, ...(s ? { sale: s } : {}) }));
const byCustomerId = fc.record({
  customerId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...[...customers.keys()].slice(0, 40), "nobody") }, { weight: 1, arbitrary: fc.constant("offline") }),
  asOf: fc.option(date(0, 30), { nil: undefined }),
  sale: fc.option(sale, { nil: undefined }),
}).map(({ asOf: at, sale: s, customerId }) => ({ customerId, ...withAsOf(at), ...(s ? { sale: s } : {}) }));

const INDEX_MONTHS = Array.from({ length: 6 * 12 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
/** Late-charge terms within the consumer caps, or B2B (consumer: false) above them. */
const chargeTerms = fc.record({
  b2b: fc.boolean(),
  fine: fc.oneof(fc.constant(undefined), percent(2).map((finePercent) => ({ finePercent })), money(0, 500).map((fineAmount) => ({ fineAmount }))),
  rate: fc.oneof(percent(1).map((monthlyInterestPercent) => ({ monthlyInterestPercent })), fc.constant({ dailyInterestAmount: "0.01" })),
  compounding: fc.option(fc.constantFrom("simple", "daily"), { nil: undefined }),
  dayCount: fc.option(fc.constantFrom("30", "actual"), { nil: undefined }),
  correction: fc.option(fc.array(fc.integer({ min: -100, max: 150 }), { minLength: INDEX_MONTHS.length, maxLength: INDEX_MONTHS.length }), { nil: undefined }),
  freezeOn: fc.option(date(-200, 0), { nil: undefined }),
  rounding: fc.option(fc.constantFrom("down", "up", "half-up", "half-even"), { nil: undefined }),
}).map((t): Node => ({
  ...(t.fine ?? {}),
  ...t.rate,
  ...(t.compounding === "daily" && "dailyInterestAmount" in t.rate ? {} : t.compounding ? { compounding: t.compounding } : {}),
  ...(t.dayCount ? { dayCount: t.dayCount } : {}),
  ...(t.correction ? { correction: { index: t.correction.map((v, i) => ({ month: INDEX_MONTHS[i], percent: String(v / 100) })) } } : {}),
  ...(t.freezeOn ? { freezeOn: t.freezeOn } : {}),
  ...(t.rounding ? { rounding: t.rounding } : {}),
  // A fixed multa is capped against the balance for consumers: B2B terms carry it freely.
  ...(t.b2b || (t.fine !== undefined && "fineAmount" in t.fine) ? { consumer: false } : {}),
}));
const discount = fc.oneof(fc.integer({ min: 0, max: 100 }).map((percent) => ({ percent })), money(0, 20_000).map((amount) => ({ amount })));

const ARBITRARIES: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  "/v1/decide": fc.oneof({ weight: 3, arbitrary: checkout }, { weight: 1, arbitrary: byCustomerId }),
  "/v1/aging": fc.record({
    receivables: receivables(receivable(fc.constantFrom("c1", "c2", "c3", undefined)), 20),
    options: fc.option(fc.record({
      asOf: date(-30, 30),
      buckets: fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 }).map((b) => [...b].sort((x, y) => x - y)),
      locale: fc.constantFrom("pt-BR", "en"),
      graceDays: fc.integer({ min: 0, max: 10 }),
      ignoreBelow: money(0, 500),
      includeDisputed: fc.boolean(),
      calendar: fc.record({ bankHolidays: fc.boolean(), weekend: fc.constantFrom([0], [0, 6]), extra: fc.constant([{ date: "01-25", name: "Aniversário de São Paulo" }]) }, { requiredKeys: [] }),
    }, { requiredKeys: [] }), { nil: undefined }),
    byIssue: fc.boolean(),
  }).map(({ receivables: list, options, byIssue }) => {
    if (!byIssue) return { receivables: list, ...(options ? { options } : {}) };
    // By issue date, every título needs one.
    return { receivables: list.map((r) => ({ ...r, issueDate: r.issueDate ?? r.dueDate })), options: { ...options, by: "issueDate" } };
  }),
  "/v1/charges": fc.record({ receivable: receivable().map((make) => make("t1")), terms: chargeTerms, at: asOf })
    .map(({ receivable: r, terms, at }) => ({ receivable: r, terms: { ...terms, ...withAsOf(at) } })),
  "/v1/payoff": fc.record({
    receivables: receivables(),
    at: asOf,
    terms: chargeTerms,
    termsAsOf: fc.boolean(),
    discounts: fc.option(fc.record({ interest: discount, fine: discount, correction: discount, principal: discount }, { requiredKeys: [] }), { nil: undefined }),
    validDays: fc.option(fc.integer({ min: 2, max: 30 }), { nil: undefined }),
    contractMonthlyRatePercent: fc.option(percent(5), { nil: undefined }),
    includeDisputed: fc.option(fc.boolean(), { nil: undefined }),
  }).map(({ receivables: list, at, terms, termsAsOf, discounts, validDays, contractMonthlyRatePercent, includeDisputed }) => ({
    receivables: list,
    options: {
      ...withAsOf(at),
      terms: { ...terms, ...(termsAsOf && at !== undefined ? { asOf: at } : {}) },
      ...(discounts ? { discounts } : {}),
      ...(validDays !== undefined ? { validDays } : {}),
      ...(contractMonthlyRatePercent !== undefined ? { contractMonthlyRatePercent } : {}),
      ...(includeDisputed !== undefined ? { includeDisputed } : {}),
    },
  })),
  "/v1/plan": fc.record({
    principal: fc.integer({ min: 1_000, max: 5_000_000 }),
    downPercent: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    count: fc.integer({ min: 1, max: 36 }),
    system: fc.constantFrom("price", "sac", "none"),
    rate: fc.oneof(percent(5).map((monthlyRatePercent) => ({ monthlyRatePercent })), percent(60).map((yearlyRatePercent) => ({ yearlyRatePercent })), fc.constant({})),
    firstDue: fc.integer({ min: 1, max: 90 }),
    startBefore: fc.option(fc.integer({ min: 0, max: 75 }), { nil: undefined }),
    interval: fc.option(fc.oneof(fc.integer({ min: 1, max: 3 }).map((months) => ({ months })), fc.integer({ min: 7, max: 45 }).map((days) => ({ days }))), { nil: undefined }),
    rounding: fc.option(fc.constantFrom("down", "up", "half-up", "half-even"), { nil: undefined }),
    remainderTo: fc.option(fc.constantFrom("last", "first"), { nil: undefined }),
  }).map((p) => ({
    principal: moneyText(p.principal),
    ...(p.downPercent !== undefined ? { downPayment: moneyText(Math.floor((p.principal * p.downPercent) / 100)) } : {}),
    count: p.count,
    system: p.system,
    // price and sac need a rate; without interest any one rate (or none) is accepted.
    ...(p.system !== "none" && Object.keys(p.rate).length === 0 ? { monthlyRatePercent: "1.99" } : p.rate),
    firstDueDate: day(p.firstDue),
    ...(p.startBefore !== undefined ? { startDate: day(p.firstDue - p.startBefore) } : {}),
    ...(p.interval ? { interval: p.interval } : {}),
    ...(p.rounding ? { rounding: p.rounding } : {}),
    ...(p.remainderTo ? { remainderTo: p.remainderTo } : {}),
  })),
  "/v1/proposal": fc.record({
    proposal: fc.record({
      downPayment: money(0, 100_000),
      installments: fc.integer({ min: 0, max: 24 }),
      monthlyRatePercent: percent(4),
      discountPercent: percent(50),
      firstDueDate: date(1, 60),
    }, { requiredKeys: ["installments"] }),
    debt: fc.record({ amount: money(1_000, 2_000_000), daysOverdue: fc.integer({ min: 0, max: 400 }), segment: fc.constantFrom("punctual", "occasional", "chronic", "new"), asOf: date(-5, 5) }, { requiredKeys: ["amount", "daysOverdue", "asOf"] }),
    policy: fc.oneof(
      fc.constant(negotiationPolicy),
      fc.record({
        limits: fc.record({ minDownPaymentPercent: percent(50), minDownPayment: money(0, 20_000), maxInstallments: fc.integer({ min: 0, max: 24 }), minInstallment: money(100, 50_000), maxMonthlyRatePercent: percent(5), maxDiscountPercent: percent(60) }, { requiredKeys: [] }),
        lateCharges: fc.option(fc.record({ finePercent: percent(2), monthlyInterestPercent: percent(1) }, { requiredKeys: ["monthlyInterestPercent"] }), { nil: undefined }),
        system: fc.option(fc.constantFrom("price", "sac", "none"), { nil: undefined }),
        locale: fc.option(fc.constantFrom("pt-BR", "en"), { nil: undefined }),
      }).map(({ limits, lateCharges, system, locale }) => ({ id: "acordos", version: 1, limits, ...(lateCharges ? { lateCharges } : {}), ...(system ? { system } : {}), ...(locale ? { locale } : {}) })),
    ),
  }),
};

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("every component schema compiles as strict JSON Schema 2020-12, every $ref resolves", () => {
    for (const name of Object.keys(components.schemas)) expect(() => schemaErrors({ $ref: `#/components/schemas/${name}` }, null)).not.toThrow();
    const refs = JSON.stringify(DOC).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const text of new Set(refs)) {
      const target = (JSON.parse(`{${text}}`) as { $ref: string }).$ref;
      const [, kind, name] = /^#\/components\/(\w+)\/([^/]+)$/.exec(target) ?? [];
      expect((components as Record<string, Node | undefined>)[kind ?? ""]?.[name ?? ""], target).toBeDefined();
    }
  });

  it("is deterministic, and each call is a fresh copy", () => {
    const a = openApiDocument();
    (a.info as Node).title = "changed";
    const b = openApiDocument();
    expect((b.info as Node).title).toBe("credit-block sidecar");
    expect(JSON.stringify(b)).toBe(JSON.stringify(openApiDocument()));
    expect(JSON.stringify(b)).toBe(JSON.stringify(DOC));
  });

  it("does not depend on, nor change, what the other generators answer (call order)", async () => {
    const fresh = async () => {
      vi.resetModules();
      return import("credit-block/json-schema");
    };
    const first = await fresh();
    const docFirst = JSON.stringify(first.openApiDocument());
    const inputsAfter = JSON.stringify([first.checkoutRequestJsonSchema(), first.policyJsonSchema()]);
    const second = await fresh();
    const inputsFirst = JSON.stringify([second.checkoutRequestJsonSchema(), second.policyJsonSchema()]);
    expect(JSON.stringify(second.openApiDocument())).toBe(docFirst);
    expect(inputsAfter).toBe(inputsFirst);
    expect(docFirst).toBe(JSON.stringify(DOC));
  });

  it("names the package's version, the default server and bearer auth (not on /v1/health)", () => {
    const pkg = readJson("package.json") as { version: string };
    expect(DOC).toMatchObject({ openapi: "3.1.0", info: { version: pkg.version }, servers: [{ url: "http://127.0.0.1:8787" }], security: [{ bearer: [] }] });
    expect(components).toMatchObject({ securitySchemes: { bearer: { type: "http", scheme: "bearer" } } });
    expect(paths["/v1/health"]?.get?.security).toEqual([]);
    expect(paths["/v1/decide"]?.post?.responses).toHaveProperty("401");
    expect(paths["/v1/health"]?.get?.responses).not.toHaveProperty("401");
  });

  it("documents every route, HEAD on every GET, and problem+json errors", () => {
    expect(Object.keys(paths).sort()).toEqual(["/v1/aging", "/v1/charges", "/v1/decide", "/v1/health", "/v1/openapi.json", "/v1/payoff", "/v1/pix/svg", "/v1/plan", "/v1/policy", "/v1/proposal", "/v1/ready", "/v1/schema"]);
    const ids: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      expect(Object.keys(item).sort(), path).toEqual(item.post ? ["post"] : ["get", "head"]);
      for (const operation of Object.values(item)) {
        ids.push(operation.operationId as string);
        const responses = operation.responses as Record<string, Node>;
        expect(responses["200"]?.content, path).toHaveProperty(["application/json", "schema"]);
        expect(responses).toHaveProperty("421");
        expect(responses).toHaveProperty("500");
        if (item.post) {
          expect(operation.requestBody, path).toMatchObject({ required: true, content: { "application/json": { schema: {} } } });
          for (const status of ["400", "413", "415", "422"]) expect(responses, `${path} ${status}`).toHaveProperty(status);
        }
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const [name, r] of Object.entries(components.responses)) expect(Object.keys((r as Node).content as Node), name).toEqual(["application/problem+json"]);
    expect(paths["/v1/ready"]?.get?.responses).toHaveProperty("503");
    expect(paths["/v1/decide"]?.post?.responses).toMatchObject({ 200: { headers: { "x-credit-outcome": {} } } });
  });

  it("carries the input schemas of /v1/schema and policy.schema.json", () => {
    const schemas = components.schemas as Record<string, Node>;
    expect(Object.keys(schemas.Policy?.properties as Node)).toEqual(Object.keys(policyJsonSchema().properties));
    expect(Object.keys(schemas.CheckoutRequest?.properties as Node)).toEqual(Object.keys(checkoutRequestJsonSchema().properties));
    expect(schemas.CheckoutRequest?.required).toEqual(["customer", "receivables"]); // asOf: today, over HTTP
    expect(JSON.stringify(schemas)).not.toMatch(/"\$(?:id|defs)"|__shared/);
    for (const [name, schema] of Object.entries(schemas)) expect(schema, name).not.toHaveProperty(["$schema"]);
  });

  it.runIf(existsSync(root("openapi.json")))("openapi.json on disk is the generated document", () => {
    expect(readJson("openapi.json")).toEqual(openApiDocument());
  });
});

describe("every answer of the real handler matches the document", () => {
  for (const [path, arbitrary] of Object.entries(ARBITRARIES)) {
    it(`random valid requests to ${path} get a documented 200`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitrary, fc.nat({ max: POLICIES.length - 1 }), async (body, which) => {
          const viaLoader = typeof body === "object" && body !== null && "customerId" in body;
          await expectAnswer((viaLoader ? loading : handlers)[which] as (r: Request) => Promise<Response>, path, body);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("the sample store: every customer decided (in the request and loaded by id), aged, quoted", async () => {
    const [handler, loader] = [handlers[0], loading[0]] as [(r: Request) => Promise<Response>, (r: Request) => Promise<Response>];
    const sales = [[{ method: "store_credit", amount: "100.00" }, { method: "pix", amount: "20.00" }], [{ method: "cash", amount: "10.00" }], [{ method: "check", amount: "250.00", installments: 3 }]];
    for (const [id, c] of customers) {
      const list = titles.get(id) ?? [];
      for (const tenders of sales) {
        await expectAnswer(handler, "/v1/decide", { asOf: AS_OF, customer: c, receivables: list, sale: { tenders } });
        await expectAnswer(loader, "/v1/decide", { customerId: id, sale: { tenders } });
      }
      await expectAnswer(handler, "/v1/payoff", { receivables: list, options: { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "1" }, discounts: { interest: { percent: 50 } }, contractMonthlyRatePercent: "2.5" } });
    }
    // A supervisor release (a warning, not a block), and the database down (fail-safe).
    await expectAnswer(handler, "/v1/decide", { asOf: AS_OF, customer: { id: "c1", overrides: [{ rule: "overdue", until: day(10), by: "ana", reason: "cliente antigo" }] }, receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }], sale: { tenders: [{ method: "store_credit", amount: "100.00" }] } });
    await expectAnswer(loader, "/v1/decide", { customerId: "offline", sale: { tenders: [{ method: "store_credit", amount: "100.00" }, { method: "pix", amount: "5.00" }] } });
    await expectAnswer(handler, "/v1/aging", { receivables: store.receivables, options: { asOf: AS_OF } });
    await expectAnswer(handler, "/v1/aging", { receivables: store.receivables, options: { asOf: AS_OF, by: "issueDate", locale: "en", buckets: [30, 90, 180] } });
    await expectAnswer(handler, "/v1/proposal", { proposal: { downPayment: "50.00", installments: 10, monthlyRatePercent: "1.99", discountPercent: "30" }, debt: { amount: "1000.00", daysOverdue: 45, asOf: AS_OF }, policy: negotiationPolicy });
    await expectAnswer(handler, "/v1/proposal", { proposal: { installments: 3 }, debt: { amount: "1000.00", daysOverdue: 200, segment: "punctual", asOf: AS_OF }, policy: { ...negotiationPolicy, lateCharges: { finePercent: "2", monthlyInterestPercent: "1" } } });
    await expectAnswer(handler, "/v1/plan", { principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", startDate: "2026-11-23", firstDueDate: "2027-01-08" });
  });

  it("the service routes and every error a client can reach", async () => {
    const handler = handlers[0] as (r: Request) => Promise<Response>;
    const cases: [string, string, string | undefined, string | undefined, number][] = [
      ["GET", "/v1/health", undefined, undefined, 200],
      ["GET", "/v1/policy", undefined, undefined, 200],
      ["GET", "/v1/schema", undefined, undefined, 200],
      ["GET", "/v1/health/", undefined, undefined, 200],
      ["DELETE", "/v1/health", undefined, undefined, 405],
      ["POST", "/v1/openapi.json", "{}", "application/json", 405],
      ["GET", "/v1/decide", undefined, undefined, 405],
      ["constructor", "/v1/decide", "{}", "application/json", 405],
      ["GET", "/v1/nothing", undefined, undefined, 404],
      ["POST", "/v1/decide", "{ not json", "application/json", 400],
      ["POST", "/v1/decide", '"\\ud800"', "application/json", 422],
      ["POST", "/v1/decide", "{}", "text/plain", 415],
      ["POST", "/v1/decide", JSON.stringify({ customer: { id: "x".repeat(2_000_000) } }), "application/json", 413],
      ["POST", "/v1/decide", JSON.stringify({ asOf: "2026-02-30", customer: { id: "c1", typo: 1 }, receivables: [] }), "application/json", 422],
      ["POST", "/v1/plan", JSON.stringify({ principal: "10.00", count: 0 }), "application/json", 422],
      ["POST", "/v1/aging", JSON.stringify({ receivables: Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, amount: "1,00", dueDate: "2026-01-01" })) }), "application/json", 422],
      ["POST", "/v1/decide", "[]", "application/vnd.pos+json", 422],
    ];
    for (const [method, path, body, type, status] of cases) {
      const got = await exchange(handler, method, path, body, type);
      expect([method, path, got.status, got.mismatches]).toEqual([method, path, status, []]);
    }
  });

  it("serves itself at /v1/openapi.json, readiness at /v1/ready (200 with the source's latency, or 503), HEAD on every GET", async () => {
    const handler = handlers[0] as (r: Request) => Promise<Response>;
    const served = await exchange(handler, "GET", "/v1/openapi.json");
    expect([served.status, served.mismatches]).toEqual([200, []]);
    expect(JSON.parse(served.body)).toEqual(openApiDocument());
    for (const path of Object.keys(paths).filter((p) => paths[p]?.head)) {
      const head = await exchange(handler, "HEAD", path);
      expect([path, head.status, head.mismatches]).toEqual([path, 200, []]);
    }
    const ready = await exchange(handler, "GET", "/v1/ready");
    expect([ready.status, ready.mismatches]).toEqual([200, []]);
    const up = createHandler({ policy: examplePolicy, checkReady: () => Promise.resolve(3) });
    const withSource = await exchange(up, "GET", "/v1/ready");
    expect([withSource.status, withSource.mismatches, JSON.parse(withSource.body)]).toEqual([200, [], { status: "ready", policy: { id: "loja-exemplo", version: "2026.11" }, source: { ok: true, latencyMs: 3 } }]);
    const down = createHandler({ policy: examplePolicy, checkReady: () => Promise.reject(new Error("ECONNREFUSED")), loadTimeoutMs: 50 });
    for (const method of ["GET", "HEAD"]) {
      const notReady = await exchange(down, method, "/v1/ready");
      expect([method, notReady.status, notReady.mismatches]).toEqual([method, 503, []]);
    }
    expect(seen).toContain("get /v1/ready 503");
  });

  it("hostile bodies on every route get documented answers (422, 400…), never a 500", async () => {
    const routes = Object.keys(ARBITRARIES);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostile, fc.boolean(), async (path, body, viaLoader) => {
        let text: string;
        try {
          // undefined for a body that is undefined, a function or a symbol: sent as null.
          const json: unknown = JSON.stringify(body);
          text = typeof json === "string" ? json : "null";
        } catch {
          text = "{";
        }
        const got = await exchange((viaLoader ? loading[0] : handlers[0]) as (r: Request) => Promise<Response>, "POST", path, text);
        expect(got.mismatches).toEqual([]);
        expect(got.status).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });

  it("reached every branch of the answers' schemas (nulls and not, each enum)", () => {
    const expected = [
      ...["outcome allow", "outcome review", "outcome deny", "status clear", "status warning", "status restricted", "status blocked", "regularize", "no regularize", "nextChange", "no nextChange", "installments", "customerMessage", "no customerMessage", "limit", "no limit", "override", "fail-safe"].map((t) => `/v1/decide ${t}`),
      ...["by dueDate", "by issueDate", "customers", "settled"].map((t) => `/v1/aging ${t}`),
      ...["corrected", "not corrected", "interest", "no interest"].map((t) => `/v1/charges ${t}`),
      ...["present value", "face value", "discount", "no discount", "disputed out"].map((t) => `/v1/payoff ${t}`),
      ...["system price", "system sac", "system none", "start", "no start"].map((t) => `/v1/plan ${t}`),
      ...["accepted", "refused", "counter-offer", "no counter-offer", "no plan possible", "late charges", "no late charges"].map((t) => `/v1/proposal ${t}`),
    ];
    expect(expected.filter((t) => !traits.has(t))).toEqual([]);
  });

  it("saw a documented 200 from every route the handler serves today", () => {
    for (const path of Object.keys(ARBITRARIES)) expect(seen, path).toContain(`post ${path} 200`);
    for (const path of ["/v1/health", "/v1/ready", "/v1/policy", "/v1/schema", "/v1/openapi.json"]) {
      expect(seen, path).toContain(`get ${path} 200`);
      expect(seen, path).toContain(`head ${path} 200`);
    }
    expect(seen).toContain("post /v1/decide 422");
  });
});

describe("the checker itself", () => {
  const decision = async () => {
    const response = await (handlers[0] as (r: Request) => Promise<Response>)(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customer: { id: "c1" }, receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }], sale: { tenders: [{ method: "store_credit", amount: "100.00" }] } }) }));
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => { headers[name] = value; });
    return { status: response.status, headers, body: await response.text() };
  };

  it("accepts a real decision and refuses one that lost a field, gained one or changed a type", async () => {
    const ok = await decision();
    expect(openApiMismatches("POST", "/v1/decide", ok)).toEqual([]);
    const parsed = JSON.parse(ok.body) as Node & { facts: Node; tenders: Node[] };
    const variants: Node[] = [
      { ...parsed, facts: undefined },
      { ...parsed, extra: 1 },
      { ...parsed, facts: { ...parsed.facts, openBalance: 389.9 } },
      { ...parsed, asOf: "23/11/2026" },
      { ...parsed, tenders: [{ ...parsed.tenders[0], outcome: "maybe" }] },
    ];
    for (const v of variants) expect(openApiMismatches("POST", "/v1/decide", { ...ok, body: JSON.stringify(v) }).length).toBeGreaterThan(0);
  });

  it("refuses an undocumented status, a wrong content type, a missing required header, a HEAD body, a wrong Allow", async () => {
    const ok = await decision();
    expect(openApiMismatches("POST", "/v1/decide", { ...ok, status: 418 })).toEqual([expect.stringMatching(/status not documented/)]);
    expect(openApiMismatches("POST", "/v1/decide", { ...ok, headers: { ...ok.headers, "content-type": "text/html" } })).toEqual([expect.stringMatching(/content-type/)]);
    expect(openApiMismatches("POST", "/v1/decide", { ...ok, headers: { "content-type": "application/json" } })).toEqual([expect.stringMatching(/x-credit-outcome missing/)]);
    expect(openApiMismatches("HEAD", "/v1/health", { status: 200, headers: { "content-type": "application/json" }, body: '{"status":"ok"}' })).toEqual([expect.stringMatching(/HEAD answered with a body/)]);
    expect(openApiMismatches("PUT", "/v1/health", { status: 405, headers: { "content-type": "application/problem+json", allow: "POST" }, body: '{"type":"https://credit-block.dev/problems/method-not-allowed","title":"Method not allowed","status":405}' })).toEqual([expect.stringMatching(/Allow/)]);
    expect(openApiMismatches("GET", "/v1/nothing", { status: 200, headers: {}, body: "" })).toEqual([expect.stringMatching(/unknown path/)]);
  });

  it("refuses a 2xx answer to a request the request schema forbids (a document stricter than the server)", async () => {
    const ok = await decision();
    const found = openApiMismatches("POST", "/v1/decide", ok, JSON.stringify({ customer: { id: "c1" } }));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f).toMatch(/breaks the request schema/);
  });
});
