/**
 * Money display moved to `src/i18n/money.ts` (issue #17: all text in locale files). This module
 * only keeps the import path of `formatMinor`, which `src/engine` still uses.
 * @internal
 */
export { formatMinor } from "../i18n/money.js";
