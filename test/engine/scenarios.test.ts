import { describe, expect, it } from "vitest";
import { createCreditGate, definePolicy, presets, type CheckoutRequestInput, type PolicyDocument } from "credit-block";

const AS_OF = "2026-11-23";
const optionOf = (d: { options: { method: string; term: string; outcome: string }[] }, method: string, term: string) =>
  d.options.find((o) => o.method === method && o.term === term)?.outcome;

/** The store's policy in these stories: block a prazo when overdue past 5 days, hold, limit, risk E. */
const storePolicy: PolicyDocument = {
  id: "loja-centro",
  version: "2026.11",
  graceDays: 5,
  rules: [
    { id: "overdue", when: { fact: "overdueCount", op: "gt", value: 0 }, scope: "credit", action: "deny" },
    { id: "hold", when: { fact: "onHold", op: "eq", value: true }, scope: "credit", action: "deny", message: { "pt-BR": "Bloqueio manual: {holdReason}", en: "Manual hold: {holdReason}" } },
    { id: "over-limit", when: { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit" } }, scope: "credit", action: "review" },
    { id: "risk-e", when: { fact: "riskClass", op: "eq", value: "E" }, scope: "credit", action: "deny" },
    { id: "bounced", when: { fact: "bouncedChecks", op: "gte", value: 2 }, scope: { methods: ["check"] }, action: "warn" },
  ],
};
const gate = createCreditGate(definePolicy(storePolicy));

const request = (over: Partial<CheckoutRequestInput> = {}): CheckoutRequestInput => ({
  asOf: AS_OF,
  customer: { id: "c1", creditLimit: "2000.00" },
  receivables: [],
  sale: { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] },
  ...over,
});

describe("checkout stories", () => {
  it("a loyal customer one day late, inside the grace period, buys a prazo", () => {
    const d = gate.decide(request({
      receivables: [
        { id: "t1", amount: "120.00", dueDate: "2026-11-20", status: "open" },
        { id: "t0", amount: "120.00", dueDate: "2026-10-20", status: "paid", paidDate: "2026-10-19" },
      ],
    }));
    expect(d.outcome).toBe("allow");
    expect(d.status).toBe("clear");
    expect(d.tenders[0]).toMatchObject({ method: "store_credit", term: "deferred", outcome: "allow", installments: 3 });
    // the POS can warn the cashier: from 26/11 (20/11 holiday → 23/11, + 5 days of grace) a prazo is refused
    expect(d.nextChange).toEqual({ date: "2026-11-26", status: "restricted", rule: "overdue" });
    expect(d.customerMessage).toBeNull();
  });

  it("a customer 40 days late is refused crediário and boleto a prazo, but may pay with PIX, cash or card", () => {
    const d = gate.decide(request({
      receivables: [
        { id: "t1", amount: "289.90", dueDate: "2026-10-14" },
        { id: "t2", amount: "100.00", dueDate: "2026-11-14" },
        { id: "t3", amount: "100.00", dueDate: "2026-12-14" },
      ],
      sale: { tenders: [{ method: "store_credit", amount: "200.00" }, { method: "boleto", amount: "50.00" }, { method: "pix", amount: "30.00" }] },
    }));
    expect(d.outcome).toBe("deny");
    expect(d.tenders.map((t) => t.outcome)).toEqual(["deny", "deny", "allow"]);
    expect(d.status).toBe("restricted");
    for (const method of ["cash", "pix", "debit_card", "credit_card"]) expect(optionOf(d, method, "immediate")).toBe("allow");
    expect(optionOf(d, "store_credit", "deferred")).toBe("deny");
    expect(d.reasons).toEqual([{ rule: "overdue", code: "OVERDUE", action: "deny", message: "2 títulos vencidos, o mais antigo há 40 dias, R$ 389,90 em atraso" }]);
    expect(d.regularize).toEqual({
      payAtLeast: "389.90",
      receivableIds: ["t1", "t2"],
      items: [
        { id: "t1", open: "289.90", fine: "0.00", interest: "0.00", total: "289.90", because: "overdue" },
        { id: "t2", open: "100.00", fine: "0.00", interest: "0.00", total: "100.00", because: "overdue" },
      ],
    });
    expect(d.customerMessage).not.toMatch(/R\$|título|vencid/);
    expect(d.customerMessage).toBe("Pagamento a prazo indisponível no momento. Pagamento à vista disponível: dinheiro, Pix, cartão de débito, cartão de crédito e outras.");
    expect(d.facts).toMatchObject({ overdueBalance: "389.90", overdueCount: 2, maxDaysOverdue: 40, exposureAfterSale: "739.90" });
  });

  it("a manual hold refuses credit whatever is paid: nothing to regularize", () => {
    const d = gate.decide(request({ customer: { id: "c1", hold: { reason: "cadastro em revisão", since: "2026-11-01" } } }));
    expect(d.outcome).toBe("deny");
    expect(d.reasons[0]?.message).toBe("Bloqueio manual: cadastro em revisão");
    expect(d.regularize).toBeNull();
    expect(optionOf(d, "cash", "immediate")).toBe("allow");
  });

  it("an over-limit sale goes to a supervisor; paying down the balance lifts it", () => {
    const d = gate.decide(request({
      customer: { id: "c1", creditLimit: "1000.00", pendingExposure: "100.00" },
      receivables: [{ id: "t1", amount: "700.00", dueDate: "2026-12-10" }],
    }));
    expect(d.outcome).toBe("review");
    expect(d.status).toBe("restricted");
    expect(d.reasons[0]?.message).toBe("limite R$ 1.000,00, exposição com esta venda R$ 1.100,00 (a prazo nesta venda: R$ 300,00)");
    // Whole títulos only: collecting R$ 100,00 of t1 would leave a residue the cashier cannot explain.
    expect(d.regularize).toEqual({ payAtLeast: "700.00", receivableIds: ["t1"], items: [{ id: "t1", open: "700.00", fine: "0.00", interest: "0.00", total: "700.00", because: "limit" }] });
    expect(d.customerMessage).toMatch(/^Pagamento a prazo sujeito a aprovação\. Pagamento à vista disponível: dinheiro, Pix/);
  });

  it("a supervisor release allows until it expires, and only up to its cap", () => {
    const base = request({
      customer: { id: "c1", creditLimit: "2000.00", overrides: [{ rule: "overdue", until: "2026-11-30", by: "Marta (gerente)", reason: "cliente há 10 anos", maxAmount: "500.00" }] },
      receivables: [{ id: "t1", amount: "150.00", dueDate: "2026-10-01" }],
    });
    const released = gate.decide(base);
    expect(released.outcome).toBe("allow");
    expect(released.status).toBe("warning");
    expect(released.reasons).toEqual([expect.objectContaining({ rule: "overdue", code: "OVERRIDE", action: "warn" })]);
    expect(released.reasons[0]?.message).toContain("liberado por Marta (gerente) até 30/11/2026: cliente há 10 anos");
    expect(released.nextChange).toEqual({ date: "2026-12-01", status: "restricted", rule: "overdue" });
    expect(gate.decide({ ...base, asOf: "2026-12-01" }).outcome).toBe("deny");
    expect(gate.decide({ ...base, sale: { tenders: [{ method: "store_credit", amount: "600.00" }] } }).outcome).toBe("deny");
  });

  it("a risk-class E customer never gets credit, with or without debts", () => {
    const risk = createCreditGate(presets.riskClasses());
    const d = risk.decide(request({ customer: { id: "c9", riskClass: "E" } }));
    expect(d.outcome).toBe("deny");
    expect(d.reasons[0]).toMatchObject({ rule: "risk-always-blocked", message: "classe de risco E" });
    expect(d.regularize).toBeNull();
    const b = risk.decide(request({ customer: { id: "c8", riskClass: "B" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2026-10-01" }] }));
    expect(b.outcome).toBe("deny"); // 53 days > 30
    const a = risk.decide(request({ customer: { id: "c7", riskClass: "A" }, receivables: [{ id: "t", amount: "10.00", dueDate: "2024-10-01" }] }));
    expect(a.outcome).toBe("allow");
  });

  it("answers options and status only when there is no sale yet", () => {
    const d = gate.decide({ asOf: AS_OF, customer: { id: "c1" }, receivables: [{ id: "t1", amount: "50.00", dueDate: "2026-09-01" }] });
    expect(d.tenders).toEqual([]);
    expect(d.outcome).toBe("allow");
    // Only the pairs that exist at a counter: no cash on credit, no crediário paid at once.
    expect(d.options.map((o) => `${o.method}/${o.term}`)).toEqual([
      "cash/immediate", "pix/immediate", "debit_card/immediate", "credit_card/immediate", "voucher/immediate",
      "digital_wallet/immediate", "bank_transfer/immediate", "boleto/immediate", "boleto/deferred",
      "check/immediate", "check/deferred", "store_credit/deferred", "other/immediate", "other/deferred",
    ]);
    expect(d.status).toBe("restricted");
  });

  it("blocks à vista only in a B2B policy that says so (CDC art. 39 IX does not cover companies)", () => {
    const b2b = createCreditGate({
      id: "atacado", version: 1, consumer: false,
      rules: [{ id: "fraud", when: { fact: "tags", op: "includes", value: "fraude" }, scope: "all", action: "deny" }],
    });
    const d = b2b.decide(request({ customer: { id: "cnpj-1", tags: ["fraude"] } }));
    expect(d.status).toBe("blocked");
    expect(optionOf(d, "cash", "immediate")).toBe("deny");
    expect(d.customerMessage).toBe("Compra não autorizada neste momento. Procure o atendimento.");
  });

  it("writes operator messages in English when the policy asks", () => {
    const en = createCreditGate({ ...presets.blockCreditWhenOverdue(), locale: "en" });
    const d = en.decide(request({ receivables: [{ id: "t1", amount: "1234.50", dueDate: "2026-11-01" }] }));
    expect(d.reasons[0]?.message).toBe("1 overdue receivable, the oldest 22 days late, R$1,234.50 overdue");
  });

  it("a message quotes attributes by name; an unset one reads as unset, even one named like an Object member", () => {
    const gate = createCreditGate({ id: "p", version: 1, rules: [{ id: "vip", when: { fact: "attributes.vip", op: "eq", value: true }, scope: "credit", action: "review", message: "vip {attributes.vip}, loja {attributes.store}, {attributes.constructor}" }] });
    const d = gate.decide(request({ customer: { id: "c1", attributes: { vip: true } } }));
    expect(d.reasons[0]?.message).toBe("vip sim, loja não definido, não definido");
  });
});
