/**
 * The run's real PostgreSQL server, for tests (started once by test/support/postgres.global.ts).
 *
 * ```ts
 * const url = postgresUrl();
 * describe.skipIf(url === null)("on Postgres", () => { ... });
 * ```
 *
 * `stopPostgres()` kills the shared server (`pg_ctl stop -m immediate`) and `startPostgres()`
 * brings it back on the same port and data directory. Test files run in parallel: every other
 * file using the shared server sees it go down too. A test that kills the server under load
 * should take one of its own with `ownPostgres()` (a fresh cluster, ~1 s), unless it knows it
 * is alone.
 */
import { inject } from "vitest";
import { createCluster, destroyClusterSync, serverLog, startServer, stopServer, type PostgresServer } from "./postgres.global.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `postgres://postgres@127.0.0.1:PORT/creditblock`, or null: no PostgreSQL installed (tests skip). */
    postgresUrl: string | null;
    /** How to stop and start the shared server from a test worker; null with postgresUrl. */
    postgresServer: PostgresServer | null;
  }
}

export type { PostgresServer };

/** The shared server's URL (trust auth, database `creditblock`), or null when PostgreSQL is not installed. */
export function postgresUrl(): string | null {
  return inject("postgresUrl");
}

function shared(): PostgresServer {
  const server = inject("postgresServer");
  if (!server) throw new Error("no PostgreSQL server in this run (skip the test when postgresUrl() is null)");
  return server;
}

/** Kills the shared server at once, as a crash would: connections drop, new ones are refused. */
export async function stopPostgres(): Promise<void> {
  await stopServer(shared());
}

/** Starts the shared server again on the same port and data directory; resolves when it accepts connections. */
export async function startPostgres(): Promise<void> {
  const server = shared();
  try {
    await startServer(server);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${serverLog(server)}`, { cause: error });
  }
}

/** A server of a test's own, to kill and restart without disturbing other files. */
export interface OwnPostgres {
  readonly url: string;
  readonly stop: () => Promise<void>;
  readonly start: () => Promise<void>;
  /** Stops it and removes its directory (call in afterAll). */
  readonly close: () => void;
}

/** A fresh cluster with the same binaries as the shared one, or null when PostgreSQL is not installed. */
export async function ownPostgres(): Promise<OwnPostgres | null> {
  const template = inject("postgresServer");
  if (!template) return null;
  const server = await createCluster(template.binDir, template.runAs);
  return {
    url: server.url,
    stop: () => stopServer(server),
    start: () => startServer(server),
    close: () => { destroyClusterSync(server); },
  };
}
