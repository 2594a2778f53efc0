import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ageReceivables, CheckoutRequestSchema, computeCharges, createCreditGate, CreditBlockError, customerFacts, daysOverdue, definePolicy, issue, MAX_ISSUES,
  parseInput, PolicySchema, profileCustomer, quotePayoff, type ReceivableInput,
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
    // Two issues per row (amount, dueDate): reading stopped after 51 rows (102 issues), so it
    // says how many rows it did not look at instead of pretending they were checked.
    expect(last?.params).toEqual({ shown: 100, count: 2, unchecked: 50_000 - 51 });
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
      expect(error.issues[MAX_ISSUES]?.params).toEqual({ shown: MAX_ISSUES, count: n - MAX_ISSUES, unchecked: 0 });
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

describe("bounded error lists: exact counts and every producer (#14 item 11)", () => {
  // One issue per row (a comma decimal): 101 rows fill an error, 49,899 are never looked at.
  const oneBadEach = (n: number): ReceivableInput[] => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, amount: "1,00", dueDate: "2026-10-01" }));
  const expectCapped = (error: CreditBlockError, params: Record<string, unknown>) => {
    expect(error).toBeInstanceOf(CreditBlockError);
    expect(error.issues).toHaveLength(MAX_ISSUES + 1);
    expect(error.issues.slice(0, MAX_ISSUES).every((i) => i.code !== "too_many_issues" && i.code !== "checking_stopped")).toBe(true);
    expect(error.issues[MAX_ISSUES]).toMatchObject({ path: "", code: "too_many_issues", params });
  };

  it("decide and aging with 50,000 bad rows: 101 issues, the last counting the rest exactly", () => {
    const rows = oneBadEach(50_000);
    const decide = caught(() => gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: rows }));
    expectCapped(decide, { shown: 100, count: 1, unchecked: 49_899 });
    expect(decide.issues[0]).toMatchObject({ path: "receivables[0].amount", code: "money.format" });
    expect(decide.issues[99]?.path).toBe("receivables[99].amount");
    const aging = caught(() => ageReceivables(rows, { asOf: AS_OF }));
    expectCapped(aging, { shown: 100, count: 1, unchecked: 49_899 });
    expect(aging.issues.map((i) => i.path)).toEqual(decide.issues.map((i) => i.path));
    expect(aging.localized("pt-BR")[MAX_ISSUES]?.message).toBe("100 problemas listados; mais 1 não listados; 49899 itens não foram verificados. Corrija estes e envie de novo");
  });

  it("customerFacts, payoff, profile stop early too, instead of checking every row", () => {
    expectCapped(caught(() => customerFacts(oneBadEach(50_000), { asOf: AS_OF })), { count: 1, unchecked: 49_899 });
    expectCapped(caught(() => quotePayoff(oneBadEach(50_000), { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "1" } })), { count: 1, unchecked: 49_899 });
    expectCapped(caught(() => profileCustomer(oneBadEach(50_000), { asOf: AS_OF })), { count: 1, unchecked: 49_899 });
  });

  it("the public zod schemas answer 50,000 bad rows with a CreditBlockError, not a stack overflow", () => {
    // zod hands the list's 150,000 issues up in one push(...): that overflowed (RangeError).
    const error = caught(() => parseInput(CheckoutRequestSchema, { asOf: AS_OF, customer: { id: "c" }, receivables: badRows(50_000).map((r) => ({ ...(r as object), note: 1 })) }));
    expectCapped(error, { shown: 100 });
    expect(error.issues[0]?.path).toMatch(/^receivables\[0\]\./);
    expect(Number(error.issues[MAX_ISSUES]?.params?.unchecked)).toBeGreaterThan(49_000);
  });

  it("a value nested thousands deep is one too_complex issue with its path", () => {
    let when: unknown = { fact: "overdueCount", op: "gt", value: 0 };
    for (let i = 0; i < 20_000; i++) when = { not: when };
    const error = caught(() => parseInput(PolicySchema, { id: "p", version: 1, rules: [{ id: "r", when, scope: "credit", action: "deny" }] }));
    expect(error.issues).toEqual([expect.objectContaining({ path: "rules[0].when", code: "too_complex" })]);
    // definePolicy's own check names the depth limit.
    expect(caught(() => definePolicy({ id: "p", version: 1, rules: [{ id: "r", when, scope: "credit", action: "deny" }] })).issues[0]?.code).toBe("policy.too_deep");
  });

  it("an error rebuilt from a capped one keeps its counts; markers are never listed as issues", () => {
    const first = new CreditBlockError("INVALID_INPUT", [
      issue("a[3]", "checking_stopped", { unchecked: 7 }), // sorted among the first: still not listed
      ...Array.from({ length: 150 }, (_, i) => issue(`a[${i}]`, "required")),
    ]);
    expect(first.issues[MAX_ISSUES]?.params).toEqual({ shown: 100, count: 50, unchecked: 7 });
    const rebuilt = new CreditBlockError("INVALID_INPUT", [issue("b", "required"), ...first.issues]);
    expect(rebuilt.issues).toHaveLength(MAX_ISSUES + 1);
    expect(rebuilt.issues[MAX_ISSUES]?.params).toEqual({ shown: 100, count: 51, unchecked: 7 });
    expect(rebuilt.message).toContain(`and ${151 - 5} more`);
    const small = new CreditBlockError("INVALID_INPUT", [issue("a", "required"), issue("b", "checking_stopped", { unchecked: "?" })]);
    expect(small.issues.map((i) => i.code)).toEqual(["required", "too_many_issues"]);
    expect(small.issues[1]?.params).toEqual({ shown: 1, count: 0, unchecked: "?" });
  });
});

describe("null is not absent (#14 item 13)", () => {
  it("aging and facts options refuse null instead of taking the default", () => {
    for (const [key, value] of [["currency", null], ["by", null], ["locale", null], ["includeDisputed", null], ["graceDays", null]] as const) {
      const aging = caught(() => ageReceivables([], { asOf: AS_OF, [key]: value }));
      expect(aging.issues.map((i) => i.path), key).toEqual([`options.${key}`]);
    }
    expect(caught(() => customerFacts([], { asOf: AS_OF, currency: null } as never)).issues.map((i) => i.path)).toEqual(["options.currency"]);
    expect(caught(() => customerFacts([], { asOf: null } as never)).issues.map((i) => i.path)).toEqual(["options.asOf"]);
  });

  it("every entry point that takes asOf refuses null with the path", () => {
    const rows: ReceivableInput[] = [{ id: "t1", amount: "100.00", dueDate: "2026-10-01" }];
    const terms = { finePercent: "2", monthlyInterestPercent: "1" };
    expect(caught(() => computeCharges(rows[0] as ReceivableInput, { asOf: null, ...terms } as never)).issues.map((i) => i.path)).toContain("terms.asOf");
    expect(caught(() => quotePayoff(rows, { asOf: null, terms } as never)).issues.map((i) => i.path)).toContain("options.asOf");
    expect(caught(() => profileCustomer(rows, { asOf: null } as never)).issues.map((i) => i.path)).toContain("options.asOf");
    expect(caught(() => daysOverdue("2026-10-01", null as never)).issues.map((i) => i.path)).toContain("asOf");
    expect(caught(() => parseInput(CheckoutRequestSchema, { asOf: null, customer: { id: "c" }, receivables: [] })).issues.map((i) => i.path)).toEqual(["asOf"]);
  });
});

describe("no input size throws anything but CreditBlockError (#14 item 11)", () => {
  it("a union branch with 150,000 bad items (a condition's value list) is bounded, not a RangeError", () => {
    const when = { fact: "tags", op: "in", value: Array.from({ length: 150_000 }, () => ({})) };
    const error = caught(() => parseInput(PolicySchema, { id: "p", version: 1, rules: [{ id: "r", when, scope: "credit", action: "deny" }] }));
    expect(error.issues).toHaveLength(MAX_ISSUES + 1);
    expect(error.issues[MAX_ISSUES]).toMatchObject({ code: "too_many_issues", params: { count: 150_000 - MAX_ISSUES } });
  });

  it("an object with 150,000 unknown keys gives 100 of them and the count of the rest", () => {
    const wide = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`k${i}`, 1]));
    for (const run of [
      () => ageReceivables([{ id: "t", amount: "1.00", dueDate: AS_OF, ...wide }], { asOf: AS_OF }),
      () => computeCharges({ id: "t", amount: "1.00", dueDate: AS_OF, ...wide }, { asOf: AS_OF, finePercent: "2", monthlyInterestPercent: "1" }),
      () => gate.decide({ asOf: AS_OF, customer: { id: "c", ...wide }, receivables: [] }),
    ]) {
      const error = caught(run);
      expect(error.issues).toHaveLength(MAX_ISSUES + 1);
      expect(error.issues[0]).toMatchObject({ code: "unknown_key", params: { key: "k0" } });
      expect(error.issues[MAX_ISSUES]).toMatchObject({ code: "too_many_issues", params: { count: 150_000 - MAX_ISSUES } });
    }
  });
});
