/**
 * The sample store in a database for the source tests: a fresh PGlite in memory, or a fresh
 * database on the run's real PostgreSQL server (one per test file, so files never share tables).
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { loadSampleStore } from "../../src/adapters/cli/demo.js";
import { sampleQueries, seedSampleStore } from "../../src/adapters/cli/sampleDatabase.js";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const STORE = loadSampleStore(ROOT);
export const QUERIES = sampleQueries(ROOT);

export async function samplePglite(): Promise<PGlite> {
  const db = new PGlite();
  await db.waitReady;
  await seedSampleStore(db, STORE, ROOT);
  return db;
}

/** A new database on `serverUrl` seeded with the sample store; its URL and a way to drop it. */
export async function samplePostgres(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/[^/]*$/, `/${name}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await seedSampleStore({ exec: (sql) => client.query(sql), query: (sql, params) => client.query(sql, params) }, STORE, ROOT);
  await client.end();
  return {
    url,
    drop: async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
