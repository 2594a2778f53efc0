/**
 * JSON Schemas (draft 2020-12) of credit-block's inputs, generated from the zod schemas, for
 * editors, for services written in other languages, and for the sidecar's `GET /v1/schema`.
 *
 * A subpath of its own (`credit-block/json-schema`) so the core that a browser POS loads does
 * not carry zod's JSON Schema generator. It imports the public core by name, as adapters do.
 * @module json-schema
 */
import { toJSONSchema, type core } from "zod/mini";
import { CheckoutRequestSchema, PolicySchema } from "credit-block";

/** A JSON Schema document: an object with its `properties`. */
export type JsonSchema = Record<string, unknown> & { properties: Record<string, unknown> };

// Input side: what a caller may write (money as string or number, optional fields absent).
const asInput = (schema: core.$ZodType): JsonSchema => toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;

/**
 * The JSON Schema of a policy file, so editors can autocomplete and check it: point a policy's
 * `"$schema"` at the copy shipped as `credit-block/policy.schema.json` (this function's output).
 *
 * @example
 * ```ts
 * import { policyJsonSchema } from "credit-block/json-schema";
 * const schema = policyJsonSchema();
 * schema.properties.rules; // { type: "array", … }
 * ```
 */
export function policyJsonSchema(): JsonSchema {
  return { ...asInput(PolicySchema), title: "credit-block policy", description: "A credit policy for credit-block's definePolicy: which tenders to deny, review or warn, and when." };
}

/**
 * The JSON Schema of a checkout request (`POST /v1/decide`'s body, or `gate.decide`'s input),
 * for a POS written in another language.
 *
 * @example
 * ```ts
 * import { checkoutRequestJsonSchema } from "credit-block/json-schema";
 * checkoutRequestJsonSchema().required; // ["asOf", "customer", "receivables"]
 * ```
 */
export function checkoutRequestJsonSchema(): JsonSchema {
  return asInput(CheckoutRequestSchema);
}
