/**
 * Names the library shows people for its enum values, per locale: what a pt-BR screen, receipt
 * or message prints instead of `store_credit`, `deny` or `chronic`. JSON keeps the codes; only
 * text uses these. The names themselves are in the locale files (`locales/*.ts`).
 */
export { labelOf } from "./text.js";
export type { LabelKind } from "./keys.js";
