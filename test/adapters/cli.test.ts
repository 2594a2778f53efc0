import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { presets } from "credit-block";
import { main, type Io } from "../../src/adapters/cli/index.js";
import { parse } from "csv-parse/sync";
const parseCsv = (text: string, options: { delimiter: string; skip_empty_lines?: boolean; relax_column_count?: boolean }): string[][] => parse(text, options);
import { neutralize, writeCsv } from "../../src/adapters/cli/output.js";
import { csvBatches, loadCsvParser } from "../../src/adapters/cli/ledger/records.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "credit-block-cli-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const policyPath = file("policy.json", presets.blockCreditWhenOverdue({ graceDays: 5 }));

async function run(argv: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => stdin, isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("credit-block CLI", () => {
  it("decide exits 0 allow, 2 review, 3 deny so shell scripts can branch", async () => {
    const request = (receivables: object[], method = "store_credit") => JSON.stringify({ customer: { id: "c1", creditLimit: "100.00" }, receivables, sale: { tenders: [{ method, amount: "50.00" }] } });
    expect((await run(["decide", "--policy", policyPath], request([]))).code).toBe(0);
    const denied = await run(["decide", "--policy", policyPath], request([{ id: "t", amount: "10.00", dueDate: "2026-10-01" }]));
    expect(denied.code).toBe(3);
    expect(JSON.parse(denied.out)).toMatchObject({ outcome: "deny", asOf: "2026-11-23" });
    const limitPolicy = file("limit.json", presets.creditLimit());
    expect((await run(["decide", "--policy", limitPolicy, "--request", file("r.json", request([{ id: "t", amount: "90.00", dueDate: "2026-12-10" }]))])).code).toBe(2);
  });

  it("ages a pt-BR ERP export: ; separator, 1.234,56, 25/11/2026, Portuguese headers; a bad row is reported by line and the rest processed", async () => {
    const csv = file("ledger.csv", [
      "titulo;cliente;valor;vencimento",
      "T1;C1;1.234,56;25/10/2026",
      '"T2";"C1";"100,00";01/12/2026',
      "T3;C2;abc;01/11/2026",
      "T4;C2;50,00;01/06/2026",
    ].join("\r\n"));
    const r = await run(["aging", "--receivables", csv, "--locale", "pt-BR", "--format", "json"]);
    expect(r.code).toBe(4);
    expect(r.err).toContain('line 4: valor "abc" is not an amount written as 1.234,56\n');
    const report = JSON.parse(r.out) as { total: string; count: number };
    expect(report).toMatchObject({ total: "1384.56", count: 3 });
    const table = await run(["aging", "--receivables", csv, "--locale", "pt-BR", "--by-customer"]);
    expect(table.out).toMatch(/^cliente +a vencer/);
    const csvOut = await run(["aging", "--receivables", csv, "--locale", "pt-BR", "--format", "csv"]);
    const rows = parseCsv(csvOut.out, { delimiter: ";" });
    expect(rows[0]).toEqual(["faixa", "valor", "títulos"]);
    expect(rows.find((row) => row[0] === "total")).toEqual(["total", "1384,56", "3"]);
  });

  it("reads a ledger saved by Excel in Portuguese (Windows-1252), accented headers included", async () => {
    const lines = ["Título;Cliente;Valor;Vencimento;Situação", "T1;João;1.234,56;25/10/2026;aberto", "T2;Conceição;100,00;01/12/2026;aberto"].join("\r\n");
    const path = join(dir, "excel-1252.csv");
    writeFileSync(path, Buffer.from(lines, "latin1")); // the same bytes as Windows-1252 for these letters
    expect(Buffer.from(lines, "latin1").toString("utf8")).toContain("\ufffd"); // not UTF-8: the case at hand
    const r = await run(["aging", "--receivables", path, "--locale", "pt-BR", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${path}: read as Windows-1252 (byte 0xED at 1 is not UTF-8), separator ';', decimal comma, dates dd/mm/aaaa\n`);
    expect(JSON.parse(r.out)).toMatchObject({ total: "1334.56", count: 2 });
  });

  it("maps custom headers", async () => {
    const csv = file("mapped.csv", "doc,vlr,vencto\nA,10.00,2026-11-01\n");
    const r = await run(["aging", "--receivables", csv, "--map", "doc=id,vlr=amount,vencto=dueDate", "--format", "json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { total: string }).total).toBe("10.00");
  });

  it("computes charges and plans from flags", async () => {
    const charges = await run(["charges", "--receivable", file("rec.json", { id: "t", amount: "100.00", dueDate: "2026-11-03" }), "--fine", "2", "--interest", "1", "--as-of", "2026-11-13"]);
    expect(JSON.parse(charges.out)).toMatchObject({ total: "102.33" });
    const plan = await run(["plan", "--principal", "1000.00", "--count", "3", "--rate", "2", "--system", "price", "--first-due", "2026-12-23"]);
    expect(plan.out).toContain("346,76".replace(",", "."));
    expect(plan.code).toBe(0);
  });

  it("validates policy files naming every problem with its JSON path, and prints the schema", async () => {
    const bad = file("bad.json", { id: "x", version: 1, rules: [{ id: "r", when: { fact: "overdueCont", op: "gt", value: 0 }, scope: { methods: ["cash"] }, action: "deny" }] });
    const r = await run(["policy", "validate", bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("rules[0].when.fact: unknown fact");
    expect(r.err).toContain("rules[0].scope:");
    expect((await run(["policy", "validate", policyPath])).out).toMatch(/^ok: block-credit-when-overdue v1/);
    expect(JSON.parse((await run(["policy", "schema"])).out)).toHaveProperty("properties.rules");
  });

  it("reports usage errors with exit 1", async () => {
    expect((await run(["nope"])).code).toBe(1);
    expect((await run(["aging", "--bogus"])).code).toBe(1);
    expect((await run(["decide", "--policy", join(dir, "missing.json")])).code).toBe(1);
    expect((await run([])).out).toContain("credit-block <command>");
    // A zone or a port that cannot work is named, not a stack trace.
    const zone = await run(["aging", "--receivables", join(dir, "missing.csv"), "--tz", "Mars/Olympus_Mons"]);
    expect([zone.code, zone.err.split("\n")[0]]).toEqual([1, '--tz "Mars/Olympus_Mons" is not an IANA time zone (e.g. America/Sao_Paulo)']);
    const port = await run(["serve", "--policy", file("port.json", presets.creditLimit()), "--port", "80a"]);
    expect([port.code, port.err.split("\n")[0]]).toEqual([1, 'credit-block serve: --port "80a" is not a port number (0 to 65535)']);
  });

  it("answers --version, --help and <command> --help with exit 0, and refuses an unknown --format", async () => {
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    for (const args of [["--version"], ["-v"]]) expect(await run(args)).toMatchObject({ code: 0, out: `${version}\n` });
    for (const args of [["--help"], ["-h"], ["aging", "--help"], ["serve", "-h"]]) {
      const answer = await run(args);
      expect(answer.code).toBe(0);
      expect(answer.out).toContain("credit-block <command>");
    }
    const format = await run(["aging", "--receivables", "x.csv", "--format", "xlsx"]);
    expect([format.code, format.err.split("\n")[0]]).toEqual([1, '--format "xlsx" is not one of table, json, csv for aging']);
    expect((await run(["payoff", "--format", "table"])).code).toBe(1);
  });

  it("runs as a real process (bin)", () => {
    const denied = spawnSync(process.execPath, ["--import", "tsx", "src/adapters/cli/bin.ts", "decide", "--policy", policyPath, "--format", "table"], {
      cwd: root, encoding: "utf8", input: JSON.stringify({ asOf: "2026-11-23", customer: { id: "c" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "boleto", amount: "5.00" }] } }),
    });
    expect(denied.status).toBe(3);
    // pt-BR by default, no code words on the cashier's table (#14 item 10); English on request.
    expect(denied.stdout).toMatch(/^RESTRITO — negada\n {2}boleto \(a prazo\) R\$ 5,00: negada\n {4}recusa: /);
    expect(denied.stdout).toMatch(/receber R\$ 10,00 libera o crediário:\n {4}t \(vencido\): R\$ 10,00 \+ multa R\$ 0,00 \+ juros R\$ 0,00 = R\$ 10,00/);
    expect(denied.stdout).not.toMatch(/\b(deny|deferred|restricted|boleto\/)\b/);
    expect(execFileSync(process.execPath, ["--import", "tsx", "src/adapters/cli/bin.ts", "policy", "validate", policyPath], { cwd: root, encoding: "utf8" })).toContain("ok:");
  });
});

describe("CSV reader (RFC 4180)", () => {
  it("round-trips any table through writeCsv/parseCsv, with either separator (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", "1", ",", ";", '"', "\n", "\r\n", " ", "é", "ç") , maxLength: 6 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(",", ";"), (rows, sep) => {
      const width = rows[0]?.length ?? 0;
      const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "x"));
      const written = writeCsv(table, { separator: sep, locale: undefined, excel: false });
      const parsed = parseCsv(written, { delimiter: sep, skip_empty_lines: true, relax_column_count: true });
      // What was written is what a real parser reads back; a cell a spreadsheet would run as a formula gains a leading "'".
      expect(parsed).toEqual(table.filter((r) => !(r.length === 1 && r[0] === "")).map((r) => r.map(neutralize)));
    }), { numRuns: 1000 });
  });

  it("reports the line where each record starts", async () => {
    await loadCsvParser();
    const batches = [...csvBatches(['a;b\r\n"multi\nli', 'ne";2\r\n\r\n3;4\r\n'], { separator: ";", name: "t.csv" })];
    expect(batches.flatMap((b) => b.lines)).toEqual([1, 2, 5]);
    expect(batches.flatMap((b) => b.rows)).toEqual([["a", "b"], ["multi\nline", "2"], ["3", "4"]]);
  });
});
