import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { readFileSync } from "node:fs";
import { definePolicy, presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { connectSource, type CustomerSource } from "../../src/adapters/source/index.js";
import { ownPostgres, type OwnPostgres } from "../support/postgres.js";
import { QUERIES, ROOT, samplePglite, samplePostgres, STORE } from "../support/sampleDatabase.js";

const policy = definePolicy(JSON.parse(readFileSync(`${ROOT}/examples/policy.json`, "utf8")));
const NOW = () => new Date(`${STORE.asOf}T15:00:00Z`);
// The sample schema has no tags or cheque columns: the query derives them for two customers.
const CUSTOMER_SQL = `SELECT cpf AS id, limite::text AS "creditLimit", classe_risco AS "riskClass",
  CASE WHEN cpf = 'C0005' THEN '["fraude"]'::json END AS tags,
  CASE WHEN cpf = 'C0007' THEN 3 END AS "bouncedChecks"
  FROM clientes WHERE cpf = $customerId`;

let db: PGlite;
let source: CustomerSource;
let running: RunningServer;
const calls: string[] = [];
const failures: string[] = [];

beforeAll(async () => {
  db = await samplePglite();
  source = await connectSource({ client: db, ...QUERIES, customer: CUSTOMER_SQL });
  const handler = createHandler({
    policy, now: NOW,
    loadCustomer: (id) => { calls.push(id); return source.load(id); },
    checkReady: () => source.ping(),
    onLoadError: (error) => failures.push(error instanceof Error ? error.message : String(error)),
  });
  running = await serve({ handler, port: 0, signals: false, log: () => undefined });
}, 60_000);
afterAll(async () => {
  await running.close();
  await source.close();
  await db.close();
});

const post = async (base: string, body: unknown) => {
  const response = await fetch(`${base}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { outcome: string; reasons: { code: string }[]; tenders: { outcome: string; method: string }[] } };
};
const credit = { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] };
const pix = { tenders: [{ method: "pix", amount: "50.00" }] };

describe("the sidecar loads the customer from the store's database (POST /v1/decide with customerId)", () => {
  it("answers { customerId, sale } exactly as it answers the same data sent in the request", async () => {
    for (const c of STORE.customers.slice(0, 60)) {
      const loaded = await source.load(c.id);
      const byId = await post(running.url, { customerId: c.id, sale: credit });
      const inline = await post(running.url, { customer: loaded.customer, receivables: loaded.receivables, sale: credit });
      expect(byId).toEqual(inline);
      expect(byId.status).toBe(200);
    }
  });

  it("loads for a sale paid at once when a rule reaches immediate tenders: the fraud and cheque rules fire", async () => {
    calls.length = 0;
    const fraud = await post(running.url, { customerId: "C0005", sale: pix });
    expect(calls).toEqual(["C0005"]);
    expect(fraud.body.outcome).toBe("deny");
    expect(fraud.body.reasons.map((r) => r.code)).toContain("FRAUD");
    const cheque = await post(running.url, { customerId: "C0007", sale: { tenders: [{ method: "check", term: "immediate", amount: "80.00" }] } });
    expect(cheque.body.tenders[0]?.outcome).toBe("deny");
  });

  it("never loads when no deny or review rule could reach the sale's tenders", async () => {
    const counted: string[] = [];
    const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: NOW, loadCustomer: (id) => { counted.push(id); return source.load(id); } });
    const request = (sale: unknown) => handler(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "C0016", sale }) }));
    expect(((await (await request(pix)).json()) as { outcome: string }).outcome).toBe("allow");
    expect(counted).toEqual([]);
    await request(credit);
    expect(counted).toEqual(["C0016"]);
  });

  it("refuses a loaded customer that is not the one asked for, and a load without a receivables list (data missing, not no debts)", async () => {
    const cases: [string, () => Promise<unknown>][] = [
      ["another customer", () => Promise.resolve({ customer: { id: "C0001" }, receivables: [] })],
      ["no list", () => Promise.resolve({ customer: { id: "C0016" } })],
      ["a throw", () => Promise.reject(new Error("db down"))],
      ["too slow", () => new Promise((resolve) => setTimeout(resolve, 5_000))],
    ];
    for (const [, load] of cases) {
      const reasons: unknown[] = [];
      const handler = createHandler({ policy, now: NOW, loadTimeoutMs: 200, loadCustomer: load as never, onLoadError: (e) => reasons.push(e) });
      type Answer = { tenders: { outcome: string }[]; reasons: { code: string }[] };
      const ask = async (sale: unknown) => (await (await handler(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "C0016", sale: sale }) }))).json()) as Answer;
      const mixed = await ask({ tenders: [...credit.tenders, ...pix.tenders] });
      expect(mixed.tenders.map((t) => t.outcome)).toEqual(["review", "allow"]);
      expect(mixed.reasons[0]?.code).toBe("DATA_SOURCE_UNAVAILABLE");
      expect(reasons).toHaveLength(1);
    }
    const empty = createHandler({ policy, now: NOW, loadCustomer: () => Promise.resolve({ customer: { id: "C0016" }, receivables: [] }) });
    const clear = (await (await empty(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId: "C0016", sale: credit }) }))).json()) as { outcome: string };
    expect(clear.outcome).toBe("allow");
  });

  it("a supervisor's release sent beside customerId applies to the loaded customer, and can lift the fail-safe hold", async () => {
    const release = { until: STORE.asOf, by: "gerente Ana", reason: "cliente antigo, acordo verbal" };
    const denied = await post(running.url, { customerId: "C0016", sale: credit });
    expect(denied.body.outcome).toBe("deny");
    const released = await post(running.url, { customerId: "C0016", sale: credit, overrides: [{ ...release, rule: "overdue" }] });
    expect(released.status).toBe(200);
    expect(released.body.tenders[0]?.outcome).toBe("allow");
    const down = createHandler({ policy, now: NOW, loadCustomer: () => Promise.reject(new Error("down")) });
    const ask = async (body: unknown) => (await (await down(new Request("http://pos/v1/decide", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }))).json()) as { outcome: string };
    expect((await ask({ customerId: "C0016", sale: credit })).outcome).toBe("review");
    expect((await ask({ customerId: "C0016", sale: credit, overrides: [{ ...release, rule: "data-source-unavailable" }] })).outcome).toBe("allow");
    const bad = await post(running.url, { customerId: "C0016", sale: credit, overrides: [{ rule: "overdue" }] });
    expect(bad.status).toBe(422);
    // A blanket release (no rule) from the counter would lift the store's own fraud and hold records.
    const blanket = await post(running.url, { customerId: "C0005", sale: pix, overrides: [release] });
    expect(blanket.status).toBe(422);
    expect((blanket.body.issues as { path: string }[])[0]?.path).toBe("overrides[0].rule");
  });

  it("refuses customerId beside customer or receivables, and a customerId that is no id, with 422 at the field", async () => {
    const both = await post(running.url, { customerId: "C0016", customer: { id: "C0016" }, receivables: [], sale: credit });
    expect(both.status).toBe(422);
    expect((both.body.issues as { path: string }[])[0]?.path).toBe("customerId");
    const empty = await post(running.url, { customerId: "", sale: credit });
    expect(empty.status).toBe(422);
    expect((empty.body.issues as { path: string }[])[0]?.path).toBe("customerId");
  });

  it("GET /v1/ready reports the policy and the source's round trip; HEAD answers without a body", async () => {
    const ready = await fetch(`${running.url}/v1/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; policy: { id: string }; source: { ok: boolean; latencyMs: number } };
    expect(body).toMatchObject({ status: "ready", policy: { id: policy.id }, source: { ok: true } });
    expect(body.source.latencyMs).toBeGreaterThanOrEqual(0);
    const head = await fetch(`${running.url}/v1/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(Number(head.headers.get("content-length"))).toBe(JSON.stringify({ status: "ok" }).length);
    const down = createHandler({ policy, checkReady: () => Promise.reject(new Error("down")) });
    const notReady = await down(new Request("http://pos/v1/ready"));
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("on a real PostgreSQL server killed under load", () => {
  let server: OwnPostgres | null = null;
  let sidecar: RunningServer | null = null;
  let pgSource: CustomerSource | null = null;
  beforeAll(async () => {
    server = await ownPostgres();
    if (!server) return;
    const db = await samplePostgres(server.url, "kill_test");
    pgSource = await connectSource({ url: db.url, ...QUERIES, timeoutMs: 300 });
    const source = pgSource;
    sidecar = await serve({ handler: createHandler({ policy, now: NOW, loadCustomer: (id) => source.load(id), loadTimeoutMs: 300, checkReady: () => source.ping() }), port: 0, signals: false, log: () => undefined });
  }, 60_000);
  afterAll(async () => {
    await sidecar?.close();
    await pgSource?.close();
    server?.close();
  });

  it("keeps answering fail-safe while the server is down, then recovers by itself", async (ctx) => {
    if (!server || !sidecar) return ctx.skip();
    const base = sidecar.url;
    const ids = STORE.customers.map((c) => c.id);
    const expected = new Map<string, string>();
    for (const id of ids.slice(0, 20)) expected.set(id, (await post(base, { customerId: id, sale: credit })).body.outcome);
    let stop = false;
    const seen = { ok: 0, failSafe: 0, other: 0 };
    const worker = async (n: number) => {
      for (let i = n; !stop; i += 10) {
        const id = ids[i % 20] ?? "C0001";
        const { status, body } = await post(base, { customerId: id, sale: { tenders: [...credit.tenders, ...pix.tenders] } });
        if (status !== 200) seen.other++;
        else if (body.reasons.some((r) => r.code === "DATA_SOURCE_UNAVAILABLE")) {
          seen.failSafe++;
          expect(body.tenders.map((t) => t.outcome)).toEqual(["review", "allow"]);
        } else seen.ok++;
      }
    };
    const load = Promise.all(Array.from({ length: 10 }, (_, n) => worker(n)));
    await new Promise((r) => setTimeout(r, 500));
    await server.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    const duringOutage = { ...seen };
    expect((await fetch(`${base}/v1/ready`)).status).toBe(503);
    await server.start();
    let recovered = false;
    for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
      const { body } = await post(base, { customerId: "C0001", sale: credit });
      recovered = !body.reasons.some((r) => r.code === "DATA_SOURCE_UNAVAILABLE");
      if (!recovered) await new Promise((r) => setTimeout(r, 100));
    }
    stop = true;
    await load;
    expect(seen.other).toBe(0);
    expect(duringOutage.failSafe).toBeGreaterThan(0);
    expect(seen.ok).toBeGreaterThan(duringOutage.ok);
    expect(recovered).toBe(true);
    for (const [id, outcome] of expected) expect((await post(base, { customerId: id, sale: credit })).body.outcome).toBe(outcome);
    expect((await fetch(`${base}/v1/ready`)).status).toBe(200);
  });
});

