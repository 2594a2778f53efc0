import { describe, expect, it } from "vitest";
import { CreditBlockError, localizeIssues, MESSAGES, renderMessage, toMoney, type IssueCode } from "credit-block";
import { errorOf } from "../support/expectError.js";

describe("CreditBlockError", () => {
  it("carries a code, every issue and a readable summary", () => {
    const e = errorOf(() => toMoney("12.345", { path: "receivables[2].amount" }));
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: "receivables[2].amount", code: "money.fraction_digits", params: { value: "12.345", currency: "BRL", digits: 2 } });
    expect(e.issues[0]?.message).toContain("more fraction digits");
    expect(e.message).toContain("receivables[2].amount");
    expect(Object.isFrozen(e.issues)).toBe(true);
  });

  it("serialises to JSON and localises to pt-BR", () => {
    const e = new CreditBlockError("INVALID_INPUT", [{ path: "asOf", code: "date.impossible", params: { value: "2026-02-30" }, message: "x" }]);
    const json = JSON.parse(JSON.stringify(e)) as { code: string; issues: { path: string }[] };
    expect(json.code).toBe("INVALID_INPUT");
    expect(json.issues[0]?.path).toBe("asOf");
    expect(e.localized("pt-BR")[0]?.message).toBe("2026-02-30 não existe no calendário");
    expect(localizeIssues(e.issues, "en")[0]?.message).toBe("2026-02-30 does not exist in the calendar");
  });

  it("has every message in both locales, none empty", () => {
    for (const code of Object.keys(MESSAGES) as IssueCode[]) {
      const params = { value: "v", currency: "BRL", digits: 2, expected: "e", received: "r", key: "k", options: "o", minimum: 1, maximum: 2, format: "f", max: "m", min: "n", locale: "pt-BR", example: "x", other: "o", otherField: "f", open: "1", amount: "2", paid: "p", asOf: "a", mode: "up", part: "last", id: "i", first: "f" };
      const en = renderMessage(code, params, "en");
      const pt = renderMessage(code, params, "pt-BR");
      expect(en.length, code).toBeGreaterThan(3);
      expect(pt.length, code).toBeGreaterThan(3);
      expect(en, `${code} untranslated`).not.toBe(pt);
    }
  });
});
