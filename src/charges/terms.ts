import * as z from "zod/mini";
import { ROUNDING_MODES } from "../money/rounding.js";
import { MoneyDecimal, toDecimal } from "../money/decimal.js";
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

/**
 * Highest multa a consumer may be charged, in percent of the installment: CDC art. 52 §1
 * (https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm).
 *
 * @example
 * ```ts
 * CONSUMER_MAX_FINE_PERCENT; // 2
 * ```
 */
export const CONSUMER_MAX_FINE_PERCENT = 2;

/**
 * Highest juros de mora a consumer may be charged, in percent a month: Súmula 379 STJ ("os juros
 * moratórios poderão ser convencionados até o limite de 1% ao mês"), Decreto 22.626/1933 art. 5
 * (https://www.planalto.gov.br/ccivil_03/decreto/d22626.htm), CC art. 406
 * (https://www.planalto.gov.br/ccivil_03/leis/2002/l10406compilada.htm). It caps late interest
 * only: the remuneratory rate of a financing or an installment plan is another thing.
 *
 * @example
 * ```ts
 * CONSUMER_MAX_MONTHLY_INTEREST_PERCENT; // 1
 * ```
 */
export const CONSUMER_MAX_MONTHLY_INTEREST_PERCENT = 1;

const percentUpTo = (max: number) =>
  PercentSchema.check(
    z.superRefine((value, ctx) => {
      if (new MoneyDecimal(value).greaterThan(max)) addIssue(ctx, "too_big", { maximum: `${max}%` });
    }),
  );

/**
 * Late-charge terms (encargos moratórios), in the terms boleto systems use (FEBRABAN CNAB 240
 * codes: multa as percent or value; juros as % per month or value per day), so a POS can mirror
 * what the bank will charge.
 *
 * For consumers (`consumer` absent or `true`) a `finePercent` above 2% (CDC art. 52 §1) and a
 * `monthlyInterestPercent` above 1% a.m. (Súmula 379 STJ; Decreto 22.626/1933 art. 5,
 * https://www.planalto.gov.br/ccivil_03/decreto/d22626.htm) are refused (`charges.fine_cap`,
 * `charges.interest_cap`); `consumer: false` (B2B) lifts both. Every document that carries late
 * charges (a credit policy's `charges`, a negotiation policy's `lateCharges`) is read with these
 * rules, so the caps hold there too. Fixed values (`fineAmount`, `dailyInterestAmount`) depend
 * on the balance and are checked when the charges are computed.
 *
 * @example
 * ```ts
 * ChargeTermsSchema.parse({ asOf: "2026-11-23", finePercent: "2", monthlyInterestPercent: "1" });
 * z.safeParse(ChargeTermsSchema, { asOf: "2026-11-23", monthlyInterestPercent: "2" }).success; // false: charges.interest_cap
 * ChargeTermsSchema.parse({ asOf: "2026-11-23", monthlyInterestPercent: "2", consumer: false }); // B2B
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
        checkConsumerCaps(t, ctx);
      },
      { when: () => true },
    ),
  );

/**
 * Consumer caps of the late charges (when `consumer` is not `false`): multa at most 2% (CDC art.
 * 52 §1) and juros de mora at most 1% a.m. (Súmula 379 STJ; Decreto 22.626/1933 art. 5; CC art.
 * 406). Values may be raw (not yet transformed): unreadable ones are reported by their own field.
 * @internal
 */
function checkConsumerCaps(t: { consumer?: unknown; finePercent?: unknown; monthlyInterestPercent?: unknown }, ctx: Parameters<typeof addIssue>[0]): void {
  if (t.consumer === false) return;
  const fine = decimalOrNull(t.finePercent);
  if (fine?.greaterThan(CONSUMER_MAX_FINE_PERCENT)) addIssue(ctx, "charges.fine_cap", { value: `${fine.toString()}%` }, ["finePercent"]);
  const rate = decimalOrNull(t.monthlyInterestPercent);
  if (rate?.greaterThan(CONSUMER_MAX_MONTHLY_INTEREST_PERCENT)) addIssue(ctx, "charges.interest_cap", { value: `${rate.toString()}%` }, ["monthlyInterestPercent"]);
}

/**
 * Late-charge terms given as percentages only, without a date: what a policy document carries
 * (a negotiation policy's `lateCharges`), to be applied at each título's own date. Same fields,
 * ranges and consumer caps as {@link ChargeTermsSchema}. @internal
 */
export const PercentChargeTermsSchema = z
  .strictObject({
    finePercent: z.optional(percentUpTo(100)),
    monthlyInterestPercent: percentUpTo(100),
    dayCount: z.optional(z.enum(["30", "actual"])),
    rounding: z.optional(z.enum(ROUNDING_MODES as [string, ...string[]])),
    consumer: z.optional(z.boolean()),
  })
  .check(
    z.superRefine(
      (t, ctx) => {
        if (typeof t !== "object" || (t as unknown) === null) return;
        checkConsumerCaps(t, ctx);
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
