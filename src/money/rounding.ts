import { Decimal } from "decimal.js";
import { fail } from "../errors/CreditBlockError.js";
import { MoneyDecimal, toDecimal, type DecimalInput } from "./decimal.js";

/**
 * How a value is brought to a number of decimal places. Strings, so they travel in JSON policies.
 * - `down`: toward zero (truncate). The default for consumer charges: rounding up risks
 *   charging a cent that is not owed, which CDC art. 42 p.u. refunds in double
 *   (https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm).
 * - `up`: away from zero.
 * - `half-up`: to nearest, ties away from zero. The default for installment plans (market practice).
 * - `half-even`: to nearest, ties to even (ABNT NBR 5891, used by the BCB for the taxa legal).
 */
export type RoundingMode = "down" | "up" | "half-up" | "half-even";

/** Every {@link RoundingMode}, for schemas and menus. */
export const ROUNDING_MODES: readonly RoundingMode[] = ["down", "up", "half-up", "half-even"];

const DECIMAL_JS_MODE: Record<RoundingMode, Decimal.Rounding> = {
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
};

const DIVISION = {
  down: MoneyDecimal.clone({ rounding: Decimal.ROUND_DOWN }),
  up: MoneyDecimal.clone({ rounding: Decimal.ROUND_UP }),
  "half-up": MoneyDecimal,
  "half-even": MoneyDecimal,
} as const;

/**
 * `numerator / denominator`, rounded to the working precision in the direction of `mode`, so a
 * later rounding to cents in that mode equals rounding the exact quotient. (A quotient rounded
 * half-even at 40 digits could land on the next cent boundary and `down` would then keep a cent
 * that is not owed; a property test found one: R$ 10,000,000 × 1.8474% × d / 30.)
 * @internal
 */
export function divideFor(mode: RoundingMode, numerator: MoneyDecimal, denominator: MoneyDecimal | number): MoneyDecimal {
  return new DIVISION[mode](numerator).div(denominator);
}

/** Rounds a Decimal to `digits` places. @internal */
export function roundDec(value: MoneyDecimal, mode: RoundingMode, digits: number): MoneyDecimal {
  return value.toDecimalPlaces(digits, DECIMAL_JS_MODE[mode]);
}

function roundText(value: DecimalInput, mode: RoundingMode, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) fail("digits", "too_big", { maximum: 20 });
  const rounded = roundDec(toDecimal(value, "value"), mode, digits);
  return (rounded.isZero() ? new MoneyDecimal(0) : rounded).toFixed(digits);
}

/**
 * Rounds toward zero (truncates) to `digits` places (default 2).
 *
 * @example
 * ```ts
 * down("10.339");  // "10.33"
 * down("-10.339"); // "-10.33"
 * ```
 */
export function down(value: DecimalInput, digits = 2): string {
  return roundText(value, "down", digits);
}

/**
 * Rounds away from zero to `digits` places (default 2).
 *
 * @example
 * ```ts
 * up("10.331"); // "10.34"
 * ```
 */
export function up(value: DecimalInput, digits = 2): string {
  return roundText(value, "up", digits);
}

/**
 * Rounds to the nearest, ties away from zero, to `digits` places (default 2).
 *
 * @example
 * ```ts
 * halfUp("10.335"); // "10.34"
 * halfUp("10.334"); // "10.33"
 * ```
 */
export function halfUp(value: DecimalInput, digits = 2): string {
  return roundText(value, "half-up", digits);
}

/**
 * Rounds to the nearest, ties to the even neighbour (ABNT NBR 5891, "banker's rounding"),
 * to `digits` places (default 2).
 *
 * @example
 * ```ts
 * halfEven("10.335"); // "10.34"
 * halfEven("10.345"); // "10.34"
 * ```
 */
export function halfEven(value: DecimalInput, digits = 2): string {
  return roundText(value, "half-even", digits);
}

/**
 * Rounds with the mode named by a string, as policies and options carry it.
 *
 * @example
 * ```ts
 * round("2.675", "half-even"); // "2.68"
 * round("2.675", "down", 1);   // "2.6"
 * ```
 */
export function round(value: DecimalInput, mode: RoundingMode, digits = 2): string {
  if (typeof mode !== "string" || !Object.hasOwn(DECIMAL_JS_MODE, mode)) fail("mode", "invalid_value", { options: ROUNDING_MODES.join(", ") });
  return roundText(value, mode, digits);
}
