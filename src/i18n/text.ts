/**
 * The library's texts at run time: both locale catalogues compiled once, a typed lookup
 * ({@link t}) for code that knows its key, an untyped one ({@link renderText}) for parameters
 * from anywhere, labels, and the date and number displays every text shares.
 *
 * @module i18n
 */

import { compileCatalogue, labelIn, type CompiledCatalogue, type MessageParams } from "./catalogue.js";
import type { LabelKind, Locale, MessageKey, Params } from "./keys.js";
import { en } from "./locales/en.js";
import { ptBR } from "./locales/pt-BR.js";

const COMPILED: Readonly<Record<Locale, CompiledCatalogue>> = { en: compileCatalogue(en), "pt-BR": compileCatalogue(ptBR) };

/** The compiled catalogue of a locale. @internal */
export const catalogueOf = (locale: Locale): CompiledCatalogue => COMPILED[locale];

const NO_PARAMS: MessageParams = Object.freeze({});

/** The parameters argument of {@link t}: none for a key without parameters, optional when all are. */
export type ParamsArg<K extends MessageKey> = [keyof Params<K>] extends [never] ? [] : object extends Params<K> ? [params?: Params<K>] : [params: Params<K>];

/**
 * A text in a locale, with its parameters typed by the key (see `keys.ts`).
 *
 * @example
 * ```ts
 * t("pt-BR", "aging.band.over", { days: 120 });   // "mais de 120 dias"
 * t("en", "negotiation.limit.maxDiscountPercent"); // "maximum discount"
 * ```
 */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return COMPILED[locale].render[key]((params[0] ?? NO_PARAMS) as MessageParams);
}

/**
 * A text from parameters of any shape (an issue's `params` as read back from JSON): an absent
 * parameter prints as nothing.
 */
export function renderText(key: MessageKey, params: MessageParams, locale: Locale): string {
  return COMPILED[locale].render[key](params);
}

/**
 * The display name of a code in a locale: a payment method, a term, an outcome, a customer
 * status, a rule action, a collection channel, why `regularize` asks for a título, or a
 * payment-profile segment. An unknown code is returned as it is.
 *
 * @example
 * ```ts
 * labelOf("method", "store_credit", "pt-BR"); // "crediário"
 * labelOf("segment", "chronic", "pt-BR");     // "atraso crônico"
 * labelOf("outcome", "deny", "en");           // "denied"
 * ```
 */
export function labelOf(kind: LabelKind, code: string, locale: Locale = "pt-BR"): string {
  return labelIn(COMPILED[locale].labels, kind, code);
}

/**
 * A calendar date (`YYYY-MM-DD`) as people read it in the locale: `20/11/2026` in pt-BR,
 * `2026-11-20` in en.
 *
 * @example
 * ```ts
 * displayDate("2026-11-20", "pt-BR"); // "20/11/2026"
 * displayDate("2026-11-20", "en");    // "2026-11-20"
 * ```
 */
export function displayDate(iso: string, locale: Locale): string {
  return COMPILED[locale].render["format.date"]({ year: iso.slice(0, 4), month: iso.slice(5, 7), day: iso.slice(8, 10) });
}

/**
 * A decimal text (`"1.99"`) with the locale's decimal separator (`"1,99"` in pt-BR). No grouping:
 * meant for rates and percentages, not money (see `formatMoney`).
 */
export function displayDecimal(decimalText: string, locale: Locale): string {
  return decimalText.replace(".", COMPILED[locale].render["format.decimal_separator"](NO_PARAMS));
}

/**
 * A percentage from its decimal text: `"1.99"` → `"1,99%"` in pt-BR, `"1.99%"` in en.
 *
 * @example
 * ```ts
 * displayPercent("1.99", "pt-BR"); // "1,99%"
 * ```
 */
export function displayPercent(decimalText: string, locale: Locale): string {
  return COMPILED[locale].render["format.percent"]({ value: displayDecimal(decimalText, locale) });
}
