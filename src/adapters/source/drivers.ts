/**
 * The two drivers a source runs its SQL on, each an optional peer dependency loaded on first
 * use: `pg` (PostgreSQL) and `@electric-sql/pglite` (PostgreSQL in WebAssembly).
 * @internal
 */
import { SourceError } from "./errors.js";

/** One result row: column name to value, values as {@link readValue} returns them. */
export type Row = Readonly<Record<string, unknown>>;

/** What a source needs of a database. */
export interface Driver {
  readonly kind: "postgres" | "pglite";
  query(text: string, params: readonly string[]): Promise<readonly Row[]>;
  close(): Promise<void>;
}

// PostgreSQL type oids (pg_type.oid; stable across versions).
const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * Money and dates arrive as the text PostgreSQL prints: numeric "1234.50", date "2026-10-21",
 * never a float or a `Date` at the host's midnight. Only small integers, booleans and JSON are
 * read as values, because the schemas take counts, flags and attributes as such.
 */
export function readValue(oid: number, text: string): unknown {
  switch (oid) {
    case BOOL: return text === "t" || text === "true";
    case INT2:
    case INT4: return Number(text);
    case JSON_OID:
    case JSONB: return JSON.parse(text) as unknown;
    default: return text;
  }
}

/** Every oid a driver might parse by default into something other than text. */
const TEXT_OIDS = [20, 26, 700, 701, 790, 1082, 1083, 1114, 1184, 1186, 1266, 1700, 2950] as const;

const missing = (pkg: string, what: string): SourceError =>
  new SourceError("MISSING_DRIVER", `${what} needs the optional package ${pkg}: npm install ${pkg}`);

async function importOptional<T>(pkg: string, what: string): Promise<T> {
  try {
    return (await import(pkg)) as T;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" || (error as { code?: string }).code === "MODULE_NOT_FOUND") throw missing(pkg, what);
    throw error;
  }
}

interface PgPool {
  query(config: { text: string; values: readonly string[]; types: { getTypeParser: (oid: number) => (text: string) => unknown } }): Promise<{ rows: Row[] }>;
  on(event: "error", listener: (error: Error) => void): void;
  end(): Promise<void>;
}
interface PgModule { Pool: new (config: Record<string, unknown>) => PgPool }

const pgTypes = { getTypeParser: (oid: number) => (text: string) => readValue(oid, text) };

/** A pool of connections to a PostgreSQL server through `pg`. */
export async function postgresDriver(url: string, timeoutMs: number): Promise<Driver> {
  const pg = await importOptional<PgModule & { default?: PgModule }>("pg", "A postgres:// source");
  const Pool = pg.Pool ?? pg.default?.Pool;
  const pool = new Pool({
    connectionString: url,
    max: 10,
    // A checkout waits at most timeoutMs in all: connecting, the query, and the server's side.
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    application_name: "credit-block",
  });
  // An idle connection the server dropped (a restart, a kill) must not crash the sidecar: the
  // pool discards it and the next query opens a new one.
  pool.on("error", () => undefined);
  return {
    kind: "postgres",
    query: async (text, params) => (await pool.query({ text, values: params, types: pgTypes })).rows,
    close: () => pool.end(),
  };
}

interface PgliteDb {
  readonly waitReady: Promise<void>;
  query(text: string, params: readonly unknown[], options: { parsers: Record<number, (text: string) => unknown> }): Promise<{ rows: Row[] }>;
  close(): Promise<void>;
  readonly closed?: boolean;
}
interface PgliteModule { PGlite: new (dataDir?: string) => PgliteDb }

const PGLITE_PARSERS: Record<number, (text: string) => unknown> = Object.fromEntries(
  [BOOL, INT2, INT4, JSON_OID, JSONB, ...TEXT_OIDS].map((oid) => [oid, (text: string) => readValue(oid, text)]),
);

/** An embedded PGlite database: a data directory, or in memory when `dataDir` is undefined. */
export async function pgliteDriver(dataDir: string | undefined): Promise<Driver> {
  const { PGlite } = await importOptional<PgliteModule>("@electric-sql/pglite", "A pglite: source");
  const db = new PGlite(dataDir);
  await db.waitReady;
  return pgliteDriverOf(db, true);
}

/** A driver over a PGlite instance the caller made (and, unless `owned`, closes). */
export function pgliteDriverOf(db: PgliteDb, owned: boolean): Driver {
  return {
    kind: "pglite",
    query: async (text, params) => (await db.query(text, params, { parsers: PGLITE_PARSERS })).rows,
    close: async () => { if (owned && !db.closed) await db.close(); },
  };
}

/** A driver over a `pg` Pool or Client the caller made (and closes). */
export function pgDriverOf(client: Pick<PgPool, "query">): Driver {
  return {
    kind: "postgres",
    query: async (text, params) => (await client.query({ text, values: params, types: pgTypes })).rows,
    close: () => Promise.resolve(),
  };
}

/** Whether `client` is a PGlite instance (it has `waitReady`) rather than a `pg` Pool or Client. */
export const isPglite = (client: object): client is PgliteDb => "waitReady" in client;
