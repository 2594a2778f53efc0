import { fail } from "../errors/CreditBlockError.js";
import type { Locale } from "../errors/messages.js";
import { DEFAULT_CURRENCY, type CurrencyCode } from "./currency.js";
import { clip, describe } from "./decimal.js";
import { toMoney, type Money } from "./toMoney.js";

/** Options of {@link parseMoney}. */
export interface ParseMoneyOptions {
  /** How the user writes numbers; default `"pt-BR"` (`1.234,56`). */
  readonly locale?: Locale;
  readonly currency?: CurrencyCode;
  readonly path?: string;
}

const PATTERNS: Record<Locale, { readonly re: RegExp; readonly group: string; readonly decimal: string; readonly example: string }> = {
  "pt-BR": { re: /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/, group: ".", decimal: ",", example: "R$ 1.234,56" },
  en: { re: /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/, group: ",", decimal: ".", example: "R$ 1,234.56" },
};

/**
 * Parses money as a person types it: currency symbol optional, thousands separators optional
 * but well placed, the locale's decimal mark. For machine input use {@link toMoney}.
 *
 * @example
 * ```ts
 * parseMoney("R$ 1.234,56");              // "1234.56"
 * parseMoney("1234,5");                   // "1234.50"
 * parseMoney("1,234.56", { locale: "en" }); // "1234.56"
 * parseMoney("1.23,4");                   // throws CreditBlockError (misplaced separator)
 * ```
 */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): Money {
  const locale = options.locale ?? "pt-BR";
  const path = options.path ?? "value";
  if (typeof text !== "string") fail(path, "invalid_type", { expected: "string", received: describe(text) });
  const pattern = PATTERNS[locale];
  const compact = text.trim().replace(/^(-?)\s*R\$\s*/u, "$1").replace(/^R\$\s*-/u, "-").trim();
  if (compact.length > 40 || !pattern.re.test(compact)) {
    fail(path, "money.text", { value: clip(text), locale, example: pattern.example });
  }
  const canonical = compact.split(pattern.group).join("").replace(pattern.decimal, ".");
  return toMoney(canonical, { currency: options.currency ?? DEFAULT_CURRENCY, path });
}
