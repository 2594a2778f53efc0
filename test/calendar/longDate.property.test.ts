import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planCollection } from "credit-block";
import { longDatePtBR } from "../../src/calendar/longDate.js";

const MONTHS = ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];

describe("dates in words (date-fns ptBR), the same in every host time zone", () => {
  it("writes any civil date as 'D de <mês> de AAAA' (property; the TZ matrix reruns it)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
      const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      expect(longDatePtBR(iso)).toBe(`${d} de ${MONTHS[m - 1] as string} de ${String(y).padStart(4, "0")}`);
    }), { numRuns: 2000 });
    // The days DST used to start at midnight in Brazil (that midnight did not exist there).
    expect(longDatePtBR("2018-11-04")).toBe("4 de novembro de 2018");
    expect(longDatePtBR("2016-02-29")).toBe("29 de fevereiro de 2016");
  });

  it("fills {dueDateLong} and {payableUntilLong} in collection messages", () => {
    const plan = planCollection([{ id: "t1", customerId: "c1", amount: "150.00", dueDate: "2026-11-21" }], {
      asOf: "2026-11-19",
      creditor: { name: "Loja Exemplo", document: "11.222.333/0001-81" },
      cadence: [{ id: "lembrete", offsetDays: -2, channel: "sms", template: "{creditorName} ({creditorDocument}): {amount} vence em {dueDateLong}; sem encargos até {payableUntilLong}." }],
    });
    // 21/11/2026 is a Saturday: payable without charges until Monday the 23rd (CC art. 132 §1).
    expect(plan.map((s) => ("message" in s ? s.message : ""))).toEqual(["Loja Exemplo (11.222.333/0001-81): R$ 150,00 vence em 21 de novembro de 2026; sem encargos até 23 de novembro de 2026."]);
  });
});
