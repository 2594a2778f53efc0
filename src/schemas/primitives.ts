import { z } from "zod";
import { dateProblem, MAX_YEAR, MIN_YEAR } from "../calendar/isoDate.js";
import { CreditBlockError } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { decToMoney, minorFromCanonicalText, minorToMoney, moneyDec } from "../money/toMoney.js";
import { toDecimal } from "../money/decimal.js";
import { addIssue } from "./issues.js";

/**
 * A calendar date `YYYY-MM-DD` that exists (`2026-02-30` fails) within 1900–2199.
 *
 * @example
 * ```ts
 * ISODateSchema.parse("2026-11-23"); // "2026-11-23"
 * ```
 */
export const ISODateSchema = z
  .string()
  .max(10)
  .superRefine((value, ctx) => {
    const problem = dateProblem(value);
    if (problem) addIssue(ctx, problem, { value, min: MIN_YEAR, max: MAX_YEAR });
  })
  // The pattern is for JSON Schema readers; validation (one precise issue) is the refinement.
  .meta({ description: "Calendar date YYYY-MM-DD (no time, no zone)", examples: ["2026-11-23"], pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

/** Sign constraint of a money field. */
export type MoneySign = "any" | "nonnegative" | "positive";

/**
 * A zod schema for money in `currency`: accepts a decimal string or a finite number with at most
 * the currency's minor digits and outputs the canonical string (`"1234.50"`).
 *
 * @example
 * ```ts
 * moneySchema("BRL", "positive").parse(19.9); // "19.90"
 * ```
 */
export function moneySchema(currency: CurrencyCode = DEFAULT_CURRENCY, sign: MoneySign = "any") {
  const digits = currencyDigits(currency);
  return z
    .union([z.string().max(40), z.number()], { error: "money (decimal string or number)" })
    .transform((value, ctx) => {
      // Fast path: plain decimal text, read by character codes (no Decimal allocated).
      if (typeof value === "string") {
        const minor = minorFromCanonicalText(value, digits);
        if (!Number.isNaN(minor)) {
          if (sign === "positive" && minor <= 0) addIssue(ctx, "money.not_positive", { value: minorToMoney(minor, digits) });
          else if (sign === "nonnegative" && minor < 0) addIssue(ctx, "money.negative", { value: minorToMoney(minor, digits) });
          else return minorToMoney(minor, digits);
          return z.NEVER;
        }
      }
      try {
        const dec = moneyDec(value, currency, "");
        if (sign === "positive" && !dec.greaterThan(0)) addIssue(ctx, "money.not_positive", { value: decToMoney(dec, digits) });
        else if (sign === "nonnegative" && dec.isNegative()) addIssue(ctx, "money.negative", { value: decToMoney(dec, digits) });
        else return decToMoney(dec, digits);
      } catch (error) {
        if (!(error instanceof CreditBlockError)) throw error;
        for (const i of error.issues) addIssue(ctx, i.code, i.params ?? {});
      }
      return z.NEVER;
    })
    .meta({ description: `Money in ${currency}: decimal string with at most ${digits} fraction digits, e.g. "1234.50"` });
}

/**
 * A percentage as a decimal string or number, `"2"` meaning 2%. Output is the canonical
 * decimal string.
 *
 * @example
 * ```ts
 * PercentSchema.parse("2"); // "2"
 * ```
 */
export const PercentSchema = z
  .union([z.string().max(40), z.number()], { error: "percentage (decimal string or number)" })
  .transform((value, ctx) => {
    try {
      const dec = toDecimal(value, "");
      if (dec.isNegative()) addIssue(ctx, "too_small", { minimum: 0 });
      else return dec.toString();
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      for (const i of error.issues) addIssue(ctx, i.code, i.params ?? {});
    }
    return z.NEVER;
  })
  .meta({ description: 'Percentage as a decimal, "2" = 2%' });

/**
 * Identifiers: non-empty text of at most 128 characters.
 *
 * @example
 * ```ts
 * IdSchema.parse("título-0042"); // "título-0042"
 * ```
 */
export const IdSchema = z.string().min(1).max(128);
