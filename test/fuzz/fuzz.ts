/**
 * Hostile input for every public entry point: wrong types, huge strings and arrays, deep
 * nesting, `__proto__`/`constructor` keys, NaN/Infinity, impossible dates. Each call must return
 * or throw a CreditBlockError — never another exception, never a mutated input, never a changed
 * prototype. `npm run fuzz` runs 100,000 cases; `npm test` a sample.
 */
import fc from "fast-check";
import * as cb from "../../src/index.js";
import { createHandler } from "../../src/adapters/http/index.js";
import { nfceFromTender, tenderFromNfce, tendersFromNfce } from "../../src/adapters/nfce/index.js";
import { assertSaleAllowed, creditCheck } from "../../src/adapters/zod/index.js";
import { openApiDocument } from "../../src/json-schema/index.js";
import { z } from "zod";

const special = fc.constantFrom<unknown>(
  Number.NaN, Number.POSITIVE_INFINITY, -0, Number("1e400"), 2 ** 53, "2026-13-45", "2026-02-30", "1,50", "1e3", "12.345", "", " ", "__proto__",
  "x".repeat(100_000), null, undefined, [], {}, true,
  JSON.parse('{"__proto__":{"polluted":1}}'), JSON.parse('{"constructor":{"prototype":{"polluted":1}}}'),
);
const deep = fc.integer({ min: 50, max: 2000 }).map((n) => {
  let v: unknown = { id: "x" };
  for (let i = 0; i < n; i++) v = { all: [v] };
  return v;
});
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withDate: true, withSparseArray: true, withTypedArray: true }) },
  { weight: 3, arbitrary: special },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.array(special, { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.record({ id: fc.oneof(fc.string(), special), amount: special, dueDate: special, status: fc.oneof(fc.string(), special) }, { requiredKeys: [] }) },
);

const gate = cb.createCreditGate(cb.presets.blockCreditWhenOverdue({ graceDays: 5 }));
const handler = createHandler({ policy: cb.presets.blockCreditWhenOverdue(), now: () => new Date("2026-11-23T12:00:00Z") });

type Target = (a: unknown, b: unknown) => unknown;
export const TARGETS: Record<string, Target> = {
  toMoney: (a) => cb.toMoney(a as never),
  parseMoney: (a) => cb.parseMoney(a as never),
  allocate: (a, b) => cb.allocate(a as never, b as never),
  round: (a, b) => cb.round(a as never, b as never),
  addMonths: (a, b) => cb.addMonths(a as never, b as never),
  holidays: (a, b) => cb.holidays(a as never, b as never),
  nextBusinessDay: (a, b) => cb.nextBusinessDay(a as never, b as never),
  addBusinessDays: (a, b) => cb.addBusinessDays(a as never, 3, b as never),
  parseCheckoutRequest: (a) => cb.parseInput(cb.CheckoutRequestSchema, a),
  daysOverdue: (a, b) => cb.daysOverdue(a as never, "2026-11-23", b as never),
  ageReceivables: (a, b) => cb.ageReceivables([a] as never, { asOf: "2026-11-23", ...(typeof b === "object" && b ? b : {}) }),
  customerFacts: (a) => cb.customerFacts(a as never, { asOf: "2026-11-23" }),
  computeCharges: (a, b) => cb.computeCharges(a as never, b as never),
  definePolicy: (a) => cb.definePolicy(a),
  decide: (a, b) => gate.decide({ asOf: "2026-11-23", customer: a, receivables: [b] } as never),
  decideWhole: (a) => gate.decide(a as never),
  quotePayoff: (a, b) => cb.quotePayoff([a] as never, b as never),
  planInstallments: (a) => cb.planInstallments(a as never),
  evaluateProposal: (a, b) => cb.evaluateProposal(a as never, b as never, { id: "p", version: 1, limits: {} }),
  profileCustomer: (a) => cb.profileCustomer([a] as never, { asOf: "2026-11-23" }),
  planCollection: (a, b) => cb.planCollection([a] as never, b as never),
  tenderFromNfce: (a) => tenderFromNfce(a as never),
  tendersFromNfce: (a, b) => tendersFromNfce(a as never, b as never),
  nfceFromTender: (a) => nfceFromTender(a as never),
  assertSaleAllowed: (a, b) => assertSaleAllowed(gate, a as never, b as never),
  // The refinement inside a backend's own order schema, mapping the order to a hostile request.
  creditCheck: (a, b) => z.unknown().superRefine(creditCheck(gate, () => a as never, b as never)).safeParse(null),
  // A group that pays the rest later (91): the totals are what decides the deferred tender.
  tendersFromNfceLater: (a, b) => tendersFromNfce([{ tPag: "91", vPag: "0.00" }, a] as never, (typeof b === "object" && b !== null ? b : { vNF: b })),
};

function snapshot(v: unknown): string | undefined {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : Number.isNaN(x) ? "NaN" : x));
  } catch {
    return undefined;
  }
}

/** One property over every target; returns the number of cases run. */
export function fuzzProperty(numRuns: number, seed?: number): number {
  const names = Object.keys(TARGETS);
  fc.assert(
    fc.property(fc.constantFrom(...names), hostile, hostile, (name, a, b) => {
      const before = [snapshot(a), snapshot(b)];
      try {
        (TARGETS[name] as Target)(a, b);
      } catch (error) {
        if (!(error instanceof cb.CreditBlockError)) throw new Error(`${name} threw ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
      }
      if (snapshot(a) !== before[0] || snapshot(b) !== before[1]) throw new Error(`${name} mutated its input`);
      if (Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")) throw new Error(`${name} polluted Object.prototype`);
    }),
    { numRuns, ...(seed !== undefined ? { seed } : {}) },
  );
  return numRuns;
}

// With the POS's database behind it: `{ customerId, sale }` bodies take the loader's path, which
// reads the tenders before they are validated.
const loading = createHandler({
  policy: cb.presets.blockCreditWhenOverdue(),
  now: () => new Date("2026-11-23T12:00:00Z"),
  loadCustomer: (id) => Promise.resolve({ customer: { id }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] }),
});
const byCustomerId = fc.record({
  customerId: fc.oneof(fc.string(), special),
  sale: fc.oneof(hostile, fc.record({ tenders: fc.oneof(hostile, fc.array(fc.oneof(hostile, fc.record({ method: fc.oneof(fc.constantFrom(...cb.PAYMENT_METHODS), special), term: special, amount: special }, { requiredKeys: [] })), { maxLength: 3 })) })),
}, { requiredKeys: ["customerId"] });

/** The HTTP handler: any body answers 2xx or 4xx, never 5xx. */
export async function fuzzHttp(numRuns: number): Promise<number> {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom("/v1/decide", "/v1/aging", "/v1/charges", "/v1/payoff", "/v1/plan", "/v1/proposal"), fc.oneof(hostile, byCustomerId), fc.boolean(), async (path, body, withLoader) => {
      const text = snapshot(body) ?? "{";
      const r = await (withLoader ? loading : handler)(new Request(`http://pos${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: text }));
      if (r.status >= 500) throw new Error(`${path} answered ${r.status} to ${text.slice(0, 200)}`);
    }),
    { numRuns },
  );
  return numRuns;
}

// ---- misspelled and repeated keys at every depth (issue #22 item 1) --------------------------

const receivableFull = { id: "t1", customerId: "c1", amount: "389.90", openAmount: "389.90", dueDate: "2026-10-07", issueDate: "2026-09-07", status: "open", method: "store_credit" };
const calendarFull = { extra: [{ date: "2026-12-24", name: "véspera" }], bankHolidays: true, weekend: [0, 6] };
const chargeTermsFull = {
  finePercent: "2", monthlyInterestPercent: "1", dayCount: "30", rounding: "down", consumer: true, calendar: calendarFull,
  correction: { index: [{ month: "2026-10", percent: "0.5" }], from: "2026-10", to: "2026-10" },
};
const negotiationPolicyFull = {
  id: "acordos", version: 1, currency: "BRL", locale: "pt-BR", system: "price",
  limits: { minDownPaymentPercent: "20", maxInstallments: 6, minInstallment: "50.00", maxMonthlyRatePercent: "1.99", maxDiscountPercent: "10" },
  tiers: [{ when: { minDaysOverdue: 180 }, limits: { maxInstallments: 12 } }, { when: { segments: ["punctual"] }, limits: { maxDiscountPercent: "15" } }],
};

/**
 * A valid body of every body route with an object wherever the route takes one: each answers
 * 200 (a test says so), so a refusal after one key is misspelt is the misspelling's.
 */
export const FULL_BODIES: Readonly<Record<string, unknown>> = {
  "/v1/decide": {
    asOf: "2026-11-23",
    customer: {
      id: "c1", creditLimit: "5000.00", creditLimitExpiresOn: "2027-01-01", pendingExposure: "10.00", dunningLevel: 1, riskClass: "B",
      hold: { reason: "cheque devolvido", since: "2026-11-01" }, tags: ["vip"], bouncedChecks: 0, negativated: false, attributes: { vip: true },
      overrides: [{ rule: "overdue-credit", until: "2026-12-01", by: "ana", reason: "cliente antigo", maxAmount: "500.00" }],
    },
    receivables: [receivableFull],
    sale: { tenders: [{ method: "store_credit", amount: "100.00", term: "deferred", installments: 2 }, { method: "pix", amount: "20.00" }] },
  },
  "/v1/aging": {
    receivables: [receivableFull],
    options: { asOf: "2026-11-23", buckets: [0, 30, 60], by: "dueDate", locale: "en", graceDays: 3, calendar: calendarFull, ignoreBelow: "1.00", includeDisputed: true, currency: "BRL" },
  },
  "/v1/charges": { receivable: receivableFull, terms: { asOf: "2026-11-23", ...chargeTermsFull } },
  "/v1/payoff": {
    receivables: [receivableFull],
    options: { asOf: "2026-11-23", terms: chargeTermsFull, discounts: { interest: { percent: "100" }, fine: { amount: "1.00" } }, validDays: 3, includeDisputed: false },
  },
  "/v1/plan": { principal: "1000.00", downPayment: "100.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23", startDate: "2026-11-23", interval: { months: 1 }, rounding: "half-up", remainderTo: "last", currency: "BRL" },
  "/v1/proposal": {
    proposal: { downPayment: "250.00", installments: 5, monthlyRatePercent: "1.99", discountPercent: "5", firstDueDate: "2026-12-23" },
    debt: { amount: "1000.00", daysOverdue: 45, segment: "occasional", asOf: "2026-11-23" },
    policy: negotiationPolicyFull,
  },
};

/** Maps whose keys are the caller's to choose (custom facts): any name is valid there. */
const FREE_FORM = new Set(["customer.attributes"]);

/** Every name a request schema of the OpenAPI document knows: a misspelling that lands on one is skipped, not judged. */
const VOCABULARY: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === "object" && node !== null) {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === "properties" && typeof value === "object" && value !== null) for (const name of Object.keys(value)) names.add(name);
        walk(value);
      }
    }
  };
  walk(openApiDocument().components);
  return names;
})();

/** Each object inside `value` (itself included) with its path, as the library writes paths. */
function objectsIn(value: unknown, path = ""): { readonly path: string; readonly object: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectsIn(item, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  return [{ path, object }, ...Object.entries(object).flatMap(([key, inner]) => objectsIn(inner, path === "" ? key : `${path}.${key}`))];
}

/** A copy of `value` in which the object at `path` is replaced by `change(object)`. */
function changedAt(value: unknown, path: string, change: (object: Record<string, unknown>) => Record<string, unknown>, at = ""): unknown {
  if (Array.isArray(value)) return value.map((item, i) => changedAt(item, path, change, `${at}[${i}]`));
  if (typeof value !== "object" || value === null) return value;
  const object = value as Record<string, unknown>;
  const inner = Object.fromEntries(Object.entries(object).map(([key, v]) => [key, changedAt(v, path, change, at === "" ? key : `${at}.${key}`)]));
  return at === path ? change(inner) : inner;
}

/** The typos a POS programmer makes: a letter dropped, doubled, swapped with the next, in the other case, or another letter. */
const misspelling = (key: string): fc.Arbitrary<string> =>
  fc.record({ kind: fc.constantFrom("drop", "double", "swap", "case", "replace"), at: fc.nat({ max: key.length - 1 }), letter: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz_".split("")) }).map(({ kind, at, letter }) => {
    const c = key.charAt(at);
    if (kind === "drop") return key.slice(0, at) + key.slice(at + 1);
    if (kind === "double") return key.slice(0, at) + c + key.slice(at);
    if (kind === "swap") return key.slice(0, at) + key.charAt(at + 1) + c + key.slice(at + 2);
    if (kind === "case") return key.slice(0, at) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + key.slice(at + 1);
    return key.slice(0, at) + letter + key.slice(at + 1);
  });

/** One key of one object at any depth of a full body, and a misspelling of it. */
export const misspelledKey = fc.constantFrom(...Object.keys(FULL_BODIES)).chain((route) => {
  const places = objectsIn(FULL_BODIES[route]).filter((p) => !FREE_FORM.has(p.path) && Object.keys(p.object).length > 0);
  return fc.constantFrom(...places).chain((place) => fc.constantFrom(...Object.keys(place.object)).chain((key) =>
    misspelling(key).map((typo) => ({ route, path: place.path, key, typo }))));
});

const issuesIn = (text: string): { path: string; code: string }[] => (JSON.parse(text) as { issues?: { path: string; code: string }[] }).issues ?? [];

/**
 * A key misspelt at any depth of any body route, sent to a real server at `base`: 422, with an
 * `unknown_key` issue at the typo's path (never an answer computed as if the key were absent).
 */
export async function fuzzMisspelledKeys(base: string, numRuns: number): Promise<number> {
  await fc.assert(
    fc.asyncProperty(misspelledKey, async ({ route, path, key, typo }) => {
      fc.pre(typo !== "" && typo !== key && !VOCABULARY.has(typo));
      const body = changedAt(FULL_BODIES[route], path, (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k === key ? typo : k, v])));
      const r = await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const text = await r.text();
      const at = path === "" ? typo : `${path}.${typo}`;
      if (r.status !== 422 || !issuesIn(text).some((i) => i.path === at && i.code === "unknown_key")) {
        throw new Error(`${route} with ${at} (for ${key}) answered ${r.status}: ${text.slice(0, 400)}`);
      }
    }),
    { numRuns },
  );
  return numRuns;
}

/**
 * A key given twice in any object of any body route (the copy's value may differ), sent as the
 * raw JSON text to a real server at `base`: 422, with a `json.duplicate_key` issue at its path.
 */
export async function fuzzDuplicateKeys(base: string, numRuns: number): Promise<number> {
  const repeated = fc.constantFrom(...Object.keys(FULL_BODIES)).chain((route) => {
    const places = objectsIn(FULL_BODIES[route]).filter((p) => Object.keys(p.object).length > 0);
    return fc.record({ route: fc.constant(route), place: fc.constantFrom(...places), value: fc.oneof(fc.constant(null), fc.string(), fc.integer()), escaped: fc.boolean() })
      .chain((c) => fc.constantFrom(...Object.keys(c.place.object)).map((key) => ({ ...c, key })));
  });
  await fc.assert(
    fc.asyncProperty(repeated, async ({ route, place, key, value, escaped }) => {
      // The repeat spelt with a \u escape is the same name to JSON: it must be found all the same.
      const name = escaped ? `"\\u${key.charCodeAt(0).toString(16).padStart(4, "0")}${JSON.stringify(key).slice(2)}` : JSON.stringify(key);
      const marker = "\u0000repeat\u0000";
      const body = JSON.stringify(changedAt(FULL_BODIES[route], place.path, (object) => ({ ...object, [marker]: value })))
        .replace(`${JSON.stringify(marker)}:`, `${name}:`);
      const r = await fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await r.text();
      const at = place.path === "" ? key : `${place.path}.${key}`;
      if (r.status !== 422 || !issuesIn(text).some((i) => i.path === at && i.code === "json.duplicate_key")) {
        throw new Error(`${route} with ${at} twice answered ${r.status}: ${text.slice(0, 400)} to ${body.slice(0, 300)}`);
      }
    }),
    { numRuns },
  );
  return numRuns;
}
