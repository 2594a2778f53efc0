import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addDays, createCreditGate, definePolicy, planCollection, PolicyError, presets, quotePayoff, replayPolicy,
  type CheckoutRequestInput, type CollectionOptions, type PolicyDocument, type ReceivableInput,
} from "credit-block";
import { parsePixPayload, pixEncoder, pixForAmount, pixPayload, txidFor } from "credit-block/pix";
import { errorOf, expectIssue } from "../support/expectError.js";

/** Issue #20 item 4: the decision, payoff quotes and collection messages carry the Pix for exactly what they ask. */
const AS_OF = "2026-11-23";
const receiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
const PARSED = { key: "11222333000181", name: "Loja do Ze", city: "Sao Paulo" };
const overdue: PolicyDocument = presets.blockCreditWhenOverdue({ graceDays: 5 });
const withPix: PolicyDocument = { ...overdue, pix: receiver };
const request: CheckoutRequestInput = {
  asOf: AS_OF,
  customer: { id: "c1" },
  receivables: [
    { id: "t2", amount: "120.50", dueDate: "2026-10-20" },
    { id: "t1", amount: "389.90", dueDate: "2026-10-07" },
    { id: "t3", amount: "99.99", dueDate: "2026-12-10" },
  ],
  sale: { tenders: [{ method: "store_credit", amount: "150.00" }] },
};

describe("regularize.pix: the decision's Pix for exactly payAtLeast", () => {
  it("parses back to the receiver, payAtLeast and the txid of the títulos asked for", () => {
    const { regularize } = createCreditGate(withPix, { pix: pixEncoder }).decide(request);
    expect(regularize?.receivableIds).toEqual(["t1", "t2"]);
    expect(regularize?.payAtLeast).toBe("510.40");
    const pix = regularize?.pix;
    if (!pix) throw new Error("no regularize.pix");
    expect(pix.amount).toBe("510.40");
    expect(pix.txid).toBe(txidFor(["t1", "t2"]));
    expect(parsePixPayload(pix.payload)).toEqual({ ...PARSED, amount: "510.40", txid: txidFor(["t2", "t1"]) });
    expect(pix).toEqual(pixForAmount(receiver, "510.40", ["t1", "t2"]));
    expect(pix.payload).toBe(pixPayload({ ...receiver, amount: "510.40", txid: pix.txid }));
  });

  it("includes the multa and juros of the policy's charges, as payAtLeast does", () => {
    const gate = createCreditGate({ ...withPix, charges: { finePercent: "2", monthlyInterestPercent: "1" } }, { pix: pixEncoder });
    const { regularize } = gate.decide(request);
    expect(regularize?.payAtLeast).not.toBe("510.40");
    expect(parsePixPayload(regularize?.pix?.payload ?? "").amount).toBe(regularize?.payAtLeast);
  });

  it("keeps the receiver's postal code (field 61)", () => {
    const { regularize } = createCreditGate({ ...overdue, pix: { ...receiver, postalCode: "01310-100" } }, { pix: pixEncoder }).decide(request);
    expect(parsePixPayload(regularize?.pix?.payload ?? "").postalCode).toBe("01310100");
  });

  it("changes nothing without a receiver, the encoder given or not, byte for byte", () => {
    const plain = JSON.stringify(createCreditGate(overdue).decide(request));
    expect(JSON.stringify(createCreditGate(overdue, { pix: pixEncoder }).decide(request))).toBe(plain);
    expect(plain).not.toContain('"pix":{');
    expect(createCreditGate(overdue).decide(request).regularize).not.toHaveProperty("pix");
  });

  it("leaves regularize null when there is nothing to collect", () => {
    const gate = createCreditGate(withPix, { pix: pixEncoder });
    expect(gate.decide({ ...request, receivables: [{ id: "t3", amount: "99.99", dueDate: "2026-12-10" }] }).regularize).toBeNull();
  });

  it("is null when payAtLeast does not fit a static BR Code (field 54: at most 9999999999.99)", () => {
    const gate = createCreditGate(withPix, { pix: pixEncoder });
    const big = gate.decide({ ...request, receivables: [{ id: "t1", amount: "10000000000.00", dueDate: "2026-10-07" }] });
    expect(big.regularize?.payAtLeast).toBe("10000000000.00");
    expect(big.regularize?.pix).toBeNull();
    const fits = gate.decide({ ...request, receivables: [{ id: "t1", amount: "9999999999.99", dueDate: "2026-10-07" }] });
    expect(parsePixPayload(fits.regularize?.pix?.payload ?? "").amount).toBe("9999999999.99");
  });

  it("refuses, at gate creation, a receiver without the encoder, naming encoders.pix", () => {
    const error = errorOf(() => createCreditGate(withPix), PolicyError);
    expect(error.issues).toMatchObject([{ path: "encoders.pix", code: "invalid_type" }]);
    expect(error.issues[0]?.message).toContain("pixEncoder (credit-block/pix)");
    expectIssue(() => createCreditGate(withPix, {}), "encoders.pix", "invalid_type");
    // definePolicy checks the document alone: the receiver's shape.
    expect(definePolicy(withPix).pix).toEqual(receiver);
  });

  it("checks the receiver's fields at gate creation, each at pix.<field>, all at once", () => {
    const bad = { ...overdue, pix: { key: "11.222.333/0001-82", name: "Loja de Departamentos do Centro", city: "São José dos Campos", postalCode: "0131" } };
    const error = errorOf(() => createCreditGate(bad, { pix: pixEncoder }), PolicyError);
    expect(error.issues.map((i) => i.path)).toEqual(["pix.key", "pix.name", "pix.city", "pix.postalCode"]);
    // What a policy file may get wrong without the encoder: the shape, and the currency.
    expectIssue(() => definePolicy({ ...overdue, pix: { key: "a@b.com", name: "Loja" } }), "pix.city");
    expectIssue(() => definePolicy({ ...overdue, pix: { ...receiver, txid: "ABC" } }), "pix.txid", "unknown_key");
    expectIssue(() => definePolicy({ ...overdue, pix: "a@b.com" }), "pix", "invalid_type");
    expectIssue(() => definePolicy({ ...withPix, currency: "JPY" }), "currency", "invalid_value");
    expectIssue(() => createCreditGate({ ...withPix, currency: "JPY" }, { pix: pixEncoder }), "currency", "invalid_value");
  });

  it("does not read the policy's receiver when replaying (outcomes only)", () => {
    const report = replayPolicy({ sales: [], receivables: [] }, { policy: withPix });
    expect(report.policies[0]?.id).toBe(overdue.id);
  });

  it("property: whenever regularize is asked for, its Pix is for exactly payAtLeast, txid = txidFor(receivableIds)", () => {
    const gate = createCreditGate({ ...withPix, charges: { finePercent: "2", monthlyInterestPercent: "1" } }, { pix: pixEncoder });
    const rows = fc.array(fc.record({ cents: fc.integer({ min: 1, max: 50_000_000 }), due: fc.integer({ min: -400, max: 40 }) }), { minLength: 1, maxLength: 8 });
    let asked = 0;
    fc.assert(fc.property(rows, fc.integer({ min: 1, max: 100_000 }), (list, sale) => {
      const receivables: ReceivableInput[] = list.map((r, i) => ({ id: `t-${i}`, amount: (r.cents / 100).toFixed(2), dueDate: addDays(AS_OF, r.due) }));
      const { regularize } = gate.decide({ ...request, receivables, sale: { tenders: [{ method: "store_credit", amount: (sale / 100).toFixed(2) }] } });
      if (regularize === null) return;
      asked++;
      const pix = regularize.pix;
      if (!pix) throw new Error("regularize without pix");
      const read = parsePixPayload(pix.payload);
      expect(read.amount).toBe(regularize.payAtLeast);
      expect(pix.amount).toBe(regularize.payAtLeast);
      expect(read.txid).toBe(txidFor(regularize.receivableIds));
      expect(pix.txid).toBe(read.txid);
    }), { numRuns: 200 });
    expect(asked).toBeGreaterThan(50);
  });
});

describe("payoff quotes: the Pix for exactly the net", () => {
  const rows: ReceivableInput[] = [
    { id: "t1", amount: "1000.00", dueDate: "2026-08-10" },
    { id: "t2", amount: "200.00", dueDate: "2026-09-10" },
  ];
  const options = { asOf: AS_OF, terms: { finePercent: "2", monthlyInterestPercent: "1" }, discounts: { interest: { percent: 50 } } };

  it("carries the net, with the txid of the quoted títulos", () => {
    const quote = quotePayoff(rows, { ...options, pix: receiver }, { pix: pixEncoder });
    expect(quote.pix?.amount).toBe(quote.net);
    expect(parsePixPayload(quote.pix?.payload ?? "")).toEqual({ ...PARSED, amount: quote.net, txid: txidFor(["t1", "t2"]) });
    const { pix, ...rest } = quote;
    expect(pix).toBeDefined();
    expect(rest).toEqual(quotePayoff(rows, options));
  });

  it("has no pix without options.pix, and a null one when nothing is left to pay", () => {
    expect(quotePayoff(rows, options, { pix: pixEncoder })).not.toHaveProperty("pix");
    const free = quotePayoff(rows, { ...options, pix: receiver, discounts: { principal: { percent: 100 }, fine: { percent: 100 }, interest: { percent: 100 } } }, { pix: pixEncoder });
    expect(free.net).toBe("0.00");
    expect(free.pix).toBeNull();
    expect(quotePayoff([], { ...options, pix: receiver }, { pix: pixEncoder }).pix).toBeNull();
  });

  it("names encoders.pix, options.pix.<field> and the currency", () => {
    expectIssue(() => quotePayoff(rows, { ...options, pix: receiver }), "encoders.pix", "invalid_type");
    expectIssue(() => quotePayoff(rows, { ...options, pix: { ...receiver, key: "not a key" } }, { pix: pixEncoder }), "options.pix.key");
    expectIssue(() => quotePayoff(rows, { ...options, pix: { ...receiver, name: 7 as never } }, { pix: pixEncoder }), "options.pix.name", "invalid_type");
    expectIssue(() => quotePayoff(rows, { ...options, terms: { ...options.terms, currency: "USD" }, pix: receiver }, { pix: pixEncoder }), "options.terms.currency", "invalid_value");
  });
});

describe("collection messages: {pixCopiaECola} for exactly the título's open amount", () => {
  const options: CollectionOptions = {
    asOf: AS_OF,
    creditor: { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81" },
    cadence: [{ id: "atraso", offsetDays: 1, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): {amount} em aberto. Pix copia e cola: {pixCopiaECola}" }],
  };
  const rows: ReceivableInput[] = [
    { id: "t2", customerId: "c2", amount: "90.00", openAmount: "45.10", dueDate: "2026-11-10" },
    { id: "t7", customerId: "c7", amount: "300.00", dueDate: "2026-11-02" },
  ];

  it("fills the placeholder and each contact's pix with the open amount and the título's txid", () => {
    const steps = planCollection(rows, { ...options, pix: receiver }, { pix: pixEncoder });
    expect(steps.map((s) => [s.receivableId, s.pix?.amount])).toEqual([["t2", "45.10"], ["t7", "300.00"]]);
    for (const step of steps) {
      const pix = step.pix;
      if (!pix) throw new Error("no pix");
      expect(parsePixPayload(pix.payload)).toEqual({ ...PARSED, amount: pix.amount, txid: txidFor([step.receivableId]) });
      expect(step.message.endsWith(`Pix copia e cola: ${pix.payload}`)).toBe(true);
    }
    expect(steps[0]?.message).toContain("R$ 45,10 em aberto");
  });

  it("changes nothing without options.pix", () => {
    const template = "{creditorName} ({creditorDocument}): {amount} em aberto.";
    const plain = { ...options, cadence: [{ offsetDays: 1, channel: "sms" as const, template }] };
    const steps = planCollection(rows, plain, { pix: pixEncoder });
    expect(steps).toEqual(planCollection(rows, plain));
    expect(steps[0]).not.toHaveProperty("pix");
  });

  it("refuses {pixCopiaECola} without options.pix, a receiver without the encoder, a bad receiver field", () => {
    const error = errorOf(() => planCollection(rows, options));
    expect(error.issues).toMatchObject([{ path: "options.pix", code: "invalid_type" }]);
    expect(error.issues[0]?.message).toContain("{pixCopiaECola} (options.cadence[0].template)");
    expectIssue(() => planCollection(rows, { ...options, pix: receiver }), "encoders.pix", "invalid_type");
    expectIssue(() => planCollection(rows, { ...options, pix: { ...receiver, city: "" } }, { pix: pixEncoder }), "options.pix.city");
    expectIssue(() => planCollection(rows, { ...options, currency: "USD", pix: receiver }, { pix: pixEncoder }), "options.currency", "invalid_value");
  });
});

describe("pixEncoder: what the core calls once, at start-up", () => {
  it("checks the receiver into the issues it is given, and writes exact amounts after", () => {
    const issues: import("credit-block").Issue[] = [];
    const write = pixEncoder(receiver, "pix", issues);
    expect(issues).toEqual([]);
    expect(write?.("152.37", ["t1", "t2"])).toEqual(pixForAmount(receiver, "152.37", ["t2", "t1"]));
    expect(write?.("0.00", ["t1"])).toBeNull();
    expect(write?.("10000000000.00", ["t1"])).toBeNull();
    expect(pixEncoder({ ...receiver, key: "11.222.333/0001-82" }, "options.pix", issues)).toBeUndefined();
    expect(issues.map((i) => i.path)).toEqual(["options.pix.key"]);
  });
});
