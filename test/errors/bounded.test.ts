import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ageReceivables, createCreditGate, CreditBlockError, issue, MAX_ISSUES, profileCustomer, quotePayoff, type ReceivableInput,
} from "credit-block";

/** Issue #14 item 11: error lists are bounded, whatever the input size. */
const AS_OF = "2026-11-23";
const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "atraso", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" }] });
const badRows = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, amount: "1,00", dueDate: "2026-13-01" }));

function caught(run: () => unknown): CreditBlockError {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditBlockError) return error;
    throw error;
  }
  throw new Error("expected a CreditBlockError");
}

describe("bounded error lists", () => {
  it("lists 100 issues and one that counts the rest: 50,000 bad rows in decide", () => {
    const error = caught(() => gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: badRows(50_000) as ReceivableInput[], sale: { tenders: [{ method: "cash", amount: "1.00" }] } }));
    expect(error.issues).toHaveLength(MAX_ISSUES + 1);
    const last = error.issues[MAX_ISSUES];
    expect(last?.code).toBe("too_many_issues");
    // Two issues per row (amount, dueDate): reading stopped once 100 were found, so it says how
    // many rows it did not look at instead of pretending they were checked.
    expect(last?.params).toMatchObject({ shown: 100 });
    expect(Number(last?.params?.more) + MAX_ISSUES + 2 * Number(last?.params?.unchecked)).toBeGreaterThan(99_000);
    expect(error.issues.slice(0, 2).map((i) => i.path)).toEqual(["receivables[0].amount", "receivables[0].dueDate"]);
    expect(JSON.stringify(error).length).toBeLessThan(32_000);
    expect(error.localized("pt-BR")[MAX_ISSUES]?.message).toMatch(/problemas listados; mais \d+ não listados; \d+ itens não foram verificados/);
  });

  it("bounds aging (array or stream), profile and payoff the same way", () => {
    const aging = caught(() => ageReceivables(badRows(50_000), { asOf: AS_OF }));
    expect(aging.issues).toHaveLength(MAX_ISSUES + 1);
    expect(aging.issues[MAX_ISSUES]?.params).toMatchObject({ unchecked: 50_000 - 51 });
    function* stream() { yield* badRows(10_000); }
    const streamed = caught(() => ageReceivables(stream(), { asOf: AS_OF }));
    expect(streamed.issues[MAX_ISSUES]?.params).toMatchObject({ unchecked: "?" });
    expect(streamed.issues[MAX_ISSUES]?.message).toMatch(/the rest was not checked/);
    for (const run of [
      () => profileCustomer(badRows(20_000) as ReceivableInput[], { asOf: AS_OF }),
      () => quotePayoff(badRows(20_000) as ReceivableInput[], { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "1" } }),
    ]) {
      const error = caught(run);
      expect(error.issues).toHaveLength(MAX_ISSUES + 1);
      expect(error.issues[MAX_ISSUES]?.code).toBe("too_many_issues");
    }
  });

  it("keeps every issue when there are at most 100, and counts exactly past it (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
      const issues = Array.from({ length: n }, (_, i) => issue(`values[${i}]`, "required"));
      const error = new CreditBlockError("INVALID_INPUT", issues);
      if (n <= MAX_ISSUES) {
        expect(error.issues.map((i) => i.path)).toEqual(issues.map((i) => i.path));
        return;
      }
      expect(error.issues).toHaveLength(MAX_ISSUES + 1);
      expect(error.issues[MAX_ISSUES]?.params).toEqual({ shown: MAX_ISSUES, more: n - MAX_ISSUES, unchecked: 0 });
      expect(error.message).toContain(`and ${n - 5} more`);
    }), { numRuns: 1000 });
  });
});

describe("contradictions refused, not guessed (#14 item 13)", () => {
  it("refuses asOf: null instead of reading it as absent", () => {
    const error = caught(() => gate.decide({ asOf: null, customer: { id: "c" }, receivables: [] } as never));
    expect(error.issues.map((i) => i.path)).toContain("asOf");
    expect(caught(() => ageReceivables([], { asOf: null } as never)).issues.map((i) => i.path)).toContain("options.asOf");
  });

  it("refuses a título listed twice in aging, payoff and the profile, naming the first", () => {
    const rows: ReceivableInput[] = [
      { id: "t1", amount: "100.00", dueDate: "2026-10-01" },
      { id: "t2", amount: "50.00", dueDate: "2026-10-01" },
      { id: "t1", amount: "100.00", dueDate: "2026-10-01" },
    ];
    const expected = { path: "receivables[2].id", code: "duplicate_id", params: { id: "t1", first: "receivables[0]" } };
    expect(caught(() => ageReceivables(rows, { asOf: AS_OF })).issues).toEqual([expect.objectContaining(expected)]);
    expect(caught(() => gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: rows })).issues).toEqual([expect.objectContaining(expected)]);
    expect(caught(() => quotePayoff(rows, { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "1" } })).issues).toEqual([expect.objectContaining(expected)]);
    expect(caught(() => profileCustomer(rows, { asOf: AS_OF })).issues).toEqual([expect.objectContaining({ path: "history[2].id", code: "duplicate_id" })]);
  });

  it("a money number with more decimals than the currency is refused, never rounded", () => {
    const error = caught(() => ageReceivables([{ id: "t", amount: 250.001, dueDate: "2026-10-01" }], { asOf: AS_OF }));
    expect(error.issues[0]?.path).toBe("receivables[0].amount");
  });
});
