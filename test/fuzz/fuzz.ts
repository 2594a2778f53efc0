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
