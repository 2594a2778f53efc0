import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { connect } from "node:net";

/**
 * Issue #15 items 7 and 9 on the real server, over raw sockets where a client library would
 * normalise what is sent (the Host header, Origin): the Host allow-list against DNS rebinding,
 * CORS only when configured, and the request id on every answer.
 */
const handler = createHandler({ policy: presets.blockCreditWhenOverdue(), now: () => new Date("2026-11-23T15:00:00Z") });
const quiet = { port: 0, signals: false, log: () => undefined } as const;
let plain: RunningServer; // loopback defaults
let listed: RunningServer; // allowedHosts and corsOrigins configured
let guarded: RunningServer; // tokens and CORS: a preflight needs no token
const TOKEN = "k".repeat(32);

beforeAll(async () => {
  plain = await serve({ handler, ...quiet });
  listed = await serve({ handler, ...quiet, allowedHosts: ["POS-Server.loja.lan", "10.0.0.5"], corsOrigins: ["https://caixa.loja.com.br", "http://localhost:5173/"] });
  guarded = await serve({ handler, ...quiet, tokens: [TOKEN], corsOrigins: ["https://caixa.loja.com.br"] });
});
afterAll(async () => {
  await Promise.all([plain.close(), listed.close(), guarded.close()]);
});

/** A raw HTTP/1.1 exchange on a socket to the server's own address. */
function raw(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = "";
    socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => { resolve(data); });
  });
}

interface Parsed { status: number; headers: Record<string, string>; body: string }
/** One raw HTTP/1.1 request (Connection: close) and its answer, headers by lower-case name. */
async function rawRequest(server: RunningServer, lines: string[], sent = ""): Promise<Parsed> {
  const text = await raw(server.url, `${[...lines, "Connection: close"].join("\r\n")}\r\n\r\n${sent}`);
  const [head = "", ...rest] = text.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = rest.join("\r\n\r\n");
  if (headers["transfer-encoding"] === "chunked") {
    let decoded = "";
    for (let at = 0; ;) {
      const eol = body.indexOf("\r\n", at);
      const size = parseInt(body.slice(at, eol), 16);
      if (!(size > 0)) break;
      decoded += body.slice(eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    body = decoded;
  }
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}
const get = (server: RunningServer, path: string, headers: string[] = []) => rawRequest(server, [`GET ${path} HTTP/1.1`, ...headers]);

describe("the Host allow-list (DNS rebinding)", () => {
  it("on loopback answers localhost, 127.0.0.1 and [::1], any case, any port", async () => {
    for (const host of ["localhost", "LOCALHOST:8787", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8787", "localhost."]) {
      expect((await get(plain, "/v1/health", [`Host: ${host}`])).status, host).toBe(200);
    }
  });

  it("refuses any other name with 421 problem+json, the attacker's domain first", async () => {
    for (const host of ["evil.example", "evil.example:8787", "127.0.0.1.nip.io", "localhost.evil.example", "127.0.0.2", "[::2]", "a b", "::1", "", "[::1]x"]) {
      const answer = await get(plain, "/v1/policy", [`Host: ${host}`]);
      expect(answer.status, host).toBe(421);
      expect(answer.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(JSON.parse(answer.body)).toMatchObject({ type: "https://credit-block.dev/problems/misdirected-request", status: 421 });
    }
  });

  it("answers a request without a Host header (HTTP/1.0): a browser always sends one", async () => {
    const answer = await rawRequest(plain, ["GET /v1/health HTTP/1.0"]);
    expect(answer.status).toBe(200);
  });

  it("with allowedHosts answers exactly those names (and refuses the loopback defaults)", async () => {
    for (const host of ["pos-server.loja.lan", "POS-SERVER.LOJA.LAN:8787", "10.0.0.5:8787"]) expect((await get(listed, "/v1/health", [`Host: ${host}`])).status, host).toBe(200);
    for (const host of ["localhost", "127.0.0.1", "loja.lan", "pos-server.loja.lan.evil.example"]) expect((await get(listed, "/v1/health", [`Host: ${host}`])).status, host).toBe(421);
  });

  it("the configured host is allowed by default", async () => {
    const other = await serve({ handler, ...quiet, host: "127.0.0.3" });
    try {
      expect((await get(other, "/v1/health", ["Host: 127.0.0.3:9"])).status).toBe(200);
      expect((await get(other, "/v1/health", ["Host: localhost"])).status).toBe(200);
      expect((await get(other, "/v1/health", ["Host: 127.0.0.4"])).status).toBe(421);
    } finally {
      await other.close();
    }
  });

  it("names a bad entry at start-up", async () => {
    const error = (await serve({ handler, ...quiet, allowedHosts: ["ok.lan", "http://pos/", "a b"] }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(error.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.allowedHosts[1]:invalid_format", "options.allowedHosts[2]:invalid_format"]);
    const empty = (await serve({ handler, ...quiet, allowedHosts: [] }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(empty.issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.allowedHosts:invalid_type"]);
  });
});

describe("CORS", () => {
  const host = "Host: pos-server.loja.lan";
  it("is off unless configured: no CORS header at all, OPTIONS is the handler's 405", async () => {
    const answer = await get(plain, "/v1/policy", ["Host: localhost", "Origin: https://caixa.loja.com.br"]);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.headers).filter((h) => h.startsWith("access-control-") || h === "vary")).toEqual([]);
    const preflight = await rawRequest(plain, ["OPTIONS /v1/decide HTTP/1.1", "Host: localhost", "Origin: https://caixa.loja.com.br", "Access-Control-Request-Method: POST"]);
    expect(preflight.status).toBe(405);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("allows a configured origin, exactly", async () => {
    for (const origin of ["https://caixa.loja.com.br", "http://localhost:5173"]) {
      const answer = await get(listed, "/v1/policy", [host, `Origin: ${origin}`]);
      expect(answer.status).toBe(200);
      expect(answer.headers["access-control-allow-origin"]).toBe(origin);
      expect(answer.headers.vary).toBe("Origin");
      expect(answer.headers["access-control-expose-headers"]).toBe("x-request-id, x-credit-outcome");
    }
    for (const origin of ["https://caixa.loja.com.br.evil.example", "http://caixa.loja.com.br", "https://caixa.loja.com.br:444", "null", "https://evil.example"]) {
      const answer = await get(listed, "/v1/policy", [host, `Origin: ${origin}`]);
      expect(answer.status).toBe(200);
      expect(answer.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(answer.headers.vary).toBe("Origin"); // a cache must not serve one origin's answer to another
    }
  });

  it("answers a preflight from an allowed origin with 204, before the token check", async () => {
    const preflight = await rawRequest(guarded, ["OPTIONS /v1/decide HTTP/1.1", "Host: 127.0.0.1", "Origin: https://caixa.loja.com.br", "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: authorization, content-type"]);
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      "access-control-allow-origin": "https://caixa.loja.com.br",
      "access-control-allow-methods": "GET, HEAD, POST",
      "access-control-allow-headers": "authorization, content-type, x-request-id",
      "access-control-max-age": "600",
      vary: "Origin",
    });
    expect(preflight.headers["x-request-id"]).toBeDefined();
    // The request itself still needs the token, and a 401 is readable by the page.
    const refused = await get(guarded, "/v1/policy", ["Host: 127.0.0.1", "Origin: https://caixa.loja.com.br"]);
    expect(refused.status).toBe(401);
    expect(refused.headers["access-control-allow-origin"]).toBe("https://caixa.loja.com.br");
    const allowed = await get(guarded, "/v1/policy", ["Host: 127.0.0.1", "Origin: https://caixa.loja.com.br", `Authorization: Bearer ${TOKEN}`]);
    expect(allowed.status).toBe(200);
    // A preflight from another origin is no preflight to us: it needs the token like anything else.
    const foreign = await rawRequest(guarded, ["OPTIONS /v1/decide HTTP/1.1", "Host: 127.0.0.1", "Origin: https://evil.example", "Access-Control-Request-Method: POST"]);
    expect(foreign.status).toBe(401);
    expect(foreign.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("names a bad origin at start-up", async () => {
    const error = (await serve({ handler, ...quiet, corsOrigins: ["https://ok.example", "*", "https://pos.example/app", "ftp://x.example"] }).catch((e: unknown) => e)) as { issues: { path: string; code: string }[] };
    expect(error.issues.map((i) => i.path)).toEqual(["options.corsOrigins[1]", "options.corsOrigins[2]", "options.corsOrigins[3]"]);
  });
});

describe("the request id", () => {
  const failing = (): Promise<Response> => Promise.reject(new Error("a bug"));
  let broken: RunningServer;
  beforeAll(async () => {
    broken = await serve({ handler: failing, ...quiet });
  });
  afterAll(async () => {
    await broken.close();
  });

  it("is the client's x-request-id when it is a safe token, returned as sent", async () => {
    for (const id of ["abc-123", "pos-7:sale.42_x", "A".repeat(128)]) {
      expect((await get(plain, "/v1/health", ["Host: localhost", `X-Request-Id: ${id}`])).headers["x-request-id"]).toBe(id);
    }
  });

  it("is made (a UUID) when absent or unsafe, never echoing what was sent", async () => {
    const seen = new Set<string>();
    for (const id of [undefined, "", "A".repeat(129), "a b", "<script>", "id;drop", "é"]) {
      const answer = await get(plain, "/v1/health", ["Host: localhost", ...(id === undefined ? [] : [`X-Request-Id: ${id}`])]);
      const made = answer.headers["x-request-id"] ?? "";
      expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(made);
    }
    expect(seen.size).toBe(7);
  });

  it("is on every answer: 200, 400, 401, 404, 421, 500 and the preflight's 204", async () => {
    const id = ["X-Request-Id: trace-1"];
    const answers = [
      await get(plain, "/v1/health", ["Host: localhost", ...id]),
      await get(plain, "//[bad", ["Host: localhost", ...id]),
      await get(guarded, "/v1/policy", ["Host: localhost", ...id]),
      await get(plain, "/v1/nothing", ["Host: localhost", ...id]),
      await get(plain, "/v1/health", ["Host: evil.example", ...id]),
      await get(broken, "/v1/health", ["Host: localhost", ...id]),
      await rawRequest(listed, ["OPTIONS /v1/decide HTTP/1.1", "Host: 10.0.0.5", "Origin: https://caixa.loja.com.br", ...id]),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 400, 401, 404, 421, 500, 204]);
    for (const a of answers) expect(a.headers["x-request-id"]).toBe("trace-1");
  });
});
