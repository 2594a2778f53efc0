import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays, ageReceivables, computeCharges, presets, quotePayoff, type ReceivableInput } from "credit-block";
import { createHandler } from "credit-block/http";
import { main, type Io } from "../../src/adapters/cli/index.js";
import { snapshot } from "../support/expectError.js";

/** Issue #14 item 8: a payoff quote leaves disputed títulos out unless asked, and says so. */
const AS_OF = "2026-11-23";
const terms = { finePercent: "2", monthlyInterestPercent: "1" };
const cents = (m: string): bigint => BigInt(m.replace(".", ""));
const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;

const ledger: ReceivableInput[] = [
  { id: "open", amount: "1000.00", dueDate: "2026-08-10" },
  { id: "contested", amount: "300.00", openAmount: "250.00", dueDate: "2026-09-10", status: "disputed" },
  { id: "paid", amount: "80.00", dueDate: "2026-09-01", status: "paid", paidDate: "2026-09-01" },
  { id: "zero", amount: "70.00", openAmount: "0.00", dueDate: "2026-10-01" },
  { id: "zero-disputed", amount: "70.00", openAmount: "0", dueDate: "2026-10-01", status: "disputed" },
  { id: "lost", amount: "40.00", dueDate: "2025-01-10", status: "written_off" },
  { id: "old-deal", amount: "90.00", dueDate: "2026-07-10", status: "renegotiated" },
];

describe("quotePayoff: disputed and settled títulos", () => {
  it("leaves a disputed título out by default and lists it, with its open balance", () => {
    const q = quotePayoff(ledger, { asOf: AS_OF, terms });
    expect(q.lines.map((l) => l.receivableId)).toEqual(["open"]);
    expect(q.excluded).toEqual({ disputed: ["contested"], disputedAmount: "250.00", writtenOff: ["lost"], renegotiated: ["old-deal"] });
    expect(q.gross).toBe("1055.00"); // only "open": 1000 + 20 multa + 35 juros
  });

  it("includes it on request, charged from its due date like any other", () => {
    const q = quotePayoff(ledger, { asOf: AS_OF, terms, includeDisputed: true });
    expect(q.lines.map((l) => l.receivableId)).toEqual(["open", "contested"]);
    expect(q.lines[1]?.charges).toEqual(computeCharges(ledger[1] as ReceivableInput, { ...terms, asOf: AS_OF }));
    expect(q.excluded.disputed).toEqual([]);
    expect(q.excluded.disputedAmount).toBe("0.00");
    expect(q.totals.principal).toBe("1250.00");
  });

  it("never quotes a settled título (paid, or an open balance of 0), nor lists it as left out", () => {
    for (const includeDisputed of [false, true]) {
      const q = quotePayoff(ledger, { asOf: AS_OF, terms, includeDisputed });
      const ids = [...q.lines.map((l) => l.receivableId), ...q.excluded.disputed, ...q.excluded.writtenOff, ...q.excluded.renegotiated];
      expect(ids).not.toContain("paid");
      expect(ids).not.toContain("zero");
      expect(ids).not.toContain("zero-disputed");
    }
    const onlySettled = quotePayoff([ledger[2], ledger[3]] as ReceivableInput[], { asOf: AS_OF, terms });
    expect([onlySettled.lines, onlySettled.gross, onlySettled.net]).toEqual([[], "0.00", "0.00"]);
  });

  it("agrees with aging about what is disputed", () => {
    const aging = ageReceivables(ledger, { asOf: AS_OF });
    expect(quotePayoff(ledger, { asOf: AS_OF, terms }).excluded.disputedAmount).toBe(aging.excluded.disputed);
  });

  it("refuses a non-boolean includeDisputed, naming it", () => {
    expect(() => quotePayoff(ledger, { asOf: AS_OF, terms, includeDisputed: "yes" as unknown as boolean })).toThrow(/options\.includeDisputed/);
  });
});

describe("payoff through the adapters", () => {
  it("HTTP /v1/payoff leaves disputed títulos out and takes options.includeDisputed", async () => {
    const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z") });
    const post = async (options: object) => {
      const response = await handler(new Request("http://pos.local/v1/payoff", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ receivables: ledger, options }) }));
      expect(response.status).toBe(200);
      return (await response.json()) as { lines: { receivableId: string }[]; excluded: { disputed: string[] } };
    };
    const plain = await post({ terms });
    expect(plain.lines.map((l) => l.receivableId)).toEqual(["open"]);
    expect(plain.excluded.disputed).toEqual(["contested"]);
    const all = await post({ terms, includeDisputed: true });
    expect(all.lines.map((l) => l.receivableId)).toEqual(["open", "contested"]);
  });

  it("CLI payoff leaves them out unless --include-disputed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "credit-block-payoff-"));
    const ledgerPath = join(dir, "ledger.json");
    const termsPath = join(dir, "terms.json");
    writeFileSync(ledgerPath, JSON.stringify(ledger));
    writeFileSync(termsPath, JSON.stringify(terms));
    const run = async (extra: string[]) => {
      let out = "";
      let err = "";
      const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
      const code = await main(["payoff", "--receivables", ledgerPath, "--terms", termsPath, "--as-of", AS_OF, ...extra], io);
      return { code, err, quote: JSON.parse(out || "null") as { lines: { receivableId: string }[]; excluded: { disputed: string[] } } | null };
    };
    const plain = await run([]);
    expect([plain.code, plain.err]).toEqual([0, ""]);
    expect(plain.quote?.lines.map((l) => l.receivableId)).toEqual(["open"]);
    expect(plain.quote?.excluded.disputed).toEqual(["contested"]);
    const all = await run(["--include-disputed"]);
    expect(all.quote?.lines.map((l) => l.receivableId)).toEqual(["open", "contested"]);
  });
});

describe("quotePayoff: exclusion properties", () => {
  const status = fc.constantFrom(undefined, "open" as const, "paid" as const, "disputed" as const, "written_off" as const, "renegotiated" as const);
  const row = fc.record({ amount: fc.integer({ min: 1, max: 10_000_000 }), openShare: fc.constantFrom(0, 50, 100), due: fc.integer({ min: -400, max: 120 }), status });
  const build = (rows: { amount: number; openShare: number; due: number; status: ReceivableInput["status"] }[]): ReceivableInput[] =>
    rows.map((r, i) => ({
      id: `t${i}`, amount: money(r.amount), dueDate: addDays(AS_OF, r.due),
      ...(r.status === undefined ? {} : { status: r.status }),
      ...(r.status === "paid" ? { paidDate: addDays(AS_OF, Math.min(r.due, 0)) } : r.openShare === 100 ? {} : { openAmount: money(Math.floor((r.amount * r.openShare) / 100)) }),
    }));
  const openOf = (r: ReceivableInput): bigint => (r.status === "paid" ? 0n : cents(String(r.openAmount ?? r.amount)));

  it("quotes exactly the open títulos with a balance (and the disputed ones only on request); lists the rest by reason; never mutates", () => {
    fc.assert(fc.property(fc.array(row, { minLength: 0, maxLength: 12 }), fc.boolean(), (rows, includeDisputed) => {
      const receivables = build(rows);
      const before = snapshot(receivables);
      const q = quotePayoff(receivables, { asOf: AS_OF, terms, includeDisputed });
      const owing = receivables.filter((r) => openOf(r) > 0n);
      const quoted = owing.filter((r) => r.status === undefined || r.status === "open" || (includeDisputed && r.status === "disputed"));
      expect(q.lines.map((l) => l.receivableId)).toEqual(quoted.map((r) => r.id));
      expect(cents(q.totals.principal)).toBe(quoted.reduce((s, r) => s + openOf(r), 0n));
      const disputed = includeDisputed ? [] : owing.filter((r) => r.status === "disputed");
      expect(q.excluded.disputed).toEqual(disputed.map((r) => r.id));
      expect(cents(q.excluded.disputedAmount)).toBe(disputed.reduce((s, r) => s + openOf(r), 0n));
      expect(q.excluded.writtenOff).toEqual(owing.filter((r) => r.status === "written_off").map((r) => r.id));
      expect(q.excluded.renegotiated).toEqual(owing.filter((r) => r.status === "renegotiated").map((r) => r.id));
      expect(receivables).toEqual(before);
    }), { numRuns: 500 });
  });

  it("including disputed títulos never lowers the gross, and adds exactly their lines", () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
      const receivables = build(rows);
      const without = quotePayoff(receivables, { asOf: AS_OF, terms });
      const withAll = quotePayoff(receivables, { asOf: AS_OF, terms, includeDisputed: true });
      expect(cents(withAll.gross) >= cents(without.gross)).toBe(true);
      const added = withAll.lines.filter((l) => !without.lines.some((w) => w.receivableId === l.receivableId)).map((l) => l.receivableId);
      expect(added).toEqual(without.excluded.disputed);
      const addedTotal = withAll.lines.filter((l) => added.includes(l.receivableId)).reduce((s, l) => s + cents(l.charges.total), 0n);
      expect(cents(withAll.gross) - cents(without.gross)).toBe(addedTotal);
    }), { numRuns: 500 });
  });
});
