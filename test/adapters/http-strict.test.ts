import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { connect } from "node:net";
import { ageReceivables, CreditBlockError, evaluateProposal, localizeIssues, presets, type Issue } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { duplicateKeyIssues } from "../../src/adapters/http/jsonKeys.js";
import { localeOf } from "../../src/adapters/http/language.js";
import { charsetOf, firstInvalidUtf8 } from "../../src/adapters/http/encoding.js";
import { checkingIntervalOf } from "../../src/adapters/node/listen.js";

/**
 * Issue #22 on the real server (node:http on port 0), over raw sockets where a client library
 * would normalise what is sent (the HTTP version, pipelining, timeouts): every route refuses what
 * it does not understand, in the caller's language.
 */
const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
// 01:30 UTC on the 24th is still the 23rd in São Paulo: the server's zone, not UTC, makes today.
const NOW = new Date("2026-11-24T01:30:00Z");
const TODAY = "2026-11-23";
const TOKEN = "strict-test-token-0123456789";
const logs: string[] = [];
const requestLines = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "request");

let english: RunningServer; // no locale configured: English unless the caller asks
let portuguese: RunningServer; // createHandler({ locale: "pt-BR" }), serve follows it
let guarded: RunningServer; // tokens and CORS
let quick: RunningServer; // 300 ms headers, 600 ms request timeouts

beforeAll(async () => {
  const quiet = { port: 0, signals: false } as const;
  english = await serve({ ...quiet, handler: createHandler({ policy, now: () => NOW, maxBodyBytes: 4096 }), log: (l) => logs.push(l) });
  portuguese = await serve({ ...quiet, handler: createHandler({ policy, now: () => NOW, locale: "pt-BR" }), log: () => undefined });
  guarded = await serve({ ...quiet, handler: createHandler({ policy, now: () => NOW }), tokens: [TOKEN], corsOrigins: ["https://caixa.loja.com.br"], log: () => undefined });
  quick = await serve({ ...quiet, handler: createHandler({ policy, now: () => NOW }), headersTimeoutMs: 300, requestTimeoutMs: 600, log: (l) => logs.push(l) });
});
afterAll(async () => {
  await Promise.all([english.close(), portuguese.close(), guarded.close(), quick.close()]);
});

interface Answer { readonly status: number; readonly headers: Headers; readonly json: Record<string, unknown>; readonly text: string }

async function post(base: string, path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : new Uint8Array(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
const issuesOf = (answer: Answer): Issue[] => (answer.json.issues ?? []) as Issue[];
const pathsOf = (answer: Answer): string[] => issuesOf(answer).map((i) => `${i.path}:${i.code}`);

/** Everything a socket receives until the server closes it (or `waitMs` pass), and when the close came. */
function rawExchange(base: string, request: string | Buffer, options: { waitMs?: number; trickle?: string } = {}): Promise<{ readonly data: string; readonly ms: number; readonly closed: boolean }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let data = "";
    let trickle: ReturnType<typeof setInterval> | undefined;
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(request);
      if (options.trickle !== undefined) trickle = setInterval(() => { if (!socket.destroyed) socket.write(options.trickle as string); }, 100);
    });
    const giveUp = setTimeout(() => { socket.destroy(); }, options.waitMs ?? 5_000);
    socket.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    socket.on("error", (error: NodeJS.ErrnoException) => { if (error.code !== "ECONNRESET") reject(error); });
    socket.on("close", () => {
      clearTimeout(giveUp);
      clearInterval(trickle);
      resolve({ data, ms: performance.now() - started, closed: performance.now() - started < (options.waitMs ?? 5_000) });
    });
  });
}

/** The answers in a socket's bytes: status, lower-case headers and body of each (bodies by Content-Length). */
function answersIn(data: string): { status: number; headers: Record<string, string>; body: string }[] {
  const out: { status: number; headers: Record<string, string>; body: string }[] = [];
  let rest = data;
  while (rest.startsWith("HTTP/")) {
    const end = rest.indexOf("\r\n\r\n");
    const [statusLine = "", ...lines] = rest.slice(0, end).split("\r\n");
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
    const length = headers["content-length"] === undefined ? rest.length - end - 4 : Number(headers["content-length"]);
    const body = Buffer.from(rest.slice(end + 4), "utf8").subarray(0, length).toString("utf8");
    out.push({ status: Number(statusLine.split(" ")[1]), headers, body });
    rest = rest.slice(end + 4 + body.length);
  }
  return out;
}

/** Waits for the access line matching `match` (written when the response closes). */
async function lineWhere(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 300; i++) {
    const found = requestLines().find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("no such access line");
}

const receivable = { id: "t1", amount: "389.90", dueDate: "2026-10-07" };
const sale = { tenders: [{ method: "store_credit", amount: "100.00" }] };
const checkout = { customer: { id: "c1" }, receivables: [receivable], sale };

describe("1. unknown keys are refused on every route, at every depth; duplicate keys too", () => {
  it("POST /v1/aging with options.asof: 422 at options.asof, not a report computed for today", async () => {
    const answer = await post(english.url, "/v1/aging", JSON.stringify({ receivables: [receivable], options: { asof: "2020-01-01" } }));
    expect(answer.status).toBe(422);
    expect(issuesOf(answer)).toEqual([{ path: "options.asof", code: "unknown_key", params: { key: "asof" }, message: 'unknown field "asof" (a typo?)' }]);
    // Spelt right, the key is read (and the report is for that day).
    const right = await post(english.url, "/v1/aging", JSON.stringify({ receivables: [receivable], options: { asOf: "2026-10-30" } }));
    expect(right.status).toBe(200);
    expect(right.json).toEqual(JSON.parse(JSON.stringify(ageReceivables([receivable], { asOf: "2026-10-30", currency: "BRL", graceDays: 5 }))));
  });

  it.each([
    ["/v1/aging", { receivables: [receivable], option: {} }],
    ["/v1/charges", { receivable, terms: { finePercent: "2", monthlyInterestPercent: "1" }, term: {} }],
    ["/v1/payoff", { receivables: [receivable], options: { terms: { finePercent: "2", monthlyInterestPercent: "1" } }, discounts: {} }],
    ["/v1/proposal", { proposal: { installments: 0 }, debt: { amount: "100.00", daysOverdue: 3 }, policy: { id: "p", version: 1, limits: {} }, polcy: {} }],
    ["/v1/decide", { ...checkout, sales: {} }],
    ["/v1/plan", { principal: "1000.00", count: 3, monthlyRatePercent: "2", system: "price", firstDueDate: "2026-12-23", firstDue: "x" }],
  ] as const)("POST %s refuses an unknown top-level key at its path", async (path, body) => {
    const answer = await post(english.url, path, JSON.stringify(body));
    expect(answer.status).toBe(422);
    const extra = Object.keys(body).at(-1) ?? "";
    expect(pathsOf(answer)).toContain(`${extra}:unknown_key`);
  });

  it("lists the unknown key beside the library's own issues, all at once", async () => {
    const answer = await post(english.url, "/v1/charges", JSON.stringify({ receivable: { ...receivable, amount: "12,50" }, terms: { finePercent: "dois", monthlyInterestPercent: "1" }, extra: true }));
    expect(answer.status).toBe(422);
    expect(pathsOf(answer)).toEqual(expect.arrayContaining(["extra:unknown_key", "receivable.amount:money.format", "terms.finePercent:decimal.format"]));
  });

  it("refuses a key given twice, naming its path (in arrays, escaped, at the top), and leaves keys inside strings alone", async () => {
    const body = '{"customer": {"id": "c1", "id": "c2"}, "receivables": [{"id": "t1", "amount": "1.00", "dueDate": "2026-10-07", "\\u0061mount": "9.00"}], "sale": {"tenders": []}, "sale": {"tenders": []}}';
    const answer = await post(english.url, "/v1/decide", body);
    expect(answer.status).toBe(422);
    expect(issuesOf(answer)).toEqual([
      { path: "customer.id", code: "json.duplicate_key", params: { key: "id" }, message: 'the key "id" appears more than once in this object (JSON readers disagree on which one counts); send it once' },
      expect.objectContaining({ path: "receivables[0].amount", code: "json.duplicate_key" }),
      expect.objectContaining({ path: "sale", code: "json.duplicate_key" }),
    ]);
    // Quotes, backslashes and braces inside values are text, not keys.
    const tricky = JSON.stringify({ customer: { id: 'c1", "id": "c2\\', tags: ["{\"id\":1}"] }, receivables: [], sale: { tenders: [{ method: "pix", amount: "1.00" }] } });
    expect((await post(english.url, "/v1/decide", tricky)).status).toBe(200);
    // The same name in two objects is no repeat.
    expect((await post(english.url, "/v1/decide", JSON.stringify({ customer: { id: "c1" }, receivables: [{ ...receivable, id: "c1" }], sale }))).status).toBe(200);
  });

  it("finds every repeated key of any JSON, as JSON reads names (property, against the parsed entries)", () => {
    type Tree = { kind: "object"; entries: [string, boolean, Tree][] } | { kind: "array"; items: Tree[] } | { kind: "leaf"; text: string };
    const name = fc.constantFrom("a", "id", "é", "\"", "\\", "{", "}", "[", ",", ":", "a\"b", "\u2028", "");
    const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
      tree: fc.oneof({ depthSize: "small", withCrossShrink: true },
        fc.record({ kind: fc.constant("leaf" as const), text: fc.constantFrom('"x\\"y"', '"}{"', "1", "-2.5e3", "true", "null", '"\\\\"', '""', '"[,]"') }),
        fc.record({ kind: fc.constant("array" as const), items: fc.array(tie("tree"), { maxLength: 3 }) }),
        fc.record({ kind: fc.constant("object" as const), entries: fc.array(fc.tuple(name, fc.boolean(), tie("tree")), { maxLength: 4 }) })),
    }));
    /** The name as JSON text: plain, or with every character as a \u escape. */
    const spelt = (key: string, escaped: boolean): string => (escaped ? `"${Array.from({ length: key.length }, (_, i) => `\\u${key.charCodeAt(i).toString(16).padStart(4, "0")}`).join("")}"` : JSON.stringify(key));
    const write = (t: Tree): string => t.kind === "leaf" ? t.text : t.kind === "array" ? ` [ ${t.items.map(write).join(" , ")} ] ` : `{ ${t.entries.map(([k, e, v]) => `${spelt(k, e)} :${write(v)}`).join(",\n")} }`;
    const expected = (t: Tree, path: string): string[] => {
      if (t.kind === "leaf") return [];
      if (t.kind === "array") return t.items.flatMap((item, i) => expected(item, `${path}[${i}]`));
      const seen = new Set<string>();
      return t.entries.flatMap(([k, , v]) => {
        const at = path === "" ? k : `${path}.${k}`;
        const repeat = seen.has(k) ? [at] : [];
        seen.add(k);
        return [...repeat, ...expected(v, at)];
      });
    };
    // Paths in the order the text gives them: a repeat is reported when reached, before what it holds.
    fc.assert(fc.property(tree, (t) => {
      const text = write(t);
      JSON.parse(text); // the scan runs only on JSON that JSON.parse accepted
      expect(duplicateKeyIssues(text).map((i) => i.path)).toEqual(expected(t, ""));
    }), { numRuns: 2_000 });
  });
});

describe("2. problem details speak the caller's language", () => {
  const bad = JSON.stringify({ ...checkout, receivables: [{ ...receivable, amount: "12,50" }] });

  it("Accept-Language: pt-BR gives Portuguese title, detail and issue messages, with Content-Language and Vary", async () => {
    const en = await post(english.url, "/v1/decide", bad);
    const pt = await post(english.url, "/v1/decide", bad, { "accept-language": "pt-BR" });
    expect([en.status, pt.status]).toEqual([422, 422]);
    expect(en.json).toMatchObject({ title: "Invalid input", detail: "1 problem(s) in the request" });
    expect(pt.json).toMatchObject({ type: en.json.type, title: "Entrada inválida", detail: "1 problema(s) na requisição", code: "INVALID_INPUT" });
    expect(issuesOf(pt)).toEqual(localizeIssues(issuesOf(en), "pt-BR"));
    expect(issuesOf(pt)[0]?.message).not.toBe(issuesOf(en)[0]?.message);
    expect([pt.headers.get("content-language"), pt.headers.get("vary")]).toEqual(["pt-BR", "Accept-Language"]);
    expect([en.headers.get("content-language"), en.headers.get("vary")]).toEqual(["en", "Accept-Language"]);
  });

  it("weighs q-values: any pt is Portuguese, anything else English; no header is the server's locale", async () => {
    const cases: [string | undefined, RunningServer, string][] = [
      [undefined, english, "en"], [undefined, portuguese, "pt-BR"],
      ["pt", english, "pt-BR"], ["pt-PT", english, "pt-BR"], ["PT-br", english, "pt-BR"],
      ["en;q=0.5, pt;q=0.8", english, "pt-BR"], ["pt;q=0.4, en-US;q=0.9", portuguese, "en"],
      ["fr-CA, de", portuguese, "en"], ["pt;q=0, *", portuguese, "en"], ["*", portuguese, "pt-BR"], ["en, pt", portuguese, "en"],
      ["es, pt-BR;q=0.1", english, "pt-BR"], ["pt;q=abc, en", portuguese, "en"],
    ];
    for (const [header, server, locale] of cases) {
      const answer = await post(server.url, "/v1/nothing", "{}", header === undefined ? {} : { "accept-language": header });
      expect([header, answer.status, answer.headers.get("content-language")]).toEqual([header, 404, locale]);
      expect(answer.json.title).toBe(locale === "pt-BR" ? "Não encontrado" : "Not found");
    }
  });

  it("reads Accept-Language by RFC 9110 weights, ties to the first listed (unit)", () => {
    expect(localeOf("pt-PT,pt;q=0.9,en;q=0.8", "en")).toBe("pt-BR");
    expect(localeOf("en;q=0.8, pt;q=0.8", "pt-BR")).toBe("en");
    expect(localeOf("en;q=0.8, pt;q=0.9", "en")).toBe("pt-BR");
    expect(localeOf("*;q=0.5", "pt-BR")).toBe("pt-BR");
    expect(localeOf("*;q=0.5, en;q=0.1", "pt-BR")).toBe("pt-BR");
    expect(localeOf("pt;q=1.5", "en")).toBe("en"); // not a qvalue: skipped, and nothing else is listed
    expect(localeOf("  ", "pt-BR")).toBe("pt-BR");
    expect(localeOf("x".repeat(10_000), "pt-BR")).toBe("en");
  });

  it("serve's own problems too (401, 421), and Vary keeps CORS's Origin", async () => {
    const r401 = await fetch(`${guarded.url}/v1/policy`, { headers: { "accept-language": "pt-BR", origin: "https://caixa.loja.com.br" } });
    expect(r401.status).toBe(401);
    expect(await r401.json()).toMatchObject({ title: "Não autorizado", detail: "envie Authorization: Bearer <token>" });
    expect([r401.headers.get("content-language"), r401.headers.get("vary")]).toEqual(["pt-BR", "Origin, Accept-Language"]);
    const r421 = answersIn((await rawExchange(portuguese.url, "GET /v1/health HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")).data)[0];
    expect(r421?.status).toBe(421);
    expect(JSON.parse(r421?.body ?? "{}")).toMatchObject({ title: "Requisição mal direcionada" });
  });

  it("answers the same bytes through the Fetch handler as through serve, in either language", async () => {
    const handler = createHandler({ policy, now: () => NOW, maxBodyBytes: 4096 });
    for (const language of ["pt-BR", "en-US", undefined]) {
      const headers: Record<string, string> = { "content-type": "application/json", ...(language ? { "accept-language": language } : {}) };
      const served = await post(english.url, "/v1/decide", bad, headers);
      const fetched = await handler(new Request("http://pos.local/v1/decide", { method: "POST", headers, body: bad }));
      expect([fetched.status, fetched.headers.get("content-language"), await fetched.text()]).toEqual([served.status, served.headers.get("content-language"), served.text]);
    }
  });

  it("serve's locale option speaks for a handler that is not credit-block's", async () => {
    const other = await serve({ handler: () => Promise.resolve(new Response("ok")), port: 0, signals: false, log: () => undefined, tokens: [TOKEN], locale: "pt-BR" });
    try {
      const answer = await fetch(`${other.url}/v1/anything`, { headers: { authorization: "Bearer not-the-token-at-all" } });
      expect([answer.status, answer.headers.get("content-language"), ((await answer.json()) as Record<string, unknown>).detail]).toEqual([401, "pt-BR", "o token bearer não é válido"]);
    } finally {
      await other.close();
    }
  });

  it("leaves every answer that is not a problem as it was: no Content-Language, no Vary", async () => {
    const ok = await post(english.url, "/v1/decide", JSON.stringify(checkout), { "accept-language": "pt-BR" });
    expect(ok.status).toBe(200);
    expect([ok.headers.get("content-language"), ok.headers.get("vary")]).toEqual([null, null]);
    expect(ok.text).toBe(await post(english.url, "/v1/decide", JSON.stringify(checkout)).then((a) => a.text));
  });

  it("checks the locale option of createHandler and serve", async () => {
    const issues = (call: () => unknown): string[] => {
      try {
        call();
      } catch (error) {
        if (error instanceof CreditBlockError) return error.issues.map((i) => `${i.path}:${i.code}`);
      }
      return [];
    };
    expect(issues(() => createHandler({ policy, locale: "es" as never }))).toEqual(["options.locale:invalid_value"]);
    const refused = await serve({ handler: createHandler({ policy }), port: 0, signals: false, log: () => undefined, locale: "fr" as never }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CreditBlockError);
    expect((refused as CreditBlockError).issues.map((i) => i.path)).toEqual(["options.locale"]);
  });
});

describe("3. a body that is not UTF-8 says so, naming the charset it claimed", () => {
  const latin1 = Buffer.from('{"customer": {"id": "João"}, "receivables": [], "sale": {"tenders": []}}', "latin1");

  it("Latin-1 (a Delphi AnsiString): 400 not-utf-8 with the byte, its offset and the declared charset", async () => {
    const none = await post(english.url, "/v1/decide", latin1);
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({ type: "https://credit-block.dev/problems/not-utf-8", title: "Body is not UTF-8" });
    expect(none.json.detail).toBe("the body is not valid UTF-8 (byte 0xE3 at offset 23); it looks like Latin-1 (ISO-8859-1 or Windows-1252, e.g. a Delphi AnsiString); the request declared no charset. JSON is UTF-8 (RFC 8259 §8.1): send the body encoded as UTF-8");
    const claimed = await post(english.url, "/v1/decide", latin1, { "content-type": "application/json; charset=UTF-8", "accept-language": "pt-BR" });
    expect(claimed.status).toBe(400);
    expect(claimed.json.detail).toContain("declarou charset=utf-8");
    expect(claimed.json.title).toBe("O corpo não está em UTF-8");
  });

  it("UTF-16, with or without its byte order mark: 400 saying it looks like UTF-16 (not 'malformed JSON')", async () => {
    const text = JSON.stringify(checkout);
    for (const body of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), Buffer.from(text, "utf16le"), Buffer.from(text, "utf16le").swap16()]) {
      const answer = await post(english.url, "/v1/decide", body);
      expect(answer.status).toBe(400);
      expect(answer.json.type).toBe("https://credit-block.dev/problems/not-utf-8");
      expect(answer.json.detail).toContain("it looks like UTF-16");
    }
  });

  it("a declared charset other than UTF-8: 415 naming it; utf-8 in any case or quoted is fine", async () => {
    const refused = await post(english.url, "/v1/decide", JSON.stringify(checkout), { "content-type": "application/json; charset=windows-1252" });
    expect(refused.status).toBe(415);
    expect(refused.json).toMatchObject({ title: "Unsupported charset" });
    expect(refused.json.detail).toContain("charset windows-1252 is not supported");
    for (const type of ['application/json; charset="UTF-8"', "application/json;charset=utf8", "application/json; Charset=Utf-8"]) {
      expect((await post(english.url, "/v1/decide", JSON.stringify(checkout), { "content-type": type })).status, type).toBe(200);
    }
  });

  it("reads the charset parameter and finds the first byte that is not UTF-8 (unit)", () => {
    expect(charsetOf('application/json; charset="ISO-8859-1"')).toBe("iso-8859-1");
    expect(charsetOf("application/json; foo=bar")).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from("ação", "utf8"))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc3]))).toBe(1); // cut short
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0x80]))).toBe(0); // overlong
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
    }), { numRuns: 3_000 });
  });

  it("malformed JSON says where, or that the body is empty or cut short", async () => {
    expect((await post(english.url, "/v1/decide", '{"customer": {},}')).json.detail).toBe("the body is not valid JSON (at character offset 16)");
    // Where the parser does not say, nor does the answer (its message would quote the body).
    expect((await post(english.url, "/v1/decide", '{"customer": x}')).json.detail).toBe("the body is not valid JSON");
    expect((await post(english.url, "/v1/decide", '{"customer": {')).json.detail).toBe("the body ends before its JSON value does (cut short?)");
    expect((await post(english.url, "/v1/decide", "")).json.detail).toBe("the body is empty: send a JSON object");
  });
});

describe("4. timeouts are what they say, and the log has the status the client saw", () => {
  it("picks how often Node checks so each timeout fires within a second of its value (Node's default is every 30 s)", () => {
    expect(checkingIntervalOf(10_000, 30_000)).toBe(1_000);
    expect(checkingIntervalOf(300, 600)).toBe(75);
    expect(checkingIntervalOf(0, 40)).toBe(25);
    expect(checkingIntervalOf(0, 0)).toBe(30_000);
  });

  it("headers that never end: a 408 problem within a second of the 300 ms headers timeout, logged as 408", async () => {
    const { data, ms } = await rawExchange(quick.url, "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nx-slow: ");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1_300);
    const [answer] = answersIn(data);
    expect(answer?.status).toBe(408);
    expect(answer?.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(JSON.parse(answer?.body ?? "{}")).toMatchObject({ status: 408, title: "Request timeout", detail: "the request's headers did not arrive within 300 ms" });
    const line = await lineWhere((l) => l.requestId === answer?.headers["x-request-id"]);
    expect(line).toMatchObject({ status: 408, error: "ERR_HTTP_REQUEST_TIMEOUT", closed: "headers timeout (300 ms)" });
  });

  it("a body trickled slower than the 600 ms request timeout: 408 within a second, in the caller's language, logged as 408 on its route", async () => {
    const request = "POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: pt-BR\r\nx-request-id: slow-body-1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{";
    const { data, ms } = await rawExchange(quick.url, request, { trickle: " " });
    expect(ms).toBeGreaterThanOrEqual(590);
    expect(ms).toBeLessThan(1_600);
    const [answer] = answersIn(data);
    expect(answer?.status).toBe(408);
    expect(JSON.parse(answer?.body ?? "{}")).toMatchObject({ title: "Tempo esgotado", detail: "a requisição não chegou inteira em 600 ms" });
    const line = await lineWhere((l) => l.requestId === "slow-body-1");
    expect(line).toMatchObject({ method: "POST", route: "/v1/decide", status: 408, closed: "request timeout (600 ms)" });
    // And the server keeps serving.
    expect((await fetch(`${quick.url}/v1/health`)).status).toBe(200);
  });

  it("refuses a headers timeout longer than the request timeout at start-up, naming the option (Node threw a RangeError)", async () => {
    const refused = await serve({ handler: createHandler({ policy }), port: 0, signals: false, log: () => undefined, headersTimeoutMs: 60_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CreditBlockError);
    expect((refused as CreditBlockError).issues.map((i) => `${i.path}:${i.code}`)).toEqual(["options.headersTimeoutMs:too_big"]);
  });
});

describe("5. protocol manners", () => {
  it.each(["2.0", "1.2", "3.0", "0.9"])("HTTP/%s: 505 problem, logged, connection closed", async (version) => {
    const { data, closed } = await rawExchange(english.url, `GET /v1/health HTTP/${version}\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(closed).toBe(true);
    const [answer] = answersIn(data);
    expect(answer?.status).toBe(505);
    expect(JSON.parse(answer?.body ?? "{}")).toMatchObject({ type: "https://credit-block.dev/problems/http-version-not-supported", status: 505, detail: `HTTP/${version} is not supported: send HTTP/1.1 (or HTTP/1.0)` });
    await lineWhere((l) => l.status === 505 && l.closed === `HTTP/${version} is not HTTP/1.x`);
  });

  it("HTTP/1.0 and 1.1 are served", async () => {
    for (const version of ["1.0", "1.1"]) {
      const [answer] = answersIn((await rawExchange(english.url, `GET /v1/health HTTP/${version}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).data);
      expect([version, answer?.status, answer?.body]).toEqual([version, 200, '{"status":"ok"}']);
    }
  });

  it("requests pipelined behind a refused one (415, 404, 401) are answered", async () => {
    const pipelined = [
      "POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}",
      "POST /v1/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
      "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    ].join("");
    expect(answersIn((await rawExchange(english.url, pipelined)).data).map((a) => a.status)).toEqual([415, 404, 200]);
    const unauthorized = `POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /v1/policy HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`;
    expect(answersIn((await rawExchange(guarded.url, unauthorized)).data).map((a) => a.status)).toEqual([401, 200]);
  });

  it("behind a refused body that is not read (over the limit, chunked), the connection closes and the log says why", async () => {
    const big = "x".repeat(5_000);
    const tooLarge = `POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nx-request-id: big-1\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n${big}GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const first = await rawExchange(english.url, tooLarge);
    expect(first.closed).toBe(true);
    expect(answersIn(first.data).map((a) => [a.status, a.headers.connection])).toEqual([[413, "close"]]);
    expect(await lineWhere((l) => l.requestId === "big-1")).toMatchObject({ status: 413, closed: "the body (5000 bytes) was not read after the 413: the connection closes, and requests pipelined behind it are not answered" });
    const chunked = "POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nx-request-id: chunked-1\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    expect(answersIn((await rawExchange(english.url, chunked)).data).map((a) => a.status)).toEqual([415]);
    const chunkedLine = await lineWhere((l) => l.requestId === "chunked-1");
    expect(chunkedLine.status).toBe(415);
    expect(chunkedLine.closed).toContain("the body (chunked) was not read after the 415");
  });

  it("a request line the parser cannot read: 400 problem naming the reason, logged", async () => {
    const [answer] = answersIn((await rawExchange(english.url, "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: x\r\n\r\n")).data);
    expect(answer?.status).toBe(400);
    expect(JSON.parse(answer?.body ?? "{}")).toMatchObject({ type: "https://credit-block.dev/problems/bad-request", detail: "the request is not valid HTTP/1.1 (Invalid header token)" });
    expect(await lineWhere((l) => l.requestId === answer?.headers["x-request-id"])).toMatchObject({ status: 400, error: "HPE_INVALID_HEADER_TOKEN" });
  });

  it("POST /v1/proposal defaults debt.asOf to today in the server's time zone, like the other routes", async () => {
    const body = { proposal: { downPayment: "200.00", installments: 4 }, debt: { amount: "1000.00", daysOverdue: 45 }, policy: { id: "acordos", version: 1, limits: { maxInstallments: 6 } } };
    const answer = await post(english.url, "/v1/proposal", JSON.stringify(body));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(JSON.parse(JSON.stringify(evaluateProposal(body.proposal, { ...body.debt, asOf: TODAY }, body.policy))));
    expect(answer.json).not.toEqual(JSON.parse(JSON.stringify(evaluateProposal(body.proposal, { ...body.debt, asOf: "2026-11-24" }, body.policy))));
    // A sent asOf is the caller's (null refused, not read as absent).
    expect(pathsOf(await post(english.url, "/v1/proposal", JSON.stringify({ ...body, debt: { ...body.debt, asOf: null } })))).toContain("debt.asOf:invalid_type");
  });
});
