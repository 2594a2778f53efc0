import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DuplicateIds } from "../../src/errors/CreditBlockError.js";
import { IdTable } from "../../src/errors/idTable.js";

// Few distinct characters and short ids, so repeats and hash neighbours are common.
const id = fc.string({ unit: fc.constantFrom("a", "b", "1", "/", "é", "😀"), minLength: 0, maxLength: 4 });

describe("IdTable (the packed duplicate-id set)", () => {
  it("answers as a Map of first indexes would, through every growth (property)", () => {
    fc.assert(fc.property(fc.array(id, { maxLength: 3000 }), (ids) => {
      const table = new IdTable();
      const map = new Map<string, number>();
      const got: number[] = [];
      const expected: number[] = [];
      ids.forEach((value, index) => {
        const first = map.get(value) ?? -1;
        if (first === -1) map.set(value, index);
        expected.push(first);
        got.push(table.firstIndex(value, index));
      });
      expect(got).toEqual(expected);
      expect(table.size).toBe(map.size);
    }), { numRuns: 100 });
  });

  it("keeps a million distinct ids exact, and finds each repeat's first index", () => {
    const table = new IdTable();
    let repeats = 0;
    for (let i = 0; i < 1_000_000; i++) if (table.firstIndex(`NF${i}/1`, i) !== -1) repeats++;
    expect(repeats).toBe(0);
    expect(table.firstIndex("NF999999/1", 2_000_000)).toBe(999_999);
    expect(table.firstIndex("NF0/1", 2_000_001)).toBe(0);
    expect(table.firstIndex("NF1000000/1", 2_000_002)).toBe(-1);
  });

  it("DuplicateIds names the first occurrence before and after it moves from a Map to the table", () => {
    const ids = new DuplicateIds("receivables");
    for (let i = 0; i < 5000; i++) expect(ids.check(`t${i}`, i)).toBeUndefined();
    expect(ids.check("t10", 6000)?.params).toEqual({ id: "t10", first: "receivables[10]" });
    expect(ids.check("t4999", 6001)?.path).toBe("receivables[6001].id");
  });
});
