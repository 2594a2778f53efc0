import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { presets } from "credit-block";
import { creditBlockMiddleware } from "credit-block/express";
import { createHandler } from "credit-block/http";
import { caseName, JSON_TYPE, PARITY_CASES, raw, send } from "../support/http.js";

// The middleware calls a credit-block handler's plain entry point; wrapped in an arrow function
// the same handler is an ordinary Fetch handler, which the middleware converts to and from
// Fetch objects. Both must answer alike, with express.json() in front and without it.
const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z"), maxBodyBytes: 4096 });
const viaFetch = (request: Request) => handler(request);

function app(parsed: boolean, h: Parameters<typeof creditBlockMiddleware>[0]): express.Express {
  const a = express();
  if (parsed) a.use(express.json({ limit: "1mb" }));
  a.use("/credit", creditBlockMiddleware(h));
  return a;
}

const servers: Server[] = [];
async function listen(a: express.Express): Promise<string> {
  const server = a.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const bases = { parsedDirect: "", parsedFetch: "", streamedDirect: "", streamedFetch: "" };
beforeAll(async () => {
  bases.parsedDirect = await listen(app(true, handler));
  bases.parsedFetch = await listen(app(true, viaFetch));
  bases.streamedDirect = await listen(app(false, handler));
  bases.streamedFetch = await listen(app(false, viaFetch));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe.each([
  ["after express.json()", "parsedDirect", "parsedFetch"],
  ["reading the body itself", "streamedDirect", "streamedFetch"],
] as const)("credit-block/express %s", (_name, direct, fetchPath) => {
  it.each(PARITY_CASES.map((c) => [caseName(c), c] as const))("answers %s as the Fetch path does", async (_case, sent) => {
    const path = `/credit${sent.path}`;
    const [a, b] = await Promise.all([send(bases[direct], { ...sent, path }), send(bases[fetchPath], { ...sent, path })]);
    expect(a).toEqual(b);
  });

  it("answers any JSON body on /v1/decide as the Fetch path does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const sent = { path: "/credit/v1/decide", type: JSON_TYPE, body: JSON.stringify(value) };
        const [a, b] = await Promise.all([send(bases[direct], sent), send(bases[fetchPath], sent)]);
        expect(a).toEqual(b);
        expect(a.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

describe("credit-block/express behind a body parser that did not read the body", () => {
  // Express 4's express.json() sets `req.body = {}` on every request, also on those whose
  // content type it does not parse, and leaves their bytes in the stream.
  const express4Json: express.RequestHandler = (req, _res, next) => {
    (req as { body?: unknown }).body ??= {};
    next();
  };
  it.each([["directly", handler], ["through Fetch objects", viaFetch]] as const)("decides on the bytes the client sent (%s)", async (_name, h) => {
    const a = express();
    a.use(express4Json);
    a.use("/credit", creditBlockMiddleware(h));
    const base = await listen(a);
    const sent = { ...(PARITY_CASES[0] ?? { path: "" }), path: "/credit/v1/decide", type: "application/vnd.pos+json" };
    const answer = await send(base, sent);
    expect(answer.status).toBe(200);
    expect(answer.headers[2]).toBe("deny");
  });
});

describe("credit-block/express behind express.raw() or express.text()", () => {
  it.each([
    ["express.raw()", express.raw({ type: "*/*" })],
    ["express.text()", express.text({ type: "*/*" })],
  ] as const)("decides on the bytes they kept (%s)", async (_name, parser) => {
    for (const h of [handler, viaFetch]) {
      const a = express();
      a.use(parser);
      a.use("/credit", creditBlockMiddleware(h));
      const base = await listen(a);
      const answer = await send(base, { ...(PARITY_CASES[0] ?? { path: "" }), path: "/credit/v1/decide" });
      expect([answer.status, answer.headers[2]]).toEqual([200, "deny"]);
    }
  });
});

describe("credit-block/express behind a middleware that read the body and kept nothing", () => {
  const swallow: express.RequestHandler = (req, _res, next) => {
    req.resume();
    req.once("end", () => { next(); });
  };
  it.each([["directly", handler], ["through Fetch objects", viaFetch]] as const)("answers 400 rather than wait for bytes that are gone (%s)", async (_name, h) => {
    const a = express();
    a.use(swallow);
    a.use("/credit", creditBlockMiddleware(h));
    const base = await listen(a);
    const answer = await send(base, { ...(PARITY_CASES[0] ?? { path: "" }), path: "/credit/v1/decide" });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("bad-json");
  });
});

describe("credit-block/express reading the body itself", () => {
  it("refuses a chunked body once it passes the limit, closes that connection and keeps serving", async () => {
    const chunk = `{"customer":{"id":"${"x".repeat(3000)}"`;
    const answer = await raw(bases.streamedDirect, `POST /credit/v1/decide HTTP/1.1\r\nHost: pos\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.toLowerCase()).toContain("connection: close");
    const after = await send(bases.streamedDirect, { ...(PARITY_CASES[0] ?? { path: "" }), path: "/credit/v1/decide" });
    expect(after.status).toBe(200);
  });

  it("leaves what is not under /v1/ to the app", async () => {
    expect((await send(bases.streamedDirect, { path: "/credit/other", method: "GET" })).status).toBe(404);
    expect((await send(bases.streamedDirect, { path: "/credit/v1x", method: "GET" })).status).toBe(404);
  });
});
