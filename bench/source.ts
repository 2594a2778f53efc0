/**
 * Database source benchmark (issue #15): `npm run bench:source`, also part of `npm run bench`.
 * Three `credit-block serve` processes, same policy (examples/policy.json), same CLI, same sale (store credit, 300.00 in 3):
 *
 * (a) the data in the request: the POS sends the customer and every título (the baseline);
 * (b) `--config` with a PGlite source (a data directory seeded from the sample store);
 * (c) `--config` with a PostgreSQL source: a temporary cluster on loopback, the same seed.
 *
 * (b) and (c) get only `{ customerId, sale }` and run examples/database/credit-block.config.json's
 * three queries per checkout. The customers rotate over the same eight sample customers in all
 * three, and (a)'s bodies are what the source itself loads for them (so the three decide the
 * same facts; checked before the load). The servers run in turns, three rounds each, and each
 * figure is the median of its three, as in bench/http.ts. Latencies are taken per response from
 * autocannon's `response` event (its own histogram keeps whole milliseconds, too coarse for a
 * 1 ms target). A checkout answered fail-safe is still a 200: those are counted from the
 * server's `source-failed` log lines and shown apart from errors.
 *
 * Target: the database round trip adds ≤ 1 ms p99 at 10 connections on loopback PostgreSQL.
 * Closed-loop load (each connection sends its next checkout when the last is answered) saturates
 * whichever process is slowest, so its p99 is mostly queueing (mean latency ≈ connections ÷
 * decisions/s). The
 * second run at 10 connections is paced: one checkout every 1/BENCH_SOURCE_RATE s (default 50
 * decisions/s; 0: off), evenly spaced, over a keep-alive pool of 10 sockets, well under every
 * contender's capacity, so its added p99 is what the queries cost one checkout. (autocannon's
 * own overallRate sends each second's quota in one burst per connection: queueing again.) BENCH_SOURCE_SECONDS (default 5) sets each run's length;
 * BENCH_SOURCE_CONNECTIONS (default "10"; "10,50" adds 50 connections, ~45 s more) the counts.
 */
import autocannon from "autocannon";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { connectSource } from "../src/adapters/source/index.js";
import { sampleQueries, seedSampleStore } from "../src/adapters/cli/sampleDatabase.js";
import type { SampleStore } from "../src/adapters/cli/demo.js";
import { createCluster, destroyClusterSync, findPostgresBin, postgresUser, type PostgresServer } from "../test/support/postgres.global.js";

const TARGET_ADDED_P99_MS = 1;
const ROOT = resolve(import.meta.dirname, "..");
const POLICY_PATH = join(ROOT, "examples/policy.json");
const SALE = { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] };
/** C0016 has a released order (pendingOrders); C0051 the most títulos (25); the rest spread over the store. */
const CUSTOMERS = ["C0016", "C0051", "C0040", "C0080", "C0120", "C0160", "C0200", "C0240"];

interface Server {
  readonly name: string;
  readonly url: string;
  /** `source-failed` lines seen so far (checkouts answered fail-safe). */
  failSafe(): number;
  stop(): Promise<void>;
}

/**
 * How to run the CLI: the built one when it knows `--config` (`npm run bench` builds first),
 * else the same code from source through tsx.
 */
function cliCommand(): { args: string[]; label: string } {
  const built = join(ROOT, "dist/cli.js");
  if (existsSync(built)) {
    const probe = spawnSync(process.execPath, [built, "serve", "--config", join(tmpdir(), "credit-block-no-such-config.json")], { encoding: "utf8", timeout: 20_000 });
    if (!/Unknown option/.test(probe.stderr)) return { args: [built], label: "built dist/cli.js" };
  }
  return { args: ["--import", "tsx", join(ROOT, "src/adapters/cli/bin.ts")], label: "src/adapters/cli/bin.ts through tsx (dist/cli.js predates --config)" };
}

/** Starts `serve --config`, waits for its `listening` line, and counts `source-failed` lines after it. */
async function start(name: string, cli: readonly string[], configPath: string): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [...cli, "serve", "--config", configPath], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  if (!child.stderr) throw new Error("no stderr pipe");
  const lines = createInterface({ input: child.stderr });
  let failed = 0;
  const early: string[] = [];
  const url = await new Promise<string>((resolvePromise, reject) => {
    child.once("exit", (code) => { reject(new Error(`serve --config ${configPath} exited with ${code}: ${early.slice(-5).join(" | ")}`)); });
    lines.on("line", (line) => {
      if (line.includes('"source-failed"')) failed++;
      else if (line.includes('"listening"')) resolvePromise((JSON.parse(line) as { url: string }).url);
      else if (early.length < 50) early.push(line);
    });
  });
  return {
    name,
    url,
    failSafe: () => failed,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly failSafe: number;
}

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** How hard to push: `connections` as fast as the server answers, or paced at `rate` decisions/s in all. */
interface Pressure {
  readonly connections: number;
  readonly rate?: number;
}

const describe = (p: Pressure): string => `${p.connections} connections, ${p.rate ? `paced: one checkout every ${(1000 / p.rate).toFixed(0)} ms (${p.rate} decisions/s; latency without queueing)` : "as fast as answered (throughput; latency includes queueing)"}`;

const sortedLatencies = (latencies: readonly number[]): Float64Array => Float64Array.from(latencies).sort();

/** Open loop: a checkout every 1000/rate ms whatever the answers, on at most `sockets` keep-alive sockets. */
async function paced(server: Server, bodies: readonly string[], rate: number, sockets: number, seconds: number): Promise<Run> {
  const failedBefore = server.failSafe();
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL(`${server.url}/v1/decide`);
  const latencies: number[] = [];
  let errors = 0;
  const one = (body: string) => new Promise<void>((resolvePromise) => {
    const sent = performance.now();
    const req = request({ agent, hostname: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once("end", () => {
        if (res.statusCode === 200) latencies.push(performance.now() - sent);
        else errors++;
        resolvePromise();
      });
    });
    req.once("error", () => { errors++; resolvePromise(); });
    req.end(body);
  });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(bodies[i % bodies.length] ?? ""));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = sortedLatencies(latencies);
  return { rps: latencies.length / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors, failSafe: server.failSafe() - failedBefore };
}

/** One run over the bodies in turn: autocannon (closed loop), latencies to the microsecond from each response; or {@link paced}. */
async function load(server: Server, bodies: readonly string[], pressure: Pressure, seconds: number): Promise<Run> {
  if (pressure.rate) return paced(server, bodies, pressure.rate, pressure.connections, seconds);
  const failedBefore = server.failSafe();
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolvePromise, reject) => {
    const instance = autocannon({
      url: `${server.url}/v1/decide`,
      method: "POST",
      headers: { "content-type": "application/json" },
      requests: bodies.map((body) => ({ method: "POST", body })),
      connections: pressure.connections,
      duration: seconds,
    }, (error, done) => { if (error) reject(error instanceof Error ? error : new Error(String(error))); else resolvePromise(done); });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) return;
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
    });
  });
  const sorted = latencies.subarray(0, count).sort();
  return {
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors: result.errors + result.timeouts + result.non2xx,
    failSafe: server.failSafe() - failedBefore,
  };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const row = (name: string, r: Run) =>
  `  ${name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} decisions/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   ${r.errors} errors, ${r.failSafe} fail-safe`;

/** Every server in turn, `rounds` times; per server, the median of each figure. */
async function alternate(servers: readonly { server: Server; bodies: readonly string[] }[], pressure: Pressure, seconds: number, rounds = 3): Promise<Run[]> {
  const runs: Run[][] = servers.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { server, bodies }] of servers.entries()) runs[i]?.push(await load(server, bodies, pressure, seconds));
  }
  return runs.map((list) => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
    failSafe: list.reduce((sum, r) => sum + r.failSafe, 0),
  }));
}

/** A decision without what differs between two answers to the same question (ids, times). */
function comparable(text: string): string {
  const volatile = new Set(["requestId", "decidedAt", "evaluatedAt", "time", "timestamp", "durationMs", "inputHash"]);
  return JSON.stringify(JSON.parse(text), (key, value: unknown) => (volatile.has(key) ? undefined : value));
}

async function decide(server: Server, body: string): Promise<string> {
  const response = await fetch(`${server.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${server.name}: HTTP ${response.status}: ${text}`);
  return text;
}

async function readyLatency(server: Server): Promise<string> {
  const body = await (await fetch(`${server.url}/v1/ready`)).json() as { source?: { latencyMs?: number } };
  return body.source?.latencyMs === undefined ? "?" : `${body.source.latencyMs} ms`;
}

export async function benchSource(seconds = Number(process.env.BENCH_SOURCE_SECONDS ?? 5)): Promise<void> {
  const rate = Number(process.env.BENCH_SOURCE_RATE ?? 50);
  const pressures: Pressure[] = (process.env.BENCH_SOURCE_CONNECTIONS ?? "10").split(",").map(Number).filter((n) => n > 0)
    .flatMap((connections) => [{ connections }, ...(connections === 10 && rate > 0 ? [{ connections, rate }] : [])]);
  const dir = mkdtempSync(join(tmpdir(), "credit-block-bench-source-"));
  const store = JSON.parse(readFileSync(join(ROOT, "examples/data/store.json"), "utf8")) as SampleStore;
  const { customer, receivables, pendingOrders } = sampleQueries(ROOT);
  const queries = { customer, receivables, pendingOrders, timeoutMs: 300 };
  const cli = cliCommand();
  const started = performance.now();
  const servers: Server[] = [];
  // Set from inside the set-up below; read by the clean-up, also from an "exit" handler.
  const pgCluster: { current: PostgresServer | null } = { current: null };
  const removeCluster = () => {
    if (pgCluster.current) destroyClusterSync(pgCluster.current);
    pgCluster.current = null;
  };
  process.once("exit", removeCluster);

  try {
    // PGlite: seeded here, closed, then opened by the server process. PostgreSQL: a temporary
    // cluster on loopback, the same seed. Both at once (initdb waits on the disk, PGlite on the CPU).
    const pgliteDir = join(dir, "pglite");
    const binDir = findPostgresBin();
    const [seededLite, seededPostgres] = await Promise.allSettled([
      (async () => {
        const db = new PGlite(pgliteDir);
        await db.waitReady;
        await seedSampleStore(db, store, ROOT);
        // (a)'s bodies: exactly what the source loads for each customer, sent in the request.
        const source = await connectSource({ client: db, ...queries });
        const bodies: string[] = [];
        let count = 0;
        for (const id of CUSTOMERS) {
          const loaded = await source.load(id);
          count += loaded.receivables.length;
          bodies.push(JSON.stringify({ customer: loaded.customer, receivables: loaded.receivables, sale: SALE }));
        }
        await source.close();
        await db.close();
        return { bodies, count };
      })(),
      (async () => {
        if (!binDir) return "";
        const cluster = await createCluster(binDir, postgresUser());
        pgCluster.current = cluster;
        const client = new pg.Client({ connectionString: cluster.url });
        await client.connect();
        try {
          await seedSampleStore({ exec: (sql) => client.query(sql), query: (sql, params) => client.query(sql, params) }, store, ROOT);
          await client.query("ANALYZE");
          const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?";
          return `PostgreSQL ${version} (temporary cluster, fsync off)`;
        } finally {
          await client.end();
        }
      })(),
    ]);
    if (seededLite.status === "rejected") throw seededLite.reason;
    if (seededPostgres.status === "rejected") throw seededPostgres.reason;
    const { bodies: inRequest, count: titulos } = seededLite.value;
    const postgresNote = seededPostgres.value;
    if (!binDir) console.log("\n  (PostgreSQL not found on PATH or in /usr/lib/postgresql/*/bin: (c) skipped; Debian/Ubuntu: apt-get install postgresql)");
    const byId = CUSTOMERS.map((id) => JSON.stringify({ customerId: id, sale: SALE }));

    const config = (name: string, source?: object): string => {
      const path = join(dir, `${name}.config.json`);
      writeFileSync(path, JSON.stringify({ policy: POLICY_PATH, port: 0, host: "127.0.0.1", ...(source ? { source } : {}) }));
      return path;
    };
    const starting = await Promise.allSettled([
      start("(a) data in the request (baseline)", cli.args, config("request")),
      start("(b) serve --config, PGlite source", cli.args, config("pglite", { url: `pglite:${pgliteDir}`, ...queries })),
      ...(pgCluster.current ? [start("(c) serve --config, Postgres source", cli.args, config("postgres", { url: pgCluster.current.url, ...queries }))] : []),
    ]);
    for (const s of starting) if (s.status === "fulfilled") servers.push(s.value);
    for (const s of starting) if (s.status === "rejected") throw s.reason;
    const [inRequestServer, pgliteServer, postgresServer] = servers as [Server, Server, Server | undefined];
    const contenders = [
      { server: inRequestServer, bodies: inRequest },
      { server: pgliteServer, bodies: byId },
      ...(postgresServer ? [{ server: postgresServer, bodies: byId }] : []),
    ];

    // The three must decide the same thing, or the comparison means nothing.
    const outcomes: string[] = [];
    for (const [i, id] of CUSTOMERS.entries()) {
      const expected = await decide(inRequestServer, inRequest[i] ?? "");
      for (const { server, bodies } of contenders.slice(1)) {
        const got = await decide(server, bodies[i] ?? "");
        if (comparable(got) !== comparable(expected)) throw new Error(`${server.name} decides ${id} differently from the data in the request:\n${got}\n${expected}`);
      }
      outcomes.push((JSON.parse(expected) as { outcome: string }).outcome);
    }
    const tally = [...new Set(outcomes)].map((o) => `${outcomes.filter((x) => x === o).length} ${o}`).join(", ");

    console.log(`\n## Database source: POST /v1/decide, { customerId, sale } through serve --config vs the same sidecar with the data in the request; loopback, ${CUSTOMERS.length} customers in rotation (${titulos} títulos in all; ${tally}), the same decisions checked first; medians of 3 alternating ${seconds} s runs`);
    console.log(`  sidecar: ${cli.label}; policy examples/policy.json; queries examples/database/credit-block.config.json (customer, receivables, pendingOrders; timeoutMs 300)`);
    console.log(`  sources: PGlite data directory${postgresNote ? `; ${postgresNote}` : ""}; /v1/ready SELECT 1 round trip: PGlite ${await readyLatency(pgliteServer)}${postgresServer ? `, Postgres ${await readyLatency(postgresServer)}` : ""}`);

    console.log(`  machine: ${availableParallelism()} CPUs (client, sidecar and database share them), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} when the load starts (2 s warm-up each first); set-up took ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Warm every server's JIT (and the pools) so the first second does not weigh on any.
    for (const { server, bodies } of contenders) await load(server, bodies, { connections: 10 }, 2);
    for (const pressure of pressures) {
      const results = await alternate(contenders, pressure, seconds);
      console.log(`  ${describe(pressure)}`);
      for (const [i, { server }] of contenders.entries()) {
        const result = results[i];
        if (result) console.log(row(server.name, result));
      }
      const [base, lite, postgres] = results;
      if (!base || !lite) continue;
      const signed = (ms: number) => `${ms < 0 ? "−" : "+"}${Math.abs(ms).toFixed(2)} ms`;
      const added = (r: Run) => `p99 ${signed(r.p99 - base.p99)}, p50 ${signed(r.p50 - base.p50)}, ${(r.rps / base.rps * 100).toFixed(0)}% of the baseline's decisions/s`;
      if (postgres) {
        const target = pressure.connections === 10 ? `; target ≤ ${TARGET_ADDED_P99_MS} ms added p99 at 10 connections: ${postgres.p99 - base.p99 <= TARGET_ADDED_P99_MS ? "met" : "MISSED"}` : "";
        console.log(`  Postgres round trip adds: ${added(postgres)}${target}`);
      }
      console.log(`  PGlite round trip adds:   ${added(lite)}`);
    }
  } finally {
    await Promise.allSettled(servers.map((s) => s.stop()));
    removeCluster();
    process.removeListener("exit", removeCluster);
    rmSync(dir, { recursive: true, force: true });
  }
}
