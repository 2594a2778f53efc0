import { afterAll, describe, expect, inject, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { ownPostgres, postgresUrl, startPostgres, stopPostgres, type OwnPostgres } from "../support/postgres.js";

/**
 * The test harness's PostgreSQL server is real: a `pg` client connects, queries, is refused
 * while the server is down and connects again once it is back (same port, same data). The
 * stop/start test runs on a server of its own, so files running in parallel on the shared one
 * never see it go down.
 */
const url = postgresUrl();

async function query(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(url === null)("the run's PostgreSQL server", () => {
  let own: OwnPostgres | null = null;
  afterAll(() => { own?.close(); });

  it("answers select 1 on the creditblock database, as a superuser over loopback TCP", async () => {
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/creditblock$/);
    expect(await query(url ?? "", "select 1 as one, current_database() as db, current_user as who, current_setting('TimeZone') as tz")).toEqual([{ one: 1, db: "creditblock", who: "postgres", tz: "UTC" }]);
  });

  it("a killed server refuses connections, and comes back on the same port with its data", async () => {
    own = await ownPostgres();
    if (!own) throw new Error("unreachable: postgresUrl() is set");
    await query(own.url, "create table kept (id text primary key); insert into kept values ('t1')");
    const held = new pg.Client({ connectionString: own.url });
    await held.connect();
    const dropped = new Promise<Error>((resolve) => held.once("error", resolve));

    await own.stop();
    // The open connection is cut, a new one refused.
    expect((await dropped).message).toMatch(/terminat|connection|ECONNRESET/i);
    await expect(query(own.url, "select 1")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    await own.start();
    expect(await query(own.url, "select id from kept")).toEqual([{ id: "t1" }]);
    await held.end().catch(() => undefined);
  });

  it("stopPostgres/startPostgres reach the shared server: its data dir, port and user are provided", () => {
    // Not stopped here: files running in parallel use it. The functions are the ones above.
    const server = inject("postgresServer");
    expect(server).not.toBeNull();
    expect(url).toBe(`postgres://postgres@127.0.0.1:${server?.port ?? 0}/creditblock`);
    expect(existsSync(join(server?.dataDir ?? "", "postmaster.pid"))).toBe(true);
    expect(server?.runAs).toBe(process.getuid?.() === 0 ? "postgres" : null);
    expect(typeof stopPostgres).toBe("function");
    expect(typeof startPostgres).toBe("function");
  });
});
