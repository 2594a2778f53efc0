import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { definePolicy, type PolicyDocument } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";

/** examples/sidecar/ run for real against a real server: a POS in another language. */
// Asynchronous: the server lives in this process, so a blocking spawnSync would deadlock it.
function run(command: string, args: string[], url: string, env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base = { ...process.env };
    delete base.CREDIT_BLOCK_TOKEN;
    execFile(command, args, { cwd: root, encoding: "utf8", timeout: 20_000, env: { ...base, CREDIT_BLOCK_URL: url, ...env } }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
const root = fileURLToPath(new URL("../..", import.meta.url));
let running: RunningServer;
const scratch = mkdtempSync(join(tmpdir(), "cb-sidecar-examples-"));

function requestFile(request: unknown): string {
  const file = join(scratch, `request-${String(Math.random()).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(request));
  return file;
}

/** A stand-in sidecar answering what a test needs: what the script does with an answer. */
async function fakeSidecar(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => { answer(req, res); });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => { resolve(); })) };
}

beforeAll(async () => {
  const policy = definePolicy(JSON.parse(readFileSync(`${root}/examples/policy.json`, "utf8")) as PolicyDocument);
  running = await serve({ handler: createHandler({ policy, now: () => new Date("2026-11-23T15:00:00Z") }), port: 0, log: () => undefined, signals: false });
});
afterAll(async () => {
  await running.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("examples/sidecar", () => {
  it("decide.sh (curl) gets the decision and exits 3 on deny", async () => {
    const r = await run("sh", ["examples/sidecar/decide.sh"], running.url);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('"outcome":"deny"');
  });

  it("decide.sh reads the decision's own outcome, not a tender's or an option's: a PIX sale of a customer in arrears is allowed (exit 0)", async () => {
    const file = requestFile({ customer: { id: "C0016", creditLimit: "2000.00" }, receivables: [{ id: "T000131", amount: "2337.37", dueDate: "2026-10-21" }], sale: { tenders: [{ method: "pix", amount: "50.00" }] } });
    const r = await run("sh", ["examples/sidecar/decide.sh", file], running.url);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: "allow" });
    // What the old script grepped for is in the body: credit would be denied as an option.
    expect(r.stdout).toContain('"outcome":"deny"');
    expect(r.status).toBe(0);
  });

  it("decide.sh exits 2 on review (over the limit, nothing overdue)", async () => {
    const file = requestFile({ customer: { id: "C0099", creditLimit: "100.00" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: "500.00" }] } });
    const r = await run("sh", ["examples/sidecar/decide.sh", file], running.url);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: "review" });
    expect(r.status).toBe(2);
  });

  it("decide.sh sends Authorization: Bearer $CREDIT_BLOCK_TOKEN when it is set, and nothing when not", async () => {
    const seen: (string | undefined)[] = [];
    const fake = await fakeSidecar((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json", "x-credit-outcome": "review" });
      res.end(JSON.stringify({ outcome: "review", tenders: [{ outcome: "deny" }] }));
    });
    try {
      const withToken = await run("sh", ["examples/sidecar/decide.sh"], fake.url, { CREDIT_BLOCK_TOKEN: "s3cr3t-token-0123456789abcdef" });
      expect(withToken.status).toBe(2);
      const without = await run("sh", ["examples/sidecar/decide.sh"], fake.url);
      expect(without.status).toBe(2);
      expect(seen).toEqual(["Bearer s3cr3t-token-0123456789abcdef", undefined]);
    } finally {
      await fake.close();
    }
  });

  it("decide.sh exits 1, not 0 (allow), when the sidecar answers without a decision (401) or is down", async () => {
    const fake = await fakeSidecar((_req, res) => {
      res.writeHead(401, { "content-type": "application/problem+json", "www-authenticate": "Bearer" });
      res.end(JSON.stringify({ type: "about:blank", title: "Unauthorized", status: 401, outcome: "allow" }));
    });
    try {
      const refused = await run("sh", ["examples/sidecar/decide.sh"], fake.url);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("no decision: the sidecar answered HTTP 401");
    } finally {
      await fake.close();
    }
    const down = await run("sh", ["examples/sidecar/decide.sh"], "http://127.0.0.1:9");
    expect(down.status).toBe(1);
    expect(down.stderr).toContain("sidecar unavailable at http://127.0.0.1:9");
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
