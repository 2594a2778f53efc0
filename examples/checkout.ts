/**
 * A POS checkout loop with credit-block, in-process: load the store's policy once, compile it
 * once, then ask at every checkout. Run with `npx tsx examples/checkout.ts`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCreditGate, definePolicy, formatMoney, labelOf, type CheckoutRequestInput, type CustomerInput, type Decision, type TenderInput } from "credit-block";
import { loadSampleStore } from "./sample-store.js";

const policyPath = fileURLToPath(new URL("./policy.json", import.meta.url));
// At start-up: a bad policy file stops the POS here, with every problem listed (PolicyError).
export const gate = createCreditGate(definePolicy(JSON.parse(readFileSync(policyPath, "utf8"))));

const store = loadSampleStore();

/** What the POS knows about a customer: its own database row mapped to credit-block's shape. */
export function checkoutRequest(customerId: string, tenders: TenderInput[], asOf = store.asOf): CheckoutRequestInput {
  const row = store.customers.find((c) => c.id === customerId);
  if (!row) throw new Error(`no customer ${customerId}`);
  const customer: Record<string, unknown> = { ...row };
  delete customer.name; // personal data stays in the POS
  return {
    asOf,
    customer: customer as CustomerInput,
    receivables: store.receivables.filter((r) => r.customerId === customerId) as unknown as CheckoutRequestInput["receivables"],
    sale: { tenders },
  };
}

/** The à vista buttons of this POS. */
const IMMEDIATE_BUTTONS: readonly string[] = ["cash", "pix", "debit_card", "credit_card", "digital_wallet"];

/** What the cashier's screen shows: pt-BR labels for every code (`labelOf`), money as text. */
export function describeDecision(customerId: string, d: Decision): string[] {
  const lines = [`${customerId}: ${labelOf("status", d.status).toUpperCase()} — venda ${labelOf("outcome", d.outcome)}`];
  for (const t of d.tenders) {
    const why = t.reasons.length ? ` (${t.reasons.map((r) => r.message).join("; ")})` : "";
    lines.push(`  ${labelOf("method", t.method)} ${labelOf("term", t.term)} ${formatMoney(t.amount)}: ${labelOf("outcome", t.outcome)}${why}`);
  }
  const offer = d.options.filter((o) => o.outcome === "allow" && o.term === "immediate" && IMMEDIATE_BUTTONS.includes(o.method)).map((o) => labelOf("method", o.method));
  if (d.status !== "clear") lines.push(`  pode pagar à vista com: ${offer.join(", ") || "nenhuma forma"}`);
  if (d.regularize) {
    lines.push(`  para liberar o crediário: receber ${formatMoney(d.regularize.payAtLeast)}`);
    for (const i of d.regularize.items) lines.push(`    ${i.id} (${labelOf("because", i.because)}): ${formatMoney(i.total)}`);
  }
  if (d.nextChange) lines.push(`  atenção: a partir de ${d.nextChange.date} o cliente fica ${labelOf("status", d.nextChange.status)} (regra ${d.nextChange.rule})`);
  if (d.customerMessage) lines.push(`  para o cliente: "${d.customerMessage}"`);
  return lines;
}

export function main(): string[] {
  const out: string[] = [];
  const sales: [string, TenderInput[]][] = [
    ["C0003", [{ method: "store_credit", amount: "459.90", installments: 3 }]],
    ["C0016", [{ method: "store_credit", amount: "300.00" }, { method: "pix", amount: "50.00" }]],
    ["C0016", [{ method: "pix", amount: "350.00" }]],
  ];
  for (const [customerId, tenders] of sales) {
    const decision = gate.decide(checkoutRequest(customerId, tenders));
    out.push(...describeDecision(customerId, decision), "");
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(main().join("\n"));
