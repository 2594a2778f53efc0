import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parsePixPayload, pixForAmount, pixPayload, txidFor } from "credit-block/pix";
import { expectIssue, issuesOf } from "../support/expectError.js";
import { amounts } from "./arbitraries.js";

const receiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 12 });

describe("txidFor: a txid derived from the títulos a payment settles", () => {
  it("is 25 characters of [0-9A-Z] (a static BR Code's txid), the same for the same títulos in any order", () => {
    fc.assert(fc.property(ids, fc.nat(), (list, seed) => {
      const txid = txidFor(list);
      expect(txid).toMatch(/^[0-9A-Z]{25}$/);
      const shuffled = [...list].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
      expect(txidFor(shuffled)).toBe(txid);
    }), { numRuns: 300 });
  });

  it("differs between different lists of títulos (no collision among thousands, prefixes and joins included)", () => {
    const seen = new Map<string, string>();
    const lists = [["a"], ["b"], ["a", "b"], ["ab"], ["a,b"], ["1:a"], ["a", "bc"], ["ab", "c"], ...Array.from({ length: 5000 }, (_, i) => [`t${i}`]), ...Array.from({ length: 2000 }, (_, i) => [`t${i}`, `t${i + 1}`])];
    for (const list of lists) {
      const key = JSON.stringify([...list].sort());
      const txid = txidFor(list);
      expect(seen.get(txid) ?? key).toBe(key);
      seen.set(txid, key);
    }
    expect(seen.size).toBe(lists.length);
  });

  it("refuses an empty list, a repeated id and an id that is not a non-empty string, naming it", () => {
    expectIssue(() => txidFor([]), "receivableIds", "too_small");
    expectIssue(() => txidFor(["t1", "t2", "t1"]), "receivableIds[2]", "duplicate_id");
    expectIssue(() => txidFor(["t1", ""]), "receivableIds[1]", "invalid_type");
    expectIssue(() => txidFor(["t1", 7 as never]), "receivableIds[1]", "invalid_type");
    expectIssue(() => txidFor("t1" as never), "receivableIds", "invalid_type");
  });
});

describe("pixForAmount: the Pix for exactly the amount asked, reconcilable with its títulos", () => {
  it("carries the receiver, the amount and the títulos' txid, and parses back to them", () => {
    const charge = pixForAmount(receiver, "152.37", ["t-2026-001", "t-2026-002"]);
    expect(charge.txid).toBe(txidFor(["t-2026-002", "t-2026-001"]));
    expect(charge.amount).toBe("152.37");
    expect(charge.payload).toBe(pixPayload({ ...receiver, amount: "152.37", txid: charge.txid }));
    expect(parsePixPayload(charge.payload)).toEqual({ key: "11222333000181", name: "Loja do Ze", city: "Sao Paulo", amount: "152.37", txid: charge.txid });
  });

  it("is pure: the same receiver, amount and títulos give the same payload; any amount reads back exactly", () => {
    fc.assert(fc.property(amounts, ids, (amount, list) => {
      const charge = pixForAmount(receiver, amount, list);
      expect(pixForAmount({ ...receiver }, amount, [...list].reverse())).toEqual(charge);
      expect(parsePixPayload(charge.payload).amount).toBe(amount);
    }), { numRuns: 200 });
  });

  it("keeps the receiver's postal code and ignores nothing else it was not given", () => {
    const charge = pixForAmount({ ...receiver, postalCode: "01310-100" }, "10.00", ["t1"]);
    expect(parsePixPayload(charge.payload).postalCode).toBe("01310100");
  });

  it("lists every problem, under receiver., amount and receivableIds", () => {
    const issues = issuesOf(() => pixForAmount({ key: "x", name: "", city: "São José dos Campos" }, "0.00", []));
    expect(issues.map((i) => i.path).sort()).toEqual(["amount", "receivableIds", "receiver.city", "receiver.key", "receiver.name"]);
    expectIssue(() => pixForAmount(receiver, undefined as never, ["t1"]), "amount", "invalid_type");
    expectIssue(() => pixForAmount(null as never, "1.00", ["t1"]), "receiver", "invalid_type");
  });
});
