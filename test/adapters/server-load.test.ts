import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";

let running: RunningServer;
const port = () => Number(new URL(running.url).port);

beforeAll(async () => {
  // Default body limit (1 MiB); a short request timeout so the trickle test stays fast.
  running = await serve({ handler: createHandler({ policy: presets.blockCreditWhenOverdue() }), port: 0, log: () => undefined, signals: false, requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
});
afterAll(async () => {
  await running.close();
});

const decide = (i: number) =>
  fetch(`${running.url}/v1/decide`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ asOf: "2026-11-23", customer: { id: `c${i}` }, receivables: i % 2 ? [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] : [], sale: { tenders: [{ method: "store_credit", amount: "5.00" }] } }),
  });

describe("the sidecar under abuse", () => {
  it("refuses a 2 MiB body with 413 and keeps serving", async () => {
    const big = JSON.stringify({ customer: { id: "c" }, receivables: [], padding: "x".repeat(2 * 1024 * 1024) });
    const r = await fetch(`${running.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body: big });
    expect(r.status).toBe(413);
    expect((await decide(0)).status).toBe(200);
  });

  it("drops a request trickled slower than the timeout, and keeps serving", async () => {
    const closed = await new Promise<string>((resolve) => {
      const socket = connect(port(), "127.0.0.1", () => {
        socket.write("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        const timer = setInterval(() => socket.write(" "), 200);
        let data = "";
        socket.on("data", (chunk) => (data += chunk.toString()));
        socket.on("close", () => {
          clearInterval(timer);
          resolve(data);
        });
      });
    });
    expect(closed === "" || /^HTTP\/1\.1 408/.test(closed)).toBe(true);
    expect((await decide(1)).status).toBe(200);
  });

  it("answers 1,000 concurrent requests correctly", async () => {
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 1_000 }, (_, i) => decide(i).then(async (r) => ({ i, status: r.status, outcome: ((await r.json()) as { outcome: string }).outcome }))));
    const ms = performance.now() - started;
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(responses.every((r) => r.outcome === (r.i % 2 ? "deny" : "allow"))).toBe(true);
    console.log(`1,000 concurrent decisions over HTTP in ${ms.toFixed(0)} ms`);
    expect((await fetch(`${running.url}/v1/health`)).status).toBe(200);
  });

  it("rejects prototype-polluting payloads without polluting", async () => {
    for (const body of ['{"__proto__":{"polluted":true},"customer":{"id":"c"},"receivables":[]}', '{"customer":{"id":"c","constructor":{"prototype":{"polluted":true}}},"receivables":[]}']) {
      const r = await fetch(`${running.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(r.status).toBe(422);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
