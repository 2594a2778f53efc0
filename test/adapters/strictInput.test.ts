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
    const lossy = fc.constantFrom("250.0000000000000001", "12345678901234567", "1e400", "9007199254740993", "1e-400");
    const key = fc.stringMatching(/^[a-y]{1,6}$/);
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(key, fc.nat({ max: 5 })), { minLength: 1, maxLength: 4 }), lossy, async (path, literal) => {
      // Build {"a": [null, null, {"b": <literal>}]}-like nesting along `path`, with siblings.
      let text: string = literal;
      let expected = "";
      for (let d = path.length - 1; d >= 0; d--) {
        const step = path[d] as string | number;
        // Siblings of every kind before the value, empty containers included (an empty `{}`
        // once made the next string read as a key), and after it.
        text = typeof step === "number" ? `[${["1.5", "{}", "[]", '"s"', "{\"k\": []}"].slice(0, step).join(", ")}${step > 0 ? ", " : ""}${text}, "x"]` : `{"zz": 12, "ze": {}, "zf": "v", ${JSON.stringify(step)}: ${text}}`;
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

describe("the sidecar refuses what it used to guess (#14 items 11, 13)", () => {
  it("says how many issues it did not list, in a body of a few kB", async () => {
    const receivables = Array.from({ length: 50_000 }, (_, i) => ({ id: `t${i}`, amount: "1,00", dueDate: "2026-10-01" }));
    const r = await post("/v1/aging", JSON.stringify({ receivables }));
    expect(r.status).toBe(422);
    expect(r.body.length).toBeLessThan(64 * 1024);
    expect(issuesOf(r.body)[100]).toMatchObject({ path: "", code: "too_many_issues", params: { shown: 100, count: 1, unchecked: 49_899 } });
    // 50,000 lossy number literals: the JSON reader's list is bounded the same way.
    const lossy = await post("/v1/aging", `{"receivables": [${Array.from({ length: 50_000 }, (_, i) => `{"id": "t${i}", "amount": 1e400, "dueDate": "2026-10-01"}`).join(", ")}]}`);
    expect(lossy.status).toBe(422);
    expect(lossy.body.length).toBeLessThan(64 * 1024);
    const issues = issuesOf(lossy.body);
    expect(issues).toHaveLength(101);
    expect(issues[0]).toMatchObject({ path: "receivables[0].amount", code: "json.lossy_number" });
    expect(issues[100]).toMatchObject({ code: "too_many_issues", params: { count: 49_900 } });
  });

  it("refuses asOf: null on the charges and payoff routes too", async () => {
    const receivable = { id: "t1", amount: "100.00", dueDate: "2026-10-01" };
    const terms = { finePercent: "2", monthlyInterestPercent: "1" };
    const charges = await post("/v1/charges", JSON.stringify({ receivable, terms: { ...terms, asOf: null } }));
    expect(charges.status).toBe(422);
    expect(issuesOf(charges.body).map((i) => i.path)).toContain("terms.asOf");
    const payoff = await post("/v1/payoff", JSON.stringify({ receivables: [receivable], options: { asOf: null, terms } }));
    expect(payoff.status).toBe(422);
    expect(issuesOf(payoff.body).map((i) => i.path)).toContain("options.asOf");
    // Absent means today in the server's zone, on every route.
    expect(JSON.parse((await post("/v1/charges", JSON.stringify({ receivable, terms }))).body)).toMatchObject({ daysLate: 53 });
    expect(JSON.parse((await post("/v1/payoff", JSON.stringify({ receivables: [receivable], options: { terms } }))).body)).toMatchObject({ asOf: "2026-11-23" });
  });

  it("refuses a payoff whose terms.asOf contradicts the quote's date instead of quoting at today", async () => {
    const r = await post("/v1/payoff", JSON.stringify({ receivables: [{ id: "t1", amount: "100.00", dueDate: "2026-10-01" }], options: { terms: { finePercent: "2", monthlyInterestPercent: "1", asOf: "2026-10-15" } } }));
    expect(r.status).toBe(422);
    expect(issuesOf(r.body)).toEqual([expect.objectContaining({ path: "options.terms.asOf", code: "conflicting_value" })]);
  });

  it("refuses options, terms or a body that are not objects, naming them, instead of reading them as absent", async () => {
    for (const [path, body, at] of [
      ["/v1/aging", { receivables: [], options: null }, "options"],
      ["/v1/aging", { receivables: [], options: "2026-11-23" }, "options"],
      ["/v1/charges", { receivable: { id: "t1", amount: "1.00", dueDate: "2026-10-01" }, terms: [] }, "terms"],
      ["/v1/payoff", { receivables: [], options: null }, "options"],
      ["/v1/decide", [], ""],
      ["/v1/decide", null, ""],
      ["/v1/aging", "receivables", ""],
      ["/v1/proposal", 5, ""],
    ] as const) {
      const r = await post(path, JSON.stringify(body));
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(issuesOf(r.body), `${path} ${JSON.stringify(body)}`).toEqual([expect.objectContaining({ path: at, code: "invalid_type", params: expect.objectContaining({ expected: "object" }) as unknown })]);
    }
  });

  it("refuses money with more decimals than the currency, sent as a number a double holds (250.001)", async () => {
    const body = `{"customer": {"id": "c"}, "receivables": [{"id": "t", "amount": 250.001, "dueDate": "2026-10-01"}], "sale": ${JSON.stringify(sale)}}`;
    const r = await post("/v1/decide", body);
    expect(r.status).toBe(422);
    expect(issuesOf(r.body)).toEqual([expect.objectContaining({ path: "receivables[0].amount", code: "money.fraction_digits" })]);
    // -0, exponents and trailing zeros that a double holds exactly are read as written.
    for (const literal of ["-0", "0.0", "2.5e2", "250.100", "1E2"]) {
      const ok = `{"customer": {"id": "c"}, "receivables": [{"id": "t", "amount": 10, "dueDate": "2026-12-20"}], "sale": {"tenders": [{"method": "pix", "amount": 1}]}, "zz": ${literal}}`;
      const answer = await post("/v1/decide", ok);
      // An unknown top-level field is refused by the schema: the literal itself passed the JSON reader.
      expect(issuesOf(answer.body), literal).toEqual([expect.objectContaining({ path: "zz", code: "unknown_key" })]);
    }
  });
});

describe("the CLI refuses what it used to guess (#14 item 13)", () => {
  const dir = mkdtempSync(join(tmpdir(), "credit-block-strict2-"));
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  const policy = file("policy.json", presets.blockCreditWhenOverdue({ graceDays: 5 }));
  async function run(argv: string[], stdin = "") {
    let out = "";
    let err = "";
    const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin, isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
    return { code: await main(argv, io), out, err };
  }
  const receivable = { id: "t1", amount: "100.00", dueDate: "2026-10-01" };
  const terms = { finePercent: "2", monthlyInterestPercent: "1" };

  it("a request that is not an object is an input error naming the root, not a crash", async () => {
    for (const stdin of ["null", "[]", "5"]) {
      const r = await run(["decide", "--policy", policy], stdin);
      expect(r.code, stdin).toBe(1);
      expect(r.err, stdin).toMatch(/^ {2}\(root\): expected object/m);
    }
  });

  it("a file's asOf that contradicts --as-of is refused; alone, either one is used", async () => {
    const request = { asOf: "2026-11-23", customer: { id: "c" }, receivables: [], sale };
    const conflict = await run(["decide", "--policy", policy, "--as-of", "2026-11-24"], JSON.stringify(request));
    expect(conflict.code).toBe(1);
    expect(conflict.err).toContain('  asOf: "2026-11-23" contradicts --as-of (2026-11-24)');
    expect(JSON.parse((await run(["decide", "--policy", policy, "--as-of", "2026-11-23"], JSON.stringify(request))).out)).toMatchObject({ asOf: "2026-11-23" });
    const withoutAsOf = { customer: request.customer, receivables: request.receivables, sale };
    expect(JSON.parse((await run(["decide", "--policy", policy, "--as-of", "2026-11-20"], JSON.stringify(withoutAsOf))).out)).toMatchObject({ asOf: "2026-11-20" });
  });

  it("charges and payoff read the terms file's asOf (null refused), as decide reads the request's", async () => {
    const receivablePath = file("r.json", receivable);
    const nullTerms = await run(["charges", "--receivable", receivablePath, "--terms", file("t-null.json", { ...terms, asOf: null })]);
    expect(nullTerms.code).toBe(1);
    expect(nullTerms.err).toMatch(/^ {2}terms\.asOf: /m);
    const dated = file("t-dated.json", { ...terms, asOf: "2026-11-01" });
    expect(JSON.parse((await run(["charges", "--receivable", receivablePath, "--terms", dated])).out)).toMatchObject({ daysLate: 31 });
    const ledger = file("ledger.json", [receivable]);
    // Bare terms with asOf: the quote is at that date, not today.
    expect(JSON.parse((await run(["payoff", "--receivables", ledger, "--terms", dated])).out)).toMatchObject({ asOf: "2026-11-01" });
    const conflicting = await run(["payoff", "--receivables", ledger, "--terms", dated, "--as-of", "2026-11-23"]);
    expect(conflicting.code).toBe(1);
    expect(conflicting.err).toContain("options.terms.asOf");
    const notObject = await run(["payoff", "--receivables", ledger, "--terms", file("t-list.json", [terms])]);
    expect(notObject.code).toBe(1);
    expect(notObject.err).toMatch(/^ {2}options: expected object, received array/m);
  });

  it("prints a by-customer table of 150,000 customers (widths measured without a 150,000-argument call)", async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => ({ id: `t${i}`, customerId: `c${i}`, amount: "1.00", dueDate: "2026-12-01" }));
    const r = await run(["aging", "--receivables", file("many.json", { receivables: rows }), "--by-customer"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")).toHaveLength(150_000 + 2);
  });

  it("a JSON ledger that is not a list, or that holds a lossy number, is reported, not thrown", async () => {
    for (const content of ["null", "5", '{"rows": []}']) {
      const r = await run(["aging", "--receivables", file("bad.json", content)]);
      expect(r.code, content).toBe(1);
      expect(r.err, content).toContain("the JSON ledger must be an array of receivables");
    }
    const lossy = await run(["aging", "--receivables", file("lossy.json", '{"receivables": [{"id": "t1", "amount": 12345678901234567, "dueDate": "2026-10-01"}]}')]);
    expect(lossy.code).toBe(1);
    expect(lossy.err).toContain("receivables[0].amount: the number 12345678901234567 cannot be read exactly");
  });
});
