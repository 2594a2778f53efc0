/**
 * vitest globalSetup: one real PostgreSQL server for the whole run, in a temporary data
 * directory, on a free loopback port, with trust auth. Tests reach it through
 * `test/support/postgres.ts` (`postgresUrl()`, `stopPostgres()`, `startPostgres()`).
 *
 * Binaries: `initdb`/`pg_ctl` on PATH, else Debian's /usr/lib/postgresql/<major>/bin (not on
 * PATH there); CREDIT_BLOCK_PG_BIN=<dir> picks a directory. PostgreSQL refuses to run as root: as root, the server runs as the `postgres`
 * system user (the Debian package creates it) through `runuser`.
 *
 * Missing binaries: with CREDIT_BLOCK_REQUIRE_POSTGRES=1 (set by .ci/run) the run fails with
 * one clear error; otherwise the Postgres tests skip, and one line says how to install.
 *
 * This file imports nothing from vitest at run time: the helpers below also run in test
 * workers (through postgres.ts) to stop and start the same server.
 */
import { execFile, execFileSync } from "node:child_process";
import { accessSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import type { TestProject } from "vitest/node";
import type {} from "./postgres.js";

/** What a test worker needs to stop and start the run's server: serializable, passed through `provide`. */
export interface PostgresServer {
  /** Where initdb, pg_ctl and postgres live. */
  readonly binDir: string;
  /** The data directory (`pg_ctl -D`). */
  readonly dataDir: string;
  /** The Unix socket directory (`-k`), writable by `runAs`. */
  readonly socketDir: string;
  /** The server's log file (`pg_ctl -l`). */
  readonly logFile: string;
  readonly port: number;
  /** The system user the server runs as when this process is root; null: as this process's user. */
  readonly runAs: string | null;
  readonly url: string;
}

export const DATABASE = "creditblock";
const INSTALL_HINT = "install PostgreSQL (Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql`)";

/**
 * initdb's directory: CREDIT_BLOCK_PG_BIN when set (and only it), else on PATH, else the newest
 * /usr/lib/postgresql/<major>/bin. Null: not installed.
 */
export function findPostgresBin(): string | null {
  const chosen = process.env.CREDIT_BLOCK_PG_BIN;
  if (chosen) return isExecutable(join(chosen, "initdb")) && isExecutable(join(chosen, "pg_ctl")) ? chosen : null;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const initdb = join(dir, "initdb");
    if (isExecutable(initdb)) {
      // A symlink (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb): pg_ctl and
      // postgres of the same version sit next to the real file.
      const real = dirname(realpathSync(initdb));
      if (isExecutable(join(real, "pg_ctl"))) return real;
      if (isExecutable(join(dir, "pg_ctl"))) return dir;
    }
  }
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return null;
  const majors = readdirSync(debian).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(debian, major, "bin");
    if (isExecutable(join(bin, "initdb")) && isExecutable(join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Who the server runs as: PostgreSQL refuses root, so root hands it to `postgres`. */
export function postgresUser(): string | null {
  if (process.getuid?.() !== 0) return null;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    return "postgres";
  } catch {
    throw new Error("running as root, but there is no `postgres` system user to run PostgreSQL as (the Debian package creates it: `apt-get install postgresql`)");
  }
}

function userIds(user: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim()),
  };
}

/** A binary of `server.binDir` run as `runAs` (through runuser when root), output captured. */
export function pgRun(server: Pick<PostgresServer, "binDir" | "runAs" | "socketDir">, tool: string, args: readonly string[]): Promise<string> {
  const file = join(server.binDir, tool);
  const [command, argv] = server.runAs ? ["runuser", ["-u", server.runAs, "--", file, ...args]] : [file, [...args]];
  return new Promise((resolve, reject) => {
    // cwd: a directory the server's user can enter (not /root). pg_ctl start always gets -l, so
    // the daemonized postmaster never holds these pipes open. TZ=UTC: initdb writes the host's
    // zone as the server's default TimeZone; the host's (a CI pass under Kiritimati) must not
    // change what a query answers. A test wanting another zone sets it on its session.
    execFile(command, argv, { cwd: server.socketDir, encoding: "utf8", timeout: 60_000, env: { ...process.env, LC_ALL: "C", TZ: "UTC" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${tool} ${args.join(" ")} failed: ${(stderr || stdout || error.message).trim()}`));
      else resolve(stdout);
    });
  });
}

/** A TCP port free on loopback right now: bind port 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/**
 * Starts (or restarts, after `stopServer`) the server on its port and data directory; resolves
 * once it accepts connections (`pg_ctl -w`). No fsync: test data need not survive a machine
 * crash. Commits stay synchronous, so what a test committed survives `-m immediate` (the
 * server process killed), as in production.
 */
export async function startServer(server: PostgresServer): Promise<void> {
  const options = [
    `-p ${server.port}`, "-c listen_addresses=127.0.0.1", `-k ${quote(server.socketDir)}`,
    "-c fsync=off", "-c full_page_writes=off",
  ].join(" ");
  await pgRun(server, "pg_ctl", ["-w", "-t", "30", "-D", server.dataDir, "-l", server.logFile, "-o", options, "start"]);
}

/** Kills the server the way a crash or `kill -9` of the service would (`pg_ctl stop -m immediate`). */
export async function stopServer(server: PostgresServer): Promise<void> {
  await pgRun(server, "pg_ctl", ["-w", "-D", server.dataDir, "-m", "immediate", "stop"]);
}

/** The server's log so far, for an error message. */
export function serverLog(server: Pick<PostgresServer, "logFile">): string {
  try {
    return readFileSync(server.logFile, "utf8").trim().split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * A new cluster in a fresh temporary directory, started, with the `creditblock` database:
 * ~1 s (initdb without fsync). The caller owns it: `destroyClusterSync` stops it and removes the
 * directory. Used once per run by the global setup, and by tests that want a server of their own.
 */
export async function createCluster(binDir: string, runAs: string | null): Promise<PostgresServer> {
  const root = mkdtempSync(join(tempParent(runAs), "cb-pg-"));
  const server: PostgresServer = {
    binDir, runAs, dataDir: join(root, "data"), socketDir: root, logFile: join(root, "postgres.log"),
    port: 0, url: "",
  };
  try {
    if (runAs) {
      const { uid, gid } = userIds(runAs);
      chownSync(root, uid, gid);
    }
    await pgRun(server, "initdb", ["-D", server.dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"]);
    // A port taken between freePort and the server's bind (another run, another test): try anew.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const started = { ...server, port, url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}` };
      try {
        await startServer(started);
      } catch (error) {
        if (attempt < 3 && /already in use|could not bind|could not create any TCP/i.test(serverLog(started))) continue;
        throw new Error(`${(error as Error).message}\n${serverLog(started)}`, { cause: error });
      }
      await pgRun(started, "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", DATABASE]);
      return started;
    }
  } catch (error) {
    destroyClusterSync({ ...server, socketDir: root });
    throw error;
  }
}

/**
 * Where the temporary directory goes: the system's, if the server's user can reach it (a
 * TMPDIR under /root is not), else /tmp.
 */
function tempParent(runAs: string | null): string {
  const dir = tmpdir();
  if (!runAs) return dir;
  try {
    execFileSync("runuser", ["-u", runAs, "--", "test", "-w", dir, "-a", "-x", dir], { stdio: "ignore" });
    return dir;
  } catch {
    mkdirSync("/tmp", { recursive: true });
    return "/tmp";
  }
}

/**
 * Stops the server if it runs (also after a test stopped it, or left it half-started) and
 * removes its directory. Synchronous: it also runs from a process "exit" handler.
 */
export function destroyClusterSync(server: Pick<PostgresServer, "binDir" | "runAs" | "dataDir" | "socketDir">): void {
  const pidFile = join(server.dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const file = join(server.binDir, "pg_ctl");
    const args = ["-w", "-t", "10", "-D", server.dataDir, "-m", "immediate", "stop"];
    try {
      if (server.runAs) execFileSync("runuser", ["-u", server.runAs, "--", file, ...args], { cwd: server.socketDir, stdio: "ignore" });
      else execFileSync(file, args, { stdio: "ignore" });
    } catch {
      // pg_ctl could not stop it: kill the postmaster by its pid (first line of postmaster.pid).
      try {
        const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
        if (pid > 0) process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  rmSync(server.socketDir, { recursive: true, force: true });
}

/** vitest globalSetup: start the run's server once, provide its URL, tear it down after the run. */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const started = performance.now();
  const required = process.env.CREDIT_BLOCK_REQUIRE_POSTGRES === "1";
  const binDir = findPostgresBin();
  if (!binDir) {
    const where = process.env.CREDIT_BLOCK_PG_BIN ? `in CREDIT_BLOCK_PG_BIN=${process.env.CREDIT_BLOCK_PG_BIN}` : "on PATH or in /usr/lib/postgresql/*/bin";
    if (required) throw new Error(`CREDIT_BLOCK_REQUIRE_POSTGRES=1 but PostgreSQL's initdb/pg_ctl are not ${where}: ${INSTALL_HINT}`);
    console.warn(`credit-block: PostgreSQL not found, the Postgres tests are skipped; to run them, ${INSTALL_HINT}`);
    project.provide("postgresUrl", null);
    project.provide("postgresServer", null);
    return undefined;
  }
  let runAs: string | null;
  try {
    runAs = postgresUser();
  } catch (error) {
    if (required) throw error;
    console.warn(`credit-block: the Postgres tests are skipped: ${(error as Error).message}`);
    project.provide("postgresUrl", null);
    project.provide("postgresServer", null);
    return undefined;
  }
  const server = await createCluster(binDir, runAs);
  // Ctrl-C or a crash of the run: no server left behind. Removed when teardown does the same.
  const onExit = () => { destroyClusterSync(server); };
  process.once("exit", onExit);
  project.provide("postgresUrl", server.url);
  project.provide("postgresServer", server);
  if (process.env.CREDIT_BLOCK_PG_TIMING === "1") console.warn(`credit-block: PostgreSQL ready at ${server.url} in ${Math.round(performance.now() - started)} ms`);
  return () => {
    process.removeListener("exit", onExit);
    destroyClusterSync(server);
  };
}
