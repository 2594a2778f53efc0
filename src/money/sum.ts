import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "./currency.js";
import { MoneyDecimal } from "./decimal.js";
import { ExactSum } from "./exactSum.js";
import { decToMoney, moneyDec, moneyToMinor, minorToMoney, type Money, type MoneyInput } from "./toMoney.js";

/**
 * Adds money amounts exactly (integer minor units inside; `BigInt` past 2^53).
 *
 * @example
 * ```ts
 * sumMoney(["0.10", "0.20", 1]); // "1.30"
 * sumMoney([]);                  // "0.00"
 * ```
 */
export function sumMoney(values: Iterable<MoneyInput>, options: { readonly currency?: CurrencyCode } = {}): Money {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "options.currency");
  const sum = new ExactSum();
  let index = 0;
  for (const value of values) sum.add(moneyToMinor(value, digits, currency, `values[${index++}]`));
  return minorToMoney(sum.value(), digits);
}

/**
 * Compares two amounts: -1, 0 or 1.
 *
 * @example
 * ```ts
 * compareMoney("10.00", 9.99); // 1
 * ```
 */
export function compareMoney(a: MoneyInput, b: MoneyInput, options: { readonly currency?: CurrencyCode } = {}): -1 | 0 | 1 {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const c = moneyDec(a, currency, "a").comparedTo(moneyDec(b, currency, "b"));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/**
 * Subtracts `b` from `a` exactly.
 *
 * @example
 * ```ts
 * subtractMoney("10.00", "0.01"); // "9.99"
 * ```
 */
export function subtractMoney(a: MoneyInput, b: MoneyInput, options: { readonly currency?: CurrencyCode } = {}): Money {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency, "options.currency");
  return decToMoney(new MoneyDecimal(moneyDec(a, currency, "a")).minus(moneyDec(b, currency, "b")), digits);
}
