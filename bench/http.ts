/**
 * Sidecar load test (issue #6): `npm run bench:http`. The built `credit-block serve` runs in its
 * own process, exactly as a POS machine runs it (access log on); autocannon drives it from this
 * process over loopback for a fixed time. Baseline, same run, same client: a hand-written
 * node:http server in its own process that reads and parses the same body and answers the same
 * decision bytes without deciding, i.e. the cost of HTTP on this machine.
 *
 * The two servers run in turns, three rounds each, and each figure is the median of its three:
 * on a shared VM the machine's speed drifts within a minute, and back-to-back runs would put the
 * drift into the ratio. BENCH_HTTP_SECONDS (default 5) sets each run's length.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { POLICY, benchRequest } from "./engine.js";

const TARGET_RPS = 10_000;
const TARGET_P99_MS = 5;

interface Server {
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts a child process and waits for the JSON line that gives its URL (stderr). */
async function start(args: readonly string[]): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (!child.stderr) throw new Error("no stderr pipe");
  const lines = createInterface({ input: child.stderr });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => { reject(new Error(`${args.join(" ")} exited with ${code}`)); });
    lines.on("line", (line) => {
      if (line.includes('"listening"')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      if (child.exitCode === null) await once(child, "exit");
    },
  };
}

const BASELINE = `
const { createServer } = require("node:http");
const answer = process.argv[1];
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    JSON.parse(Buffer.concat(chunks).toString("utf8"));
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-credit-outcome": "deny" });
    res.end(answer);
  });
});
server.listen(0, "127.0.0.1", () => process.stderr.write(JSON.stringify({ event: "listening", url: "http://127.0.0.1:" + server.address().port }) + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

// An Express app mounting the built middleware; argv: policy path, "direct" (the handler from
// createHandler) or "fetch" (the same handler behind an arrow function, so the middleware goes
// through Fetch Request and Response objects, as it did before it called handlers directly).
const EXPRESS_APP = `
import express from "express";
import { readFileSync } from "node:fs";
import { creditBlockMiddleware } from "credit-block/express";
import { createHandler } from "credit-block/http";
const [policyPath, mode] = process.argv.slice(1);
const handler = createHandler({ policy: JSON.parse(readFileSync(policyPath, "utf8")) });
const app = express();
app.use(express.json({ limit: "1mb" }));
app.use("/credit", creditBlockMiddleware(mode === "direct" ? handler : (request) => handler(request)));
const server = app.listen(0, "127.0.0.1", () => process.stderr.write(JSON.stringify({ event: "listening", url: "http://127.0.0.1:" + server.address().port + "/credit" }) + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function load(url: string, body: string, connections: number, seconds: number): Promise<Run> {
  const result = await autocannon({
    url: `${url}/v1/decide`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

const row = (name: string, r: Run) =>
  `  ${name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   ${r.errors} errors`;

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Runs both servers in turns and keeps, per figure, the median over the rounds. */
async function alternate(urls: readonly [string, string], body: string, connections: number, seconds: number, rounds = 3): Promise<[Run, Run]> {
  const runs: [Run[], Run[]] = [[], []];
  for (let round = 0; round < rounds; round++) {
    for (const i of [0, 1] as const) runs[i].push(await load(urls[i], body, connections, seconds));
  }
  const summary = (list: readonly Run[]): Run => ({
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
  });
  return [summary(runs[0]), summary(runs[1])];
}

/** Warms both servers, runs them in turns, prints both rows; returns [baseline, ours]. */
async function compare(baseline: readonly [string, string], ours: readonly [string, string], body: string, connections: number, seconds: number): Promise<[Run, Run]> {
  // Warm both servers' JITs so the first second does not weigh on either.
  await load(baseline[1], body, connections, 2);
  await load(ours[1], body, connections, 2);
  const [base, mine] = await alternate([baseline[1], ours[1]], body, connections, seconds);
  console.log(`  ${connections} connections`);
  console.log(row(baseline[0], base));
  console.log(row(ours[0], mine));
  return [base, mine];
}

export async function benchHttp(seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 5)): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "credit-block-bench-"));
  const policyPath = join(dir, "policy.json");
  writeFileSync(policyPath, JSON.stringify(POLICY));
  const body = JSON.stringify(benchRequest());

  const ours = await start(["dist/cli.js", "serve", "--policy", policyPath, "--port", "0"]);
  const answer = await (await fetch(`${ours.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body })).text();
  const outcome = (JSON.parse(answer) as { outcome: string }).outcome;
  const baseline = await start(["-e", BASELINE, answer]);

  console.log(`\n## HTTP sidecar: POST /v1/decide (${POLICY.rules.length} rules, 20 receivables, 2 tenders → ${outcome}), loopback, server and client in separate processes; medians of 3 alternating ${seconds} s runs`);
  try {
    for (const connections of [10, 50]) {
      const [base, mine] = await compare(["hand-written node:http, same bytes (baseline)", baseline.url], ["credit-block serve (built CLI)", ours.url], body, connections, seconds);
      console.log(`  credit-block serves ${(mine.rps / base.rps * 100).toFixed(0)}% of the baseline's throughput; targets ≥ ${TARGET_RPS.toLocaleString("en")} req/s: ${mine.rps >= TARGET_RPS ? "met" : "MISSED"}, p99 ≤ ${TARGET_P99_MS} ms: ${mine.p99 <= TARGET_P99_MS ? "met" : "MISSED"}`);
    }
  } finally {
    await Promise.all([ours.stop(), baseline.stop()]);
  }

  const viaFetch = await start(["--input-type=module", "-e", EXPRESS_APP, policyPath, "fetch"]);
  const direct = await start(["--input-type=module", "-e", EXPRESS_APP, policyPath, "direct"]);
  console.log(`\n## credit-block/express after express.json(), same request; medians of 3 alternating ${seconds} s runs`);
  try {
    const [base, mine] = await compare(["through Fetch objects (baseline)", viaFetch.url], ["createHandler's plain entry point", direct.url], body, 10, seconds);
    console.log(`  ${(mine.rps / base.rps).toFixed(2)}× the baseline's throughput`);
  } finally {
    await Promise.all([viaFetch.stop(), direct.stop()]);
  }
}

