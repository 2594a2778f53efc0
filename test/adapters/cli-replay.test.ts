import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { presets, replayPolicy, type ReplayInput } from "credit-block";
import { main, type Io } from "../../src/adapters/cli/index.js";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
  return { code: await main(argv, io), out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cb-replay-"));
const file = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

// Twelve customers, each with an old título paid late and a credit sale after it.
const history: ReplayInput = {
  sales: Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, customerId: `c${i}`, date: "2026-05-10", tenders: [{ method: "store_credit" as const, amount: `${100 + i}.00` }] })),
  receivables: Array.from({ length: 12 }, (_, i) => [
    { id: `old${i}`, customerId: `c${i}`, amount: "50.00", issueDate: "2026-03-01", dueDate: i % 2 === 0 ? "2026-04-01" : "2026-05-30", status: "paid" as const, paidDate: "2026-06-01" },
    { id: `new${i}`, customerId: `c${i}`, saleId: `s${i}`, amount: `${100 + i}.00`, issueDate: "2026-05-10", dueDate: "2026-06-10", ...(i % 3 === 0 ? { status: "written_off" as const } : { status: "paid" as const, paidDate: "2026-06-10" }) },
  ]).flat(),
};
const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
const proposed = { id: "proposed", version: 2, rules: [{ id: "any-open", when: { fact: "openBalance", op: "gt", value: "0.00" }, scope: "credit", action: "review" }] };
const paths = { history: file("history.json", history), policy: file("policy.json", policy), proposed: file("proposed.json", proposed) };

describe("credit-block replay", () => {
  it("prints the library's report as JSON", async () => {
    const r = await run(["replay", "--policy", paths.policy, "--compare", paths.proposed, "--history", paths.history, "--end-date", "2026-12-01"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(replayPolicy(history, { policy, compare: proposed as never, endDate: "2026-12-01" }));
  });

  it("shards replayed apart and merged give the whole report", async () => {
    const whole = JSON.parse((await run(["replay", "--policy", paths.policy, "--history", paths.history, "--end-date", "2026-12-01"])).out) as unknown;
    const shards: string[] = [];
    for (const i of [0, 1, 2]) {
      const out = join(dir, `shard${i}.json`);
      const r = await run(["replay", "--policy", paths.policy, "--history", paths.history, "--end-date", "2026-12-01", "--shard", `${i}/3`, "--json", out]);
      expect(r.code).toBe(0);
      expect(r.out).toContain("perdas evitadas");
      shards.push(out);
    }
    const counts = shards.map((s) => (JSON.parse(readFileSync(s, "utf8")) as { policies: { totals: { sales: number } }[] }).policies[0]?.totals.sales);
    expect(counts.reduce((a = 0, b = 0) => a + b, 0)).toBe(12);
    expect(counts.filter((c) => c === 12)).toEqual([]); // the customers really were split
    const merged = await run(["replay", "merge", shards[2] as string, shards[0] as string, shards[1] as string]);
    expect(JSON.parse(merged.out)).toEqual(whole);
  });

  it("a table for people, in pt-BR", async () => {
    const r = await run(["replay", "--policy", paths.policy, "--history", paths.history, "--end-date", "2026-12-01", "--format", "table"]);
    // Even customers were overdue on 05-10 (due 04-01, paid 06-01): 100+102+…+110 refused;
    // every third título was written off: 0 and 6 among the refused, 3 and 9 among the allowed.
    expect(r.out).toMatch(/negadas\s+6 \(630\.00\)/);
    expect(r.out).toMatch(/perdas evitadas\s+2 \(206\.00\)/);
    expect(r.out).toMatch(/perdas deixadas passar\s+2 \(212\.00\)/);
    expect(r.out).toMatch(/negadas que pagariam\s+4 \(424\.00\)/);
    expect(r.out).toContain("premissas: perda = baixado ou aberto há mais de 90 dias em 2026-12-01");
  });

  it("says which flag is missing, and names bad fields of the history", async () => {
    const noEnd = await run(["replay", "--policy", paths.policy, "--history", paths.history, "--shard", "0/2"]);
    expect(noEnd.code).toBe(1);
    expect(noEnd.err).toContain("--shard needs --end-date");
    const badShard = await run(["replay", "--policy", paths.policy, "--history", paths.history, "--end-date", "2026-12-01", "--shard", "3/3"]);
    expect(badShard.err).toContain('--shard "3/3" is not i/n');
    const bad = await run(["replay", "--policy", paths.policy, "--history", file("bad.json", { sales: [{ id: "s", customerId: "c", date: "2026-02-30", tenders: [] }], receivables: [] })]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("sales[0].date");
    // Not a history at all: the library's words, never a crash.
    for (const [value, said] of [[null, "input: expected object, received null"], [{ sales: [] }, "receivables: expected array, received undefined"], ["x", "input: expected object, received string"]] as const) {
      const r = await run(["replay", "--policy", paths.policy, "--history", file("odd.json", value)]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(said);
    }
  });
});
