/**
 * A backend validator: the order schema the backend already has, with the credit check plugged
 * in as a zod refinement. Run with `npx tsx examples/backend-route.ts`.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createCreditGate, presets, type ReceivableInput } from "credit-block";
import { creditCheck } from "credit-block/zod";

const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));

/** Stands in for the backend's database. */
const openTitles: Record<string, ReceivableInput[]> = {
  C0016: [{ id: "T000131", amount: "2337.37", dueDate: "2026-10-21" }],
  C0003: [],
};

export const OrderSchema = z
  .object({
    customerId: z.string(),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
    tenders: z.array(z.object({ method: z.enum(["cash", "pix", "credit_card", "store_credit", "boleto"]), amount: z.string() })).min(1),
  })
  .superRefine(
    creditCheck(gate, async (order) => ({
      asOf: "2026-11-23",
      customer: { id: order.customerId },
      receivables: await Promise.resolve(openTitles[order.customerId] ?? []),
      sale: { tenders: order.tenders },
    })),
  );

export async function validateOrder(body: unknown): Promise<string[]> {
  const result = await OrderSchema.safeParseAsync(body);
  return result.success ? ["order accepted"] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const order = { customerId: "C0016", items: [{ sku: "TV-50", quantity: 1 }], tenders: [{ method: "pix", amount: "100.00" }, { method: "store_credit", amount: "2400.00" }] };
  console.log((await validateOrder(order)).join("\n"));
}
