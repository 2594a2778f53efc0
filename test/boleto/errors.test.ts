import { describe, expect, it } from "vitest";
import { parseBoleto } from "credit-block/boleto";
import { expectIssue, issuesOf } from "../support/expectError.js";
import { BOLETOS } from "./reference.js";

const asOf = "2026-11-23";
/** `text` with the digit at 1-based `position` replaced by `digit`. */
const at = (text: string, position: number, digit: string) => text.slice(0, position - 1) + digit + text.slice(position);
const other = (d: string) => String((Number(d) + 5) % 10);

describe("parseBoleto: what is wrong, and where", () => {
  it.each([[10, "line.field1"], [21, "line.field2"], [32, "line.field3"], [33, "line.field4"]] as const)("a wrong check digit at position %i of a linha digitável is %s", (position, path) => {
    const line = at(BOLETOS.caixa.line, position, other(BOLETOS.caixa.line.charAt(position - 1)));
    const issues = issuesOf(() => parseBoleto(line, { asOf }));
    expect(issues.map((i) => i.path)).toEqual([path]);
    expect(issues[0]?.code).toBe("invalid_format");
  });

  it("a typo in a field's body names that field; one in field 5 (factor, amount: no digit of its own) names field 4", () => {
    const typo = (position: number) => at(BOLETOS.caixa.line, position, other(BOLETOS.caixa.line.charAt(position - 1)));
    expect(issuesOf(() => parseBoleto(typo(3), { asOf })).map((i) => i.path)).toEqual(["line.field1", "line.field4"]);
    expect(issuesOf(() => parseBoleto(typo(15), { asOf })).map((i) => i.path)).toEqual(["line.field2", "line.field4"]);
    expect(issuesOf(() => parseBoleto(typo(40), { asOf })).map((i) => i.path)).toEqual(["line.field4"]);
    const message = issuesOf(() => parseBoleto(typo(40), { asOf }))[0]?.message ?? "";
    expect(message).toMatch(/field 5/);
  });

  it("lists every wrong field at once", () => {
    const line = at(at(BOLETOS.caixa.line, 10, "1"), 21, "0");
    expect(issuesOf(() => parseBoleto(line, { asOf })).map((i) => i.path)).toEqual(["line.field1", "line.field2"]);
  });

  it("a wrong general digit of a barcode is barcode.checkDigit (position 5 bank, 4 arrecadação)", () => {
    expectIssue(() => parseBoleto(at(BOLETOS.caixa.barcode, 5, "2"), { asOf }), "barcode.checkDigit");
    expectIssue(() => parseBoleto(at(BOLETOS.energy.barcode, 4, "1"), { asOf }), "barcode.checkDigit");
  });

  it("arrecadação: a wrong block digit is line.blockN, a wrong general digit line.checkDigit, a bad third digit line.valueIdentifier", () => {
    for (const [position, path] of [[12, "line.block1"], [24, "line.block2"], [36, "line.block3"], [48, "line.block4"]] as const) {
      expect(issuesOf(() => parseBoleto(at(BOLETOS.energy.line, position, other(BOLETOS.energy.line.charAt(position - 1))), { asOf })).map((i) => i.path)).toEqual([path]);
    }
    expect(issuesOf(() => parseBoleto(at(BOLETOS.government.line, 48, "1"), { asOf })).map((i) => i.path)).toEqual(["line.block4"]); // módulo 11
    expect(issuesOf(() => parseBoleto(at(BOLETOS.energy.line, 4, "9"), { asOf })).map((i) => i.path)).toEqual(["line.block1", "line.checkDigit"]);
    expectIssue(() => parseBoleto(at(BOLETOS.energy.barcode, 3, "5"), { asOf }), "barcode.valueIdentifier");
    expectIssue(() => parseBoleto(at(BOLETOS.energy.barcode, 2, "0"), { asOf }), "barcode.segment");
  });

  it("wrong length, non-digits and a 48-digit line not starting with 8 are `line`", () => {
    expectIssue(() => parseBoleto(BOLETOS.caixa.line.slice(1), { asOf }), "line", "invalid_format");
    expectIssue(() => parseBoleto(`${BOLETOS.caixa.line}1`, { asOf }), "line", "invalid_format");
    expectIssue(() => parseBoleto("", { asOf }), "line", "invalid_format");
    expectIssue(() => parseBoleto(at(BOLETOS.caixa.line, 20, "O"), { asOf }), "line", "invalid_format");
    expectIssue(() => parseBoleto(at(BOLETOS.energy.line, 1, "7"), { asOf }), "line", "invalid_format");
    expectIssue(() => parseBoleto(123 as never, { asOf }), "line", "invalid_type");
  });

  it("asOf is required and a real date", () => {
    expectIssue(() => parseBoleto(BOLETOS.caixa.line, {} as never), "options.asOf", "required");
    expectIssue(() => parseBoleto(BOLETOS.caixa.line, undefined as never), "options.asOf", "required");
    expectIssue(() => parseBoleto(BOLETOS.caixa.line, { asOf: "23/11/2026" }), "options.asOf", "date.format");
    expectIssue(() => parseBoleto(BOLETOS.caixa.line, { asOf: "2026-02-30" }), "options.asOf", "date.impossible");
  });
});
