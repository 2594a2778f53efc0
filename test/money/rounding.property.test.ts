import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { down, halfEven, halfUp, round, up, type RoundingMode } from "credit-block";
import { expectIssue } from "../support/expectError.js";

/** Independent oracle: rounds mantissa / 10^scale to `digits` places with BigInt only. */
function oracle(mantissa: bigint, scale: number, digits: number, mode: RoundingMode): string {
  const negative = mantissa < 0n;
  const abs = negative ? -mantissa : mantissa;
  let q: bigint;
  if (digits >= scale) q = abs * 10n ** BigInt(digits - scale);
  else {
    const div = 10n ** BigInt(scale - digits);
    q = abs / div;
    const r = abs % div;
    const twice = 2n * r;
    if (mode === "up" && r > 0n) q += 1n;
    if (mode === "half-up" && twice >= div) q += 1n;
    if (mode === "half-even" && (twice > div || (twice === div && q % 2n === 1n))) q += 1n;
  }
  let text = q.toString().padStart(digits + 1, "0");
  if (digits > 0) text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative && q !== 0n ? `-${text}` : text;
}

const decimalText = (mantissa: bigint, scale: number): string => {
  const negative = mantissa < 0n;
  const digits = (negative ? -mantissa : mantissa).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
};

const arbitrary = fc.record({
  mantissa: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
  scale: fc.integer({ min: 0, max: 10 }),
  digits: fc.integer({ min: 0, max: 6 }),
});

describe("rounding modes (property, against a BigInt oracle)", () => {
  const fns: [RoundingMode, (v: string, d: number) => string][] = [
    ["down", down],
    ["up", up],
    ["half-up", halfUp],
    ["half-even", halfEven],
  ];
  for (const [mode, fn] of fns) {
    it(`${mode} obeys its definition on random decimals`, () => {
      fc.assert(
        fc.property(arbitrary, ({ mantissa, scale, digits }) => {
          const text = decimalText(mantissa, scale);
          const expected = oracle(mantissa, scale, digits, mode);
          expect(fn(text, digits)).toBe(expected);
          expect(round(text, mode, digits)).toBe(expected);
        }),
        { numRuns: 1000 },
      );
    });
  }

  it("down never increases the magnitude and up never decreases it; both within one unit", () => {
    fc.assert(
      fc.property(arbitrary, ({ mantissa, scale, digits }) => {
        const text = decimalText(mantissa, scale);
        const abs = (s: string) => Number(s.replace("-", ""));
        const d = down(text, digits);
        const u = up(text, digits);
        expect(abs(d)).toBeLessThanOrEqual(abs(text));
        expect(abs(u)).toBeGreaterThanOrEqual(abs(text));
        // both have exactly `digits` places: in units of the last place they differ by 0 or 1
        const units = (s: string): bigint => BigInt(s.replace(".", ""));
        const gap = units(u) - units(d);
        expect(gap === 0n || gap === 1n || gap === -1n).toBe(true);
        expect(gap === 0n).toBe(oracle(mantissa, scale, digits, "down") === oracle(mantissa, scale, digits, "up"));
      }),
      { numRuns: 1000 },
    );
  });

  it("documents ties", () => {
    expect(halfUp("2.675")).toBe("2.68");
    expect(halfEven("2.665")).toBe("2.66");
    expect(halfEven("2.675")).toBe("2.68");
    expect(down("-10.339")).toBe("-10.33");
    expect(up("-10.331")).toBe("-10.34");
  });

  it("rejects bad values and modes naming the field", () => {
    expectIssue(() => down("1,5"), "value", "decimal.format");
    expectIssue(() => down(Number.NaN), "value", "money.not_finite");
    expectIssue(() => round("1.5", "banker" as RoundingMode), "mode", "invalid_value");
    expectIssue(() => round("1.5", "down", -1), "digits");
  });
});
