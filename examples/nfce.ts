/**
 * A POS that already builds the NFC-e asks credit-block with the payment group it has, before
 * the note is issued. Run with `npx tsx examples/nfce.ts`.
 */
import { fileURLToPath } from "node:url";
import { createCreditGate, presets } from "credit-block";
import { tendersFromNfce, type NfcePayment, type NfceTotals } from "credit-block/nfce";

const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));

/** The `pag` group of the note being built: R$ 50 in PIX and R$ 250 in the store's crediário. */
export const detPag: NfcePayment[] = [
  { tPag: "17", vPag: "50.00", indPag: 0 },
  { tPag: "05", vPag: "250.00", indPag: 1 },
];

/**
 * A note of R$ 179,95: R$ 100,00 by debit card now and the rest later (tPag 91, Pagamento
 * Posterior, vPag 0.00). The part paid later is credit: it needs the note's total, vNF.
 */
export const paidLater: { detPag: NfcePayment[]; totals: NfceTotals } = {
  detPag: [
    { tPag: "04", vPag: "100.00" },
    { tPag: "91", vPag: "0.00" },
  ],
  totals: { vNF: "179.95" },
};

export function checkBeforeIssuing(payments: NfcePayment[], totals?: NfceTotals): string[] {
  const decision = gate.decide({
    asOf: "2026-11-23",
    customer: { id: "C0016" },
    receivables: [{ id: "T000131", amount: "2337.37", dueDate: "2026-10-21" }],
    sale: { tenders: tendersFromNfce(payments, totals) },
  });
  return decision.tenders.map((t, i) => `detPag[${i}] tPag ${payments[i]?.tPag ?? "?"} ${t.amount}: ${t.outcome}${t.reasons[0] ? ` — ${t.reasons[0].message}` : ""}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(checkBeforeIssuing(detPag).join("\n"));
  console.log(checkBeforeIssuing(paidLater.detPag, paidLater.totals).join("\n"));
}
