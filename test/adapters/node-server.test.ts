import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { caseName, JSON_TYPE, PARITY_CASES, raw, send, type Sent } from "../support/http.js";

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

const exchange = (server: RunningServer, sent: Sent) => send(server.url, sent);
const rawTo = (server: RunningServer, request: string) => raw(server.url, request);
// The access log line is written once the response has closed, a tick after the client has it.
async function waitForLine(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !probe(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("credit-block/node serving a credit-block handler directly", () => {
  const cases = PARITY_CASES;

  it.each(cases.map((c) => [caseName(c), c] as const))("answers %s as the Fetch path does", async (_name, sent) => {
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

  it("logs each request with its route, status and outcome", async () => {
    logs.length = 0;
    await exchange(direct, cases[0] as Sent);
    await waitForLine(() => logs.some((l) => l.includes('"request"')));
    const line = JSON.parse(logs.at(-1) ?? "{}") as Record<string, unknown>;
    expect(line).toMatchObject({ event: "request", method: "POST", route: "/v1/decide", path: "/v1/decide", status: 200, outcome: "deny" });
  });

  it("answers a malformed Host header (421: not a host it serves) or request target (400), and keeps serving (it used to crash the process)", async () => {
    for (const server of [direct, viaFetch]) {
      const badHost = await rawTo(server, "GET /v1/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
      expect(badHost).toMatch(/^HTTP\/1\.1 421/);
      const badTarget = await rawTo(server, "GET //[bad/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
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
    const answer = await rawTo(direct, `POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    expect((await exchange(direct, cases[0] as Sent)).status).toBe(200);
  });
});
