import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CreditBlockError, currencyDigits, formatMoney, parseMoney, toMoney } from "credit-block";
import { expectIssue, issuesOf } from "../support/expectError.js";

describe("toMoney", () => {
  it("canonicalises strings and numbers to the currency's minor digits", () => {
    expect(toMoney("1234.5")).toBe("1234.50");
    expect(toMoney("0")).toBe("0.00");
    expect(toMoney("-0")).toBe("0.00");
    expect(toMoney(-0)).toBe("0.00");
    expect(toMoney(19.9)).toBe("19.90");
    expect(toMoney(0.1)).toBe("0.10");
    expect(toMoney("007.10")).toBe("7.10");
    expect(toMoney(100, { currency: "JPY" })).toBe("100");
    expect(toMoney("1.234", { currency: "KWD" })).toBe("1.234");
  });

  it.each([
    ["1,50", "money.format"],
    ["1e3", "money.format"],
    [" 12.00", "money.format"],
    ["", "money.format"],
    ["1.", "money.format"],
    [".5", "money.format"],
    ["+1.00", "money.format"],
    ["12.345", "money.fraction_digits"],
    [0.1 + 0.2, "money.fraction_digits"],
    [Number.NaN, "money.not_finite"],
    [Number.POSITIVE_INFINITY, "money.not_finite"],
    [Number("1e400"), "money.not_finite"],
    ["99999999999999.00", "money.too_large"],
  ])("rejects %j with %s, naming the field", (input, code) => {
    expectIssue(() => toMoney(input, { path: "sale.total" }), "sale.total", code);
  });

  it("rejects non-money types without crashing", () => {
    for (const bad of [null, undefined, true, {}, [], 1n]) {
      expectIssue(() => toMoney(bad as never), "value", "invalid_type");
    }
  });

  it("clips hostile huge strings in messages", () => {
    const [first] = issuesOf(() => toMoney("9".repeat(1_000_000)));
    expect(first?.message.length).toBeLessThan(200);
  });

  it("round-trips every integer number of cents exactly, from text and from numbers (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        const abs = cents < 0n ? -cents : cents;
        const text = `${cents < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
        const canonical = toMoney(text);
        expect(toMoney(canonical)).toBe(canonical);
        expect(BigInt(canonical.replace(".", ""))).toBe(cents);
        // a JS number whose shortest text has ≤ 2 decimals is read exactly, never through binary
        expect(toMoney(Number(text))).toBe(canonical);
      }),
      { numRuns: 1000 },
    );
  });

  it("knows the currency's minor digits", () => {
    expect(currencyDigits("BRL")).toBe(2);
    expect(currencyDigits("CLP")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expectIssue(() => currencyDigits("real"), "currency", "currency.unknown");
  });
});

describe("formatMoney", () => {
  it("formats for display in pt-BR and en", () => {
    expect(formatMoney("1234.5")).toBe("R$ 1.234,50");
    expect(formatMoney("-1234.5")).toBe("-R$ 1.234,50");
    expect(formatMoney("1234.5", { locale: "en" })).toBe("R$1,234.50");
    expect(formatMoney("9999999999999.99")).toBe("R$ 9.999.999.999.999,99");
  });
});

describe("parseMoney (user-typed text)", () => {
  it("reads pt-BR amounts as people type them", () => {
    expect(parseMoney("R$ 1.234,56")).toBe("1234.56");
    expect(parseMoney("1234,5")).toBe("1234.50");
    expect(parseMoney("  R$1.000  ")).toBe("1000.00");
    expect(parseMoney("-R$ 5,00")).toBe("-5.00");
    expect(parseMoney("1,234.56", { locale: "en" })).toBe("1234.56");
  });

  it.each(["1.23,4", "1,2,3", "R$", "abc", "1.234.5", "12,345"])("rejects %j", (text) => {
    expect(() => parseMoney(text, { path: "valorDigitado" })).toThrow(CreditBlockError);
    expectIssue(() => parseMoney(text, { path: "valorDigitado" }), "valorDigitado");
  });

  it("inverts formatMoney for every amount (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        const money = toMoney(`${cents < 0n ? "-" : ""}${(cents < 0n ? -cents : cents) / 100n}.${String((cents < 0n ? -cents : cents) % 100n).padStart(2, "0")}`);
        expect(parseMoney(formatMoney(money))).toBe(money);
        expect(parseMoney(formatMoney(money, { locale: "en" }), { locale: "en" })).toBe(money);
      }),
      { numRuns: 1000 },
    );
  });
});
