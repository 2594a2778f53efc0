/**
 * JSON Schemas (draft 2020-12) of credit-block's inputs, generated from the zod schemas, for
 * editors, for services written in other languages, and for the sidecar's `GET /v1/schema`; and
 * the sidecar's OpenAPI 3.1 document (`GET /v1/openapi.json`, see {@link openApiDocument}).
 *
 * A subpath of its own (`credit-block/json-schema`) so the core that a browser POS loads does
 * not carry zod's JSON Schema generator. It imports the public core by name, as adapters do.
 * @module json-schema
 */
import { globalRegistry, toJSONSchema, type core } from "zod/mini";
import { CheckoutRequestSchema, CustomerSchema, FACT_TYPES, ISODateSchema, OverrideSchema, PercentSchema, PolicySchema, ReceivableSchema, TenderSchema } from "credit-block";

/** A JSON Schema document: an object with its `properties`. */
export type JsonSchema = Record<string, unknown> & { properties: Record<string, unknown> };

// Descriptions for JSON Schema readers. They live here rather than as `.meta()` in the core so
// that the bundle a browser POS loads does not carry them (it has a 45 kB budget); they are
// registered on the core's own schema instances, the way `.meta()` would, on first use.
const DOCS: readonly (readonly [core.$ZodType, Readonly<Record<string, unknown>>])[] = [
  // The pattern is for JSON Schema readers; validation (one precise issue) is the refinement.
  [ISODateSchema, { description: "Calendar date YYYY-MM-DD (no time, no zone)", examples: ["2026-11-23"], pattern: "^\\d{4}-\\d{2}-\\d{2}$" }],
  [PercentSchema, { description: 'Percentage as a decimal, "2" = 2%' }],
  [ReceivableSchema, { description: "One receivable (título, parcela) of a past sale" }],
  [OverrideSchema, { description: "A supervisor release (liberação) of one rule, or of every rule when `rule` is absent" }],
  [CustomerSchema, { description: "The customer at checkout" }],
  [TenderSchema, { description: "One way the customer pays part of the sale" }],
  [CheckoutRequestSchema, { description: "What a POS sends at checkout" }],
];

// The policy's fields are described in its generated schema, by where they land: they are
// not schema instances of their own in the core (the currency code is shared, for one).
const POLICY_FIELDS: Readonly<Record<string, string>> = {
  currency: "ISO 4217; default BRL",
  graceDays: "Carência: days after the due date before a título counts as overdue",
  ignoreOverdueBelow: "Open balances below this money amount do not count",
  consumer: "CDC guards on (default true)",
  charges: "Multa and juros de mora that regularize adds to each título asked for (consumer caps: multa 2%, CDC art. 52 §1; juros 1% a.m., Súmula 379 STJ)",
  pix: "The store's Pix receiver: regularize.pix then carries the BR Code for exactly payAtLeast (BRL only)",
};
const RULE_FIELDS: Readonly<Record<string, string>> = {
  id: "Stable rule id: letters, digits, _ . -",
  scope: '"all", "credit" (every deferred tender), or { methods, terms }',
};

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null;

function describeFields(schema: unknown, fields: Readonly<Record<string, string>>): void {
  const properties = isNode(schema) ? schema.properties : undefined;
  if (!isNode(properties)) return;
  for (const [key, description] of Object.entries(fields)) {
    const field = properties[key];
    if (isNode(field)) properties[key] = { description, ...field };
  }
}

/** Every condition leaf (`{ fact, op, value }`), wherever the recursion put it. */
function describeFacts(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) describeFacts(item);
    return;
  }
  if (!isNode(node)) return;
  const properties = node.properties;
  if (isNode(properties) && isNode(properties.fact) && isNode(properties.op)) {
    properties.fact = { ...properties.fact, description: `A fact: ${Object.keys(FACT_TYPES).join(", ")}, or attributes.<name>` };
  }
  for (const value of Object.values(node)) describeFacts(value);
}

function documentSchemas(): void {
  for (const [schema, meta] of DOCS) if (!globalRegistry.has(schema)) globalRegistry.add(schema, { ...meta });
}

// Input side: what a caller may write (money as string or number, optional fields absent).
const asInput = (schema: core.$ZodType): JsonSchema => {
  documentSchemas();
  return toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
};

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
  const schema = asInput(PolicySchema);
  describeFields(schema, POLICY_FIELDS);
  const rules = schema.properties.rules;
  describeFields(isNode(rules) ? rules.items : undefined, RULE_FIELDS);
  describeFacts(schema);
  return { ...schema, title: "credit-block policy", description: "A credit policy for credit-block's definePolicy: which tenders to deny, review or warn, and when." };
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

export { openApiDocument } from "./openapi.js";
