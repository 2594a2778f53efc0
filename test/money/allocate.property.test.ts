import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocate, type RoundingMode } from "credit-block";
import { expectIssue, snapshot } from "../support/expectError.js";

const cents = (m: string): bigint => BigInt(m.replace(".", ""));
const money = (c: bigint): string => {
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};
const sum = (parts: string[]): bigint => parts.reduce((acc, p) => acc + cents(p), 0n);

describe("allocate", () => {
  it("splits into equal parts with the remainder on the last (default) or the first", () => {
    expect(allocate("100.00", 3)).toEqual(["33.33", "33.33", "33.34"]);
    expect(allocate("100.00", 3, { remainderTo: "first" })).toEqual(["33.34", "33.33", "33.33"]);
    expect(allocate("0.05", 3)).toEqual(["0.01", "0.01", "0.03"]);
    expect(allocate("10.00", ["1", "3"])).toEqual(["2.50", "7.50"]);
    expect(allocate("10.00", [1, 0, 1])).toEqual(["5.00", "0.00", "5.00"]);
    expect(allocate(100, 3, { rounding: "half-up" })).toEqual(["33.33", "33.33", "33.34"]);
  });

  it("conserves the total for any amount and any number of parts (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom<"last" | "first">("last", "first"),
        (total, n, remainderTo) => {
          const parts = allocate(money(total), n, { remainderTo });
          expect(parts).toHaveLength(n);
          expect(sum(parts)).toBe(total);
          // every non-remainder part is the truncated share; the remainder part differs by < n cents
          const share = total / BigInt(n);
          const remainderIndex = remainderTo === "last" ? n - 1 : 0;
          parts.forEach((p, i) => {
            if (i !== remainderIndex) expect(cents(p)).toBe(share);
          });
          const diff = cents(parts[remainderIndex] ?? "0") - share;
          expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(n));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("conserves the total for any ratios and rounding mode (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 40 }).filter((r) => r.some((x) => x > 0)),
        fc.constantFrom<RoundingMode>("down", "up", "half-up", "half-even"),
        (total, ratios, rounding) => {
          let parts: string[];
          try {
            parts = allocate(money(total), ratios, { rounding });
          } catch {
            // only rounding other than "down" may refuse (remainder part with the wrong sign)
            expect(rounding).not.toBe("down");
            return;
          }
          expect(sum(parts)).toBe(total);
          for (const p of parts) expect(cents(p) >= 0n).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never mutates the ratios array", () => {
    const ratios = ["1", "2", "3"];
    const before = snapshot(ratios);
    allocate("10.00", ratios);
    expect(ratios).toEqual(before);
  });

  it("rejects bad input naming the field", () => {
    expectIssue(() => allocate("10.00", 0), "parts", "too_small");
    expectIssue(() => allocate("10.00", 2.5), "parts");
    expectIssue(() => allocate("10.00", []), "ratios");
    expectIssue(() => allocate("10.00", ["1", "-1"]), "ratios[1]", "allocate.ratios");
    expectIssue(() => allocate("10.00", [0, 0]), "ratios", "allocate.ratios");
    expectIssue(() => allocate("10.00", ["x"]), "ratios[0]", "decimal.format");
    // A hole in a sparse array is a missing ratio, named, not skipped (it used to be a TypeError).
    // eslint-disable-next-line no-sparse-arrays
    expectIssue(() => allocate("10.00", [1, , 1] as never), "ratios[1]", "invalid_type");
    expectIssue(() => allocate("10.001", 2), "total", "money.fraction_digits");
    expectIssue(() => allocate("10.00", 2, { remainderTo: "middle" as "last" }), "options.remainderTo");
    expectIssue(() => allocate("0.04", 6, { rounding: "half-up" }), "options.rounding", "allocate.rounding");
  });
});
