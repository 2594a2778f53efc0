import * as z from "zod/mini";
import { ROUNDING_MODES } from "../money/rounding.js";
import { D, toDecimal } from "../money/decimal.js";
import { CreditBlockError } from "../errors/CreditBlockError.js";
import { addIssue, rejectValue } from "../schemas/issues.js";
import { CurrencyFieldSchema, ISODateSchema, MoneyTextSchema, PercentSchema, PercentTextSchema } from "../schemas/primitives.js";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * A month `YYYY-MM` of an index series.
 *
 * @example
 * ```ts
 * MonthSchema.parse("2026-03"); // "2026-03"
 * ```
 */
export const MonthSchema = z.string().check(
  z.maxLength(7),
  z.superRefine((value, ctx) => {
    if (!MONTH.test(value)) addIssue(ctx, "month.format", { value });
  }),
);

/** A signed percentage (an index month can be negative: deflation). */
const SignedPercentSchema = z.pipe(
  PercentTextSchema,
  z.transform((value: string | number, ctx): string => {
    try {
      return toDecimal(value, "").toString();
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      for (const i of error.issues) rejectValue(ctx, i.code, i.params ?? {});
      return z.NEVER;
    }
  }),
);

/**
 * A monthly inflation index series (IPCA, INPC, IGP-M…) as the caller obtained it (IBGE, FGV,
 * BCB SGS), with the months to apply. Values are monthly variations in percent.
 *
 * @example
 * ```ts
 * CorrectionSchema.parse({ index: [{ month: "2026-01", percent: "0.33" }, { month: "2026-02", percent: "0.7" }] });
 * ```
 */
export const CorrectionSchema = z.strictObject({
  index: z.array(z.strictObject({ month: MonthSchema, percent: SignedPercentSchema })).check(z.maxLength(3000)),
  /** First month applied; default the due date's month. */
  from: z.optional(MonthSchema),
  /** Last month applied; default the month before the charge date's month (the last complete month). */
  to: z.optional(MonthSchema),
});

const percentUpTo = (max: number) =>
  PercentSchema.check(
    z.superRefine((value, ctx) => {
      if (new D(value).greaterThan(max)) addIssue(ctx, "too_big", { maximum: `${max}%` });
    }),
  );

/**
 * Late-charge terms (encargos moratórios), in the terms boleto systems use (FEBRABAN CNAB 240
 * codes: multa as percent or value; juros as % per month or value per day), so a POS can mirror
 * what the bank will charge.
 *
 * @example
 * ```ts
 * ChargeTermsSchema.parse({ asOf: "2026-11-23", finePercent: "2", monthlyInterestPercent: "1" });
 * ```
 */
export const ChargeTermsSchema = z
  .strictObject({
    asOf: ISODateSchema,
    finePercent: z.optional(percentUpTo(100)),
    fineAmount: z.optional(MoneyTextSchema),
    monthlyInterestPercent: z.optional(percentUpTo(100)),
    dailyInterestAmount: z.optional(MoneyTextSchema),
    compounding: z.optional(z.enum(["simple", "daily"])),
    dayCount: z.optional(z.enum(["30", "actual"])),
    correction: z.optional(CorrectionSchema),
    freezeOn: z.optional(ISODateSchema),
    rounding: z.optional(z.enum(ROUNDING_MODES as [string, ...string[]])),
    consumer: z.optional(z.boolean()),
    calendar: z.optional(z.unknown()),
    currency: CurrencyFieldSchema,
  })
  // `when`: run the cross-field checks even when a field failed, so every problem is listed at
  // once. Values may then be raw (not yet transformed), hence the defensive reads.
  .check(
    z.superRefine(
      (t, ctx) => {
        // With `when`, this runs even on a value that is not an object at all.
        if (typeof t !== "object" || (t as unknown) === null) return;
        if (t.finePercent !== undefined && t.fineAmount !== undefined) {
          addIssue(ctx, "charges.one_of", { a: "finePercent", b: "fineAmount" }, ["fineAmount"]);
        }
        const rates = Number(t.monthlyInterestPercent !== undefined) + Number(t.dailyInterestAmount !== undefined);
        if (rates !== 1) {
          addIssue(ctx, "charges.one_of", { a: "monthlyInterestPercent", b: "dailyInterestAmount", required: "yes" }, [rates === 0 ? "monthlyInterestPercent" : "dailyInterestAmount"]);
        }
        if (t.compounding === "daily" && t.monthlyInterestPercent === undefined) {
          addIssue(ctx, "charges.one_of", { a: "compounding: daily", b: "dailyInterestAmount" }, ["compounding"]);
        }
        const fine = decimalOrNull(t.finePercent);
        if (t.consumer !== false && fine?.greaterThan(2)) addIssue(ctx, "charges.fine_cap", { value: `${fine.toString()}%` }, ["finePercent"]);
      },
      { when: () => true },
    ),
  );

function decimalOrNull(value: unknown) {
  try {
    return value === undefined ? null : toDecimal(value, "");
  } catch {
    return null;
  }
}

/** Late-charge terms as callers write them. */
export type ChargeTermsInput = z.input<typeof ChargeTermsSchema>;
