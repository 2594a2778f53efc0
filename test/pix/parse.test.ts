import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CreditBlockError } from "credit-block";
import { parsePixPayload, pixPayload } from "credit-block/pix";
import { expectIssue } from "../support/expectError.js";
import { pixInputs } from "./arbitraries.js";
import { tlv, VECTORS, withCrc } from "./reference.js";

/** The manual's static example with its body changed by `edit`, and the CRC recomputed. */
const edited = (edit: (body: string) => string) => withCrc(edit(VECTORS.bcbStatic.slice(0, -8)));

describe("parsePixPayload: reading and verifying a BR Code", () => {
  it("reads the BCB manual's static example and the bacen/pix-api#236 code into their fields", () => {
    expect(parsePixPayload(VECTORS.bcbStatic)).toEqual({ key: "123e4567-e12b-12d1-a456-426655440000", name: "Fulano de Tal", city: "BRASILIA", txid: "***" });
    expect(parsePixPayload(VECTORS.pixApi236)).toEqual({ key: "5a5ea8c2-cbb5-4c25-a7be-2a778871fc5f", name: "Arrumadinho", city: "Brasilia", amount: "0.15", txid: "e433v1524u155f31mDvx01" });
    expect(parsePixPayload(`  ${VECTORS.bcbStatic}\r\n`)).toEqual(parsePixPayload(VECTORS.bcbStatic));
  });

  it("refuses the manual's dynamic example (its CRC is right): a URL is not a key, and its txid is not a static one", () => {
    expectIssue(() => parsePixPayload(VECTORS.bcbDynamic), "payload.key", "invalid_format");
    expectIssue(() => parsePixPayload(VECTORS.bcbDynamic), "payload.txid", "invalid_format");
  });

  it("refuses a published example whose CRC matches but whose field 62 says 8 characters for 7 (gist matheusb-comp/1efa205b, CRC 170E)", () => {
    // "62 08 / 05 03 ***": the CRC was computed over a mis-sized field.
    const gist = "00020126360014BR.GOV.BCB.PIX0114+55119432143215204000053039865405" + "66.665802BR5907EMPRESA6008BRASILIA62080503***6304170E";
    expectIssue(() => parsePixPayload(gist), "payload", "invalid_format");
    // Sized right and its CRC recomputed, the same code reads: GUI in upper case, phone key.
    expect(parsePixPayload(withCrc(gist.slice(0, -8).replace("62080503***", "62070503***")))).toEqual({ key: "+5511943214321", name: "EMPRESA", city: "BRASILIA", amount: "66.66", txid: "***" });
  });

  it("names the CRC when a character was changed, lost or the CRC is missing", () => {
    expectIssue(() => parsePixPayload(VECTORS.bcbStatic.replace("Fulano", "Fulana")), "payload.crc", "invalid_format");
    expectIssue(() => parsePixPayload(VECTORS.bcbStatic.slice(0, -1)), "payload.crc");
    expectIssue(() => parsePixPayload(VECTORS.bcbStatic.slice(0, -8)), "payload.crc");
    expect(parsePixPayload(VECTORS.bcbStatic.replace(/1D3D$/, "1d3d")).name).toBe("Fulano de Tal");
  });

  it("names each mandatory field that is missing or wrong", () => {
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5303986", "5303840"))), "payload.currency");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5303986", ""))), "payload.currency", "required");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5802BR", "5802US"))), "payload.country");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("52040000", ""))), "payload.merchantCategoryCode", "required");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5913Fulano de Tal", ""))), "payload.name", "required");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5913Fulano de Tal", tlv("59", "x".repeat(26))))), "payload.name", "too_big");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("6008BRASILIA", tlv("60", "x".repeat(16))))), "payload.city", "too_big");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("62070503***", ""))), "payload.txid", "required");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("62070503***", tlv("62", tlv("05", "a-b"))))), "payload.txid");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("0014br.gov.bcb.pix", "0014br.gov.bcb.xyz"))), "payload.merchantAccount");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("5802BR", "5802BR5802BR"))), "payload", "invalid_format");
    expectIssue(() => parsePixPayload(edited((b) => `${b}0102ab`)), "payload.pointOfInitiation");
    expectIssue(() => parsePixPayload(edited((b) => b.replace("000201", "000202"))), "payload.formatIndicator");
    expectIssue(() => parsePixPayload("hello"), "payload.formatIndicator");
    expectIssue(() => parsePixPayload(""), "payload", "required");
    expectIssue(() => parsePixPayload(42 as never), "payload", "invalid_type");
  });

  it("checks the amount (a positive decimal of ≤ 13 characters) and the key (valid for its kind)", () => {
    const withAmount = (a: string) => edited((b) => b.replace("5802BR", `${tlv("54", a)}5802BR`));
    expect(parsePixPayload(withAmount("10")).amount).toBe("10.00");
    expect(parsePixPayload(withAmount("1.5")).amount).toBe("1.50");
    for (const bad of ["1,50", "1.505", "1e3", "-1.00", ".50"]) expectIssue(() => parsePixPayload(withAmount(bad)), "payload.amount", "invalid_format");
    expectIssue(() => parsePixPayload(withAmount("0.00")), "payload.amount", "money.not_positive");
    const withKey = (k: string) => edited((b) => b.replace("0136123e4567-e12b-12d1-a456-426655440000", tlv("01", k)).replace(/^(000201)26\d\d/, (_, head: string) => `${head}26${String(18 + 4 + k.length).padStart(2, "0")}`));
    expect(parsePixPayload(withKey("52998224725")).key).toBe("52998224725");
    expectIssue(() => parsePixPayload(withKey("52998224724")), "payload.key", "tax_id.check_digit");
  });

  it("accepts what the manual and EMV allow: the GUI in upper case, point of initiation 11/12, other templates", () => {
    const upper = edited((b) => b.replace("br.gov.bcb.pix", "BR.GOV.BCB.PIX"));
    expect(parsePixPayload(upper).key).toBe("123e4567-e12b-12d1-a456-426655440000");
    expect(parsePixPayload(edited((b) => b.replace("000201", "000201010212"))).txid).toBe("***");
    expect(parsePixPayload(edited((b) => `${b}${tlv("80", tlv("00", "br.com.example"))}`)).name).toBe("Fulano de Tal");
  });

  it("round trip: parse(pixPayload(x)) gives back x's fields, for any valid x", () => {
    fc.assert(fc.property(pixInputs, (input) => {
      expect(parsePixPayload(pixPayload(input))).toEqual(input);
    }), { numRuns: 400 });
  });

  it("any one character changed in a valid payload is refused with a CreditBlockError (the CRC catches what the syntax does not)", () => {
    fc.assert(fc.property(pixInputs, fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (input, at, code) => {
      const payload = pixPayload(input);
      const i = at % payload.length;
      const char = String.fromCharCode(code);
      fc.pre(payload[i] !== char && payload[i]?.toUpperCase() !== char.toUpperCase());
      expect(() => parsePixPayload(payload.slice(0, i) + char + payload.slice(i + 1))).toThrow(CreditBlockError);
    }), { numRuns: 400 });
  });

  it("never crashes: any text is read or refused with a CreditBlockError", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), pixInputs.map((x) => pixPayload(x).slice(0, -9) + "63041234")), (text) => {
      try {
        parsePixPayload(text);
      } catch (error) {
        expect(error).toBeInstanceOf(CreditBlockError);
      }
    }), { numRuns: 400 });
  });
});
