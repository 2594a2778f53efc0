/**
 * The two drivers a source runs its SQL on, each an optional peer dependency loaded on first
 * use: `pg` (PostgreSQL) and `@electric-sql/pglite` (PostgreSQL in WebAssembly).
 * @internal
 */
import { SourceError } from "./errors.js";

/** One result row: column name to value, values as {@link readValue} returns them. */
export type SourceRow = Readonly<Record<string, unknown>>;

/** What a source needs of a database. */
export interface Driver {
  readonly kind: "postgres" | "pglite";
  query(text: string, params: readonly string[]): Promise<readonly SourceRow[]>;
  /**
   * Several queries of one checkout on one connection, each a prepared statement under `name`.
   * The `postgres://` driver pipelines them: every query's messages in one write and one Sync,
   * so the server answers all of them in one round trip (see {@link Pipeline}). Measured on
   * loopback PostgreSQL 15 on 2 shared cores (`load()`, paced): p50 0.61 ms, p99 1.05 ms, against
   * 0.90/2.05 ms one after another and 0.83/2.69 ms in parallel on three pooled connections.
   */
  batch(queries: readonly { readonly name: string; readonly text: string; readonly params: readonly string[] }[]): Promise<(readonly SourceRow[])[]>;
  close(): Promise<void>;
}

// PostgreSQL type oids (pg_type.oid; stable across versions).
const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * Money and dates arrive as the text PostgreSQL prints: numeric "1234.50", date "2026-10-21",
 * never a float or a `Date` at the host's midnight. Only small integers, booleans and JSON are
 * read as values, because the schemas take counts, flags and attributes as such.
 */
function readValue(oid: number, text: string): unknown {
  switch (oid) {
    case BOOL: return text === "t" || text === "true";
    case INT2:
    case INT4: return Number(text);
    // count(*) and bigint ids: a number when exact, else the digits as text.
    case INT8: return Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case JSON_OID:
    case JSONB: return JSON.parse(text) as unknown;
    default: return text;
  }
}

/** Every oid a driver might parse by default into something other than text. */
const TEXT_OIDS = [26, 700, 701, 790, 1082, 1083, 1114, 1184, 1186, 1266, 1700, 2950] as const;

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

interface PgQueryConfig { name?: string; text: string; values: readonly string[]; types: { getTypeParser: (oid: number) => (text: string) => unknown } }
interface PgClient {
  query(config: PgQueryConfig): Promise<{ rows: SourceRow[] }>;
}
/**
 * What `pg` hands a submittable query (pg-cursor and pg-query-stream use the same): the
 * connection's extended-protocol messages, each buffered until the stream is uncorked.
 */
interface PgConnection {
  readonly stream: { cork?: () => void; uncork?: () => void };
  parse(message: { name: string; text: string; types: readonly number[] }): void;
  bind(message: { portal: string; statement: string; values: readonly string[] }): void;
  describe(message: { type: "P"; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  sync(): void;
  sendCopyFail(message: string): void;
}
interface PgField { readonly name: string; readonly dataTypeID: number }
/** A query object `pg` runs through its `submit`, then feeds the server's answers, in order. */
interface PgSubmittable {
  callback?: ((error: Error | null, rows?: (readonly SourceRow[])[]) => void) | undefined;
  submit(connection: PgConnection): Error | null;
  handleRowDescription(message: { fields: readonly PgField[] }): void;
  handleDataRow(message: { fields: readonly (string | null)[] }): void;
  handleCommandComplete(): void;
  handleEmptyQuery(): void;
  handlePortalSuspended(): void;
  handleCopyInResponse(connection: PgConnection): void;
  handleCopyData(): void;
  handleError(error: Error): void;
  handleReadyForQuery(): void;
}
interface PgPoolClient {
  query(submittable: PgSubmittable): unknown;
  release(error?: Error | boolean): void;
  on(event: "error", listener: (error: Error) => void): void;
  off(event: "error", listener: (error: Error) => void): void;
}
interface PgPool extends PgClient {
  connect(): Promise<PgPoolClient>;
  on(event: "error", listener: (error: Error) => void): void;
  end(): Promise<void>;
}
interface PgModule { Pool: new (config: Record<string, unknown>) => PgPool }

const pgTypes = { getTypeParser: (oid: number) => (text: string) => readValue(oid, text) };

type BatchQuery = Parameters<Driver["batch"]>[0][number];

/**
 * A checkout's queries in one round trip: Parse (the first time on a connection), Bind,
 * Describe and Execute of each, then one Sync, in one write. The server runs them in order and
 * answers them together; a failing query fails the batch (the server skips the rest up to the
 * Sync), as it would one after another. Rows are read as `pg` reads them with {@link pgTypes}:
 * each column through {@link readValue} by its type oid, NULL as null, so money and dates stay
 * the text PostgreSQL prints (no JSON numbers, no `Date`).
 */
class Pipeline implements PgSubmittable {
  callback: PgSubmittable["callback"];
  private readonly results: (readonly SourceRow[])[] = [];
  private rows: SourceRow[] = [];
  private fields: readonly PgField[] = [];
  private failure: Error | null = null;

  /** `prepared`: the statement names this connection has already parsed (added to on success). */
  constructor(private readonly queries: readonly BatchQuery[], private readonly prepared: Set<string>, callback: NonNullable<PgSubmittable["callback"]>) {
    this.callback = callback;
  }

  submit(connection: PgConnection): null {
    connection.stream.cork?.();
    try {
      for (const q of this.queries) {
        const statement = `credit-block-${q.name}`;
        if (!this.prepared.has(statement)) connection.parse({ name: statement, text: q.text, types: [] });
        connection.bind({ portal: "", statement, values: q.params });
        connection.describe({ type: "P", name: "" });
        connection.execute({ portal: "", rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(message: { fields: readonly PgField[] }): void {
    this.fields = message.fields;
  }

  handleDataRow(message: { fields: readonly (string | null)[] }): void {
    if (this.failure) return;
    try {
      const row: Record<string, unknown> = {};
      const fields = this.fields;
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i] as PgField;
        const raw = message.fields[i];
        row[field.name] = raw === null || raw === undefined ? null : readValue(field.dataTypeID, raw);
      }
      this.rows.push(row);
    } catch (error) {
      // A JSON column that does not parse: reported once the server is done with the batch.
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
  }

  /** One query done: its rows are the next result. */
  handleCommandComplete(): void {
    this.results.push(this.rows);
    this.rows = [];
    this.fields = [];
  }

  /** A statement with nothing in it (only comments) answers EmptyQuery instead: no rows. */
  handleEmptyQuery(): void {
    this.handleCommandComplete();
  }

  handlePortalSuspended(): void {
    // Never sent: every Execute asks for all rows.
  }

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail("credit-block source queries read rows; COPY FROM STDIN is not supported");
  }

  handleCopyData(): void {
    // A COPY TO STDOUT's data: not rows, and its CommandComplete ends the query.
  }

  handleError(error: Error): void {
    this.callback?.(error);
  }

  handleReadyForQuery(): void {
    if (this.failure) return this.callback?.(this.failure);
    if (this.results.length !== this.queries.length) return this.callback?.(new Error(`the server answered ${this.results.length} of ${this.queries.length} queries`));
    for (const q of this.queries) this.prepared.add(`credit-block-${q.name}`);
    this.callback?.(null, this.results);
  }
}

/** The statements each connection of a pool has parsed (gone with the connection). */
const preparedOn = new WeakMap<object, Set<string>>();

/** Runs a checkout's queries as one {@link Pipeline} on `client`. */
function pipelined(client: PgPoolClient, queries: readonly BatchQuery[]): Promise<(readonly SourceRow[])[]> {
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = new Set()));
  const names = prepared;
  return new Promise((resolve, reject) => {
    client.query(new Pipeline(queries, names, (error, rows) => { if (error) reject(error); else resolve(rows ?? []); }));
  });
}

/** A pool of connections to a PostgreSQL server through `pg`. */
export async function postgresDriver(url: string, timeoutMs: number): Promise<Driver> {
  const pg = await importOptional<Partial<PgModule> & { default?: PgModule }>("pg", "A postgres:// source");
  // pg is CommonJS: its classes are on the default export when imported from ESM.
  const Pool = pg.Pool ?? pg.default?.Pool;
  if (!Pool) throw new SourceError("MISSING_DRIVER", "the installed pg package has no Pool: npm install pg@8");
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
    batch: async (queries) => {
      const client = await pool.connect();
      // While checked out, a connection's own errors have no listener in the pool: a socket
      // the server or the network cut (no FATAL first) would be an uncaught error and end the
      // sidecar. The query in flight rejects on its own; this only keeps the process alive.
      let failed: Error | undefined;
      const onError = (error: Error) => { failed ??= error; };
      client.on("error", onError);
      try {
        return await pipelined(client, queries);
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // A connection whose query failed (a timeout, a restart) is discarded, not reused.
        // A failed one keeps the listener: it may still report the cut after the pool drops it.
        if (failed === undefined) client.off("error", onError);
        client.release(failed);
      }
    },
    close: () => pool.end(),
  };
}

interface PgliteDb {
  readonly waitReady: Promise<void>;
  query(text: string, params: readonly unknown[], options: { parsers: Record<number, (text: string) => unknown> }): Promise<{ rows: SourceRow[] }>;
  close(): Promise<void>;
  readonly closed?: boolean;
}
interface PgliteModule { PGlite: new (dataDir?: string) => PgliteDb }

const PGLITE_PARSERS: Record<number, (text: string) => unknown> = Object.fromEntries(
  [BOOL, INT2, INT4, INT8, JSON_OID, JSONB, ...TEXT_OIDS].map((oid) => [oid, (text: string) => readValue(oid, text)]),
);

/** An embedded PGlite database: a data directory, or in memory when `dataDir` is undefined. */
export async function pgliteDriver(dataDir: string | undefined): Promise<Driver> {
  const { PGlite } = await importOptional<PgliteModule>("@electric-sql/pglite", "A pglite: source");
  const db = new PGlite(dataDir);
  await db.waitReady;
  return pgliteDriverOf(db, true);
}

/** A driver's `batch` as its queries one after another through `query`. */
const inTurn = (query: Driver["query"]): Driver["batch"] => async (queries) => {
  const results: (readonly SourceRow[])[] = [];
  for (const q of queries) results.push(await query(q.text, q.params));
  return results;
};

/** A driver over a PGlite instance the caller made (and, unless `owned`, closes). */
export function pgliteDriverOf(db: PgliteDb, owned: boolean): Driver {
  const query = async (text: string, params: readonly string[]) => (await db.query(text, params, { parsers: PGLITE_PARSERS })).rows;
  return {
    kind: "pglite",
    query,
    // One connection in-process: queries run one at a time whatever the caller does.
    batch: inTurn(query),
    close: async () => { if (owned && !db.closed) await db.close(); },
  };
}

/** A driver over a `pg` Pool or Client the caller made (and closes). */
export function pgDriverOf(client: PgClient): Driver {
  const query = async (text: string, params: readonly string[]) => (await client.query({ text, values: params, types: pgTypes })).rows;
  return {
    kind: "postgres",
    query,
    // The caller's client or pool: its queries in turn (a Pool spreads them over its connections).
    batch: inTurn(query),
    close: () => Promise.resolve(),
  };
}

/** Whether `client` is a PGlite instance (it has `waitReady`) rather than a `pg` Pool or Client. */
export const isPglite = (client: object): client is PgliteDb => "waitReady" in client;
