import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { main, type Io } from "../../src/adapters/cli/index.js";
import { JSON_TYPE, send } from "../support/http.js";

/** Issue #14 items 11 and 13 at the entry points a POS uses: the real server and the CLI. */
const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z"), maxBodyBytes: 16 * 1024 * 1024 });
let server: RunningServer;
beforeAll(async () => {
  server = await serve({ handler, port: 0, log: () => undefined, signals: false });
});
afterAll(async () => {
  await server.close();
});
const post = (path: string, body: string) => send(server.url, { path, type: JSON_TYPE, body });
const issuesOf = (body: string) => (JSON.parse(body) as { issues: { path: string; code: string; params?: Record<string, unknown> }[] }).issues;
const sale = { tenders: [{ method: "store_credit", amount: "100.00" }] };

describe("the sidecar, bounded and strict", () => {
  it("answers 50,000 invalid receivables with a 422 of a few kB", async () => {
    const receivables = Array.from({ length: 50_000 }, (_, i) => ({ id: `t${i}`, amount: "1,00", dueDate: "2026-13-01" }));
    for (const [path, body] of [
      ["/v1/decide", { customer: { id: "c" }, receivables, sale }],
      ["/v1/aging", { receivables }],
      ["/v1/payoff", { receivables, options: { terms: { finePercent: "2", monthlyInterestPercent: "1" } } }],
    ] as const) {
      const r = await post(path, JSON.stringify(body));
      expect(r.status, path).toBe(422);
      expect(r.body.length, path).toBeLessThan(32 * 1024);
      const issues = issuesOf(r.body);
      expect(issues, path).toHaveLength(101);
      expect(issues[100]?.code, path).toBe("too_many_issues");
    }
  });

  it("refuses asOf: null on every route that defaults it, naming the field", async () => {
    const decide = await post("/v1/decide", JSON.stringify({ asOf: null, customer: { id: "c" }, receivables: [], sale }));
    expect(decide.status).toBe(422);
    expect(issuesOf(decide.body).map((i) => i.path)).toContain("asOf");
    const aging = await post("/v1/aging", JSON.stringify({ receivables: [], options: { asOf: null } }));
    expect(aging.status).toBe(422);
    expect(issuesOf(aging.body).map((i) => i.path)).toContain("options.asOf");
    // Absent still means today in the server's zone.
    expect((await post("/v1/decide", JSON.stringify({ customer: { id: "c" }, receivables: [], sale }))).status).toBe(200);
  });

  it("refuses duplicate títulos in aging as decide does", async () => {
    const receivables = [{ id: "t1", amount: "10.00", dueDate: "2026-10-01" }, { id: "t1", amount: "10.00", dueDate: "2026-10-01" }];
    for (const [path, body] of [["/v1/aging", { receivables }], ["/v1/decide", { customer: { id: "c" }, receivables, sale }]] as const) {
      const r = await post(path, JSON.stringify(body));
      expect(r.status, path).toBe(422);
      expect(issuesOf(r.body)).toEqual([expect.objectContaining({ path: "receivables[1].id", code: "duplicate_id" })]);
    }
  });

  it("refuses a number literal a double cannot hold, with its path, never rounding it", async () => {
    for (const literal of ["250.0000000000000001", "12345678901234567", "1e400", "-1e400", "0.10000000000000000555"]) {
      const body = `{"customer": {"id": "c"}, "receivables": [{"id": "t", "amount": ${literal}, "dueDate": "2026-10-01"}], "sale": ${JSON.stringify(sale)}}`;
      const r = await post("/v1/decide", body);
      expect(r.status, literal).toBe(422);
      expect(issuesOf(r.body), literal).toEqual([expect.objectContaining({ path: "receivables[0].amount", code: "json.lossy_number", params: expect.objectContaining({ literal }) as unknown })]);
    }
    // Exact literals pass, however they are written.
    for (const literal of ["250.1", "250.10", "2.501e2", "25010e-2", "250"]) {
      const body = `{"customer": {"id": "c"}, "receivables": [{"id": "t", "amount": ${literal}, "dueDate": "2026-12-20"}], "sale": ${JSON.stringify(sale)}}`;
      expect((await post("/v1/decide", body)).status, literal).toBe(200);
    }
  });

  it("finds the path of any lossy literal at any depth (property)", async () => {
    const lossy = fc.constantFrom("250.0000000000000001", "12345678901234567", "1e400", "9007199254740993");
    const key = fc.stringMatching(/^[a-z]{1,6}$/);
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(key, fc.nat({ max: 3 })), { minLength: 1, maxLength: 4 }), lossy, async (path, literal) => {
      // Build {"a": [null, null, {"b": <literal>}]}-like nesting along `path`, with siblings.
      let text: string = literal;
      let expected = "";
      for (let d = path.length - 1; d >= 0; d--) {
        const step = path[d] as string | number;
        text = typeof step === "number" ? `[${"1.5, ".repeat(step)}${text}, "x"]` : `{"zz": 12, ${JSON.stringify(step)}: ${text}}`;
      }
      for (const step of path) expected += typeof step === "number" ? `[${step}]` : expected === "" ? step : `.${step}`;
      const r = await post("/v1/plan", text);
      expect(r.status).toBe(422);
      expect(issuesOf(r.body)).toEqual([expect.objectContaining({ path: expected, code: "json.lossy_number" })]);
    }), { numRuns: 200 });
  });
});

describe("the CLI, strict", () => {
  const dir = mkdtempSync(join(tmpdir(), "credit-block-strict-"));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const policy = file("policy.json", JSON.stringify(presets.blockCreditWhenOverdue({ graceDays: 5 })));
  async function run(argv: string[], stdin = "") {
    let out = "";
    let err = "";
    const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin, isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
    return { code: await main(argv, io), out, err };
  }

  it("refuses asOf: null, lossy numbers and duplicate títulos with the path", async () => {
    const nullAsOf = await run(["decide", "--policy", policy], JSON.stringify({ asOf: null, customer: { id: "c" }, receivables: [], sale }));
    expect(nullAsOf.code).toBe(1);
    expect(nullAsOf.err).toMatch(/^ {2}asOf: /m);
    const lossy = await run(["decide", "--policy", policy], `{"customer": {"id": "c"}, "receivables": [{"id": "t", "amount": 250.0000000000000001, "dueDate": "2026-10-01"}], "sale": ${JSON.stringify(sale)}}`);
    expect(lossy.code).toBe(1);
    expect(lossy.err).toContain("receivables[0].amount: the number 250.0000000000000001 cannot be read exactly");
    const ledger = file("ledger.json", JSON.stringify([{ id: "t1", amount: "10.00", dueDate: "2026-10-01" }, { id: "t1", amount: "10.00", dueDate: "2026-10-01" }]));
    const aging = await run(["aging", "--receivables", ledger]);
    expect(aging.code).toBe(1);
    expect(aging.err).toContain('receivables[1].id: id "t1" is used more than once');
  });
});
