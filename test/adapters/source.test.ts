import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { createCreditGate, CreditBlockError, definePolicy, type CheckoutRequestInput, type ReceivableInput } from "credit-block";
import { connectSource, SourceError, type CustomerSource } from "../../src/adapters/source/index.js";
import { postgresUrl } from "../support/postgres.js";
import { QUERIES, ROOT, samplePglite, samplePostgres, STORE } from "../support/sampleDatabase.js";
import { readFileSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";

const policy = definePolicy(JSON.parse(readFileSync(`${ROOT}/examples/policy.json`, "utf8")));
const gate = createCreditGate(policy);
const serverUrl = postgresUrl();

let lite: PGlite;
let onLite: CustomerSource;
let onPostgres: CustomerSource | null = null;
let dropPostgres: (() => Promise<void>) | null = null;
let sampleUrl = "";

beforeAll(async () => {
  lite = await samplePglite();
  onLite = await connectSource({ client: lite, ...QUERIES });
  if (serverUrl !== null) {
    const db = await samplePostgres(serverUrl, "source_test");
    dropPostgres = db.drop;
    sampleUrl = db.url;
    onPostgres = await connectSource({ url: db.url, ...QUERIES, timeoutMs: 5_000 });
  }
}, 60_000);
afterAll(async () => {
  await onLite.close();
  await onPostgres?.close();
  await lite.close();
  await dropPostgres?.();
});

/** The sample store's own rows for a customer, as a request would carry them. */
function fromJson(id: string) {
  const row = STORE.customers.find((c) => c.id === id);
  const orders = id === "C0016" ? "180.00" : undefined;
  return {
    customer: row ? { id, creditLimit: row.creditLimit, riskClass: row.riskClass, ...(orders ? { pendingExposure: orders } : {}) } : { id },
    receivables: STORE.receivables.filter((r) => r.customerId === id) as unknown as ReceivableInput[],
  };
}

const decideWith = (data: { customer: unknown; receivables: readonly unknown[] }) =>
  gate.decide({ asOf: STORE.asOf, customer: data.customer, receivables: data.receivables, sale: { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] } } as CheckoutRequestInput);

describe("a source reads the store's database (PGlite, and a real PostgreSQL server)", () => {
  it("PGlite and PostgreSQL give the same rows for every customer, and the same decisions as the data in the request", async () => {
    for (const { id } of STORE.customers) {
      const loaded = await onLite.load(id);
      expect(decideWith(loaded)).toEqual(decideWith(fromJson(id)));
      if (onPostgres) expect(await onPostgres.load(id)).toEqual(loaded);
    }
    if (serverUrl !== null) expect(onPostgres).not.toBeNull();
  });

  it("released orders add to pendingExposure exactly; an order not released does not", async () => {
    const loaded = await onLite.load("C0016");
    expect(loaded.customer.pendingExposure).toBe("180.00");
    expect(decideWith(loaded).facts.exposureAfterSale).not.toBe(decideWith({ ...loaded, customer: { ...loaded.customer, pendingExposure: "0.00" } }).facts.exposureAfterSale);
  });

  it("a customer with no row is a customer with no record; no títulos is an empty list, not missing data", async () => {
    const loaded = await onLite.load("C9999");
    expect(loaded).toEqual({ customer: { id: "C9999" }, receivables: [], found: false });
    expect(decideWith(loaded).outcome).toBe("allow");
  });

  it("reads money and dates as text, exactly, with NULL as an absent field", async () => {
    const db = await samplePglite();
    await db.query("INSERT INTO clientes (cpf, nome, limite) VALUES ('big', 'X', 987654321098.76)");
    await db.query("INSERT INTO titulos (id, cpf, valor, saldo, vencimento) VALUES ('b1', 'big', 99999999999.99, NULL, '2026-02-28')");
    const source = await connectSource({ client: db, ...QUERIES });
    const loaded = await source.load("big");
    expect(loaded.customer).toEqual({ id: "big", creditLimit: "987654321098.76" });
    expect(loaded.receivables).toEqual([{ id: "b1", customerId: "big", amount: "99999999999.99", dueDate: "2026-02-28", status: "open" }]);
    await source.close();
    await db.close();
  });

  it("a bad row names the query, the row and the column, and nothing of that customer is used", async () => {
    const db = await samplePglite();
    await db.query("UPDATE titulos SET valor = -1 WHERE id = (SELECT id FROM titulos WHERE cpf = 'C0016' ORDER BY vencimento, id LIMIT 1 OFFSET 2)");
    const source = await connectSource({ client: db, ...QUERIES });
    const error = await source.load("C0016").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreditBlockError);
    expect((error as CreditBlockError).issues.map((i) => i.path)).toEqual(["source.receivables[2].amount"]);
    const typo = await connectSource({ client: db, ...QUERIES, customer: "SELECT cpf AS id, nome, limite::text AS \"creditLimit\" FROM clientes WHERE cpf = $customerId" });
    const named = (await typo.load("C0001").catch((e: unknown) => e)) as CreditBlockError;
    expect(named.issues[0]).toMatchObject({ path: "source.customer[0].nome", code: "unknown_key" });
    await source.close();
    await typo.close();
    await db.close();
  });

  it("refuses a customer row for another id, or two rows for one customer", async () => {
    const other = await connectSource({ client: lite, ...QUERIES, customer: "SELECT 'C0001' AS id WHERE $customerId::text IS NOT NULL" });
    expect(((await other.load("C0002").catch((e: unknown) => e)) as CreditBlockError).issues[0]?.path).toBe("source.customer[0].id");
    const two = await connectSource({ client: lite, ...QUERIES, customer: "SELECT cpf AS id FROM clientes WHERE cpf = $customerId UNION ALL SELECT cpf FROM clientes WHERE cpf = $customerId" });
    expect(((await two.load("C0002").catch((e: unknown) => e)) as CreditBlockError).issues[0]).toMatchObject({ path: "source.customer", code: "too_big" });
  });

  it("unknownCustomer: \"missing\" refuses an id with no customer row, so a mistyped CPF never gets credit without a limit", async () => {
    const strict = await connectSource({ client: lite, ...QUERIES, unknownCustomer: "missing" });
    const error = (await strict.load("C0016 ").catch((e: unknown) => e)) as CreditBlockError;
    expect(error.issues[0]).toMatchObject({ path: "source.customer", code: "required" });
    expect((await strict.load("C0016")).found).toBe(true);
  });

  it("reads integer ids (an ERP's int codes) as text, and bigint counts as numbers", async () => {
    const source = await connectSource({ client: lite, ...QUERIES, customer: `SELECT 42 AS id, count(*) AS "bouncedChecks" FROM clientes WHERE $customerId::text = '42'` });
    expect((await source.load("42")).customer).toEqual({ id: "42", bouncedChecks: STORE.customers.length });
  });

  it("checks the configuration at connect time, every problem at once", async () => {
    const error = (await connectSource({ url: "mysql://x", customer: "SELECT 1", receivables: "SELECT * FROM t WHERE a = $cliente", ledger: "SELECT * FROM t WHERE cpf = $customerId", timeoutMs: 0, extra: 1 } as never).catch((e: unknown) => e)) as CreditBlockError;
    expect(error).toBeInstanceOf(CreditBlockError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(["source.customer", "source.extra", "source.ledger", "source.receivables", "source.timeoutMs", "source.url"]);
  });

  it("a $customerId inside a string literal or a comment is not a parameter", async () => {
    const source = await connectSource({ client: lite, ...QUERIES, customer: "SELECT cpf AS id FROM clientes WHERE cpf = $customerId AND '$customerId' <> '' -- $other" });
    expect((await source.load("C0001")).found).toBe(true);
  });

  it("the ledger query reads every título for the nightly jobs", async () => {
    const rows = await onLite.ledger();
    expect(rows).toHaveLength(STORE.receivables.length);
    if (onPostgres) expect(await onPostgres.ledger()).toEqual(rows);
  });

  it("hostile customer ids are parameters, never SQL", async () => {
    const ids = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("' OR '1'='1", "C0001'; DROP TABLE titulos; --", "$1", "C0001"));
    await fc.assert(fc.asyncProperty(ids, async (id) => {
      const loaded = await onLite.load(id).catch((e: unknown) => e);
      if (loaded instanceof CreditBlockError) {
        expect(loaded.issues[0]?.path).toBe("customerId");
        return;
      }
      const { customer, found } = loaded as Awaited<ReturnType<CustomerSource["load"]>>;
      expect(customer.id).toBe(id);
      expect(found).toBe(STORE.customers.some((c) => c.id === id));
    }), { numRuns: 200 });
    expect(await onLite.ledger()).toHaveLength(STORE.receivables.length);
  });

  it.skipIf(serverUrl === null)("a slow query is a TIMEOUT SourceError, not a hung checkout", async () => {
    const slow = await connectSource({ url: sampleUrl, ...QUERIES, receivables: "SELECT id FROM titulos WHERE cpf = $customerId AND pg_sleep(2) IS NOT NULL", timeoutMs: 200 });
    const started = Date.now();
    const error = await slow.load("C0001").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code, (error as Error).message).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(1_500);
    await slow.close();
  });

  it.skipIf(serverUrl === null)("a connection cut mid-query with no goodbye (a network drop, a killed backend) fails that load only; the process lives and the next load works", async () => {
    const target = new URL(sampleUrl);
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => { resolve(); }));
    const port = (proxy.address() as AddressInfo).port;
    const viaProxy = await connectSource({ url: `postgres://postgres@127.0.0.1:${port}${target.pathname}`, ...QUERIES, receivables: "SELECT id, valor::text AS amount, vencimento::text AS \"dueDate\" FROM titulos WHERE cpf = $customerId AND pg_sleep(0.5) IS NOT NULL", timeoutMs: 5_000 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const pending = viaProxy.load("C0001").catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      for (const socket of sockets) socket.resetAndDestroy(); // a TCP RST: no FATAL message first
      sockets.clear();
      expect(await pending).toBeInstanceOf(SourceError);
      await new Promise((r) => setTimeout(r, 100));
      expect(uncaught).toEqual([]);
      expect((await viaProxy.load("C0002")).found).toBe(true);
    } finally {
      process.off("uncaughtException", onUncaught);
      await viaProxy.close();
      for (const socket of sockets) socket.destroy();
      proxy.close();
    }
  });

  it.skipIf(serverUrl === null)("on PostgreSQL a checkout's queries are prepared once per connection, then only bound and run", async () => {
    // pg_prepared_statements lists the session's statements: while the first load's customer
    // query runs, the other two are not parsed yet (they follow it on the wire); from then on
    // all three are there, and a second Parse under the same name would have failed (42P05).
    const counting = await connectSource({ url: sampleUrl, ...QUERIES, customer: `SELECT cpf AS id, (SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'credit-block-%') AS "bouncedChecks" FROM clientes WHERE cpf = $customerId`, timeoutMs: 5_000 });
    try {
      const counts: unknown[] = [];
      for (const id of ["C0016", "C0051", "C0016"]) counts.push((await counting.load(id)).customer.bouncedChecks);
      expect(counts).toEqual([1, 3, 3]);
    } finally {
      await counting.close();
    }
  });

  it.skipIf(serverUrl === null)("on PostgreSQL the server answers a checkout's three queries together: one ReadyForQuery per load, not one per query", async () => {
    // A proxy that reads the server's messages (a type byte, then a length) and counts 'Z'.
    const target = new URL(sampleUrl);
    let ready = 0;
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      sockets.add(client).add(upstream);
      let pending = Buffer.alloc(0);
      upstream.on("data", (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
          if (pending[0] === 0x5a) ready++;
          pending = pending.subarray(1 + pending.readInt32BE(1));
        }
      });
      client.pipe(upstream).pipe(client);
      const drop = () => { client.destroy(); upstream.destroy(); };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => { resolve(); }));
    const viaProxy = await connectSource({ url: `postgres://postgres@127.0.0.1:${(proxy.address() as AddressInfo).port}${target.pathname}`, ...QUERIES, timeoutMs: 5_000 });
    try {
      expect((await viaProxy.load("C0016")).found).toBe(true); // connects (one 'Z' after start-up), then loads
      const before = ready;
      for (const id of ["C0051", "C0040", "C9999"]) await viaProxy.load(id);
      expect(ready - before).toBe(3);
    } finally {
      await viaProxy.close();
      for (const socket of sockets) socket.destroy();
      proxy.close();
    }
  });

  it.skipIf(serverUrl === null)("on PostgreSQL, numeric and date columns read without a ::text cast are still their text, exactly", async () => {
    const uncast = await connectSource({
      url: sampleUrl,
      customer: `SELECT cpf AS id, limite AS "creditLimit", classe_risco AS "riskClass" FROM clientes WHERE cpf = $customerId`,
      receivables: `SELECT id, cpf AS "customerId", valor AS amount, saldo AS "openAmount", vencimento AS "dueDate", emissao AS "issueDate", pagamento AS "paidDate", situacao AS status, forma AS method FROM titulos WHERE cpf = $customerId ORDER BY vencimento, id`,
      pendingOrders: "SELECT valor AS amount FROM pedidos WHERE cpf = $customerId AND liberado",
      timeoutMs: 5_000,
    });
    try {
      for (const id of ["C0016", "C0051", "C0040", "C9999"]) expect(await uncast.load(id)).toEqual(await onLite.load(id));
      expect(typeof (await uncast.load("C0016")).customer.creditLimit).toBe("string");
    } finally {
      await uncast.close();
    }
  });

  it.skipIf(serverUrl === null)("on PostgreSQL a query failing after the first fails the whole load, never half a customer, and the next load works", async () => {
    const flaky = await connectSource({ url: sampleUrl, ...QUERIES, receivables: `SELECT id, cpf AS "customerId", valor::text AS amount, vencimento::text AS "dueDate" FROM titulos WHERE cpf = $customerId AND 1 / (CASE WHEN $customerId = 'C0002' THEN 0 ELSE 1 END) = 1`, timeoutMs: 5_000 });
    try {
      for (let round = 0; round < 3; round++) {
        const error = (await flaky.load("C0002").catch((e: unknown) => e)) as SourceError;
        expect(error).toBeInstanceOf(SourceError);
        expect(error.code).toBe("QUERY_FAILED");
        expect(error.message).toMatch(/^source query customer\/receivables\/pendingOrders failed: division by zero/);
        expect((error.cause as { code?: string }).code).toBe("22012");
        const next = await flaky.load("C0016");
        expect(next.customer).toMatchObject({ id: "C0016", pendingExposure: "180.00" });
        expect(next.receivables).toHaveLength(STORE.receivables.filter((r) => r.customerId === "C0016").length);
      }
    } finally {
      await flaky.close();
    }
  });

  it.skipIf(serverUrl === null)("on PostgreSQL, checkouts loaded at once over the pool each get the customer asked for and only their rows", async () => {
    const ids = STORE.customers.slice(0, 40).map((c) => c.id);
    const expected = await Promise.all(ids.map((id) => onLite.load(id)));
    const loaded = await Promise.all([...ids, ...ids, ...ids].map((id) => (onPostgres as CustomerSource).load(id)));
    loaded.forEach((l, i) => { expect(l).toEqual(expected[i % ids.length]); });
  });

  it("a server that is not there is a QUERY_FAILED SourceError naming the query", async () => {
    const nowhere = await connectSource({ url: "postgres://nobody@127.0.0.1:1/none", ...QUERIES, timeoutMs: 500 });
    const error = (await nowhere.load("C0001").catch((e: unknown) => e)) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^source query customer\/receivables\/pendingOrders failed/);
    await nowhere.close();
  });
});
