import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareMoney, subtractMoney, sumMoney } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const money = (c: bigint): string => {
  const abs = c < 0n ? -c : c;
  return `${c < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};

describe("sumMoney, subtractMoney, compareMoney", () => {
  it("sum exactly, even far past 2^53 minor units (property)", () => {
    fc.assert(fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { maxLength: 200 }), (cents) => {
      const expected = cents.reduce((a, b) => a + b, 0n);
      expect(sumMoney(cents.map(money))).toBe(money(expected));
    }), { numRuns: 1000 });
    expect(sumMoney(Array.from({ length: 100 }, () => "9999999999999.99"))).toBe("999999999999999.00");
  });

  it("subtract and compare exactly (property)", () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (a, b) => {
      expect(subtractMoney(money(a), money(b))).toBe(money(a - b));
      expect(compareMoney(money(a), money(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
    }), { numRuns: 1000 });
  });

  it("names the bad element", () => {
    expectIssue(() => sumMoney(["1.00", "1,00"]), "values[1]", "money.format");
    expectIssue(() => compareMoney("1.00", "x"), "b", "money.format");
  });
});
