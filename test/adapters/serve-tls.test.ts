import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import type { TLSSocket } from "node:tls";
import { join } from "node:path";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, ServeError } from "credit-block/node";

/** Issue #15 item 7: HTTPS through node:https with a self-signed certificate made here by openssl. */
const handler = createHandler({ policy: presets.blockCreditWhenOverdue() });
let cert = "";
let key = "";
let otherKey = "";

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "cb-tls-"));
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
    "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
  openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other.pem");
  cert = readFileSync(join(dir, "cert.pem"), "utf8");
  key = readFileSync(join(dir, "key.pem"), "utf8");
  otherKey = readFileSync(join(dir, "other.pem"), "utf8");
});

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; authorized: boolean }> {
  return new Promise((resolve, reject) => {
    request(url, { ca: cert, servername: "localhost", headers }, (res) => {
      const authorized = (res.socket as Partial<TLSSocket>).authorized === true;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString("utf8")));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, body, authorized }); });
    }).on("error", reject).end();
  });
}

const signals = () => ["SIGTERM", "SIGINT", "SIGHUP"].map((s) => process.listenerCount(s));

describe("serve over TLS", () => {
  it("serves HTTPS with PEM text or bytes; url says https", async () => {
    for (const tls of [{ cert, key }, { cert: Buffer.from(cert), key: new Uint8Array(Buffer.from(key)) }]) {
      const running = await serve({ handler, port: 0, signals: false, log: () => undefined, tls });
      try {
        expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const answer = await get(`${running.url}/v1/health`);
        expect(answer).toEqual({ status: 200, body: '{"status":"ok"}', authorized: true });
      } finally {
        await running.close();
      }
    }
  });

  it("serves TLS together with tokens and the Host allow-list", async () => {
    const token = "t".repeat(32);
    const running = await serve({ handler, port: 0, signals: false, log: () => undefined, tls: { cert, key }, tokens: [token] });
    try {
      expect((await get(`${running.url}/v1/policy`)).status).toBe(401);
      expect((await get(`${running.url}/v1/policy`, { authorization: `Bearer ${token}` })).status).toBe(200);
      expect((await get(`${running.url}/v1/health`, { host: "evil.example" })).status).toBe(421);
    } finally {
      await running.close();
    }
  });

  it("refuses paths, non-PEM and malformed options by name, before anything starts", async () => {
    const before = signals();
    const error = (await serve({ handler, port: 0, tls: { cert: "/etc/ssl/cert.pem", key: 42 as never } }).catch((e: unknown) => e)) as { code: string; issues: { path: string; code: string; message: string }[] };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.tls.cert:invalid_format", "options.tls.key:invalid_type"]);
    expect(error.issues[0]?.message).toContain("not its path");
    const missing = (await serve({ handler, port: 0, tls: { cert } as never }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(missing.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.tls.key:required"]);
    const notObject = (await serve({ handler, port: 0, tls: "cert.pem" as never }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(notObject.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.tls:invalid_type"]);
    expect(signals()).toEqual(before);
  });

  it("rejects with ServeError INVALID_TLS when the PEM does not load or the key is not the certificate's", async () => {
    const before = signals();
    const broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    const encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
    const cases: [{ cert: string; key: string }, RegExp][] = [
      [{ cert, key: otherKey }, /^options\.tls\.key does not belong to the certificate in options\.tls\.cert$/],
      [{ cert: broken, key }, /^options\.tls\.cert is not a PEM certificate that loads \(.+\)$/],
      [{ cert, key: key.replace(/^(-----BEGIN PRIVATE KEY-----\n)./, "$1!") }, /^options\.tls\.key is not a PEM private key that loads \(.+\)$/],
      [{ cert, key: encrypted }, /^options\.tls\.key is encrypted: give the key without its passphrase/],
    ];
    for (const [tls, message] of cases) {
      const error = await serve({ handler, port: 0, log: () => undefined, tls }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServeError);
      expect((error as ServeError).code).toBe("INVALID_TLS");
      expect((error as ServeError).message).toMatch(message);
      expect((error as ServeError).message).not.toContain("\n");
    }
    expect(signals()).toEqual(before);
  });
});
