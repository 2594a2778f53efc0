/**
 * Money: exact decimal amounts as strings at the edges, decimal.js inside.
 * @module money
 */
export { allocate, MAX_ALLOCATION_PARTS, type AllocateOptions } from "./allocate.js";
export { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "./currency.js";
export type { DecimalInput } from "./decimal.js";
export { formatMoney, type FormatMoneyOptions } from "../i18n/money.js";
export { parseMoney, type ParseMoneyOptions } from "./parseMoney.js";
export { down, halfEven, halfUp, round, ROUNDING_MODES, up, type RoundingMode } from "./rounding.js";
export { compareMoney, subtractMoney, sumMoney } from "./sum.js";
export { MAX_MINOR_UNITS, toMoney, type Money, type MoneyInput, type MoneyOptions } from "./toMoney.js";
