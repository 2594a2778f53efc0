import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ageReceivables } from "credit-block";

/** The built command, as a user runs it: `node dist/cli.js …` (npm test builds before testing). */
const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli.js");
const store = JSON.parse(readFileSync(join(root, "examples/data/store.json"), "utf8")) as { asOf: string; receivables: unknown[] };

beforeAll(() => {
  if (!existsSync(cli)) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}, 120_000);

describe("the built CLI on the sample store", () => {
  it("replays the sample store's exports the same with 1, 2 or 3 worker threads (tinypool), and as shards merged", () => {
    const replay = (...extra: string[]) => spawnSync(process.execPath, [cli, "replay", "--policy", "examples/policy.json", "--sales", "examples/data/sales-erp.csv", "--receivables", "examples/data/ledger-erp.csv", "--end-date", store.asOf, ...extra], { cwd: root, encoding: "utf8" });
    const one = replay("--workers", "1");
    expect(one.status).toBe(0);
    const report = JSON.parse(one.stdout) as { policies: { totals: { sales: number; denied: { count: number } } }[] };
    expect(report.policies[0]?.totals.sales).toBe(1881);
    expect(report.policies[0]?.totals.denied.count).toBeGreaterThan(0);
    for (const workers of ["2", "3"]) {
      const r = replay("--workers", workers);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(one.stdout);
    }
    const dir = mkdtempSync(join(tmpdir(), "cb-shards-"));
    const shards = ["0/2", "1/2"].map((shard, i) => {
      const out = join(dir, `shard${i}.json`);
      expect(replay("--shard", shard, "--workers", "2", "--json", out).status).toBe(0);
      return out;
    });
    const merged = spawnSync(process.execPath, [cli, "replay", "merge", ...shards], { cwd: root, encoding: "utf8" });
    expect(merged.stdout).toBe(one.stdout);
  });

  it("ages the ERP export exactly as the library ages the JSON ledger", () => {
    const r = spawnSync(process.execPath, [cli, "aging", "--receivables", "examples/data/ledger-erp.csv", "--locale", "pt-BR", "--as-of", store.asOf, "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("examples/data/ledger-erp.csv: read as UTF-8 (no BOM, valid UTF-8), separator ';', decimal comma, dates dd/mm/aaaa\n");
    expect(r.status).toBe(0);
    const fromCsv = JSON.parse(r.stdout) as { total: string; buckets: { amount: string }[] };
    const fromJson = ageReceivables(store.receivables, { asOf: store.asOf });
    expect(fromCsv.total).toBe(fromJson.total);
    expect(fromCsv.buckets.map((b) => b.amount)).toEqual(fromJson.buckets.map((b) => b.amount));
  });

  it("reports bad rows by line, processes the rest and exits non-zero", () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-"));
    const csv = readFileSync(join(root, "examples/data/ledger-erp.csv"), "utf8") + "T999998;C0001;12,345;;01/12/2026;;;Aberto\r\nT999999;C0001;10,00;;31/02/2026;;;Aberto\r\n";
    writeFileSync(join(dir, "ledger.csv"), csv);
    const r = spawnSync(process.execPath, [cli, "aging", "--receivables", join(dir, "ledger.csv"), "--locale", "pt-BR", "--as-of", store.asOf], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(4);
    // The reader refuses the impossible date itself; the library refuses the third decimal, and that row is set aside by its line too.
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      `${join(dir, "ledger.csv")}: read as UTF-8 (no BOM, valid UTF-8), separator ';', decimal comma, dates dd/mm/aaaa`,
      "line 3284: amount: 12.345 has more fraction digits than BRL allows (2); round it explicitly before passing it",
      'line 3285: Vencimento "31/02/2026" is not a date dd/mm/aaaa',
      "2 rows not read",
    ]);
    expect(r.stdout).toMatch(/^faixa +valor +títulos\na vencer/);
  });

  it("runs the demo (what npm start runs)", () => {
    const r = spawnSync(process.execPath, [cli, "demo"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/C\d{4}: BLOQUEADO — venda no crediário negada/);
    expect(r.stdout).not.toMatch(/\b(allow|deny|review|chronic|punctual)\b/);
  });

  it("decides from stdin with exit codes for shell scripts", () => {
    const request = JSON.stringify({ asOf: store.asOf, customer: { id: "c" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }], sale: { tenders: [{ method: "store_credit", amount: "5.00" }] } });
    const r = spawnSync(process.execPath, [cli, "decide", "--policy", "examples/policy.json"], { cwd: root, encoding: "utf8", input: request });
    expect(r.status).toBe(3);
    expect((JSON.parse(r.stdout) as { outcome: string }).outcome).toBe("deny");
  });
});
