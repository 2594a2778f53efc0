import { describe, expect, it } from "vitest";
import { dueDateOfFactor, parseBoleto } from "credit-block/boleto";
import { BOLETOS, FACTOR_TABLE, refAddDays, refBankLine, refMod10, refMod11Bank, refMod11Collection } from "./reference.js";

describe("published boletos, their check digits recomputed here", () => {
  it.each([BOLETOS.caixa, BOLETOS.bradescoCard])("bank boleto $barcode: every digit of the line and the barcode checks", ({ line, barcode }) => {
    expect(refBankLine(barcode)).toBe(line);
    expect(String(refMod11Bank(barcode.slice(0, 4) + barcode.slice(5)))).toBe(barcode.charAt(4));
    for (const [from, to] of [[0, 9], [10, 20], [21, 31]] as const) expect(String(refMod10(line.slice(from, to)))).toBe(line.charAt(to));
  });

  it.each([BOLETOS.energy, BOLETOS.government, BOLETOS.telecom])("arrecadação $barcode: each block's and the general digit check, by the module its third digit names", ({ line, barcode }) => {
    const check = "67".includes(barcode.charAt(2)) ? refMod10 : refMod11Collection;
    expect(String(check(barcode.slice(0, 3) + barcode.slice(4)))).toBe(barcode.charAt(3));
    for (let b = 0; b < 4; b++) expect(line.slice(12 * b, 12 * b + 12)).toBe(barcode.slice(11 * b, 11 * b + 11) + String(check(barcode.slice(11 * b, 11 * b + 11))));
  });

  it("reads the Caixa boleto: bank 104, R$ 214,03, due 2022-05-10, from the line (formatted or not) and from the barcode", () => {
    const expected = { kind: "bank", bank: "104", currency: "BRL", amount: "214.03", dueDate: "2022-05-10", barcode: BOLETOS.caixa.barcode, line: BOLETOS.caixa.line };
    expect(parseBoleto(BOLETOS.caixa.line, { asOf: "2022-05-02" })).toEqual(expected);
    expect(parseBoleto("10492.00650 61000.100042 00997.263900 9 89810000021403", { asOf: "2022-05-02" })).toEqual(expected);
    expect(parseBoleto(BOLETOS.caixa.barcode, { asOf: "2022-05-02" })).toEqual(expected);
    expect(refAddDays("1997-10-07", 8981)).toBe("2022-05-10");
  });

  it("reads the same factor 8981 in the second cycle when asOf is there: 2025-02-22 + 7981 days", () => {
    expect(parseBoleto(BOLETOS.caixa.line, { asOf: "2046-12-01" }).dueDate).toBe(refAddDays("2025-02-22", 7981));
    expect(refAddDays("2025-02-22", 7981)).toBe("2046-12-30");
  });

  it("reads a boleto without factor or amount (a card bill: the payer types the amount)", () => {
    expect(parseBoleto(BOLETOS.bradescoCard.line, { asOf: "2026-11-23" })).toEqual({ kind: "bank", bank: "237", currency: "BRL", amount: null, dueDate: null, barcode: BOLETOS.bradescoCard.barcode, line: BOLETOS.bradescoCard.line });
  });

  it("reads arrecadação slips: segment, amount (identifiers 6 and 8), no due date", () => {
    expect(parseBoleto("83860000005-0 09600019000-9 00080178230-9 00034306271-2", { asOf: "2026-11-23" })).toEqual({ kind: "collection", segment: "3", amount: "509.60", dueDate: null, barcode: BOLETOS.energy.barcode, line: BOLETOS.energy.line });
    expect(parseBoleto(BOLETOS.energy.barcode, { asOf: "2026-11-23" }).line).toBe(BOLETOS.energy.line);
    expect(parseBoleto(BOLETOS.government.line, { asOf: "2026-11-23" })).toMatchObject({ segment: "5", amount: "57.25", barcode: BOLETOS.government.barcode });
    expect(parseBoleto(BOLETOS.government.barcode, { asOf: "2026-11-23" }).line).toBe(BOLETOS.government.line);
    expect(parseBoleto(BOLETOS.telecom.line, { asOf: "2026-11-23" })).toMatchObject({ segment: "4", amount: "29.99", barcode: BOLETOS.telecom.barcode });
  });
});

describe("the due-date factor (FEBRABAN, Manual Operacional do Fator de Vencimento)", () => {
  it.each(FACTOR_TABLE)("factor %i is %s in the first cycle", (factor, date) => {
    expect(refAddDays("1997-10-07", factor)).toBe(date);
    expect(dueDateOfFactor(factor, date)).toBe(date);
  });

  it("restarted at 1000 on 2025-02-22, after 9999 on 2025-02-21; 9999 comes again on 2049-10-13, 1000 on 2049-10-14", () => {
    expect(dueDateOfFactor(9999, "2025-02-21")).toBe("2025-02-21");
    expect(dueDateOfFactor(1000, "2025-02-21")).toBe("2025-02-22");
    expect(dueDateOfFactor(1001, "2025-03-01")).toBe("2025-02-23");
    expect(dueDateOfFactor(9999, "2049-10-01")).toBe("2049-10-13");
    expect(dueDateOfFactor(1000, "2049-10-01")).toBe("2049-10-14");
    expect(dueDateOfFactor(1000, "2001-01-01")).toBe("2000-07-03");
  });

  it("picks the cycle nearest to asOf, the later of two equally near; 0 is no due date; 1–999 only the first cycle", () => {
    // 1000 names 2000-07-03 and 2025-02-22, 9000 days apart; 4500 days after the first is midway.
    const midway = refAddDays("2000-07-03", 4500);
    expect(dueDateOfFactor(1000, refAddDays(midway, -1))).toBe("2000-07-03");
    expect(dueDateOfFactor(1000, midway)).toBe("2025-02-22");
    expect(dueDateOfFactor(0, "2026-11-23")).toBeNull();
    expect(dueDateOfFactor(1, "2026-11-23")).toBe("1997-10-08");
    expect(dueDateOfFactor(999, "2026-11-23")).toBe("2000-07-02");
  });
});
