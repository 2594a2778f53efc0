import * as z from "zod/mini";
import { MAX_GRACE_DAYS } from "../../aging/internal.js";
import { PAYMENT_METHODS, TERMS } from "../../schemas/checkout.js";
import { PixReceiverShape } from "../../schemas/pix.js";
import { CurrencyCodeSchema, DocumentVersionSchema, LocaleSchema, PercentSchema, textOf, textUpTo, wholeNumber } from "../../schemas/primitives.js";
import { OPERATORS } from "../operators.js";

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const scopeSchema = z.union([
  z.literal("all"),
  z.literal("credit"),
  z.strictObject({
    methods: z.optional(z.array(z.enum(PAYMENT_METHODS)).check(z.minLength(1), z.maxLength(20))),
    terms: z.optional(z.array(z.enum(TERMS)).check(z.minLength(1), z.maxLength(2))),
  }),
]);

const messageText = textOf(1, 500);
const messageSchema = z.union([messageText, z.strictObject({ "pt-BR": z.optional(messageText), en: z.optional(messageText) })]);

// `PolicySchema` and the parts only it uses are for editors and the JSON Schema, never for
// `definePolicy`: marked pure, a bundler leaves them out of a checkout bundle that does not
// import `PolicySchema` (-0.25 kB on the checkout path, which pays for the Pix receiver block).

/** The `charges` block as editors see it; `definePolicy` checks it with the rules of `computeCharges`. */
const chargesSchema = /* @__PURE__ */ z.strictObject({
  finePercent: z.optional(PercentSchema),
  monthlyInterestPercent: PercentSchema,
  dayCount: z.optional(z.enum(["30", "actual"])),
  rounding: z.optional(z.enum(["down", "up", "half-up", "half-even"])),
});

function buildPolicySchema(condition: z.core.$ZodType, charges: z.core.$ZodType) {
  const rule = z.strictObject({
    id: z.string().check(z.regex(RULE_ID)),
    description: z.optional(textUpTo(500)),
    when: condition,
    scope: scopeSchema,
    action: z.enum(["deny", "review", "warn"]),
    message: z.optional(messageSchema),
    code: z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{0,63}$/))),
    allowImmediateBlock: z.optional(z.boolean()),
  });
  return z.strictObject({
    $schema: z.optional(textUpTo(500)),
    id: textOf(1, 128),
    version: DocumentVersionSchema,
    description: z.optional(textUpTo(2000)),
    currency: CurrencyCodeSchema,
    locale: LocaleSchema,
    graceDays: z.optional(wholeNumber(0, MAX_GRACE_DAYS)),
    calendar: z.optional(z.unknown()),
    ignoreOverdueBelow: z.optional(textUpTo(40)),
    consumer: z.optional(z.boolean()),
    charges: z.optional(charges),
    pix: z.optional(PixReceiverShape),
    rules: z.array(rule).check(z.maxLength(200)),
  });
}

/** Validates the document's shape; conditions are checked by hand for precise issues. @internal */
export const PolicyShape = buildPolicySchema(z.unknown(), z.unknown());

const literal = /* @__PURE__ */ z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ConditionJson: z.ZodMiniType = /* @__PURE__ */ z.lazy(() =>
  z.union([
    z.strictObject({
      fact: z.string(),
      op: z.enum(OPERATORS),
      value: z.union([literal, z.array(z.union([z.string(), z.number()])), z.strictObject({ fact: z.string(), times: z.optional(z.union([z.string(), z.number()])) })]),
    }),
    z.strictObject({ all: z.array(ConditionJson).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(ConditionJson).check(z.minLength(1)) }),
    z.strictObject({ not: ConditionJson }),
  ]),
);

/**
 * The zod schema of a policy document, for editors and validators. `definePolicy` applies it
 * and then checks what a schema cannot (fact types, operators, CDC art. 39 IX).
 *
 * @example
 * ```ts
 * PolicySchema.safeParse(json).success;
 * ```
 */
export const PolicySchema = /* @__PURE__ */ buildPolicySchema(ConditionJson, chargesSchema);
