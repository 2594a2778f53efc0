import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `credit-block serve` as a service manager runs it: a real child process that gets real
 * signals. SIGHUP reloads the policy file (a bad one keeps the old policy); SIGTERM stops it
 * cleanly even with a keep-alive client connected.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli.js");

beforeAll(() => {
  if (!existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}, 120_000);

interface Server { child: ChildProcessWithoutNullStreams; url: string; events: () => Record<string, unknown>[] }

let running: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (running && running.exitCode === null) running.kill("SIGKILL");
});

async function start(policyPath: string): Promise<Server> {
  const child = spawn(process.execPath, [cli, "serve", "--policy", policyPath, "--port", "0"], { cwd: root });
  running = child;
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString("utf8"); });
  const events = () => stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const url = await waitFor(() => events().find((e) => e.event === "listening")?.url as string | undefined);
  return { child, url, events };
}

async function waitFor<T>(probe: () => T | undefined, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function get(url: string, agent?: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => { body += c.toString("utf8"); });
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, body }); });
    }).on("error", reject).end();
  });
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once("exit", (code, signal) => { resolve({ code, signal }); });
  });

describe("credit-block serve under real signals", () => {
  it("SIGHUP reloads the policy file; a broken file keeps the old policy serving", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-signals-"));
    const policyPath = join(dir, "policy.json");
    const policy = JSON.parse(readFileSync(join(root, "examples/policy.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(policyPath, JSON.stringify({ ...policy, $schema: undefined, version: 1 }));
    const s = await start(policyPath);
    expect(JSON.parse((await get(`${s.url}/v1/policy`)).body)).toMatchObject({ version: 1 });

    writeFileSync(policyPath, JSON.stringify({ ...policy, $schema: undefined, version: 2 }));
    s.child.kill("SIGHUP");
    await waitFor(() => s.events().find((e) => e.event === "policy-reloaded"));
    expect(JSON.parse((await get(`${s.url}/v1/policy`)).body)).toMatchObject({ version: 2 });

    writeFileSync(policyPath, JSON.stringify({ ...policy, $schema: undefined, version: 3, rules: [{ id: "x", when: { fact: "nope", op: "gt", value: 1 }, scope: "credit", action: "deny" }] }));
    s.child.kill("SIGHUP");
    const failed = await waitFor(() => s.events().find((e) => e.event === "policy-reload-failed"));
    expect(failed.keeping).toBe(2);
    expect(JSON.stringify(failed.issues)).toContain("rules[0].when.fact");
    expect(JSON.parse((await get(`${s.url}/v1/policy`)).body)).toMatchObject({ version: 2 });

    s.child.kill("SIGTERM");
    expect(await exitOf(s.child)).toEqual({ code: 0, signal: null });
  });

  it("SIGTERM stops cleanly with a keep-alive client still connected, and logs it", async () => {
    const s = await start(join(root, "examples/policy.json"));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(`${s.url}/v1/health`, agent)).status).toBe(200);
    const started = Date.now();
    s.child.kill("SIGTERM");
    expect(await exitOf(s.child)).toEqual({ code: 0, signal: null });
    // Well under the 5 s keep-alive timeout: the idle connection was closed, not waited out.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(s.events().map((e) => e.event).slice(-2)).toEqual(["stopping", "stopped"]);
    agent.destroy();
  });
});

/**
 * `serve()` itself in a real process that gets real signals (what `credit-block serve` wires to
 * its flags): SIGHUP reloads the bearer tokens from their file, SIGTERM drains with a deadline.
 */
describe("serve() under real signals: tokens and the drain deadline", () => {
  const script = `
    import { readFileSync } from "node:fs";
    const { serve } = await import(process.argv[2]);
    const [tokenFile, drainTimeoutMs] = [process.argv[3], Number(process.argv[4])];
    const read = () => readFileSync(tokenFile, "utf8").split("\\n").map((l) => l.trim()).filter(Boolean);
    const handler = async (request) => {
      if (new URL(request.url).pathname === "/slow") await new Promise((r) => setTimeout(r, 60_000));
      return new Response("ok");
    };
    await serve({ handler, port: 0, tokens: read(), loadTokens: read, drainTimeoutMs });`;

  async function startServe(tokenFile: string, drainTimeoutMs: number): Promise<Server> {
    const dir = mkdtempSync(join(tmpdir(), "cb-serve-"));
    const file = join(dir, "serve.mjs");
    writeFileSync(file, script);
    const child = spawn(process.execPath, ["--import", "tsx", file, join(root, "src/adapters/node/index.ts"), tokenFile, String(drainTimeoutMs)], { cwd: root });
    running = child;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString("utf8"); });
    const events = () => stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    const url = await waitFor(() => events().find((e) => e.event === "listening")?.url as string | undefined, 30_000);
    return { child, url, events };
  }

  function call(url: string, token?: string): Promise<number> {
    return new Promise((resolve, reject) => {
      request(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        res.resume();
        res.on("end", () => { resolve(res.statusCode ?? 0); });
      }).on("error", reject).end();
    });
  }

  it("SIGHUP reloads the tokens; a broken file keeps the old ones; no token ever reaches the log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-tokens-"));
    const tokenFile = join(dir, "tokens");
    const [first, second] = ["first-token-0123456789abcdef", "second-token-0123456789abcdef"];
    writeFileSync(tokenFile, `${first}\n`);
    const s = await startServe(tokenFile, 10_000);
    expect(await call(`${s.url}/v1/policy`, first)).toBe(200);
    expect(await call(`${s.url}/v1/policy`)).toBe(401);
    expect(await call(`${s.url}/v1/health`)).toBe(200);

    writeFileSync(tokenFile, `${second}\n`);
    s.child.kill("SIGHUP");
    expect(await waitFor(() => s.events().find((e) => e.event === "tokens-reloaded"))).toMatchObject({ count: 1 });
    expect(await call(`${s.url}/v1/policy`, second)).toBe(200);
    expect(await call(`${s.url}/v1/policy`, first)).toBe(401);

    writeFileSync(tokenFile, "short\n");
    s.child.kill("SIGHUP");
    expect(await waitFor(() => s.events().find((e) => e.event === "tokens-reload-failed"))).toMatchObject({ keeping: 1 });
    expect(await call(`${s.url}/v1/policy`, second)).toBe(200);

    s.child.kill("SIGTERM");
    expect(await exitOf(s.child)).toEqual({ code: 0, signal: null });
    const log = JSON.stringify(s.events());
    for (const token of [first, second, "short"]) expect(log).not.toContain(token);
    for (const e of s.events()) expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("SIGTERM with a request in flight: waits for the deadline, cuts it, logs the count and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-tokens-"));
    const tokenFile = join(dir, "tokens");
    const token = "drain-token-0123456789abcdef";
    writeFileSync(tokenFile, token);
    const s = await startServe(tokenFile, 500);
    const slow = call(`${s.url}/slow`, token).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    s.child.kill("SIGTERM");
    expect(await exitOf(s.child)).toEqual({ code: 0, signal: null });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(5_000);
    expect(((await slow) as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    const events = s.events();
    expect(events.find((e) => e.event === "stopping")).toMatchObject({ signal: "SIGTERM", drainTimeoutMs: 500 });
    expect(events.at(-1)).toMatchObject({ event: "stopped", cut: 1 });
    expect(events.find((e) => e.event === "request" && e.route === "/slow")).toMatchObject({ status: null, aborted: true });
  });
});
