/**
 * The sidecar's Pix (issue #20 item 4): a policy naming the store's receiver, served with the
 * encoder, answers regularize.pix for exactly what lifts the block; the QR code of a BR Code is
 * drawn by POST /v1/pix/svg, and a payload a bank app would refuse is a 422 naming the field.
 */
import { describe, expect, it } from "vitest";
import { presets, type PolicyDocument } from "credit-block";
import { createHandler } from "credit-block/http";
import { parsePixPayload, pixEncoder, pixPayload, txidFor } from "credit-block/pix";
import { pixSvg } from "credit-block/pix/svg";

const receiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
const policy: PolicyDocument = { ...presets.blockCreditWhenOverdue({ graceDays: 5 }), pix: receiver };
const checkout = {
  asOf: "2026-11-23",
  customer: { id: "c1" },
  receivables: [{ id: "NF1/1", amount: "150.00", dueDate: "2026-10-01" }, { id: "NF1/2", amount: "150.00", dueDate: "2026-10-20" }],
  sale: { tenders: [{ method: "store_credit", amount: "80.00" }] },
};
const post = (handler: (r: Request) => Promise<Response>, path: string, body: unknown) =>
  handler(new Request(`http://pos.local${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

describe("the sidecar's Pix", () => {
  it("regularize.pix is the Pix copia e cola of exactly payAtLeast, with the títulos' txid, after a reload too", async () => {
    const handler = createHandler({ policy, encoders: { pix: pixEncoder } });
    for (const round of [0, 1]) {
      if (round === 1) handler.reload({ ...policy, version: 2 });
      const decision = (await (await post(handler, "/v1/decide", checkout)).json()) as { regularize: { payAtLeast: string; receivableIds: string[]; pix: { payload: string; txid: string } } };
      const read = parsePixPayload(decision.regularize.pix.payload);
      expect(read.amount).toBe(decision.regularize.payAtLeast);
      expect(read.txid).toBe(txidFor(decision.regularize.receivableIds));
      expect(decision.regularize.pix.txid).toBe(read.txid);
    }
  });

  it("a policy naming a receiver without the encoder is refused when the handler is made, naming encoders.pix", () => {
    expect(() => createHandler({ policy })).toThrow(/encoders\.pix/);
  });

  it("POST /v1/pix/svg draws the QR code of a valid BR Code, and refuses another with the field", async () => {
    const handler = createHandler({ policy, encoders: { pix: pixEncoder }, pixSvg });
    const payload = pixPayload({ ...receiver, amount: "152.37", txid: "PEDIDO4521" });
    const ok = await post(handler, "/v1/pix/svg", { payload });
    expect(ok.status).toBe(200);
    const { svg } = (await ok.json()) as { svg: string };
    expect(svg).toBe(pixSvg(payload));
    expect(svg.startsWith("<svg")).toBe(true);
    const broken = await post(handler, "/v1/pix/svg", { payload: `${payload.slice(0, -1)}0` });
    expect(broken.status).toBe(422);
    expect(JSON.stringify(await broken.json())).toMatch(/"path":"payload/);
    const typo = await post(handler, "/v1/pix/svg", { payload, pyload: payload });
    expect(typo.status).toBe(422);
    expect(JSON.stringify(await typo.json())).toContain('"path":"pyload"');
  });

  it("without a QR drawer there is no such route", async () => {
    const handler = createHandler({ policy: presets.creditLimit() });
    expect((await post(handler, "/v1/pix/svg", { payload: "x" })).status).toBe(404);
  });
});
