import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createCreditGate, PAYMENT_METHODS, presets, TERMS, type TenderInput } from "credit-block";
import { nfceFromTender, tenderFromNfce, tendersFromNfce, TPAG, type NfcePayment } from "credit-block/nfce";
import { checkBeforeIssuing, detPag, paidLater } from "../../examples/nfce.js";
import { expectIssue } from "../support/expectError.js";

describe("NFC-e payment codes (IT 2024.002 v1.11)", () => {
  it("maps the codes a POS emits to tenders", () => {
    expect(tenderFromNfce({ tPag: "01", vPag: "10" })).toEqual({ method: "cash", term: "immediate", amount: "10.00" });
    expect(tenderFromNfce({ tPag: "05", vPag: "300.00", indPag: 1 })).toEqual({ method: "store_credit", term: "deferred", amount: "300.00" });
    expect(tenderFromNfce({ tPag: "15", vPag: "80.00", indPag: 0 })?.term).toBe("immediate"); // boleto à vista
    expect(tenderFromNfce({ tPag: "15", vPag: "80.00" })?.term).toBe("deferred");
    expect(tenderFromNfce({ tPag: "02", vPag: "80.00", indPag: "1" })).toMatchObject({ method: "check", term: "deferred" }); // cheque pré-datado
    // The term is who carries the risk, not what indPag an emitter writes on every entry:
    // the store's own credit stays credit, and a card in installments stays a card sale.
    expect(tenderFromNfce({ tPag: "05", vPag: "80.00", indPag: 0 })).toEqual({ method: "store_credit", term: "deferred", amount: "80.00" });
    for (const code of ["01", "03", "04", "10", "16", "17", "18", "20", "21", "23"]) expect(tenderFromNfce({ tPag: code, vPag: "80.00", indPag: 1 })?.term).toBe("immediate");
    expect(tenderFromNfce({ tPag: "99", vPag: "80.00", indPag: 1, xPag: "Nota promissória" })?.term).toBe("deferred");
    for (const code of ["17", "20", "23"]) expect(tenderFromNfce({ tPag: code, vPag: 1 })?.method).toBe("pix");
    expect(tenderFromNfce({ tPag: "90", vPag: 0 })).toBeNull();
    expect(Object.keys(TPAG)).toHaveLength(22);
  });

  it("reads 91 (Pagamento Posterior) as credit: the part of vNF the other entries do not pay now", () => {
    // The AFRAC example: R$ 179,95, of which R$ 100,00 by debit card now and the rest later.
    expect(tendersFromNfce([{ tPag: "04", vPag: "100.00" }, { tPag: "91", vPag: "0.00" }], { vNF: "179.95" })).toEqual([
      { method: "debit_card", term: "immediate", amount: "100.00" },
      { method: "other", term: "deferred", amount: "79.95" },
    ]);
    expect(tendersFromNfce([{ tPag: "91", vPag: 0 }], { vNF: 179.95 })).toEqual([{ method: "other", term: "deferred", amount: "179.95" }]);
    // Where the 91 entry stands, once, and net of the change handed back.
    expect(tendersFromNfce([{ tPag: "91", vPag: "0" }, { tPag: "01", vPag: "50.00" }, { tPag: "90", vPag: "0" }, { tPag: "91", vPag: "0" }], { vNF: "100.00", vTroco: "10.00" })).toEqual([
      { method: "other", term: "deferred", amount: "60.00" },
      { method: "cash", term: "immediate", amount: "50.00" },
    ]);
  });

  it("at the gate: a card in installments (indPag 1) is allowed to an overdue customer, a crediário with indPag 0 is not", () => {
    const gate = createCreditGate(presets.blockCreditWhenOverdue());
    const tenders = tendersFromNfce([{ tPag: "03", vPag: "300.00", indPag: 1 }, { tPag: "05", vPag: "200.00", indPag: 0 }]);
    const decision = gate.decide({ asOf: "2026-11-23", customer: { id: "c" }, receivables: [{ id: "t", amount: "50.00", dueDate: "2026-10-01" }], sale: { tenders } });
    expect(decision.tenders.map((t) => [t.method, t.outcome])).toEqual([["credit_card", "allow"], ["store_credit", "deny"]]);
  });

  it("refuses a 91 entry it cannot value, never dropping the credit", () => {
    expectIssue(() => tenderFromNfce({ tPag: "91", vPag: "0.00" }), "detPag.tPag", "nfce.deferred_total");
    expectIssue(() => tendersFromNfce([{ tPag: "01", vPag: "5.00" }, { tPag: "91", vPag: "0.00" }]), "vNF", "nfce.deferred_total");
    expectIssue(() => tendersFromNfce([{ tPag: "01", vPag: "5.00" }, { tPag: "91", vPag: "0.00" }], { vNF: "5.00" }), "vNF", "too_small");
    expectIssue(() => tendersFromNfce([{ tPag: "01", vPag: "5.00" }, { tPag: "91", vPag: "0.00" }], { vNF: "9.00", vTroco: "6.00" }), "vTroco", "too_big");
    expectIssue(() => tendersFromNfce([{ tPag: "91", vPag: "0.00" }], { vNF: "9,00" }), "vNF", "money.format");
    expectIssue(() => tendersFromNfce("01" as unknown as []), "detPag", "invalid_type");
  });

  it("a group with 91 accounts for the whole note: Σ tenders − vTroco = vNF, to the cent (property)", () => {
    const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, "0")}`;
    fc.assert(fc.property(
      fc.array(fc.record({ tPag: fc.constantFrom("01", "03", "04", "05", "15", "17"), cents: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 5 }),
      fc.nat({ max: 5 }), fc.integer({ min: 1, max: 1_000_000 }), fc.nat({ max: 100 }),
      (paid, where, later, changeCents) => {
        const handed = paid.reduce((sum, p) => sum + p.cents, 0);
        const change = Math.min(changeCents, handed);
        const group: NfcePayment[] = paid.map((p) => ({ tPag: p.tPag, vPag: cents(p.cents) }));
        group.splice(Math.min(where, group.length), 0, { tPag: "91", vPag: "0.00" });
        const tenders = tendersFromNfce(group, { vNF: cents(handed - change + later), vTroco: cents(change) });
        expect(tenders).toHaveLength(paid.length + 1);
        expect(tenders[Math.min(where, paid.length)]).toEqual({ method: "other", term: "deferred", amount: cents(later) });
        const total = tenders.reduce((sum, t) => sum + Number(String(t.amount).replace(".", "")), 0); // whole cents, no float
        expect(total - change).toBe(handed - change + later);
      },
    ), { numRuns: 1000 });
  });

  it("round-trips every method; the term too where indPag carries it (property)", () => {
    // store_credit paid "immediate" is a contradiction refused everywhere (#14 item 6), so it has no code.
    expect(() => nfceFromTender({ method: "store_credit", term: "immediate", amount: "1.00" })).toThrow(/store_credit is credit by definition/);
    const pairs = fc.tuple(fc.constantFrom(...PAYMENT_METHODS), fc.constantFrom(...TERMS)).filter(([method, term]) => !(method === "store_credit" && term === "immediate"));
    fc.assert(fc.property(pairs, fc.integer({ min: 1, max: 10_000_000 }), ([method, term], cents) => {
      const tender: TenderInput = { method, term, amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}` };
      const back = tenderFromNfce(nfceFromTender(tender));
      // Only cheque, boleto and "other" take their term from indPag; the rest come back with the
      // term of their code (who carries the risk), whatever term they went out with.
      const byIndPag = method === "check" || method === "boleto" || method === "other";
      expect(back).toEqual(byIndPag ? tender : { ...tender, term: method === "store_credit" ? "deferred" : "immediate" });
    }), { numRuns: 1000 });
  });

  it("refuses unknown and retired codes, naming the code", () => {
    expectIssue(() => tenderFromNfce({ tPag: "07", vPag: 1 }), "detPag.tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "14", vPag: 1 }), "detPag.tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "91", vPag: "10.00" }), "detPag.vPag", "nfce.zero_value");
    expectIssue(() => tenderFromNfce({ tPag: "99", vPag: "10.00" }), "detPag.xPag", "nfce.xpag");
    expectIssue(() => tendersFromNfce([{ tPag: "01", vPag: 1 }, { tPag: "42", vPag: 1 }]), "detPag[1].tPag", "nfce.unknown_code");
    expectIssue(() => tenderFromNfce({ tPag: "01", vPag: "1,00" }), "detPag.vPag", "money.format");
    // The other way, a tender is checked as the engine checks it.
    expectIssue(() => nfceFromTender(null as never), "", "invalid_type");
    expectIssue(() => nfceFromTender({ method: "__proto__" as never, amount: "1.00" }), "method", "invalid_value");
    expectIssue(() => nfceFromTender({ method: "pix", amount: "0.00" }), "amount", "money.not_positive");
  });

  it("examples/nfce.ts checks a payment group before the note is issued", () => {
    expect(checkBeforeIssuing(detPag)).toEqual([
      "detPag[0] tPag 17 50.00: allow",
      "detPag[1] tPag 05 250.00: deny — 1 título vencido, o mais antigo há 33 dias, R$ 2.337,37 em atraso",
    ]);
    // The same customer paying the rest later (91) is on credit too: it used to pass unseen.
    expect(checkBeforeIssuing(paidLater.detPag, paidLater.totals)).toEqual([
      "detPag[0] tPag 04 100.00: allow",
      "detPag[1] tPag 91 79.95: deny — 1 título vencido, o mais antigo há 33 dias, R$ 2.337,37 em atraso",
    ]);
  });
});
