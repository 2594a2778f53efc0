import { describe, expect, it } from "vitest";
import * as z from "zod";
import { CheckoutRequestSchema, CreditBlockError, PolicySchema, presets, ReceivableSchema, TenderSchema } from "credit-block";
import { checkoutRequestJsonSchema, policyJsonSchema } from "credit-block/json-schema";

/**
 * The core builds its schemas with zod/mini (a smaller bundle); users of classic zod must still
 * be able to parse with them and compose them into their own schemas.
 */
describe("public schemas in a classic-zod application", () => {
  const order = z.object({
    orderId: z.string(),
    tenders: z.array(TenderSchema).min(1),
    // The schemas are zod/mini: wrap them with z.optional(…), they have no .optional() method.
    checkout: z.optional(CheckoutRequestSchema),
  });

  it("compose into a classic z.object and keep their transforms (money canonicalised, term defaulted)", () => {
    const parsed = order.parse({ orderId: "o-1", tenders: [{ method: "boleto", amount: 99.9 }] });
    expect(parsed.tenders).toEqual([{ method: "boleto", amount: "99.90", term: "deferred" }]);
  });

  it("report their issues on the right path inside the user's schema", () => {
    const result = order.safeParse({ orderId: "o-1", tenders: [{ method: "boleto", amount: "12,50" }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([["tenders", 0, "amount"]]);
  });

  it("parse and safeParse as methods, as a zod user expects", () => {
    expect(ReceivableSchema.parse({ id: "t1", amount: 10, dueDate: "2026-11-01" }).amount).toBe("10.00");
    expect(ReceivableSchema.safeParse({ id: "t1", amount: 10, dueDate: "2026-02-30" }).success).toBe(false);
    expect(() => PolicySchema.parse({ id: "p", version: 1, rules: [], colour: "red" })).toThrow();
    expect(PolicySchema.safeParse(presets.blockCreditWhenOverdue()).success).toBe(true);
  });

  it("are read by classic zod's JSON Schema generator as by credit-block/json-schema", () => {
    const ours = checkoutRequestJsonSchema();
    // The descriptions live in credit-block/json-schema (not in the core bundle) and are
    // registered on the core's schemas, so classic zod reads them too once it has run.
    expect(z.toJSONSchema(CheckoutRequestSchema, { io: "input", unrepresentable: "any" })).toEqual(ours);
    expect(ours.required).toEqual(["asOf", "customer", "receivables"]);
    expect(ours.description).toBe("What a POS sends at checkout");
    expect(ours.properties.asOf).toMatchObject({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", examples: ["2026-11-23"] });
    expect(ours.properties.customer).toMatchObject({ description: "The customer at checkout" });
    expect(policyJsonSchema().title).toBe("credit-block policy");
  });

  it("describe the policy's fields for editors, the condition's fact wherever it recurs", () => {
    const policy = policyJsonSchema();
    const rule = (policy.properties.rules as { items: { properties: Record<string, { description?: string }> } }).items.properties;
    expect((policy.properties.currency as { description?: string }).description).toBe("ISO 4217; default BRL");
    expect((policy.properties.graceDays as { description?: string }).description).toMatch(/^Carência/);
    expect([rule.id?.description, rule.scope?.description]).toEqual(["Stable rule id: letters, digits, _ . -", '"all", "credit" (every deferred tender), or { methods, terms }']);
    const facts = JSON.stringify(policy).match(/"description":"A fact: [^"]*overdueBalance[^"]*"/g) ?? [];
    expect(facts.length).toBeGreaterThanOrEqual(1);
  });

  it("a schema's own parse throws zod's error with the path (the library's functions throw CreditBlockError)", () => {
    try {
      CheckoutRequestSchema.parse({ asOf: "2026-11-23", customer: { id: "c" }, receivables: [], sale: { tenders: [] } });
      expect.unreachable();
    } catch (error) {
      expect(error).not.toBeInstanceOf(CreditBlockError);
      expect((error as z.ZodError).issues[0]?.path).toEqual(["sale", "tenders"]);
    }
  });
});
