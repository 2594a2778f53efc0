import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as nodeCrypto from "node:crypto";
import { request } from "node:http";
import { CreditBlockError, issue, presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, ServeError, type RunningServer } from "credit-block/node";

// Counts the comparisons the server makes, passing each through to the real one.
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const timingSafeEqual = vi.mocked(nodeCrypto.timingSafeEqual);

/** Issue #15 item 7: bearer tokens on the real server, compared in constant time, reloadable. */
const TOKENS = ["a".repeat(32), "b".repeat(40), "c1d2e3f4g5h6i7j8k9"];
const handler = createHandler({ policy: presets.blockCreditWhenOverdue(), now: () => new Date("2026-11-23T15:00:00Z") });
let running: RunningServer;
const logs: string[] = [];
let nextTokens: () => readonly string[] | Promise<readonly string[]> = () => TOKENS;

beforeAll(async () => {
  running = await serve({ handler, port: 0, signals: false, log: (l) => logs.push(l), tokens: TOKENS, loadTokens: () => nextTokens() });
});
afterAll(async () => {
  await running.close();
});

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }
function call(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${running.url}${path}`, { method, headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString("utf8")));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }); });
    });
    req.on("error", reject);
    req.end(body);
  });
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const decideBody = JSON.stringify({ customer: { id: "c1" }, receivables: [], sale: { tenders: [{ method: "pix", amount: "10.00" }] } });

describe("serve with bearer tokens", () => {
  it("accepts each configured token, on every route", async () => {
    for (const token of TOKENS) expect((await call("/v1/policy", bearer(token))).status).toBe(200);
    const decided = await call("/v1/decide", { ...bearer(TOKENS[1] ?? ""), "content-type": "application/json" }, "POST", decideBody);
    expect(decided.status).toBe(200);
    expect(decided.headers["x-credit-outcome"]).toBe("allow");
    expect((await call("/v1/policy", { authorization: `bearer   ${TOKENS[0] ?? ""}` })).status).toBe(200); // the scheme is case-insensitive
  });

  it("refuses a missing, wrong or malformed token with 401 problem+json and WWW-Authenticate", async () => {
    const refused = [
      {},
      bearer("a".repeat(31)), // one character short
      bearer("a".repeat(31) + "b"), // same length, last character wrong
      bearer("a".repeat(33)),
      bearer("x"),
      bearer(`${TOKENS[0] ?? ""},${TOKENS[1] ?? ""}`),
      { authorization: `Basic ${Buffer.from(`u:${TOKENS[0] ?? ""}`).toString("base64")}` },
      { authorization: TOKENS[0] ?? "" },
      { authorization: "Bearer" },
    ];
    for (const headers of refused) {
      const answer = await call("/v1/policy", headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Bearer realm="credit-block"');
      expect(answer.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(answer.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      const problem = JSON.parse(answer.body) as Record<string, unknown>;
      expect(problem).toMatchObject({ type: "https://credit-block.dev/problems/unauthorized", title: "Unauthorized", status: 401 });
      expect(typeof problem.detail).toBe("string");
    }
    const decided = await call("/v1/decide", { ...bearer("nope-nope-nope-nope"), "content-type": "application/json" }, "POST", decideBody);
    expect(decided.status).toBe(401);
  });

  it("leaves GET and HEAD /v1/health open for liveness probes, and nothing else", async () => {
    expect((await call("/v1/health")).status).toBe(200);
    expect((await call("/v1/health/")).status).toBe(200);
    expect((await call("/v1/health", {}, "HEAD")).status).not.toBe(401);
    expect((await call("/v1/health", {}, "DELETE")).status).toBe(401);
    expect((await call("/v1/health/../policy")).status).toBe(401); // normalised to /v1/policy
    expect((await call("/v1/%2e%2e/v1/health")).status).toBe(200); // the URL parser resolves %2e%2e, as the handler sees it
    expect((await call("/v1/nothing")).status).toBe(401); // which routes exist is not told either
  });

  it("compares a presented token with every configured one, 32-byte digests, no early exit", async () => {
    for (const presented of [TOKENS[0] ?? "", "a".repeat(31) + "b", "short-but-16-chars", "z".repeat(500)]) {
      timingSafeEqual.mockClear();
      await call("/v1/policy", bearer(presented));
      expect(timingSafeEqual).toHaveBeenCalledTimes(TOKENS.length);
      for (const [a, b] of timingSafeEqual.mock.calls) {
        expect((a as Buffer).byteLength).toBe(32);
        expect((b as Buffer).byteLength).toBe(32);
      }
    }
  });

  it("reload() swaps the tokens: the new one in, the old one out", async () => {
    const fresh = "f".repeat(64);
    nextTokens = () => Promise.resolve([fresh]);
    logs.length = 0;
    expect(await running.reload()).toBe(true);
    expect(JSON.parse(logs.at(-1) ?? "{}")).toMatchObject({ event: "tokens-reloaded", count: 1 });
    expect((await call("/v1/policy", bearer(fresh))).status).toBe(200);
    expect((await call("/v1/policy", bearer(TOKENS[0] ?? ""))).status).toBe(401);

    nextTokens = () => TOKENS;
    expect(await running.reload()).toBe(true);
    expect((await call("/v1/policy", bearer(TOKENS[2] ?? ""))).status).toBe(200);
    expect((await call("/v1/policy", bearer(fresh))).status).toBe(401);
  });

  it("a failed reload keeps the old tokens and logs why, never a token", async () => {
    const secret = "s3cr3t-token-in-a-broken-file";
    const failures: [() => readonly string[] | Promise<readonly string[]>, RegExp][] = [
      [() => JSON.parse(`{"tokens": ["${secret}"`) as string[], /SyntaxError \(message not logged/],
      [() => Promise.reject(Object.assign(new Error("ENOENT: no such file or directory, open '/etc/credit-block/tokens'"), { code: "ENOENT", syscall: "open" })), /ENOENT.*\/etc\/credit-block\/tokens/],
      [() => [secret, "too short"], /token 2 of 2 is not/],
      [() => [], /empty list would turn authentication off/],
      [() => { throw new CreditBlockError("INVALID_INPUT", [issue("config.tokens", "too_small", { minimum: "one token per line" })]); }, /config\.tokens/],
      [() => "not a list" as never, /must return a list/],
    ];
    for (const [load, reason] of failures) {
      nextTokens = load;
      logs.length = 0;
      expect(await running.reload()).toBe(false);
      const line = JSON.parse(logs.at(-1) ?? "{}") as Record<string, unknown>;
      expect(line).toMatchObject({ event: "tokens-reload-failed", keeping: TOKENS.length });
      expect(line.message).toMatch(reason);
      expect(logs.join("\n")).not.toContain(secret);
      expect((await call("/v1/policy", bearer(TOKENS[0] ?? ""))).status).toBe(200);
    }
    nextTokens = () => TOKENS;
  });

  it("never writes a token or an Authorization header to the log", async () => {
    logs.length = 0;
    await call("/v1/policy", bearer(TOKENS[0] ?? ""));
    await call("/v1/policy", bearer("wrong-token-that-is-long-enough"));
    await new Promise((r) => setTimeout(r, 20));
    const text = logs.join("\n");
    expect(logs.filter((l) => l.includes('"request"'))).toHaveLength(2);
    for (const token of [...TOKENS, "wrong-token-that-is-long-enough"]) expect(text).not.toContain(token);
    expect(text.toLowerCase()).not.toContain("bearer");
  });
});

describe("serve's token options", () => {
  it("names each bad token by its position, never by its value", async () => {
    const error = (await serve({ handler, port: 0, signals: false, tokens: ["short", "good-token-good-token", 42 as never], loadTokens: "file" as never }).catch((e: unknown) => e)) as { code: string; issues: { path: string; code: string }[]; message: string };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.loadTokens:invalid_type", "options.tokens[0]:invalid_format", "options.tokens[2]:invalid_format"]);
    expect(JSON.stringify(error.issues) + error.message).not.toContain("short");
  });

  it("refuses to listen on a non-loopback address without a token, and leaves nothing behind", async () => {
    const before = ["SIGTERM", "SIGINT", "SIGHUP"].map((s) => process.listenerCount(s));
    for (const host of ["0.0.0.0", "::", "192.0.2.10", "pos-server.loja.lan"]) {
      const error = await serve({ handler, port: 0, host, log: () => undefined }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServeError);
      expect((error as ServeError).code).toBe("INSECURE_BIND");
      expect((error as ServeError).message).toContain(`refusing to listen on ${host}`);
      expect((error as ServeError).message).not.toContain("\n");
    }
    expect(["SIGTERM", "SIGINT", "SIGHUP"].map((s) => process.listenerCount(s))).toEqual(before);
  });

  it("listens on any loopback address without a token", async () => {
    for (const host of ["127.0.0.2", "localhost"]) {
      const server = await serve({ handler, port: 0, host, signals: false, log: () => undefined });
      expect((await fetch(`${server.url}/v1/policy`)).status).toBe(200);
      await server.close();
    }
  });

  it("insecure: true lets a non-loopback bind start without tokens (the choice is logged)", async () => {
    // 192.0.2.0/24 is reserved for documentation: never this machine's, so nothing is exposed.
    const error = await serve({ handler, port: 0, host: "192.0.2.10", insecure: true, signals: false, log: () => undefined }).catch((e: unknown) => e);
    expect((error as ServeError).code).toBe("EADDRNOTAVAIL"); // past the insecure-bind refusal, to the listen itself
  });
});
