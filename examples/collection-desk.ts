/**
 * A negotiation at the collection desk (balcão de cobrança), from the customer's history to a
 * signed agreement and the next purchase. Run with `npx tsx examples/collection-desk.ts`.
 *
 * 1. the customer's payment profile; 2. a payoff quote with the store's discount on juros;
 * 3. the customer's proposal checked against the negotiation policy, and the counter-offer;
 * 4. the agreement's schedule; 5. at the counter again, with the old títulos renegotiated.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createCreditGate, daysOverdue, evaluateProposal, formatMoney, presets, profileCustomer, quotePayoff,
  type NegotiationPolicy, type ReceivableInput,
} from "credit-block";

const asOf = "2026-11-23";
const policy = JSON.parse(readFileSync(fileURLToPath(new URL("./negotiation-policy.json", import.meta.url)), "utf8")) as NegotiationPolicy;

/** Maria's carnê: three parcelas paid (one late), three open, the oldest overdue since May. */
export const history: ReceivableInput[] = [
  { id: "T-01", customerId: "maria", amount: "180.00", dueDate: "2026-02-10", status: "paid", paidDate: "2026-02-09" },
  { id: "T-02", customerId: "maria", amount: "180.00", dueDate: "2026-03-10", status: "paid", paidDate: "2026-03-30" },
  { id: "T-03", customerId: "maria", amount: "180.00", dueDate: "2026-04-10", status: "paid", paidDate: "2026-04-10" },
  { id: "T-04", customerId: "maria", amount: "180.00", dueDate: "2026-05-01" },
  { id: "T-05", customerId: "maria", amount: "180.00", dueDate: "2026-06-01" },
  { id: "T-06", customerId: "maria", amount: "180.00", dueDate: "2026-07-01" },
];

/** The customer's own proposal, as the clerk typed it. */
export const PROPOSAL = { downPayment: "50.00", installments: 12, discountPercent: "50" };

/** Every step of the negotiation, as data (what a collection screen would render). */
export function negotiate(proposal = PROPOSAL) {
  const profile = profileCustomer(history, { asOf });
  const open = history.filter((r) => r.status !== "paid");
  const oldest = Math.max(...open.map((r) => daysOverdue(r.dueDate, asOf)));
  // Multa 2% (CDC art. 52 §1) and juros de mora 1% a.m.; the store waives all the juros.
  const quote = quotePayoff(open, { asOf, terms: { finePercent: "2", monthlyInterestPercent: "1" }, discounts: { interest: { percent: 100 } } });
  const debt = { amount: quote.gross, daysOverdue: oldest, segment: profile.segment, asOf };
  const verdict = evaluateProposal(proposal, debt, policy);
  const agreement = verdict.offer ?? verdict.counterOffer;

  // The old títulos become "renegotiated" (reported apart, never overdue again); the agreement's
  // parcelas are the new receivables. The down payment was paid at the desk.
  const renegotiated: ReceivableInput[] = [
    ...history.map((r) => (r.status === "paid" ? r : { ...r, status: "renegotiated" as const })),
    ...(agreement?.plan?.installments ?? []).map((i) => ({ id: `ACORDO-${String(i.number)}`, customerId: "maria", amount: i.payment, dueDate: i.dueDate })),
  ];
  const gate = createCreditGate(presets.blockCreditWhenOverdue());
  const sale = { tenders: [{ method: "store_credit" as const, amount: "120.00" }] };
  const before = gate.decide({ asOf, customer: { id: "maria" }, receivables: history, sale });
  const after = gate.decide({ asOf, customer: { id: "maria" }, receivables: renegotiated, sale });
  return { profile, oldest, quote, debt, verdict, agreement, before, after };
}

/** What the clerk's screen shows. */
export function atTheDesk(proposal = PROPOSAL): string[] {
  const { profile, oldest, quote, verdict, agreement, before, after } = negotiate(proposal);
  const out = [
    `Perfil: ${profile.segment}, ${(profile.onTimePercent ?? "—").replace(".", ",")}% em dia, o título mais antigo vencido há ${String(oldest)} dias`,
    `Quitação hoje: ${formatMoney(quote.totals.principal)} + multa ${formatMoney(quote.totals.fine)} + juros ${formatMoney(quote.totals.interest)} = ${formatMoney(quote.gross)}; sem os juros, ${formatMoney(quote.net)} à vista até ${quote.validUntil}`,
    `Proposta: entrada ${formatMoney(proposal.downPayment)}, ${String(proposal.installments)}x, ${proposal.discountPercent}% de desconto → ${verdict.accepted ? "aceita" : "recusada"}`,
    ...verdict.violations.map((v) => `  ${v.message}`),
  ];
  if (!agreement?.plan) return [...out, `Sem acordo possível: ${verdict.reason ?? "—"}`];
  if (!verdict.accepted) out.push(`Contraproposta: ${agreement.discountPercent}% de desconto, entrada ${formatMoney(agreement.downPayment)} + ${String(agreement.installments)}x a ${agreement.monthlyRatePercent.replace(".", ",")}% a.m.`);
  out.push(`Acordo (total ${formatMoney(agreement.plan.totalPaid)}, juros ${formatMoney(agreement.plan.totalInterest)}):`);
  for (const i of agreement.plan.installments) out.push(`  ${String(i.number).padStart(2)}  ${i.dueDate}  ${formatMoney(i.payment).padStart(11)}`);
  out.push(`Crediário de R$ 120,00: antes do acordo ${before.outcome}, depois ${after.outcome}`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(atTheDesk().join("\n"));
