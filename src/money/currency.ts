import { fail } from "../errors/CreditBlockError.js";
import { safeText } from "./decimal.js";

/** An ISO 4217 currency code, e.g. `"BRL"`. */
export type CurrencyCode = string;

/**
 * The library's default currency: Brazilian real, 2 minor digits (centavos), the currency of
 * Lei 9.069/1995 (Plano Real) — https://www.planalto.gov.br/ccivil_03/leis/l9069.htm
 */
export const DEFAULT_CURRENCY = "BRL";

const KNOWN: Readonly<Record<string, number>> = { BRL: 2, USD: 2, EUR: 2, ARS: 2, PYG: 0, UYU: 2, CLP: 0, JPY: 0, KWD: 3 };
const CODE = /^[A-Z]{3}$/;

/**
 * Minor digits of a currency (2 for BRL: centavos). Uses the runtime's ISO 4217 data through
 * `Intl` for codes outside the built-in table.
 *
 * @example
 * ```ts
 * currencyDigits("BRL"); // 2
 * currencyDigits("JPY"); // 0
 * ```
 */
export function currencyDigits(currency: unknown = DEFAULT_CURRENCY, path = "currency"): number {
  const known = typeof currency === "string" && Object.hasOwn(KNOWN, currency) ? KNOWN[currency] : undefined;
  if (known !== undefined) return known;
  if (typeof currency !== "string" || !CODE.test(currency)) fail(path, "currency.unknown", { value: safeText(currency) });
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
