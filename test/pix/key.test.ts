import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pixKey } from "credit-block/pix";
import { isValidCnpj, isValidCpf } from "../../src/schemas/taxId.js";
import { expectIssue } from "../support/expectError.js";
import { pixKeys } from "./arbitraries.js";

describe("pixKey: a key checked by its kind and written as the DICT registers it", () => {
  it("reads each kind, formatted or not", () => {
    expect(pixKey("529.982.247-25")).toEqual({ kind: "cpf", key: "52998224725" });
    expect(pixKey("11.222.333/0001-81")).toEqual({ kind: "cnpj", key: "11222333000181" });
    expect(pixKey("12.abc.345/01de-35")).toEqual({ kind: "cnpj", key: "12ABC34501DE35" }); // alphanumeric CNPJ, IN RFB 2.229/2024
    expect(pixKey("+55 (61) 91234-5678")).toEqual({ kind: "phone", key: "+5561912345678" });
    expect(pixKey(" Caixa@Loja.COM.br ")).toEqual({ kind: "email", key: "caixa@loja.com.br" });
    expect(pixKey("123E4567-E12B-12D1-A456-426655440000")).toEqual({ kind: "evp", key: "123e4567-e12b-12d1-a456-426655440000" });
  });

  it("refuses wrong check digits, repeated digits and shapes of no kind, at `key`", () => {
    expectIssue(() => pixKey("529.982.247-24"), "key", "tax_id.check_digit");
    expectIssue(() => pixKey("11222333000180"), "key", "tax_id.check_digit");
    expectIssue(() => pixKey("111.111.111-11"), "key", "tax_id.repeated");
    expectIssue(() => pixKey("+1 415 555 0100"), "key", "invalid_format"); // not +55
    expectIssue(() => pixKey("+556133334444"), "key", "invalid_format"); // a landline (8 digits): not a mobile number
    expectIssue(() => pixKey("61912345678"), "key", "tax_id.check_digit"); // no +55: read as a CPF
    expectIssue(() => pixKey("ana@localhost"), "key", "invalid_format");
    expectIssue(() => pixKey(`${"a".repeat(70)}@loja.com.br`), "key", "too_big");
    expectIssue(() => pixKey("123e4567-e12b-12d1-a456-42665544000"), "key", "invalid_format");
    expectIssue(() => pixKey(""), "key", "required");
    expectIssue(() => pixKey(52998224725 as never), "key", "invalid_type");
    expectIssue(() => pixKey("x", "receiver.key"), "receiver.key");
  });

  it("agrees with the core's CPF and CNPJ checks on any 11 or 14 digits", () => {
    const ok = (text: string) => {
      try {
        pixKey(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...Array.from("0123456789")), minLength: 11, maxLength: 11 }), (id) => ok(id) === isValidCpf(id)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...Array.from("0123456789")), minLength: 14, maxLength: 14 }), (id) => ok(id) === isValidCnpj(id)), { numRuns: 2000 });
  });

  it("leaves a key in its registered form as it is", () => {
    fc.assert(fc.property(pixKeys, (key) => pixKey(key).key === key), { numRuns: 500 });
  });
});
