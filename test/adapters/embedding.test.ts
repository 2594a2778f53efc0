import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import { z } from "zod";
import { createCreditGate, presets, type CheckoutRequestInput } from "credit-block";
import { assertSaleAllowed, creditCheck, SaleBlockedError } from "credit-block/zod";
import { validateOrder } from "../../examples/backend-route.js";
import { createApp } from "../../examples/express-app.js";
import { errorOf, expectIssue } from "../support/expectError.js";
import { raw } from "../support/http.js";

const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));
const overdue = [{ id: "t1", amount: "100.00", dueDate: "2026-10-01" }];

describe("credit-block/zod", () => {
  it("turns a blocked tender into a zod issue on that tender's path", () => {
    const Order = z.object({ customer: z.string(), payments: z.array(z.object({ method: z.enum(["pix", "store_credit"]), amount: z.string() })) })
      .superRefine(creditCheck(gate, (o) => ({ asOf: "2026-11-23", customer: { id: o.customer }, receivables: overdue, sale: { tenders: o.payments } }), { tendersPath: ["payments"] }));
    const r = Order.safeParse({ customer: "c1", payments: [{ method: "pix", amount: "10.00" }, { method: "store_credit", amount: "90.00" }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["payments", 1], message: "1 título vencido, o mais antigo há 53 dias, R$ 100,00 em atraso" })]);
  });

  it("passes reviews through when asked", () => {
    const limitGate = createCreditGate(presets.creditLimit());
    const schema = z.object({ amount: z.string() }).superRefine(creditCheck(limitGate, (o) => ({ asOf: "2026-11-23", customer: { id: "c", creditLimit: "10.00" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: o.amount }] } }), { review: "pass" }));
    expect(schema.safeParse({ amount: "50.00" }).success).toBe(true);
  });

  it("waits for any thenable the mapping returns, not only a Promise of this realm", async () => {
    // The least a thenable can be: a `then` that calls back later and returns nothing.
    const thenable = (value: CheckoutRequestInput) => ({ then: (resolve: (v: CheckoutRequestInput) => void) => { setTimeout(() => { resolve(value); }, 1); } }) as unknown as PromiseLike<CheckoutRequestInput>;
    const Order = z.object({ amount: z.string() })
      .superRefine(creditCheck(gate, (o) => thenable({ asOf: "2026-11-23", customer: { id: "c" }, receivables: overdue, sale: { tenders: [{ method: "boleto", amount: o.amount }] } })));
    const r = await Order.safeParseAsync({ amount: "10.00" });
    expect(r.error?.issues.map((i) => [i.path, (i as { params?: { code?: string } }).params?.code])).toEqual([[["tenders", 0], "OVERDUE"]]);
  });

  it("names a bad argument or option instead of failing on it", () => {
    expectIssue(() => creditCheck(gate, () => ({}) as never, null as never), "options", "invalid_type");
    expectIssue(() => creditCheck(gate, () => ({}) as never, { review: "maybe" as never }), "options.review", "invalid_value");
    expectIssue(() => creditCheck(gate, () => ({}) as never, { tendersPath: "tenders" as never }), "options.tendersPath", "invalid_type");
    expectIssue(() => assertSaleAllowed(gate, {} as never, 1 as never), "options", "invalid_type");
    expectIssue(() => creditCheck(null as never, () => ({}) as never), "gate", "invalid_type");
    expectIssue(() => creditCheck(gate, "map" as never), "toRequest", "invalid_type");
    expectIssue(() => creditCheck(gate, () => ({}) as never, { onDecision: true as never }), "options.onDecision", "invalid_type");
    expectIssue(() => assertSaleAllowed({} as never, {} as never), "gate", "invalid_type");
  });

  it("works in a backend route with an async customer lookup (examples/backend-route.ts)", async () => {
    expect(await validateOrder({ customerId: "C0016", items: [{ sku: "TV", quantity: 1 }], tenders: [{ method: "pix", amount: "100.00" }, { method: "store_credit", amount: "2400.00" }] }))
      .toEqual(["tenders.1: 1 título vencido, o mais antigo há 33 dias, R$ 2.337,37 em atraso"]);
    expect(await validateOrder({ customerId: "C0003", items: [{ sku: "TV", quantity: 1 }], tenders: [{ method: "store_credit", amount: "2400.00" }] })).toEqual(["order accepted"]);
  });

  it("assertSaleAllowed returns the decision or throws a typed error carrying it", () => {
    expect(assertSaleAllowed(gate, { asOf: "2026-11-23", customer: { id: "c" }, receivables: [], sale: { tenders: [{ method: "store_credit", amount: "5.00" }] } }).outcome).toBe("allow");
    // errorOf checks the error is both a CreditBlockError and a SaleBlockedError.
    const e = errorOf(() => assertSaleAllowed(gate, { asOf: "2026-11-23", customer: { id: "c" }, receivables: overdue, sale: { tenders: [{ method: "pix", amount: "1.00" }, { method: "boleto", amount: "5.00" }] } }), SaleBlockedError);
    expect(e.code).toBe("SALE_BLOCKED");
    expect(e.decision.outcome).toBe("deny");
    expect(e.issues.map((i) => i.path)).toEqual(["sale.tenders[1]"]);
    expect(e.localized("pt-BR")[0]?.message).toMatch(/^boleto \(a prazo\) recusado: 1 título vencido/);
  });
});

describe("credit-block/express (examples/express-app.ts, a real express server)", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createApp().listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("serves the credit routes under the mount path, after express.json()", async () => {
    const r = await fetch(`${base}/credit/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ asOf: "2026-11-23", customer: { id: "c" }, receivables: overdue, sale: { tenders: [{ method: "store_credit", amount: "5.00" }] } }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-credit-outcome")).toBe("deny");
    expect((await fetch(`${base}/credit/v1/health`)).status).toBe(200);
    const bad = await fetch(`${base}/credit/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customer: {} }) });
    expect(bad.status).toBe(422);
    expect(await (await fetch(`${base}/`)).text()).toBe("loja");
    expect((await fetch(`${base}/credit/other`)).status).toBe(404); // left to express
  });

  it("answers a request whose Host header cannot form a URL", async () => {
    const answer = await raw(base, "GET /credit/v1/health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('{"status":"ok"}');
  });
});
