import * as z from "zod/mini";
import { dateProblem, MAX_YEAR, MIN_YEAR } from "../calendar/isoDate.js";
import { CreditBlockError } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../money/currency.js";
import { decToMoney, minorFromCanonicalText, minorToMoney, moneyDec } from "../money/toMoney.js";
import { toDecimal } from "../money/decimal.js";
import { addIssue, rejectValue } from "./issues.js";

/** Text of at most `max` characters. @internal */
export const textUpTo = (max: number) => z.string().check(z.maxLength(max));

/** Text of `min`–`max` characters. @internal */
export const textOf = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

/** A whole number in `[min, max]`. @internal */
export const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** A money amount as written (decimal string or number), checked later against a currency. @internal */
export const MoneyTextSchema = z.union([textUpTo(40), z.number()], { error: "money (decimal string or number)" });

/** A percentage as written (decimal string or number), before it is read as a decimal. @internal */
export const PercentTextSchema = z.union([textUpTo(40), z.number()], { error: "percentage (decimal string or number)" });

/** An optional currency code; the function that reads it checks it against the known ones. @internal */
export const CurrencyFieldSchema = z.optional(textUpTo(3));

/** A policy document's version: a label or a counter. @internal */
export const DocumentVersionSchema = z.union([textOf(1, 64), wholeNumber(0)]);

/** An optional ISO 4217 code in a policy document. @internal */
export const CurrencyCodeSchema = z.optional(z.string().check(z.regex(/^[A-Z]{3}$/)));

/** The locale of a policy's messages. @internal */
export const LocaleSchema = z.optional(z.enum(["pt-BR", "en"]));

/**
 * A calendar date `YYYY-MM-DD` that exists (`2026-02-30` fails) within 1900–2199.
 *
 * @example
 * ```ts
 * ISODateSchema.parse("2026-11-23"); // "2026-11-23"
 * ```
 */
export const ISODateSchema = z.string().check(
  z.maxLength(10),
  z.superRefine((value, ctx) => {
    const problem = dateProblem(value);
    if (problem) addIssue(ctx, problem, { value, min: MIN_YEAR, max: MAX_YEAR });
  }),
);

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
  return z.pipe(
    MoneyTextSchema,
    z.transform((value: string | number, ctx): string => {
      // Fast path: plain decimal text, read by character codes (no Decimal allocated).
      if (typeof value === "string") {
        const minor = minorFromCanonicalText(value, digits);
        if (!Number.isNaN(minor)) {
          if (sign === "positive" && minor <= 0) rejectValue(ctx, "money.not_positive", { value: minorToMoney(minor, digits) });
          else if (sign === "nonnegative" && minor < 0) rejectValue(ctx, "money.negative", { value: minorToMoney(minor, digits) });
          else return minorToMoney(minor, digits);
          return z.NEVER;
        }
      }
      try {
        const dec = moneyDec(value, currency, "");
        if (sign === "positive" && !dec.greaterThan(0)) rejectValue(ctx, "money.not_positive", { value: decToMoney(dec, digits) });
        else if (sign === "nonnegative" && dec.isNegative()) rejectValue(ctx, "money.negative", { value: decToMoney(dec, digits) });
        else return decToMoney(dec, digits);
      } catch (error) {
        if (!(error instanceof CreditBlockError)) throw error;
        for (const i of error.issues) rejectValue(ctx, i.code, i.params ?? {});
      }
      return z.NEVER;
    }),
  ).check(z.meta({ description: `Money in ${currency}: decimal string with at most ${digits} fraction digits, e.g. "1234.50"` }));
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
export const PercentSchema = z.pipe(
  PercentTextSchema,
  z.transform((value: string | number, ctx): string => {
    try {
      const dec = toDecimal(value, "");
      if (dec.isNegative()) rejectValue(ctx, "too_small", { minimum: 0 });
      else return dec.toString();
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      for (const i of error.issues) rejectValue(ctx, i.code, i.params ?? {});
    }
    return z.NEVER;
  }),
);

/**
 * Identifiers: non-empty text of at most 128 characters.
 *
 * @example
 * ```ts
 * IdSchema.parse("título-0042"); // "título-0042"
 * ```
 */
export const IdSchema = z.string().check(z.minLength(1), z.maxLength(128));
