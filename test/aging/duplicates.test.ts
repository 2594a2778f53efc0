import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ageReceivables, CheckoutRequestSchema, createCreditGate, CreditBlockError, customerFacts, parseInput, presets, profileCustomer, quotePayoff,
  type Issue, type ReceivableInput,
} from "credit-block";

/**
 * Issue #14 item 13 b: a título listed twice is refused, not counted twice, by every API that
 * reads a list of títulos, with one issue shape (`receivables[i].id`, `duplicate_id`, naming the
 * first) from one shared check.
 */
const AS_OF = "2026-11-23";
const terms = { finePercent: "2", monthlyInterestPercent: "1" };
const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));

function issuesOf(run: () => unknown): readonly Issue[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CreditBlockError) return error.issues;
    throw error;
  }
  return [];
}

/** Each API over a list of títulos, and the path it names the list by. */
const readers: Record<string, { base: string; run: (rows: ReceivableInput[]) => unknown }> = {
  ageReceivables: { base: "receivables", run: (rows) => ageReceivables(rows, { asOf: AS_OF }) },
  customerFacts: { base: "receivables", run: (rows) => customerFacts(rows, { asOf: AS_OF }) },
  decide: { base: "receivables", run: (rows) => gate.decide({ asOf: AS_OF, customer: { id: "c" }, receivables: rows }) },
  CheckoutRequestSchema: { base: "receivables", run: (rows) => parseInput(CheckoutRequestSchema, { asOf: AS_OF, customer: { id: "c" }, receivables: rows }) },
  quotePayoff: { base: "receivables", run: (rows) => quotePayoff(rows, { asOf: AS_OF, terms }) },
  profileCustomer: { base: "history", run: (rows) => profileCustomer(rows, { asOf: AS_OF }) },
};

const row = (id: string, amount = "100.00", dueDate = "2026-10-01"): ReceivableInput => ({ id, amount, dueDate });

describe("duplicate título ids", () => {
  it("aging would count a título listed twice: it is refused at the repeat, naming the first", () => {
    const rows = [row("t1"), row("t2", "50.00"), row("t1")];
    expect(issuesOf(() => ageReceivables(rows, { asOf: AS_OF }))).toEqual([
      { path: "receivables[2].id", code: "duplicate_id", params: { id: "t1", first: "receivables[0]" }, message: 'id "t1" is used more than once (first at receivables[0])' },
    ]);
    // Ids differing only in case or spacing are different títulos (ERPs keep them apart).
    expect(ageReceivables([row("t1"), row("T1"), row(" t1")], { asOf: AS_OF }).count).toBe(3);
  });

  it("a payoff quote would charge a título twice: refused", () => {
    const once = quotePayoff([row("t1")], { asOf: AS_OF, terms });
    expect(once.lines).toHaveLength(1);
    expect(issuesOf(() => quotePayoff([row("t1"), row("t1")], { asOf: AS_OF, terms }))).toEqual([
      expect.objectContaining({ path: "receivables[1].id", code: "duplicate_id", params: { id: "t1", first: "receivables[0]" } }),
    ]);
  });

  it("every reader names the same repeats alike: each one after the first, at its own index (property)", () => {
    const ids = fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(ids, (list) => {
        const rows = list.map((id) => row(id));
        const firstAt = new Map<string, number>();
        const expected: { path: string; params: { id: string; first: string } }[] = [];
        list.forEach((id, i) => {
          const first = firstAt.get(id);
          if (first === undefined) firstAt.set(id, i);
          else expected.push({ path: `[${i}].id`, params: { id, first: `[${first}]` } });
        });
        for (const [name, { base, run }] of Object.entries(readers)) {
          const found = issuesOf(() => run(rows)).filter((i) => i.code === "duplicate_id");
          expect(found.map((i) => ({ path: i.path, params: i.params })), name).toEqual(
            expected.map((e) => ({ path: `${base}${e.path}`, params: { id: e.params.id, first: `${base}${e.params.first}` } })),
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it("a duplicate among 50,000 rows is found without slowing the others down to quadratic work", () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => row(`t${i}`, "1.00", "2026-12-01"));
    rows.push(row("t49999", "1.00", "2026-12-01"));
    expect(issuesOf(() => ageReceivables(rows, { asOf: AS_OF }))).toEqual([
      expect.objectContaining({ path: "receivables[50000].id", params: { id: "t49999", first: "receivables[49999]" } }),
    ]);
  });

  it("a payoff's terms.asOf that contradicts options.asOf is refused, not overridden", () => {
    expect(issuesOf(() => quotePayoff([row("t1")], { asOf: AS_OF, terms: { ...terms, asOf: "2026-10-01" } } as never))).toEqual([
      expect.objectContaining({ path: "options.terms.asOf", code: "conflicting_value", params: { value: '"2026-10-01"', other: "options.asOf", otherValue: AS_OF } }),
    ]);
    expect(issuesOf(() => quotePayoff([row("t1")], { asOf: AS_OF, terms: { ...terms, asOf: null } } as never)).map((i) => i.path)).toEqual(["options.terms.asOf"]);
    // The same date twice says nothing contradictory.
    expect(quotePayoff([row("t1")], { asOf: AS_OF, terms: { ...terms, asOf: AS_OF } } as never).asOf).toBe(AS_OF);
  });
});
