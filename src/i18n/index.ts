/**
 * All text in locale files (issue #17): keys and their parameters (`keys.ts`), one catalogue per
 * locale (`locales/en.ts`, `locales/pt-BR.ts`), and the helpers that render them.
 * @module i18n
 */
export type { IssueCode, LabelCode, LabelKind, Locale, MessageKey, OptionalParam, Param, ParamName, Params, TextKey } from "./keys.js";
export { defineCatalogue, shown, type Catalogue, type Entry, type Labels, type MessageParams, type Placeholders } from "./catalogue.js";
export { displayDate, displayDecimal, displayPercent, labelOf, renderText, t, type ParamsArg } from "./text.js";
export { formatMinor, formatMoney, type FormatMoneyOptions } from "./money.js";
