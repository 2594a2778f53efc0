import { describe, expect, it } from "vitest";
import { pixPayload, parsePixPayload } from "credit-block/pix";
import { expectIssue, issuesOf } from "../support/expectError.js";
import { referenceCrc, tlv, VECTORS, withCrc } from "./reference.js";

const EVP = "123e4567-e12b-12d1-a456-426655440000";

describe("pixPayload: the static BR Code of the BCB manual", () => {
  it("writes the manual's static example character for character (CRC 1D3D)", () => {
    expect(pixPayload({ key: EVP, name: "Fulano de Tal", city: "BRASILIA" })).toBe(VECTORS.bcbStatic);
  });

  it("rewrites the R$ 0,15 code of bacen/pix-api#236 from its fields, CRC 5B1E included", () => {
    expect(pixPayload({ key: "5a5ea8c2-cbb5-4c25-a7be-2a778871fc5f", name: "Arrumadinho", city: "Brasilia", amount: "0.15", txid: "e433v1524u155f31mDvx01" })).toBe(VECTORS.pixApi236);
  });

  it("writes every field of the manual in its order: 00, 26 (GUI, key, description), 52, 53, 54, 58, 59, 60, 61, 62-05, 63", () => {
    const payload = pixPayload({ key: "+5561912345678", name: "Loja do Zé", city: "São Paulo", amount: "152.37", txid: "CB0001", description: "Parcelas 3 e 4", postalCode: "01310-100" });
    const body = tlv("00", "01") + tlv("26", tlv("00", "br.gov.bcb.pix") + tlv("01", "+5561912345678") + tlv("02", "Parcelas 3 e 4")) + tlv("52", "0000") + tlv("53", "986")
      + tlv("54", "152.37") + tlv("58", "BR") + tlv("59", "Loja do Ze") + tlv("60", "Sao Paulo") + tlv("61", "01310100") + tlv("62", tlv("05", "CB0001"));
    expect(payload).toBe(withCrc(body));
    expect(payload.slice(-4)).toBe(referenceCrc(payload.slice(0, -4)));
  });

  it("writes amounts with a dot and two decimals, from decimal strings only", () => {
    expect(pixPayload({ key: EVP, name: "A", city: "B", amount: "10" })).toContain("540510.00");
    expect(pixPayload({ key: EVP, name: "A", city: "B", amount: "0.5" })).toContain("54040.50");
    expect(pixPayload({ key: EVP, name: "A", city: "B", amount: "9999999999.99" })).toContain("54139999999999.99");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: 10 as never }), "amount", "invalid_type");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: "1,50" }), "amount", "money.format");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: "1.505" }), "amount", "money.fraction_digits");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: "0.00" }), "amount", "money.not_positive");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: "-5.00" }), "amount", "money.not_positive");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", amount: "10000000000.00" }), "amount", "too_big");
  });

  it("folds name, city and description to ASCII, then holds them to 25, 15 and field 26's 99 characters", () => {
    expect(pixPayload({ key: EVP, name: "  José  da   Conceição ", city: "Brasília" })).toContain("5917Jose da Conceicao6008Brasilia");
    expect(pixPayload({ key: EVP, name: "Çà ñ ü ª", city: "Goiânia" })).toContain("5908Ca n u a6007Goiania");
    expect(pixPayload({ key: EVP, name: "x".repeat(25), city: "y".repeat(15) })).toContain(`5925${"x".repeat(25)}6015${"y".repeat(15)}`);
    expectIssue(() => pixPayload({ key: EVP, name: "x".repeat(26), city: "B" }), "name", "too_big");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "São José dos Campos" }), "city", "too_big");
    expectIssue(() => pixPayload({ key: EVP, name: "Straße", city: "B" }), "name", "invalid_format");
    expectIssue(() => pixPayload({ key: EVP, name: "   ", city: "B" }), "name", "required");
    expectIssue(() => pixPayload({ key: EVP, city: "B" } as never), "name", "required");
    // A 36-character key leaves 99 − 18 − 40 − 4 = 37 characters for the description.
    expect(pixPayload({ key: EVP, name: "A", city: "B", description: "d".repeat(37) })).toContain(`0237${"d".repeat(37)}`);
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", description: "d".repeat(38) }), "description", "too_big");
  });

  it("takes a txid of up to 25 letters and digits, or *** (the default) for none", () => {
    expect(pixPayload({ key: EVP, name: "A", city: "B" })).toContain("62070503***");
    expect(pixPayload({ key: EVP, name: "A", city: "B", txid: "***" })).toContain("62070503***");
    expect(pixPayload({ key: EVP, name: "A", city: "B", txid: "Z".repeat(25) })).toContain(`62290525${"Z".repeat(25)}`);
    for (const txid of ["", "Z".repeat(26), "t-1", "ação", "**", "a b"]) expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", txid }), "txid", "invalid_format");
  });

  it("checks the CEP: 8 digits, punctuation allowed", () => {
    expect(pixPayload({ key: EVP, name: "A", city: "B", postalCode: "70040.010" })).toContain("610870040010");
    expectIssue(() => pixPayload({ key: EVP, name: "A", city: "B", postalCode: "7004001" }), "postalCode", "invalid_format");
  });

  it("lists every problem at once, each at its field, and refuses what is not an object", () => {
    const issues = issuesOf(() => pixPayload({ key: "12345", name: "", city: "Uma cidade longa demais", amount: "0", txid: "a-b", postalCode: "x" }));
    expect(issues.map((i) => i.path).sort()).toEqual(["amount", "city", "key", "name", "postalCode", "txid"]);
    expectIssue(() => pixPayload(null as never), "", "invalid_type");
    expectIssue(() => pixPayload("key" as never), "", "invalid_type");
  });

  it("is deterministic and its output always parses back", () => {
    const input = { key: "52998224725", name: "Mercadinho Boa Vista", city: "Belo Horizonte", amount: "89.90", txid: "PED123" };
    expect(pixPayload(input)).toBe(pixPayload(input));
    expect(parsePixPayload(pixPayload(input))).toEqual(input);
  });
});
