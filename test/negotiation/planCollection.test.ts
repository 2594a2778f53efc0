import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, planCollection, type CollectionOptions, type ReceivableInput } from "credit-block";
import { expectIssue } from "../support/expectError.js";

const AS_OF = "2026-11-23";
const creditor = { name: "Loja Exemplo Ltda", document: "00.000.000/0001-91" };
const t = (text: string) => `${text} — {creditorName}, CNPJ {creditorDocument}`;
const cadence: CollectionOptions["cadence"] = [
  { id: "lembrete", offsetDays: -3, channel: "sms", template: t("Sua parcela de {amount} vence em {dueDate}") },
  { id: "vencida", offsetDays: 1, channel: "email", template: t("Parcela de {amount} vencida em {dueDate}") },
  { id: "acordo", offsetDays: 15, channel: "whatsapp", template: t("Temos condições para regularizar {amount}") },
  { id: "ligacao", offsetDays: 30, channel: "phone", template: t("Ligar: {daysOverdue} dias de atraso") },
];

describe("planCollection", () => {
  it("sends the latest pending step per título, one contact per customer per day", () => {
    const steps = planCollection([
      { id: "a", customerId: "c1", amount: "100.00", dueDate: "2026-11-26" },
      { id: "b", customerId: "c2", amount: "100.00", dueDate: "2026-11-22" },
      { id: "c", customerId: "c2", amount: "80.00", dueDate: "2026-10-01" },
      // A Friday: overdue steps count from the effective due date, and 08/11 (a Sunday) would
      // push "acordo" to 24/11 (planCollection.cdc.test.ts covers weekend due dates).
      { id: "d", customerId: "c3", amount: "60.00", dueDate: "2026-11-06" },
    ], { asOf: AS_OF, cadence, creditor });
    expect(steps.map((s) => [s.customerId, s.receivableId, s.step, s.channel])).toEqual([
      ["c1", "a", "lembrete", "sms"],
      ["c2", "c", "ligacao", "phone"],
      ["c3", "d", "acordo", "whatsapp"],
    ]);
    expect(steps[0]?.message).toBe("Sua parcela de R$ 100,00 vence em 26/11/2026 — Loja Exemplo Ltda, CNPJ 00.000.000/0001-91");
  });

  it("never repeats a step already sent, nor sends an earlier one after a later", () => {
    const rows: ReceivableInput[] = [{ id: "d", customerId: "c3", amount: "60.00", dueDate: "2026-11-06" }];
    expect(planCollection(rows, { asOf: AS_OF, cadence, creditor, sent: [{ receivableId: "d", step: "acordo" }] })).toEqual([]);
    expect(planCollection(rows, { asOf: AS_OF, cadence, creditor, sent: [{ receivableId: "d", step: "vencida" }] }).map((s) => s.step)).toEqual(["acordo"]);
  });

  it("never sends the same step twice over a month of daily runs, and one contact per customer a day (property)", () => {
    fc.assert(fc.property(fc.array(fc.record({ customer: fc.integer({ min: 1, max: 4 }), due: fc.integer({ min: -40, max: 20 }) }), { minLength: 1, maxLength: 8 }), (rows) => {
      const receivables: ReceivableInput[] = rows.map((r, i) => ({ id: `t${i}`, customerId: `c${r.customer}`, amount: "10.00", dueDate: addDays(AS_OF, r.due) }));
      const sent: { receivableId: string; step: string }[] = [];
      for (let day = 0; day < 40; day++) {
        const steps = planCollection(receivables, { asOf: addDays(AS_OF, day), cadence, creditor, sent });
        const customers = steps.map((s) => s.customerId);
        expect(new Set(customers).size).toBe(customers.length);
        for (const s of steps) {
          expect(sent.some((x) => x.receivableId === s.receivableId && x.step === s.step)).toBe(false);
          expect(s.plannedFor <= addDays(AS_OF, day)).toBe(true);
          sent.push({ receivableId: s.receivableId, step: s.step });
        }
      }
    }), { numRuns: 1000 });
  });

  it("refuses templates without the creditor's name and CNPJ/CPF (CDC art. 42-A)", () => {
    expectIssue(() => planCollection([], { asOf: AS_OF, creditor, cadence: [{ offsetDays: 1, channel: "sms", template: "Pague {amount}" }] }), "options.cadence[0].template", "collection.template");
    expectIssue(() => planCollection([], { asOf: AS_OF, creditor, cadence: [{ offsetDays: 1, channel: "sms", template: t("{valor}") }] }), "options.cadence[0].template", "policy.placeholder");
  });

  it("checks that a step warns before each block level starts", () => {
    expectIssue(() => planCollection([], { asOf: AS_OF, creditor, cadence: cadence.slice(2), blockAfterDays: [6] }), "options.blockAfterDays", "collection.no_warning");
    expect(planCollection([], { asOf: AS_OF, creditor, cadence, blockAfterDays: [6] })).toEqual([]);
  });
});
