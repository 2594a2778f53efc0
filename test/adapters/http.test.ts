import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets, type PolicyDocument } from "credit-block";
import { createHandler, todayIn } from "credit-block/http";
import fc from "fast-check";
import { serve, type RunningServer } from "credit-block/node";
import { checked, checkedHandler } from "../support/openapi.js";

const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
const logs: string[] = [];
let running: RunningServer;
const handler = createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z"), maxBodyBytes: 64 * 1024 });
// Every answer these tests receive is checked against the OpenAPI document (test/support/openapi.ts).
const checkedCall = checkedHandler(handler);

beforeAll(async () => {
  running = await serve({ handler, port: 0, log: (line) => logs.push(line), signals: false, loadPolicy: () => nextPolicy });
});
afterAll(async () => {
  await running.close();
});

let nextPolicy: PolicyDocument = policy;
const post = async (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return checked("POST", path, await fetch(`${running.url}${path}`, { method: "POST", headers, body: text }), text);
};
const get = async (path: string) => checked("GET", path, await fetch(`${running.url}${path}`));

describe("HTTP sidecar (a real node:http server)", () => {
  it("binds to 127.0.0.1 by default", () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("decides a checkout, with asOf from the clock in America/Sao_Paulo", async () => {
    const response = await post("/v1/decide", {
      customer: { id: "c1" },
      receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }],
      sale: { tenders: [{ method: "store_credit", amount: "100.00" }, { method: "pix", amount: "20.00" }] },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-credit-outcome")).toBe("deny");
    const decision = (await response.json()) as { asOf: string; tenders: { outcome: string }[]; regularize: { payAtLeast: string } };
    expect(decision.asOf).toBe("2026-11-23");
    expect(decision.tenders.map((t) => t.outcome)).toEqual(["deny", "allow"]);
    expect(decision.regularize.payAtLeast).toBe("389.90");
  });

  it("serves the other routes", async () => {
    expect(await (await get("/v1/health")).json()).toEqual({ status: "ok" });
    const p = (await (await get("/v1/policy")).json()) as { id: string; sha256: string };
    expect(p.id).toBe("block-credit-when-overdue");
    expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    const schema = (await (await get("/v1/schema")).json()) as { policy: object; checkoutRequest: { properties: object } };
    expect(schema.checkoutRequest.properties).toHaveProperty("receivables");
    const charges = (await (await post("/v1/charges", { receivable: { id: "t", amount: "100.00", dueDate: "2026-11-03" }, terms: { asOf: "2026-11-13", finePercent: "2", monthlyInterestPercent: "1" } })).json()) as { total: string };
    expect(charges.total).toBe("102.33");
    const plan = (await (await post("/v1/plan", { principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" })).json()) as { totalInterest: string };
    expect(plan.totalInterest).toBe("40.26");
    const aging = (await (await post("/v1/aging", { receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] })).json()) as { total: string };
    expect(aging.total).toBe("10.00");
    const payoff = (await (await post("/v1/payoff", { receivables: [{ id: "t", amount: "1000.00", dueDate: "2026-08-10" }], options: { terms: { finePercent: "2", monthlyInterestPercent: "1" }, discounts: { interest: { percent: 100 } } } })).json()) as { gross: string; net: string; asOf: string };
    expect(payoff).toMatchObject({ asOf: "2026-11-23", gross: "1055.00", net: "1020.00" });
    const proposal = (await (await post("/v1/proposal", { proposal: { installments: 10 }, debt: { amount: "1000.00", daysOverdue: 30, asOf: "2026-11-23" }, policy: { id: "n", version: 1, limits: { maxInstallments: 6 } } })).json()) as { accepted: boolean; counterOffer: { installments: number } };
    expect(proposal).toMatchObject({ accepted: false, counterOffer: { installments: 6 } });
    expect((await post("/v1/plan", { principal: "10.00", count: 0 })).status).toBe(422);
  });

  it("answers bad requests with RFC 9457 problems, never a stack trace or a 500", async () => {
    const invalid = await post("/v1/decide", { asOf: "2026-02-30", customer: { id: "c1", typo: 1 }, receivables: [] });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = (await invalid.json()) as { issues: { path: string }[]; title: string };
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["asOf", "customer.typo"]));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    expect((await post("/v1/decide", "{ not json")).status).toBe(400);
    expect((await post("/v1/decide", "{}", { "content-type": "text/plain" })).status).toBe(415);
    expect((await post("/v1/decide", JSON.stringify({ customer: { id: "x".repeat(70_000) } }))).status).toBe(413);
    expect((await get("/v1/nothing")).status).toBe(404);
    const wrongMethod = await get("/v1/decide");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    // A Fetch method is any token: one named like an Object.prototype member is still a 405.
    for (const method of ["constructor", "toString", "hasOwnProperty"]) {
      const r = await checkedCall(new Request("http://pos/v1/decide", { method, headers: { "content-type": "application/json" }, body: '{"customer":{"id":"c"},"receivables":[]}' }));
      expect(r.status).toBe(405);
    }
    for (const hostile of ["[]", "null", "42", '{"__proto__":{"x":1}}', '{"receivables":{"length":1e9}}']) {
      const r = await post("/v1/decide", hostile);
      expect(r.status).toBe(422);
    }
  });

  it("logs one JSON line per request, without personal data", () => {
    const lines = logs.map((l) => JSON.parse(l) as { event: string; path?: string; status?: number; ms?: number });
    const requests = lines.filter((l) => l.event === "request");
    expect(requests.length).toBeGreaterThan(10);
    expect(requests[0]).toMatchObject({ event: "request", method: "POST", path: "/v1/decide", status: 200, outcome: "deny" });
    expect(logs.join("\n")).not.toContain("389.90");
  });

  it("reloads the policy; a bad one keeps the old serving and logs why", async () => {
    nextPolicy = { id: "broken", version: 2, rules: [{ id: "x", when: { fact: "nope", op: "gt", value: 1 }, scope: "credit", action: "deny" }] };
    expect(await running.reload()).toBe(false);
    expect(handler.policy.id).toBe("block-credit-when-overdue");
    expect(logs.at(-1)).toContain("policy-reload-failed");
    nextPolicy = { ...policy, id: "new-policy", version: 2 };
    expect(await running.reload()).toBe(true);
    expect(((await (await get("/v1/policy")).json()) as { id: string }).id).toBe("new-policy");
  });
});

describe("fail-safe mode: the POS database is down or slow", () => {
  const customers = new Map([["c1", { customer: { id: "c1" }, receivables: [{ id: "t1", amount: "100.00", dueDate: "2026-10-01" }] }]]);
  const make = (loader: (id: string, signal: AbortSignal) => Promise<{ customer: { id: string }; receivables: { id: string; amount: string; dueDate: string }[] }>, onLoadError?: (error: unknown, id: string) => void) =>
    checkedHandler(createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z"), loadCustomer: loader, loadTimeoutMs: 50, ...(onLoadError ? { onLoadError } : {}) }));
  const decide = async (h: (request: Request) => Promise<Response>, tenders: { method: string; amount: string }[]) => {
    const response = await h(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "c1", sale: { tenders } }) }));
    return (await response.json()) as { outcome: string; tenders: { outcome: string; reasons: { code: string; message: string }[] }[] };
  };

  it("loads the customer through the hook", async () => {
    const d = await decide(make((id) => Promise.resolve(customers.get(id) ?? { customer: { id }, receivables: [] })), [{ method: "store_credit", amount: "50.00" }]);
    expect(d.outcome).toBe("deny");
  });

  it("answers anyway when the hook fails or times out: credit to review, à vista allowed", async () => {
    for (const loader of [() => Promise.reject(new Error("ECONNREFUSED")), () => new Promise<never>(() => undefined)]) {
      const started = Date.now();
      const d = await decide(make(loader), [{ method: "store_credit", amount: "50.00" }, { method: "cash", amount: "10.00" }]);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(d.tenders.map((t) => t.outcome)).toEqual(["review", "allow"]);
      expect(d.tenders[0]?.reasons[0]?.code).toBe("DATA_SOURCE_UNAVAILABLE");
    }
  });

  it("answers fail-safe when the hook returns rows that are not receivables, and says why to onLoadError", async () => {
    const told: [unknown, string][] = [];
    const broken = make((id) => Promise.resolve({ customer: { id }, receivables: [{ id: "t1", amount: "12,50", dueDate: "2026-10-01" }] }), (error, id) => told.push([error, id]));
    const d = await decide(broken, [{ method: "store_credit", amount: "50.00" }, { method: "cash", amount: "10.00" }]);
    expect(d.tenders.map((t) => [t.outcome, t.reasons[0]?.code])).toEqual([["review", "DATA_SOURCE_UNAVAILABLE"], ["allow", undefined]]);
    expect(told.map(([e, id]) => [(e as { issues?: { path: string }[] }).issues?.[0]?.path, id])).toEqual([["receivables[0].amount", "c1"]]);
  });

  it("tells onLoadError of a failing hook, and answers even when onLoadError throws", async () => {
    const failure = new Error("ECONNREFUSED");
    const told: unknown[] = [];
    const d = await decide(make(() => Promise.reject(failure), (error) => { told.push(error); throw new Error("monitor down"); }), [{ method: "store_credit", amount: "50.00" }]);
    expect(d.outcome).toBe("review");
    expect(told).toEqual([failure]);
  });

  it("answers 422 for the POS's own bad tender, and does not blame the hook", async () => {
    const told: unknown[] = [];
    const h = make((id) => Promise.resolve(customers.get(id) ?? { customer: { id }, receivables: [] }), (error) => told.push(error));
    const response = await h(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "c1", sale: { tenders: [{ method: "store_credit", amount: "12,50" }] } }) }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe("sale.tenders[0].amount");
    expect(told).toEqual([]);
  });

  it("answers 422, not 500, to tenders that are not objects on the loader's path", async () => {
    const h = make((id) => Promise.resolve(customers.get(id) ?? { customer: { id }, receivables: [] }));
    for (const tenders of [[null], [1, "pix"], [[]]]) {
      const response = await h(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "c1", sale: { tenders } }) }));
      expect(response.status).toBe(422);
      expect(((await response.json()) as { issues: { path: string }[] }).issues[0]?.path).toBe("sale.tenders[0]");
    }
  });

  it("never makes a cash sale wait on the outage", async () => {
    let called = false;
    const d = await decide(make(() => { called = true; return new Promise<never>(() => undefined); }), [{ method: "cash", amount: "10.00" }]);
    expect(called).toBe(false);
    expect(d.outcome).toBe("allow");
  });
});

describe("asOf from the clock", () => {
  it("follows the clock across midnight in the configured zone, to the millisecond", async () => {
    // Midnight in São Paulo is 03:00Z; instants cluster around it, and the clock may go back.
    const midnight = Date.parse("2026-11-24T03:00:00Z");
    const instant = fc.oneof(fc.integer({ min: -2_000, max: 2_000 }).map((ms) => midnight + ms), fc.integer({ min: Date.parse("1990-01-01"), max: Date.parse("2150-01-01") }));
    await fc.assert(
      fc.asyncProperty(fc.array(instant, { minLength: 1, maxLength: 8 }), async (instants) => {
        let clock = 0;
        const h = checkedHandler(createHandler({ policy, now: () => new Date(clock) }));
        for (const ms of instants) {
          clock = ms;
          const response = await h(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: '{"customer":{"id":"c"},"receivables":[]}' }));
          expect(((await response.json()) as { asOf: string }).asOf).toBe(todayIn("America/Sao_Paulo", new Date(ms)));
        }
      }),
      { numRuns: 300 },
    );
    expect(todayIn("America/Sao_Paulo", new Date(midnight - 1))).toBe("2026-11-23");
    expect(todayIn("America/Sao_Paulo", new Date(midnight))).toBe("2026-11-24");
  });
});
