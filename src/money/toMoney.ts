import { fail } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "./currency.js";
import { clip, MoneyDecimal, describe } from "./decimal.js";

/**
 * A money amount as a decimal string with exactly the currency's minor digits: `"1234.50"`.
 * Every money value the library returns has this form.
 */
export type Money = string;

/** What money inputs accept: a decimal string or a finite JS number. */
export type MoneyInput = string | number;

/** Options shared by the money parsers. */
export interface MoneyOptions {
  /** ISO 4217 code; default `"BRL"`. */
  readonly currency?: CurrencyCode;
  /** The field name used in error messages; default `"value"`. */
  readonly path?: string;
}

/**
 * Largest magnitude accepted, in minor units (10^15 centavos = R$ 10 trillion). Keeps every
 * amount an exact safe integer of minor units, so sums over millions of rows stay exact.
 */
export const MAX_MINOR_UNITS = 1e15;

const MONEY_TEXT = /^-?\d{1,20}(?:\.\d{1,20})?$/;

/**
 * Parses and checks a money input, returning a Decimal. More fraction digits than the currency
 * has is an error, never silently rounded.
 * @internal
 */
export function moneyDec(value: unknown, currency: CurrencyCode, path: string): MoneyDecimal {
  const digits = currencyDigits(currency);
  let dec: MoneyDecimal;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) fail(path, "money.not_finite");
    dec = new MoneyDecimal(value === 0 ? 0 : value);
  } else if (typeof value === "string") {
    if (!MONEY_TEXT.test(value)) fail(path, "money.format", { value: clip(value) });
    dec = new MoneyDecimal(value);
  } else {
    fail(path, "invalid_type", { expected: "money (decimal string or number)", received: describe(value) });
  }
  if (dec.decimalPlaces() > digits) fail(path, "money.fraction_digits", { value: clip(String(value)), currency, digits });
  if (dec.abs().greaterThan(new MoneyDecimal(MAX_MINOR_UNITS).div(10 ** digits))) {
    fail(path, "money.too_large", { value: clip(String(value)), max: new MoneyDecimal(MAX_MINOR_UNITS).div(10 ** digits).toFixed(digits) });
  }
  return dec;
}

/** Formats a Decimal known to have at most `digits` places as canonical money. @internal */
export function decToMoney(value: MoneyDecimal, digits: number): Money {
  return (value.isZero() ? new MoneyDecimal(0) : value).toFixed(digits);
}

/**
 * Checks a money input and returns its canonical string. Accepts a decimal string with at most
 * the currency's minor digits or a finite number; rejects NaN, Infinity, exponents (`"1e3"`),
 * commas (`"1,50"`) and extra digits (`"12.345"` for BRL) with a {@link CreditBlockError}.
 *
 * @example
 * ```ts
 * toMoney("1234.5");  // "1234.50"
 * toMoney(19.9);      // "19.90"
 * toMoney(100, { currency: "JPY" }); // "100"
 * toMoney("12.345");  // throws CreditBlockError: more fraction digits than BRL allows
 * ```
 */
export function toMoney(value: MoneyInput, options: MoneyOptions = {}): Money {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  return decToMoney(moneyDec(value, currency, options.path ?? "value"), currencyDigits(currency));
}

/**
 * Money to integer minor units, exact (|result| ≤ {@link MAX_MINOR_UNITS} < 2^53). Fast path
 * for canonical strings, used where millions of rows are summed.
 * @internal
 */
export function moneyToMinor(value: unknown, digits: number, currency: CurrencyCode, path: string): number {
  if (typeof value === "string") {
    const fast = minorFromCanonicalText(value, digits);
    if (!Number.isNaN(fast)) return fast;
  }
  // Anything unusual takes the strict path, which either normalises it or throws the right error.
  return moneyDec(value, currency, path).times(10 ** digits).toNumber();
}

/**
 * Reads `-?\d+(\.\d{1,digits})?` by character codes, allocating nothing; NaN for anything else
 * (which then takes the strict path). The hot path of aging a million rows.
 * @internal
 */
export function minorFromCanonicalText(text: string, digits: number): number {
  const length = text.length;
  if (length === 0 || length > 24) return Number.NaN;
  let i = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let whole = 0;
  let intDigits = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return Number.NaN;
    whole = whole * 10 + (c - 48);
    intDigits++;
  }
  if (intDigits === 0 || intDigits > 15) return Number.NaN;
  let frac = 0;
  let fracDigits = 0;
  if (i < length) {
    for (i++; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      frac = frac * 10 + (c - 48);
      fracDigits++;
    }
    if (fracDigits === 0 || fracDigits > digits) return Number.NaN;
  }
  const scale = POWERS_OF_TEN[digits] ?? 10 ** digits;
  const minor = whole * scale + frac * (POWERS_OF_TEN[digits - fracDigits] ?? 10 ** (digits - fracDigits));
  if (minor > MAX_MINOR_UNITS) return Number.NaN;
  return negative && minor !== 0 ? -minor : minor;
}

const POWERS_OF_TEN = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * Integer minor units back to canonical money.
 * @internal
 */
export function minorToMoney(minor: number | bigint, digits: number): Money {
  const negative = minor < 0;
  let text = (negative ? -BigInt(minor) : BigInt(minor)).toString();
  if (digits === 0) return negative && text !== "0" ? `-${text}` : text;
  text = text.padStart(digits + 1, "0");
  const body = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${body}` : body;
}
