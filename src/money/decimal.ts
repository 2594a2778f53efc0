import { Decimal } from "decimal.js";
import { fail } from "../errors/CreditBlockError.js";

/**
 * The library's private Decimal constructor. A clone, so the host application's own
 * `Decimal.set(...)` neither affects our results nor is affected by us.
 * 40 significant digits is far beyond any retail amount times any index factor.
 * @internal
 */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
/** @internal */
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;

/** A decimal value at the edges of the API: a decimal string (`"2.5"`) or a finite number. */
export type DecimalInput = string | number;

const DECIMAL_TEXT = /^-?\d{1,30}(?:\.\d{1,30})?$/;

/**
 * Parses a decimal string or a finite number, strictly: no exponent, no thousands separator,
 * no comma, no NaN or Infinity. The error names `path`.
 * @internal
 */
export function toDecimal(value: unknown, path: string): MoneyDecimal {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(path, "money.not_finite");
    // Shortest round-trip text of the number: 0.1 stays 0.1, it never becomes 0.1000000000000000055…
    return new MoneyDecimal(value === 0 ? 0 : value);
  }
  if (typeof value !== "string") fail(path, "invalid_type", { expected: "decimal string", received: describe(value) });
  if (!DECIMAL_TEXT.test(value)) fail(path, "decimal.format", { value: clip(value) });
  return new MoneyDecimal(value);
}

/** A short, safe description of a value's type for messages. @internal */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isNaN(value)) return "NaN";
  return typeof value;
}

/**
 * Any value as short text for a message, even one that refuses to become a string (an object
 * without a prototype, a symbol). @internal
 */
export function safeText(value: unknown, max = 40): string {
  if (typeof value === "string") return clip(value, max);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === undefined || value === null) return clip(String(value), max);
  return describe(value);
}

/** Keeps hostile megabyte strings out of messages. @internal */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
