import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cliArgs, cliKind } from "../support/cli.js";
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { postgresUrl } from "../support/postgres.js";

/**
 * examples/sidecar/ as shipped: the systemd unit's own ExecStart, ExecReload and KillSignal run
 * for real (paths mapped to this checkout), the Dockerfile's CMD and HEALTHCHECK too (the image
 * cannot be built here: its structure is checked), and the example config starts as it is,
 * its source on the run's real PostgreSQL server with examples/database/schema.sql.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const sidecar = join(root, "examples/sidecar");
const unitText = readFileSync(join(sidecar, "credit-block.service"), "utf8");
const dockerText = readFileSync(join(sidecar, "Dockerfile"), "utf8");
const exampleConfig = JSON.parse(readFileSync(join(sidecar, "credit-block.config.json"), "utf8")) as Record<string, unknown>;
const examplePolicy = JSON.parse(readFileSync(join(root, "examples/policy.json"), "utf8")) as Record<string, unknown>;

/** serve's drain deadline when the config sets none (src/adapters/node: drainTimeoutMs). */
const DEFAULT_DRAIN_MS = 10_000;

// ---------------------------------------------------------------- the unit file, as systemd reads it

type Unit = Map<string, Map<string, string[]>>;

/** [Section] / Key=Value, `#`/`;` comments, `\` continuations; a key may repeat. */
function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: Map<string, string[]> | undefined;
  const lines = text.replace(/\\\n/g, " ").split("\n");
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = new Map();
      unit.set(header[1] ?? "", section);
      continue;
    }
    const eq = line.indexOf("=");
    if (!section || eq < 0) throw new Error(`not a unit file line: ${line}`);
    const key = line.slice(0, eq).trim();
    section.set(key, [...(section.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return unit;
}

const unit = parseUnit(unitText);
const service = (key: string): string => {
  const values = unit.get("Service")?.get(key);
  if (!values || values.length !== 1) throw new Error(`[Service] ${key}= must be set exactly once in credit-block.service`);
  return values[0] ?? "";
};

/** A command line split as systemd splits it: whitespace, "double" and 'single' quotes. */
function splitCommand(line: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2] ?? m[3] ?? "");
  return words;
}

// ---------------------------------------------------------------- the Dockerfile

interface Instruction { readonly op: string; readonly args: string }

function parseDockerfile(text: string): Instruction[] {
  const logical = text.split("\n").filter((l) => !/^\s*#/.test(l)).join("\n").replace(/\\\n/g, " ");
  return logical.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
    const space = l.search(/\s/);
    return { op: l.slice(0, space).toUpperCase(), args: l.slice(space + 1).trim() };
  });
}

const docker = parseDockerfile(dockerText);
const all = (op: string) => docker.filter((i) => i.op === op);
const execForm = (args: string): string[] => {
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string")) throw new Error(`not an exec-form array: ${args}`);
  return parsed;
};

// ---------------------------------------------------------------- this checkout in place of /opt and /etc

const INSTALLED_CLI = "/opt/credit-block/node_modules/credit-block/dist/cli.js";


/** A unit's or the Dockerfile's command with its install paths mapped to this checkout and `etc`. */
function mapCommand(argv: readonly string[], etc: string): string[] {
  const [program, ...rest] = argv;
  if (program !== "node" && !/^\/\S+\/node$/.test(program ?? "")) throw new Error(`the command must start with node, not ${program ?? "nothing"}`);
  const out: string[] = [process.execPath];
  for (const arg of rest) {
    if (arg === INSTALLED_CLI) out.push(...cliArgs);
    else if (arg.startsWith("/etc/credit-block/")) out.push(join(etc, arg.slice("/etc/credit-block/".length)));
    else if (arg.startsWith("/")) throw new Error(`the command names ${arg}: a path this test does not know how to map`);
    else out.push(arg);
  }
  return out;
}

// ---------------------------------------------------------------- processes, as a service manager sees them

interface Proc { readonly pid: number; readonly ppid: number; readonly pgrp: number; readonly exe: string | null }

/** Every process now, from /proc (what `ps` reads). */
function processes(): Proc[] {
  const list: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      let exe: string | null = null;
      try {
        exe = realpathSync(`/proc/${name}/exe`);
      } catch {
        // a zombie, or not ours to read
      }
      if (fields[0] === "Z") continue;
      list.push({ pid: Number(name), ppid: Number(fields[1]), pgrp: Number(fields[2]), exe });
    } catch {
      // gone while reading
    }
  }
  return list;
}

function descendants(pid: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const p of all) if (p.ppid === parent) { found.push(p); queue.push(p.pid); }
  }
  return found;
}

interface Launched {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly events: () => Record<string, unknown>[];
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const launched: Launched[] = [];

/**
 * Starts a command as systemd or Docker would: its own process group (a cgroup's stand-in),
 * stdin closed, the log on stderr.
 */
function launch(argv: readonly string[], cwd: string, env: Record<string, string>): Launched {
  const [file, ...args] = argv;
  const child = spawn(file ?? "", args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (c: Buffer) => { err += c.toString("utf8"); });
  child.stdout.on("data", (c: Buffer) => { err += c.toString("utf8"); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => { resolve({ code, signal }); });
  });
  const events = () => err.split("\n").flatMap((l): Record<string, unknown>[] => {
    try {
      const v = JSON.parse(l) as unknown;
      return typeof v === "object" && v !== null && !Array.isArray(v) ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
  const l: Launched = { child, pid: child.pid ?? -1, events, stderr: () => err, exited };
  launched.push(l);
  return l;
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function listening(l: Launched): Promise<string> {
  return waitFor(() => {
    if (l.child.exitCode !== null) throw new Error(`the sidecar exited ${l.child.exitCode} before listening:\n${l.stderr()}`);
    return l.events().find((e) => e.event === "listening")?.url as string | undefined;
  }, "the sidecar to listen");
}

function http(url: string, options: { method?: string; token?: string; body?: unknown; agent?: Agent } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(url, {
      method: options.method ?? (body ? "POST" : "GET"),
      ...(options.agent ? { agent: options.agent } : {}),
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(body ? { "content-type": "application/json" } : {}),
      },
    }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => { text += c.toString("utf8"); });
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }); });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function run(argv: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    execFile(file ?? "", args, { encoding: "utf8", timeout: 15_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** No process of the group is left (the unit's cgroup, the container): also none a child left behind. */
async function nothingLeft(pgrp: number, seen: readonly Proc[]): Promise<void> {
  await waitFor(() => {
    const alive = processes().filter((p) => p.pgrp === pgrp || seen.some((s) => s.pid === p.pid && s.exe === p.exe));
    return alive.length === 0 ? true : undefined;
  }, `every process of group ${pgrp} to be gone`, 5_000);
}

// ---------------------------------------------------------------- a config directory like /etc/credit-block

const TOKEN = "0123456789abcdef0123456789abcdef";
const NEW_TOKEN = "fedcba9876543210fedcba9876543210";
const scratch: string[] = [];
const pgUrl = postgresUrl();
const database = `deploy_${process.pid}`;
let sourceUrl: string | null = null;
const CUSTOMER = "12345678909";

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  if (pgUrl === null || !existsSync(join(root, "examples/database/schema.sql"))) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  sourceUrl = pgUrl.replace(/\/creditblock$/, `/${database}`);
  const db = new pg.Client({ connectionString: sourceUrl });
  await db.connect();
  try {
    await db.query(readFileSync(join(root, "examples/database/schema.sql"), "utf8"));
    await db.query("insert into clientes (cpf, nome, limite) values ($1, 'Maria', 2000.00)", [CUSTOMER]);
    await db.query("insert into titulos (id, cpf, valor, emissao, vencimento, forma) values ('T1', $1, 389.90, $2, $3, 'store_credit')", [CUSTOMER, isoDaysAgo(90), isoDaysAgo(60)]);
  } finally {
    await db.end();
  }
});

/** /etc/credit-block for a test: the example config as shipped (port 0; the source on this run's server). */
function etcDir(overrides: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-etc-"));
  scratch.push(dir);
  writeFileSync(join(dir, "policy.json"), JSON.stringify({ ...examplePolicy, $schema: undefined, version: 1 }));
  writeFileSync(join(dir, "tokens"), `# one bearer token per line\n${TOKEN}\n`);
  const source = sourceUrl === null ? undefined : { ...(exampleConfig.source as Record<string, unknown>), url: sourceUrl, timeoutMs: 2_000 };
  // undefined (an override removing a key): left out by JSON.stringify.
  const config: Record<string, unknown> = { ...exampleConfig, source, port: 0, ...overrides };
  writeFileSync(join(dir, "credit-block.config.json"), JSON.stringify(config, null, 2));
  return dir;
}

afterEach(() => {
  for (const l of launched.splice(0)) {
    if (l.child.exitCode === null && l.child.signalCode === null) {
      try {
        process.kill(-l.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
});

afterAll(async () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  if (sourceUrl === null || pgUrl === null) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`).finally(() => admin.end());
});

const policyVersion = async (url: string, token: string) => (JSON.parse((await http(`${url}/v1/policy`, { token })).body) as { version?: unknown }).version;

// ---------------------------------------------------------------- the tests

describe("examples/sidecar/credit-block.service", () => {
  it("runs node directly (no npx/npm), reloads with SIGHUP to $MAINPID, stops with SIGTERM in time", () => {
    const start = splitCommand(service("ExecStart"));
    expect(start[0]).toBe("/usr/bin/node");
    expect(start.slice(1)).toEqual([INSTALLED_CLI, "serve", "--config", "/etc/credit-block/credit-block.config.json"]);
    expect(unitText).not.toMatch(/^\s*Exec\w+=.*\bnp[mx]\b/m);
    expect(service("WorkingDirectory")).toBe("/opt/credit-block");
    expect(splitCommand(service("ExecReload"))).toEqual(["/bin/kill", "-HUP", "$MAINPID"]);
    expect(service("KillSignal")).toBe("SIGTERM");
    expect(service("Type")).toBe("simple");
    expect(service("Restart")).toBe("on-failure");
    // systemd's stop deadline outlasts the drain, both the example's and the default one.
    const stopMs = Number(/^(\d+)s?$/.exec(service("TimeoutStopSec"))?.[1]) * 1000;
    expect(stopMs).toBeGreaterThan(Math.max(Number(exampleConfig.drainTimeoutMs ?? 0), DEFAULT_DRAIN_MS) + 1000);
  });

  it("runs unprivileged and hardened", () => {
    expect(service("User")).not.toMatch(/^(root|0)$/);
    for (const [key, value] of [["NoNewPrivileges", "true"], ["ProtectSystem", "strict"], ["ProtectHome", "true"], ["PrivateTmp", "true"]]) {
      expect(service(key ?? ""), key).toBe(value);
    }
    expect(unit.get("Service")?.has("MemoryDenyWriteExecute")).toBe(false);
  });

  it("is a unit systemd accepts (systemd-analyze verify, where installed)", async () => {
    const verify = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].find((p) => existsSync(p));
    if (!verify) return;
    const dir = mkdtempSync(join(tmpdir(), "cb-unit-"));
    scratch.push(dir);
    // Node where this machine has it (the unit names Debian's /usr/bin/node).
    writeFileSync(join(dir, "credit-block.service"), unitText.replace("ExecStart=/usr/bin/node ", `ExecStart=${process.execPath} `));
    const r = await run([verify, "verify", join(dir, "credit-block.service")]);
    expect(r.stderr.trim()).toBe("");
    expect(r.code).toBe(0);
  });

  it(`its ExecStart serves (${cliKind}); ExecReload reaches node itself; KillSignal ends it with 0 and no process left`, async () => {
    // The source has a test of its own (below): here the unit's signals, nothing else to fail.
    const etc = etcDir({ source: undefined });
    const env = Object.fromEntries(unit.get("Service")?.get("Environment")?.map((e) => e.split("=", 2) as [string, string]) ?? []);
    const main = launch(mapCommand(splitCommand(service("ExecStart")), etc), root, env);
    const url = await listening(main);
    expect(new URL(url).hostname).toBe("127.0.0.1");

    // MAINPID is node serving, not a wrapper (npx: npm, with node below it): no child at all.
    expect(realpathSync(`/proc/${main.pid}/exe`)).toBe(realpathSync(process.execPath));
    expect(readFileSync(`/proc/${main.pid}/cmdline`, "utf8").split("\0")).toContain("serve");
    expect(descendants(main.pid)).toEqual([]);

    // Served, with the example's bearer tokens: health is open, the rest needs a token.
    expect((await http(`${url}/v1/health`)).status).toBe(200);
    expect((await http(`${url}/v1/policy`)).status).toBe(401);
    expect(await policyVersion(url, TOKEN)).toBe(1);

    // systemctl reload: the new policy and tokens, read by the same process.
    writeFileSync(join(etc, "policy.json"), JSON.stringify({ ...examplePolicy, $schema: undefined, version: 2 }));
    writeFileSync(join(etc, "tokens"), `${NEW_TOKEN}\n`);
    const reload = splitCommand(service("ExecReload")).map((a) => a.replace(/^\$\{?MAINPID\}?$/, String(main.pid)));
    expect(await run(reload)).toMatchObject({ code: 0 });
    await waitFor(async () => ((await http(`${url}/v1/policy`, { token: NEW_TOKEN })).status === 200 ? true : undefined), "the new token");
    expect(await policyVersion(url, NEW_TOKEN)).toBe(2);
    expect((await http(`${url}/v1/policy`, { token: TOKEN })).status).toBe(401);

    // A broken policy on reload keeps the one serving.
    writeFileSync(join(etc, "policy.json"), "{ not json");
    expect(await run(reload)).toMatchObject({ code: 0 });
    await waitFor(() => main.events().find((e) => e.event === "policy-reload-failed"), "policy-reload-failed");
    expect(await policyVersion(url, NEW_TOKEN)).toBe(2);

    // systemctl stop, with a keep-alive client connected: drained, exit 0, within TimeoutStopSec.
    const agent = new Agent({ keepAlive: true });
    expect((await http(`${url}/v1/health`, { agent })).status).toBe(200);
    const seen = descendants(main.pid);
    const stopping = Date.now();
    process.kill(main.pid, service("KillSignal"));
    expect(await main.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(Number(/^\d+/.exec(service("TimeoutStopSec"))?.[0]) * 1000);
    expect(main.events().map((e) => e.event)).toEqual(expect.arrayContaining(["stopping", "stopped"]));
    await nothingLeft(main.pid, seen);
    agent.destroy();
  });

  it.skipIf(pgUrl === null)("the example config's source, on PostgreSQL with examples/database/schema.sql: { customerId, sale } is decided from the store's tables", async () => {
    expect(sourceUrl).not.toBeNull();
    const etc = etcDir();
    const main = launch(mapCommand(splitCommand(service("ExecStart")), etc), root, {});
    const url = await listening(main);
    expect((await http(`${url}/v1/ready`, { token: TOKEN })).status).toBe(200);
    const credit = await http(`${url}/v1/decide`, { token: TOKEN, body: { customerId: CUSTOMER, sale: { tenders: [{ method: "store_credit", amount: "100.00" }] } } });
    expect(credit.status).toBe(200);
    expect(credit.headers["x-credit-outcome"]).toBe("deny");
    const pix = await http(`${url}/v1/decide`, { token: TOKEN, body: { customerId: CUSTOMER, sale: { tenders: [{ method: "pix", amount: "100.00" }] } } });
    expect(pix.headers["x-credit-outcome"]).toBe("allow");
    process.kill(main.pid, "SIGTERM");
    expect(await main.exited).toEqual({ code: 0, signal: null });
  });
});

describe("examples/sidecar/Dockerfile", () => {
  it("is node:20-slim, installs the locked package without dev dependencies, runs as a non-root user", () => {
    expect(all("FROM").map((i) => i.args)).toEqual(["node:20-slim"]);
    expect(all("COPY").some((i) => /\bpackage-lock\.json\b/.test(i.args))).toBe(true);
    expect(all("RUN").some((i) => /\bnpm ci\b[^&;]*--omit=dev/.test(i.args))).toBe(true);
    const users = all("USER");
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)?.args.split(":")[0];
    expect(user).not.toMatch(/^(root|0)$/);
    // The last USER comes before CMD: the service runs as it.
    const lastUser = docker.map((i) => i.op).lastIndexOf("USER");
    expect(lastUser).toBeLessThan(docker.findIndex((i) => i.op === "CMD"));
  });

  it("starts node directly (exec form, no npx/npm, no ENTRYPOINT), with the unit's paths, on 0.0.0.0, port exposed", () => {
    expect(all("ENTRYPOINT")).toEqual([]);
    const cmds = all("CMD");
    expect(cmds).toHaveLength(1);
    const cmd = execForm(cmds[0]?.args ?? "");
    expect(cmd[0]).toBe("node");
    expect(cmd.slice(1, 5)).toEqual(splitCommand(service("ExecStart")).slice(1));
    expect(cmd.slice(5)).toEqual(["--host", "0.0.0.0"]);
    expect(docker.filter((i) => i.op !== "RUN").some((i) => /\bnp[mx]\b/.test(i.args))).toBe(false);
    expect(all("RUN").some((i) => /\bnpx\b/.test(i.args))).toBe(false);
    expect(all("EXPOSE").map((i) => i.args)).toEqual([String(exampleConfig.port)]);
    expect(all("WORKDIR").map((i) => i.args)).toEqual([service("WorkingDirectory")]);
    const stop = all("STOPSIGNAL").map((i) => i.args);
    expect(stop.length === 0 || stop[0] === "SIGTERM").toBe(true);
  });

  it("has a HEALTHCHECK that is node itself hitting /v1/health (no curl in slim)", () => {
    const checks = all("HEALTHCHECK");
    expect(checks).toHaveLength(1);
    const cmd = execForm(/\bCMD\s+(\[.*\])\s*$/.exec(checks[0]?.args ?? "")?.[1] ?? "null");
    expect(cmd[0]).toBe("node");
    expect(cmd.join(" ")).toContain(`http://127.0.0.1:${String(exampleConfig.port)}/v1/health`);
  });

  it(`its CMD, run outside a container (${cliKind}): refuses 0.0.0.0 without tokens (exit 1, one line); with them serves, passes its HEALTHCHECK, and SIGTERM ends it with 0`, async () => {
    const cmd = execForm(all("CMD")[0]?.args ?? "");
    const health = execForm(/\bCMD\s+(\[.*\])\s*$/.exec(all("HEALTHCHECK")[0]?.args ?? "")?.[1] ?? "null");

    const open = launch(mapCommand(cmd, etcDir({ tokens: undefined, source: undefined })), root, {});
    expect((await open.exited).code).toBe(1);
    const lines = open.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/token/i);

    const main = launch(mapCommand(cmd, etcDir({ source: undefined })), root, {});
    const url = await listening(main);
    expect(new URL(url).hostname).toBe("0.0.0.0");
    const port = new URL(url).port;
    const probe = mapCommand(health, "/unused").map((a) => a.replace(`127.0.0.1:${String(exampleConfig.port)}`, `127.0.0.1:${port}`));
    expect((await run(probe)).code).toBe(0);
    const seen = descendants(main.pid);
    process.kill(main.pid, "SIGTERM");
    expect(await main.exited).toEqual({ code: 0, signal: null });
    await nothingLeft(main.pid, seen);
    // Down: the check fails, so Docker marks the container unhealthy.
    expect((await run(probe)).code).not.toBe(0);
  });
});

describe("examples/sidecar/credit-block.config.json", () => {
  it("uses only serve's settings, paths relative to itself, tokens, a drain shorter than every stop deadline", () => {
    const known = ["policy", "port", "host", "tz", "tokens", "insecure", "tlsCert", "tlsKey", "allowedHosts", "corsOrigins", "maxBodyBytes", "headersTimeoutMs", "requestTimeoutMs", "drainTimeoutMs", "failSafe", "source"];
    expect(Object.keys(exampleConfig).filter((k) => !known.includes(k))).toEqual([]);
    expect(exampleConfig).toMatchObject({ policy: "policy.json", tokens: "tokens", host: "127.0.0.1" });
    expect(["review", "deny"]).toContain(exampleConfig.failSafe);
    const source = exampleConfig.source as Record<string, string>;
    expect(source.url).toMatch(/^postgres:\/\//);
    expect(source.url).not.toMatch(/:[^@/]*@/); // no password in the file: PGPASSWORD
    for (const q of ["customer", "receivables", "pendingOrders"]) expect(source[q], q).toContain("$customerId");
    expect(Number(exampleConfig.drainTimeoutMs)).toBeLessThan(10_000); // docker stop's default grace
  });
});

describe("examples/sidecar/windows-service.md", () => {
  const doc = readFileSync(join(sidecar, "windows-service.md"), "utf8");
  it("runs node.exe directly (WinSW and NSSM), never npx, and waits longer than the drain on stop", () => {
    const code = [...doc.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1] ?? "").join("\n");
    expect(code).not.toMatch(/\bnpx\b/);
    expect(doc).toContain("<executable>C:\\Program Files\\nodejs\\node.exe</executable>");
    expect(doc).toContain("<argument>C:\\credit-block\\node_modules\\credit-block\\dist\\cli.js</argument>");
    expect(doc).toMatch(/nssm install credit-block "C:\\Program Files\\nodejs\\node\.exe" "C:\\credit-block\\node_modules\\credit-block\\dist\\cli\.js" serve --config /);
    const winswStop = Number(/<stoptimeout>(\d+) sec<\/stoptimeout>/.exec(doc)?.[1]) * 1000;
    const nssmStop = Number(/AppStopMethodConsole (\d+)/.exec(doc)?.[1]);
    for (const ms of [winswStop, nssmStop]) expect(ms).toBeGreaterThan(DEFAULT_DRAIN_MS);
  });
});
