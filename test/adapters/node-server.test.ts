import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { connect } from "node:net";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";

// One handler served twice: as is (serve calls its plain entry point, no Fetch objects) and
// wrapped in an arrow function (serve sees an ordinary Fetch handler and converts). Both must
// answer byte for byte alike.
const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z"), maxBodyBytes: 4096 });
let direct: RunningServer;
let viaFetch: RunningServer;
const logs: string[] = [];

beforeAll(async () => {
  direct = await serve({ handler, port: 0, log: (line) => logs.push(line), signals: false });
  viaFetch = await serve({ handler: (request) => handler(request), port: 0, log: () => undefined, signals: false });
});
afterAll(async () => {
  await Promise.all([direct.close(), viaFetch.close()]);
});

interface Sent { readonly method?: string; readonly path: string; readonly type?: string; readonly body?: string }

async function exchange(server: RunningServer, sent: Sent) {
  const response = await fetch(`${server.url}${sent.path}`, {
    method: sent.method ?? "POST",
    ...(sent.type !== undefined ? { headers: { "content-type": sent.type } } : {}),
    ...(sent.body !== undefined ? { body: sent.body } : {}),
  });
  const keep = ["content-type", "allow", "x-credit-outcome"];
  return { status: response.status, headers: keep.map((k) => response.headers.get(k)), body: await response.text() };
}

/** A raw HTTP/1.1 exchange on a socket: what a hostile or broken client can send. */
function raw(server: RunningServer, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1", () => socket.write(request));
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => { resolve(data); });
  });
}

const JSON_TYPE = "application/json";
const checkout = (tenders: unknown, receivables: unknown = [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }]) =>
  JSON.stringify({ customer: { id: "c1" }, receivables, sale: { tenders } });

describe("credit-block/node serving a credit-block handler directly", () => {
  const cases: readonly Sent[] = [
    { path: "/v1/decide", type: JSON_TYPE, body: checkout([{ method: "store_credit", amount: "100.00" }, { method: "pix", amount: "20.00" }]) },
    { path: "/v1/decide/", type: "application/vnd.pos+json; charset=utf-8", body: checkout([{ method: "cash", amount: "1.00" }], []) },
    { path: "/v1/decide", type: JSON_TYPE, body: checkout([{ method: "store_credit", amount: "12,50" }]) },
    { path: "/v1/decide", type: JSON_TYPE, body: "{ not json" },
    { path: "/v1/decide", type: JSON_TYPE, body: "\"\\ud800\"" },
    { path: "/v1/decide", type: "text/plain", body: "{}" },
    { path: "/v1/decide", type: JSON_TYPE, body: JSON.stringify({ customer: { id: "x".repeat(5000) } }) },
    { path: "/v1/decide", method: "GET" },
    { path: "/v1/nothing", method: "GET" },
    { path: "/v1/%2e%2e/v1/health", method: "GET" },
    { path: "/v1/health", method: "GET" },
    { path: "/v1/health", method: "DELETE" },
    { path: "/v1/policy", method: "GET" },
    { path: "/v1/plan", type: JSON_TYPE, body: JSON.stringify({ principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23" }) },
    { path: "/v1/charges", type: JSON_TYPE, body: JSON.stringify({ receivable: { id: "t", amount: "100.00", dueDate: "2026-11-03" }, terms: { finePercent: "2", monthlyInterestPercent: "1" } }) },
  ];

  it.each(cases.map((c) => [`${c.method ?? "POST"} ${c.path} ${c.type ?? ""} ${(c.body ?? "").slice(0, 30)}`, c] as const))("answers %s as the Fetch path does", async (_name, sent) => {
    const [a, b] = await Promise.all([exchange(direct, sent), exchange(viaFetch, sent)]);
    expect(a).toEqual(b);
  });

  it("answers any JSON body on /v1/decide as the Fetch path does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const sent = { path: "/v1/decide", type: JSON_TYPE, body: JSON.stringify(value) };
        const [a, b] = await Promise.all([exchange(direct, sent), exchange(viaFetch, sent)]);
        expect(a).toEqual(b);
        expect(a.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it("logs each request with its path, status and outcome", async () => {
    logs.length = 0;
    await exchange(direct, cases[0] as Sent);
    const line = JSON.parse(logs.at(-1) ?? "{}") as Record<string, unknown>;
    expect(line).toMatchObject({ event: "request", method: "POST", path: "/v1/decide", status: 200, outcome: "deny" });
  });

  it("answers 400 to a malformed Host header or request target, and keeps serving (it used to crash the process)", async () => {
    for (const server of [direct, viaFetch]) {
      const badHost = await raw(server, "GET /v1/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
      expect(badHost).toMatch(/^HTTP\/1\.1 200/); // the Host is the client's word; the path is enough
      const badTarget = await raw(server, "GET //[bad/v1/health HTTP/1.1\r\nHost: pos\r\nConnection: close\r\n\r\n");
      expect(badTarget).toMatch(/^HTTP\/1\.1 400/);
      expect(badTarget).toContain("application/problem+json");
      expect((await exchange(server, { path: "/v1/health", method: "GET" })).status).toBe(200);
    }
  });

  it("keeps serving when its logger throws", async () => {
    let calls = 0;
    const server = await serve({ handler, port: 0, signals: false, log: (line) => { calls++; if (line.includes('"request"')) throw new Error("disk full"); } });
    try {
      for (let i = 0; i < 3; i++) expect((await exchange(server, { path: "/v1/health", method: "GET" })).status).toBe(200);
      expect(calls).toBeGreaterThanOrEqual(4); // "listening" and one line per request
    } finally {
      await server.close();
    }
  });

  it("refuses a chunked body once it passes the limit, closes that connection and keeps serving", async () => {
    const chunk = `{"customer":{"id":"${"x".repeat(3000)}"`;
    const answer = await raw(direct, `POST /v1/decide HTTP/1.1\r\nHost: pos\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect((await exchange(direct, cases[0] as Sent)).status).toBe(200);
  });
});
