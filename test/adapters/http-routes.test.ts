import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ageReceivables, computeCharges, createCreditGate, CreditBlockError, evaluateProposal, planInstallments, presets, quotePayoff, type Issue,
} from "credit-block";
import { creditBlockMiddleware } from "credit-block/express";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { raw } from "../support/http.js";

// The route table of credit-block/http, seen through the public handler: each POST route hands
// its body to one library function and answers what that function returns, or, when the
// function refuses the input, a 422 problem with exactly the issues it found.
const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
const TODAY = "2026-11-23"; // the handler's clock below, in America/Sao_Paulo
const handler = createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z"), maxBodyBytes: 4096 });
const gate = createCreditGate(policy);

const receivable = { id: "t1", customerId: "c1", amount: "389.90", dueDate: "2026-10-07" };
const negotiationPolicy = { id: "acordos", version: 1, limits: { minDownPaymentPercent: "20", maxInstallments: 6, minInstallment: "50.00", maxMonthlyRatePercent: "1.99", maxDiscountPercent: "10" } };
const debt = { amount: "1000.00", daysOverdue: 45, asOf: TODAY };

async function post(path: string, body: unknown): Promise<{ status: number; type: string | null; outcome: string | null; json: unknown }> {
  const response = await handler(new Request(`http://pos.local${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: response.status, type: response.headers.get("content-type"), outcome: response.headers.get("x-credit-outcome"), json: await response.json() };
}

/** What a library call answers, as JSON would carry it. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The issues a library call throws (it must throw a CreditBlockError). */
function issuesOf(call: () => unknown): readonly Issue[] {
  try {
    call();
  } catch (error) {
    if (error instanceof CreditBlockError) return asJson(error.issues) as Issue[];
    throw error;
  }
  throw new Error("the library accepted the input");
}

interface RouteCase {
  readonly path: string;
  readonly valid: unknown;
  /** The library function's own answer to the valid body (asOf defaulted as the handler does). */
  readonly expected: () => unknown;
  readonly invalid: unknown;
  /** The library function refusing the invalid body, and one field its issues must name. */
  readonly refusal: () => unknown;
  readonly field: string;
}

const checkout = { customer: { id: "c1" }, receivables: [receivable], sale: { tenders: [{ method: "store_credit" as const, amount: "100.00" }, { method: "pix" as const, amount: "20.00" }] } };
const badCheckout = { ...checkout, receivables: [{ ...receivable, amount: "12,50" }] };
const chargeTerms = { finePercent: "2", monthlyInterestPercent: "1" };
const payoffOptions = { terms: chargeTerms, discounts: { interest: { percent: 100 } } };
const planTerms = { principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" };
const proposal = { downPayment: "50.00", installments: 10, monthlyRatePercent: "1.99" };
// The aging defaults of this policy: its currency and graceDays (it sets no calendar or threshold).
const agingDefaults = { asOf: TODAY, currency: policy.currency, graceDays: 5 };

const ROUTES: readonly RouteCase[] = [
  {
    path: "/v1/decide",
    valid: checkout,
    expected: () => gate.decide({ ...checkout, asOf: TODAY }),
    invalid: badCheckout,
    refusal: () => gate.decide({ ...badCheckout, asOf: TODAY }),
    field: "receivables[0].amount",
  },
  {
    path: "/v1/aging",
    valid: { receivables: [receivable], options: { by: "dueDate" } },
    expected: () => ageReceivables([receivable], { ...agingDefaults, by: "dueDate" }),
    invalid: { receivables: [{ ...receivable, dueDate: "2026-02-30" }] },
    refusal: () => ageReceivables([{ ...receivable, dueDate: "2026-02-30" }], agingDefaults),
    field: "receivables[0].dueDate",
  },
  {
    path: "/v1/charges",
    valid: { receivable, terms: chargeTerms },
    expected: () => computeCharges(receivable, { asOf: TODAY, ...chargeTerms }),
    invalid: { receivable, terms: { ...chargeTerms, finePercent: "dois" } },
    refusal: () => computeCharges(receivable, { asOf: TODAY, ...chargeTerms, finePercent: "dois" }),
    field: "terms.finePercent",
  },
  {
    path: "/v1/payoff",
    valid: { receivables: [receivable], options: payoffOptions },
    expected: () => quotePayoff([receivable], { asOf: TODAY, ...payoffOptions }),
    invalid: { receivables: [receivable], options: { ...payoffOptions, validDays: 1 } },
    refusal: () => quotePayoff([receivable], { asOf: TODAY, ...payoffOptions, validDays: 1 }),
    field: "options.validDays",
  },
  {
    path: "/v1/plan",
    valid: planTerms,
    expected: () => planInstallments({ ...planTerms, system: "price" }),
    invalid: { ...planTerms, count: 0 },
    refusal: () => planInstallments({ ...planTerms, system: "price", count: 0 }),
    field: "count",
  },
  {
    path: "/v1/proposal",
    valid: { proposal, debt, policy: negotiationPolicy },
    expected: () => evaluateProposal(proposal, debt, negotiationPolicy),
    invalid: { proposal, debt: { ...debt, amount: "mil" }, policy: negotiationPolicy },
    refusal: () => evaluateProposal(proposal, { ...debt, amount: "mil" }, negotiationPolicy),
    field: "debt.amount",
  },
];

describe("the route table of credit-block/http", () => {
  it.each(ROUTES.map((r) => [r.path, r] as const))("POST %s answers its library function's result for a valid body", async (_path, route) => {
    const answer = await post(route.path, route.valid);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe("application/json; charset=utf-8");
    expect(answer.json).toEqual(asJson(route.expected()));
  });

  it.each(ROUTES.map((r) => [r.path, r] as const))("POST %s answers 422 with the library's issues, naming the field, for an invalid body", async (_path, route) => {
    const answer = await post(route.path, route.invalid);
    expect(answer.status).toBe(422);
    expect(answer.type).toBe("application/problem+json; charset=utf-8");
    const issues = issuesOf(route.refusal);
    expect(issues.map((i) => i.path)).toContain(route.field);
    expect(answer.json).toEqual({
      type: "https://credit-block.dev/problems/invalid-input", title: "Invalid input", status: 422,
      detail: `${issues.length} problem(s) in the request`, code: "INVALID_INPUT", issues,
    });
  });

  it("carries the decision's outcome in x-credit-outcome", async () => {
    expect((await post("/v1/decide", checkout)).outcome).toBe("deny");
    expect((await post("/v1/plan", planTerms)).outcome).toBeNull();
  });

  it.each([
    ["/v1/decide", [], ""],
    ["/v1/aging", { receivables: [], options: null }, "options"],
    ["/v1/charges", { receivable, terms: [] }, "terms"],
    ["/v1/payoff", { receivables: [], options: "today" }, "options"],
    ["/v1/proposal", null, ""],
  ] as const)("POST %s refuses a body part that is not an object at its path, before the library sees it", async (path, body, at) => {
    const answer = await post(path, body);
    expect(answer.status).toBe(422);
    expect((answer.json as { issues: Issue[] }).issues).toEqual([expect.objectContaining({ path: at, code: "invalid_type" })]);
  });

  it("leaves a body that is not an object to planInstallments, whose terms are the whole body", async () => {
    const answer = await post("/v1/plan", ["1000.00"]);
    expect(answer.status).toBe(422);
    expect((answer.json as { issues: Issue[] }).issues).toEqual(issuesOf(() => planInstallments(["1000.00"] as never)));
  });

  it("answers 405 with Allow: POST to another method on a body route", async () => {
    for (const method of ["GET", "PUT", "HEAD"]) {
      const response = await handler(new Request("http://pos.local/v1/aging", { method }));
      expect([response.status, response.headers.get("allow")]).toEqual([405, "POST"]);
    }
  });
});

// The same bad requests through every way of serving the handler: credit-block/node and
// credit-block/express, each with the handler as is (its plain entry point) and wrapped as an
// ordinary Fetch handler. Every answer is written by one function, so every byte matches.
describe("problem bodies written by credit-block/node and credit-block/express", () => {
  const servers: Server[] = [];
  const running: RunningServer[] = [];
  const bases: Record<string, string> = {};
  const viaFetch = (request: Request) => handler(request);

  async function listenExpress(h: Parameters<typeof creditBlockMiddleware>[0]): Promise<string> {
    const app = express();
    app.use(creditBlockMiddleware(h));
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  async function listenNode(h: Parameters<typeof creditBlockMiddleware>[0]): Promise<string> {
    const server = await serve({ handler: h, port: 0, signals: false, log: () => undefined });
    running.push(server);
    return server.url;
  }

  beforeAll(async () => {
    bases.node = await listenNode(handler);
    bases.nodeViaFetch = await listenNode(viaFetch);
    bases.express = await listenExpress(handler);
    bases.expressViaFetch = await listenExpress(viaFetch);
  });
  afterAll(async () => {
    await Promise.all([...running.map((r) => r.close()), ...servers.map((s) => new Promise((resolve) => s.close(resolve)))]);
  });

  const BAD_REQUESTS: readonly { readonly name: string; readonly status: number; readonly method?: string; readonly path: string; readonly type?: string; readonly body?: string }[] = [
    { name: "invalid input (422)", status: 422, path: "/v1/decide", type: "application/json", body: JSON.stringify(badCheckout) },
    { name: "a body that is not an object (422)", status: 422, path: "/v1/charges", type: "application/json", body: "[]" },
    { name: "a lone surrogate (422)", status: 422, path: "/v1/decide", type: "application/json", body: "\"\\ud800\"" },
    { name: "malformed JSON (400)", status: 400, path: "/v1/decide", type: "application/json", body: "{ not json" },
    { name: "a body over the limit (413)", status: 413, path: "/v1/decide", type: "application/json", body: JSON.stringify({ customer: { id: "x".repeat(5000) } }) },
    { name: "not JSON (415)", status: 415, path: "/v1/aging", type: "text/plain", body: "{}" },
    { name: "no such route (404)", status: 404, method: "GET", path: "/v1/nothing" },
    { name: "the wrong method (405)", status: 405, method: "DELETE", path: "/v1/health" },
  ];

  async function answerOf(base: string, sent: (typeof BAD_REQUESTS)[number]) {
    const response = await fetch(`${base}${sent.path}`, {
      method: sent.method ?? "POST",
      ...(sent.type !== undefined ? { headers: { "content-type": sent.type } } : {}),
      ...(sent.body !== undefined ? { body: sent.body } : {}),
    });
    const headers = ["content-type", "content-length", "allow"].map((k) => response.headers.get(k));
    return { status: response.status, headers, bytes: Buffer.from(await response.arrayBuffer()).toString("hex") };
  }

  it.each(BAD_REQUESTS.map((r) => [r.name, r] as const))("%s: byte-identical problem bodies from every server", async (_name, sent) => {
    const answers = await Promise.all(Object.values(bases).map((base) => answerOf(base, sent)));
    const fetched = await handler(new Request(`http://pos.local${sent.path}`, {
      method: sent.method ?? "POST", ...(sent.type !== undefined ? { headers: { "content-type": sent.type } } : {}), ...(sent.body !== undefined ? { body: sent.body } : {}),
    }));
    const first = answers[0];
    expect(first?.status).toBe(sent.status);
    expect(first?.headers[0]).toBe("application/problem+json; charset=utf-8");
    expect(first?.headers[1]).toBe(String(Buffer.from(first?.bytes ?? "", "hex").byteLength));
    for (const answer of answers) expect(answer).toEqual(first);
    expect(Buffer.from(await fetched.arrayBuffer()).toString("hex")).toBe(first?.bytes);
  });

  it("serve's own problems (400 bad target, 500) keep their exact bytes", async () => {
    const badTarget = await raw(bases.node ?? "", "GET //[bad/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    expect(badTarget).toMatch(/^HTTP\/1\.1 400 /);
    expect(badTarget.toLowerCase()).toContain("content-type: application/problem+json; charset=utf-8\r\n");
    expect(badTarget.slice(badTarget.indexOf("\r\n\r\n") + 4)).toBe('{"type":"https://credit-block.dev/problems/bad-request","title":"Bad request","status":400,"detail":"the request target or Host header is not a valid URL"}');
    const failing = await serve({ handler: () => Promise.reject(new Error("a bug")), port: 0, signals: false, log: () => undefined });
    try {
      const response = await fetch(`${failing.url}/v1/health`);
      expect([response.status, response.headers.get("content-type"), await response.text()]).toEqual([
        500, "application/problem+json; charset=utf-8", '{"type":"https://credit-block.dev/problems/internal","title":"Internal error","status":500}',
      ]);
    } finally {
      await failing.close();
    }
  });
});
