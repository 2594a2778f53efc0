import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PAYMENT_METHODS, TERMS, type TenderInput } from "credit-block";
import { nfceFromTender, tenderFromNfce, tendersFromNfce, TPAG } from "credit-block/nfce";
import { checkBeforeIssuing, detPag } from "../../examples/nfce.js";
import { expectIssue } from "../support/expectError.js";

describe("NFC-e payment codes (IT 2024.002 v1.11)", () => {
  it("maps the codes a POS emits to tenders", () => {
    expect(tenderFromNfce({ tPag: "01", vPag: "10" })).toEqual({ method: "cash", term: "immediate", amount: "10.00" });
    expect(tenderFromNfce({ tPag: "05", vPag: "300.00", indPag: 1 })).toEqual({ method: "store_credit", term: "deferred", amount: "300.00" });
    expect(tenderFromNfce({ tPag: "15", vPag: "80.00", indPag: 0 })?.term).toBe("immediate"); // boleto à vista
    expect(tenderFromNfce({ tPag: "15", vPag: "80.00" })?.term).toBe("deferred");
    expect(tenderFromNfce({ tPag: "02", vPag: "80.00", indPag: "1" })).toMatchObject({ method: "check", term: "deferred" }); // cheque pré-datado
    for (const code of ["17", "20", "23"]) expect(tenderFromNfce({ tPag: code, vPag: 1 })?.method).toBe("pix");
    expect(tenderFromNfce({ tPag: "91", vPag: "0.00" })).toBeNull();
    expect(tenderFromNfce({ tPag: "90", vPag: 0 })).toBeNull();
    expect(Object.keys(TPAG)).toHaveLength(22);
  });

  it("round-trips every method and term (property)", () => {
    fc.assert(fc.property(fc.constantFrom(...PAYMENT_METHODS), fc.constantFrom(...TERMS), fc.integer({ min: 1, max: 10_000_000 }), (method, term, cents) => {
      const tender: TenderInput = { method, term, amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}` };
      const back = tenderFromNfce(nfceFromTender(tender));
      expect(back).toEqual(tender);
    }), { numRuns: 1000 });
  });

  it("refuses unknown and retired codes, naming the code", () => {
    expectIssue(() => tenderFromNfce({ tPag: "07", vPag: 1 }), "detPag.tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "14", vPag: 1 }), "detPag.tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "91", vPag: "10.00" }), "detPag.vPag", "nfce.zero_value");
    expectIssue(() => tenderFromNfce({ tPag: "99", vPag: "10.00" }), "detPag.xPag", "nfce.xpag");
    expectIssue(() => tendersFromNfce([{ tPag: "01", vPag: 1 }, { tPag: "42", vPag: 1 }]), "detPag[1].tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "01", vPag: "1,00" }), "detPag.vPag", "money.format");
  });

  it("examples/nfce.ts checks a payment group before the note is issued", () => {
    expect(checkBeforeIssuing(detPag)).toEqual([
      "detPag[0] tPag 17 50.00: allow",
      "detPag[1] tPag 05 250.00: deny — 1 título vencido, o mais antigo há 33 dias, R$ 2.337,37 em atraso",
    ]);
  });
});
