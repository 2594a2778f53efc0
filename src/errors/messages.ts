/**
 * The issue messages, in English and Brazilian Portuguese. The texts live in the locale files
 * (`src/i18n/locales/en.ts`, `src/i18n/locales/pt-BR.ts`); the codes and their parameters in
 * `src/i18n/keys.ts`.
 *
 * Issues carry a stable `code` and the `params` that fill the message, so a caller can
 * re-render them in another locale (see {@link localizeIssues}) or map them to its own UI.
 */

import type { IssueCode, Locale } from "../i18n/keys.js";
import type { MessageParams, Renderer } from "../i18n/catalogue.js";
import { catalogueOf, renderText } from "../i18n/text.js";

export type { IssueCode, Locale } from "../i18n/keys.js";
export type { MessageParams, Renderer } from "../i18n/catalogue.js";

const en = catalogueOf("en");
const pt = catalogueOf("pt-BR").render;

/**
 * The catalogue of issue messages: one entry per issue code, one renderer per locale. An absent
 * parameter renders as nothing.
 *
 * @example
 * ```ts
 * Object.keys(MESSAGES).includes("date.impossible");           // true
 * MESSAGES["date.impossible"]["pt-BR"]({ value: "2026-02-30" }); // "2026-02-30 não existe no calendário"
 * ```
 */
export const MESSAGES: { readonly [C in IssueCode]: { readonly en: Renderer; readonly "pt-BR": Renderer } } = Object.fromEntries(
  en.issueCodes.map((code) => [code, { en: en.render[code], "pt-BR": pt[code] }]),
) as { [C in IssueCode]: { en: Renderer; "pt-BR": Renderer } };

/**
 * Renders one issue code in a locale.
 *
 * @example
 * ```ts
 * renderMessage("money.fraction_digits", { value: "12.345", currency: "BRL", digits: 2 }, "pt-BR");
 * // '12.345 tem mais casas decimais do que BRL permite (2); arredonde antes de informar'
 * ```
 */
export function renderMessage(code: IssueCode, params: MessageParams = {}, locale: Locale = "en"): string {
  return renderText(code, params, locale);
}
