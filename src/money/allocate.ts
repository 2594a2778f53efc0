import { fail, CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "./currency.js";
import { MoneyDecimal, toDecimal, type DecimalInput } from "./decimal.js";
import { divideFor, roundDec, ROUNDING_MODES, type RoundingMode } from "./rounding.js";
import { decToMoney, moneyDec, type Money, type MoneyInput } from "./toMoney.js";

/** Options of {@link allocate}. */
export interface AllocateOptions {
  /**
   * Which part absorbs the cents that do not divide evenly. `"last"` by default: "a prática
   * normal do mercado" for installment plans (Sankhya; see BRAZIL.md §5); some stores put it on
   * the first.
   */
  readonly remainderTo?: "last" | "first";
  /** How each part other than the remainder part is rounded; default `"down"`. */
  readonly rounding?: RoundingMode;
  readonly currency?: CurrencyCode;
}

/** Upper bound on parts, against accidental (or hostile) huge allocations. */
export const MAX_ALLOCATION_PARTS = 10_000;

/**
 * Splits a total into `n` equal parts or into parts proportional to `ratios`, to the cent,
 * so that the parts always add back to the total exactly.
 *
 * @example
 * ```ts
 * allocate("100.00", 3);                          // ["33.33", "33.33", "33.34"]
 * allocate("100.00", 3, { remainderTo: "first" }); // ["33.34", "33.33", "33.33"]
 * allocate("10.00", ["1", "3"]);                  // ["2.50", "7.50"]
 * ```
 */
export function allocate(total: MoneyInput, partsOrRatios: number | readonly DecimalInput[], options: AllocateOptions = {}): Money[] {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "options.currency");
  const mode = options.rounding ?? "down";
  if (!ROUNDING_MODES.includes(mode)) fail("options.rounding", "invalid_value", { options: ROUNDING_MODES.join(", ") });
  // Options come from JS and JSON too: check what the types cannot promise.
  const remainderTo: unknown = options.remainderTo ?? "last";
  if (remainderTo !== "last" && remainderTo !== "first") fail("options.remainderTo", "invalid_value", { options: "last, first" });
  const whole = moneyDec(total, currency, "total");
  const ratios = toRatios(partsOrRatios);
  const ratioSum = ratios.reduce((a, b) => a.plus(b), new MoneyDecimal(0));

  const remainderIndex = remainderTo === "last" ? ratios.length - 1 : 0;
  const parts: MoneyDecimal[] = ratios.map((ratio) => roundDec(divideFor(mode, whole.times(ratio), ratioSum), mode, digits));
  const others = parts.reduce((sum, part, i) => (i === remainderIndex ? sum : sum.plus(part)), new MoneyDecimal(0));
  const remainderPart = whole.minus(others);
  if (!remainderPart.isZero() && remainderPart.isNegative() !== whole.isNegative()) {
    fail("options.rounding", "allocate.rounding", { mode, part: remainderTo });
  }
  parts[remainderIndex] = remainderPart;
  return parts.map((part) => decToMoney(part, digits));
}

function toRatios(partsOrRatios: number | readonly DecimalInput[]): MoneyDecimal[] {
  if (typeof partsOrRatios === "number") {
    if (!Number.isInteger(partsOrRatios) || partsOrRatios < 1) fail("parts", "too_small", { minimum: 1 });
    if (partsOrRatios > MAX_ALLOCATION_PARTS) fail("parts", "too_big", { maximum: MAX_ALLOCATION_PARTS });
    return Array.from({ length: partsOrRatios }, () => new MoneyDecimal(1));
  }
  if (!Array.isArray(partsOrRatios)) fail("parts", "invalid_type", { expected: "a count or an array of ratios", received: typeof partsOrRatios });
  if (partsOrRatios.length === 0) fail("ratios", "too_small", { minimum: "1 ratio" });
  if (partsOrRatios.length > MAX_ALLOCATION_PARTS) fail("ratios", "too_big", { maximum: MAX_ALLOCATION_PARTS });
  // Array.from, not map: a sparse array's holes must be checked (as undefined), not skipped.
  const ratios = Array.from(partsOrRatios, (r, i) => toDecimal(r, `ratios[${i}]`));
  const bad = ratios.findIndex((r) => r.isNegative());
  if (bad >= 0 || ratios.every((r) => r.isZero())) {
    throw new CreditBlockError("INVALID_INPUT", [issue(bad >= 0 ? `ratios[${bad}]` : "ratios", "allocate.ratios")]);
  }
  return ratios;
}
