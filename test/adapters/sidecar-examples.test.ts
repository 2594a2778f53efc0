import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { definePolicy, type PolicyDocument } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";

/** examples/sidecar/ run for real against a real server: a POS in another language. */
// Asynchronous: the server lives in this process, so a blocking spawnSync would deadlock it.
function run(command: string, args: string[], url: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, encoding: "utf8", timeout: 20_000, env: { ...process.env, CREDIT_BLOCK_URL: url } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
const root = fileURLToPath(new URL("../..", import.meta.url));
let running: RunningServer;

beforeAll(async () => {
  const policy = definePolicy(JSON.parse(readFileSync(`${root}/examples/policy.json`, "utf8")) as PolicyDocument);
  running = await serve({ handler: createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z") }), port: 0, log: () => undefined, signals: false });
});
afterAll(async () => {
  await running.close();
});

describe("examples/sidecar", () => {
  it("decide.sh (curl) gets the decision and exits 3 on deny", async () => {
    const r = await run("sh", ["examples/sidecar/decide.sh"], running.url);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('"outcome":"deny"');
  });

  it("client.py (Python standard library) prints each tender's outcome", async () => {
    const r = await run("python3", ["examples/sidecar/client.py"], running.url);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("store_credit/deferred 300.00: deny 1 título vencido");
    expect(r.stdout).toContain("pix/immediate 50.00: allow");
    expect(r.stdout).toMatch(/pay [\d.]+ to free the crediário/);
  });

  it("client.py falls back to à vista when the sidecar is down", async () => {
    const r = await run("python3", ["examples/sidecar/client.py"], "http://127.0.0.1:9");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("sidecar unavailable: offer cash, PIX or card only");
  });
});
