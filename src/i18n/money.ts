/**
 * Money written for people (`R$ 1.234,56`): the display side of money, kept with the other
 * locale-dependent text. The arithmetic stays in `src/money`.
 *
 * @module i18n
 */

import type { Locale } from "./keys.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { minorToMoney, moneyDec, type MoneyInput } from "../money/toMoney.js";

/** Options of {@link formatMoney}. */
export interface FormatMoneyOptions {
  /** Display locale; default `"pt-BR"`. */
  readonly locale?: Locale;
  readonly currency?: CurrencyCode;
}

/**
 * Formats money for display through `Intl.NumberFormat` (`R$ 1.234,50` in pt-BR). Exact for
 * every accepted amount: the value is formatted from its decimal text, never through a float.
 *
 * @example
 * ```ts
 * formatMoney("1234.5");                      // "R$ 1.234,50"
 * formatMoney("1234.5", { locale: "en" });    // "R$1,234.50"
 * ```
 */
export function formatMoney(value: MoneyInput, options: FormatMoneyOptions = {}): string {
  const currency = options.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency);
  const text = moneyDec(value, currency, "value").toFixed(digits);
  return display(formatterFor(options.locale ?? "pt-BR", currency, digits), text);
}

/**
 * {@link formatMoney} for an amount the engine already holds in minor units: no parsing. @internal
 */
export function formatMinor(minor: number | bigint, digits: number, currency: CurrencyCode, locale: Locale): string {
  return display(formatterFor(locale, currency, digits), minorToMoney(minor, digits));
}

function display(formatter: Intl.NumberFormat, decimalText: string): string {
  // Intl accepts decimal strings exactly ("string numeric literal", ECMA-402 2023); the
  // no-break spaces it emits are normalised so output is stable across ICU versions.
  return formatter.format(decimalText as unknown as number).replace(/[\u00a0\u202f]/g, " ");
}

// Building an Intl.NumberFormat costs tens of microseconds; formatters are immutable, so one
// per locale and currency is kept (a handful at most).
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (formatters.size < 64) formatters.set(key, formatter);
  }
  return formatter;
}
