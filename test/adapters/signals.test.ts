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
