import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";

/**
 * Issue #15 item 9: one JSON line per request, with what an operator needs to follow a checkout
 * (time, request id, route, status, duration, policy, outcome) and nothing about the customer.
 */
const policy = { ...presets.blockCreditWhenOverdue({ graceDays: 5 }), id: "loja-centro", version: 7 };
const handler = createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z") });
const TOKEN = "log-test-token-0123456789";
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
let running: RunningServer;
const logs: string[] = [];
const lines = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>);
const requests = () => lines().filter((l) => l.event === "request");

beforeAll(async () => {
  running = await serve({ handler, port: 0, signals: false, log: (l) => logs.push(l), tokens: [TOKEN], corsOrigins: ["https://caixa.loja.com.br"], loadPolicy: () => ({ ...policy, version: 8 }), loadTokens: () => [TOKEN] });
});
afterAll(async () => {
  await running.close();
});

/** Waits for the access line of the request with this id (written when the response closes). */
async function lineOf(requestId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const found = requests().find((l) => l.requestId === requestId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no access line for ${requestId}`);
}

const CPF = "123.456.789-09";
const checkout = JSON.stringify({ customer: { id: CPF, creditLimit: "777.77" }, receivables: [{ id: "titulo-secreto", amount: "389.90", dueDate: "2026-10-07" }], sale: { tenders: [{ method: "store_credit", amount: "100.00" }] } });

describe("the access log", () => {
  it("has time, event, requestId, method, route, status, ms, policy and outcome", async () => {
    const response = await fetch(`${running.url}/v1/decide?customer=${encodeURIComponent(CPF)}&token=${TOKEN}`, {
      method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "x-request-id": "sale-0042" }, body: checkout,
    });
    expect(response.status).toBe(200);
    const line = await lineOf("sale-0042");
    expect(Object.keys(line).slice(0, 9)).toEqual(["time", "event", "requestId", "method", "route", "status", "ms", "policy", "outcome"]);
    expect(line).toMatchObject({ event: "request", requestId: "sale-0042", method: "POST", route: "/v1/decide", status: 200, policy: "loja-centro@7", outcome: "deny" });
    expect(line.time).toMatch(ISO_MS);
    expect(Math.abs(Date.parse(line.time as string) - Date.now())).toBeLessThan(5_000);
    expect(typeof line.ms).toBe("number");
    expect(line.ms).toBeGreaterThanOrEqual(0);
  });

  it("carries no personal data: no body, query string, customer id, título or token", async () => {
    await fetch(`${running.url}/v1/decide?cpf=${encodeURIComponent(CPF)}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "x-request-id": "pii-1" }, body: checkout });
    await fetch(`${running.url}/v1/decide?cpf=${encodeURIComponent(CPF)}`, { method: "POST", headers: { authorization: "Bearer wrong-but-long-enough-token", "content-type": "application/json", "x-request-id": "pii-2" }, body: checkout });
    await lineOf("pii-1");
    await lineOf("pii-2");
    const text = logs.join("\n");
    for (const secret of [CPF, "123.456", "titulo-secreto", "389.90", "777.77", "cpf=", "?", TOKEN, "wrong-but-long-enough-token", "store_credit"]) expect(text).not.toContain(secret);
  });

  it("logs the status the client saw: 401, 421, 204 preflight, 404, 422", async () => {
    const ids = ["s401", "s421", "s204", "s404", "s422"];
    const auth = { authorization: `Bearer ${TOKEN}` };
    await fetch(`${running.url}/v1/policy`, { headers: { "x-request-id": "s401" } });
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(running.url).port), "127.0.0.1", () => socket.end("GET /v1/health HTTP/1.1\r\nHost: evil.example\r\nX-Request-Id: s421\r\nConnection: close\r\n\r\n"));
      socket.on("data", () => undefined).on("close", () => { resolve(); });
    });
    await fetch(`${running.url}/v1/decide`, { method: "OPTIONS", headers: { origin: "https://caixa.loja.com.br", "access-control-request-method": "POST", "x-request-id": "s204" } });
    await fetch(`${running.url}/v1/nothing`, { headers: { ...auth, "x-request-id": "s404" } });
    await fetch(`${running.url}/v1/decide`, { method: "POST", headers: { ...auth, "content-type": "application/json", "x-request-id": "s422" }, body: "{}" });
    const seen = await Promise.all(ids.map(lineOf));
    expect(seen.map((l) => [l.requestId, l.status, l.route])).toEqual([["s401", 401, "/v1/policy"], ["s421", 421, "/v1/health"], ["s204", 204, "/v1/decide"], ["s404", 404, "/v1/nothing"], ["s422", 422, "/v1/decide"]]);
    for (const l of seen) expect(l.outcome).toBeUndefined();
  });

  it("logs a request the client gave up on: no status, aborted", async () => {
    const slow = await serve({
      handler: async () => { await new Promise((r) => setTimeout(r, 300)); return new Response("late"); },
      port: 0, signals: false, log: (l) => logs.push(l),
    });
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(new URL(slow.url).port), "127.0.0.1", () => {
          socket.write("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: gave-up\r\n\r\n");
          setTimeout(() => { socket.destroy(); resolve(); }, 50);
        });
      });
      const line = await lineOf("gave-up");
      expect(line).toMatchObject({ status: null, aborted: true, route: "/v1/health" });
      expect(line.policy).toBeUndefined(); // a plain Fetch handler has no policy to name
    } finally {
      await slow.close();
    }
  });

  it("puts the time on every event line: listening, reloads, stopping, stopped", async () => {
    expect(await running.reload()).toBe(true);
    const other = await serve({ handler, port: 0, signals: false, log: (l) => logs.push(l), loadPolicy: () => { throw new Error("bad file"); }, loadTokens: () => { throw new Error("no file"); } });
    expect(await other.reload()).toBe(false);
    await other.close();
    const events = lines().filter((l) => l.event !== "request");
    expect(new Set(events.map((l) => l.event))).toEqual(new Set(["listening", "policy-reloaded", "tokens-reloaded", "policy-reload-failed", "tokens-reload-failed", "stopping", "stopped"]));
    for (const l of events) expect(l.time, String(l.event)).toMatch(ISO_MS);
    expect(events.find((l) => l.event === "listening")).toMatchObject({ auth: "bearer", url: running.url });
  });
});
