import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CreditBlockError } from "credit-block";
import { dueDateOfFactor, parseBoleto } from "credit-block/boleto";
import { refAddDays, refBankBarcode, refBankLine, refFactorOf, refMod10, refMod11Collection, refWeighted11 } from "./reference.js";

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...Array.from("0123456789")), minLength: n, maxLength: n });
/** Due dates from the first factor 1000 to the end of the second cycle. */
const dueDates = fc.integer({ min: 0, max: 17_999 }).map((n) => refAddDays("2000-07-03", n));

/**
 * A bank boleto built here: parts, barcode and line with every digit computed by the reference.
 * Bank codes never start with 8, the first digit of arrecadação barcodes (how a 44-digit barcode
 * says which it is).
 */
const bankBoletos = fc.record({ bank: digits(3).filter((b) => !b.startsWith("8")), dueDate: fc.option(dueDates, { nil: null }), cents: fc.bigInt({ min: 0n, max: 9_999_999_999n }), free: digits(25) }).map((b) => {
  const factor = b.dueDate === null ? "0000" : String(refFactorOf(b.dueDate)).padStart(4, "0");
  const barcode = refBankBarcode(b.bank, "9", factor, b.cents.toString().padStart(10, "0"), b.free);
  return { ...b, barcode, line: refBankLine(barcode) };
});

const money = (cents: bigint) => (cents === 0n ? null : `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`);

describe("parseBoleto: properties", () => {
  it("reads back what a boleto was built with, from its line and its barcode, when asOf is within 12 years of the due date", () => {
    fc.assert(fc.property(bankBoletos, fc.integer({ min: -4499, max: 4499 }), (b, offset) => {
      const asOf = refAddDays(b.dueDate ?? "2026-11-23", offset);
      const fromLine = parseBoleto(b.line, { asOf });
      expect(fromLine).toEqual({ kind: "bank", bank: b.bank, currency: "BRL", amount: money(b.cents), dueDate: b.dueDate, barcode: b.barcode, line: b.line });
      expect(parseBoleto(b.barcode, { asOf })).toEqual(fromLine);
    }), { numRuns: 500 });
  });

  it("dueDateOfFactor inverts the factor: any due date, seen from within 4499 days, comes back", () => {
    fc.assert(fc.property(dueDates, fc.integer({ min: -4499, max: 4499 }), (due, offset) => dueDateOfFactor(refFactorOf(due), refAddDays(due, offset)) === due), { numRuns: 1000 });
  });

  it("any one digit changed in fields 1–4 of a line is refused; in field 5 it is refused unless the módulo-11 remainder only moved among 0, 1 and 10 (all give digit 1)", () => {
    fc.assert(fc.property(bankBoletos, fc.integer({ min: 0, max: 46 }), fc.integer({ min: 1, max: 9 }), (b, i, shift) => {
      const changed = b.line.slice(0, i) + String((Number(b.line.charAt(i)) + shift) % 10) + b.line.slice(i + 1);
      let refused = false;
      try {
        parseBoleto(changed, { asOf: "2026-11-23" });
      } catch (error) {
        expect(error).toBeInstanceOf(CreditBlockError);
        refused = true;
      }
      if (i < 33) expect(refused).toBe(true);
      else if (!refused) {
        const without = (line: string) => { const bc = line.slice(0, 4) + line.slice(33) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31); return bc; };
        // 11 − r is 11, 10 or 1 for r = 0, 1, 10: all three are written as digit 1.
        for (const line of [b.line, changed]) expect([0, 1, 10]).toContain(refWeighted11(without(line)) % 11);
      }
    }), { numRuns: 1000 });
  });

  it("arrecadação (value identifier 6, módulo 10): any one digit changed is refused", () => {
    const slips = fc.tuple(fc.constantFrom("1", "2", "3", "4", "5", "6", "7", "9"), digits(11), digits(29)).map(([segment, value, rest]) => {
      const without = `8${segment}6${value}${rest}`;
      const barcode = without.slice(0, 3) + String(refMod10(without)) + without.slice(3);
      return [0, 11, 22, 33].map((k) => barcode.slice(k, k + 11) + String(refMod10(barcode.slice(k, k + 11)))).join("");
    });
    fc.assert(fc.property(slips, fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 9 }), (line, i, shift) => {
      expect(parseBoleto(line, { asOf: "2026-11-23" }).kind).toBe("collection");
      const changed = line.slice(0, i) + String((Number(line.charAt(i)) + shift) % 10) + line.slice(i + 1);
      expect(() => parseBoleto(changed, { asOf: "2026-11-23" })).toThrow(CreditBlockError);
    }), { numRuns: 500 });
  });

  it("arrecadação (identifier 8, módulo 11) reads back its amount from line and barcode", () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 99_999_999_999n }), digits(29), (cents, rest) => {
      const without = `858${cents.toString().padStart(11, "0")}${rest}`;
      const barcode = without.slice(0, 3) + String(refMod11Collection(without)) + without.slice(3);
      const line = [0, 11, 22, 33].map((k) => barcode.slice(k, k + 11) + String(refMod11Collection(barcode.slice(k, k + 11)))).join("");
      expect(parseBoleto(line, { asOf: "2026-11-23" })).toEqual({ kind: "collection", segment: "5", amount: money(cents), dueDate: null, barcode, line });
      expect(parseBoleto(barcode, { asOf: "2026-11-23" }).line).toBe(line);
    }), { numRuns: 300 });
  });

  it("never crashes: any text is read or refused with a CreditBlockError", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), digits(44), digits(47), digits(48), fc.string({ unit: fc.constantFrom(...Array.from("0123456789 .-")), maxLength: 60 })), (text) => {
      try {
        parseBoleto(text, { asOf: "2026-11-23" });
      } catch (error) {
        expect(error).toBeInstanceOf(CreditBlockError);
      }
    }), { numRuns: 1000 });
  });
});
