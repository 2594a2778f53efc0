/**
 * `credit-block demo` (what `npm start` runs): the library at work on a fictional store's ledger
 * (examples/data/store.json, shipped in the package). Each capability adds its section.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createHandler } from "../http/index.js";
import { serve } from "../node/index.js";
import { connectSource } from "../source/index.js";
import { sampleQueries, seedSampleStore } from "./sampleDatabase.js";
import {
  addDays, ageReceivables, allocate, checkoutSchemas, computeCharges, evaluateProposal, planCollection, planInstallments, profileCustomer, quotePayoff,
  type NegotiationPolicy, dayOfWeek, daysInMonth, formatMoney, holidays, isBusinessDay,
  parseInput, sumMoney, createCreditGate, definePolicy, labelOf, type CheckoutRequestInput, type CustomerInput, type Decision, type Receivable, type ReceivableInput,
} from "credit-block";

/** The fictional store of the demo and the examples. */
export interface SampleStore {
  store: { name: string; cnpj: string; city: string; state: string };
  asOf: string;
  customers: ({ id: string; name: string } & Record<string, unknown>)[];
  receivables: ({ id: string; customerId?: string; amount: string; dueDate: string; status?: string } & Record<string, unknown>)[];
}

/** The package's root folder (where examples/ lives), from wherever this file was bundled. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "credit-block") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("credit-block's package folder was not found");
    dir = parent;
  }
}

const readJson = (root: string, path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8")) as unknown;

export function loadSampleStore(root = packageRoot()): SampleStore {
  return readJson(root, "examples/data/store.json") as SampleStore;
}

const WEEKDAYS = ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"];

function calendarSection(year: number): string[] {
  const lines = [`Calendário bancário ${year} (feriados nacionais e bancários)`];
  for (const h of holidays(year)) lines.push(`  ${h.date} ${WEEKDAYS[dayOfWeek(h.date)] ?? ""}  ${h.name}${h.kind === "bank" ? " (bancário)" : ""}`);
  const perMonth: number[] = [];
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, "0")}-01`;
    let n = 0;
    for (let d = 0; d < daysInMonth(first); d++) if (isBusinessDay(addDays(first, d))) n++;
    perMonth.push(n);
  }
  lines.push(`  dias úteis por mês: ${perMonth.join(" ")} (total ${perMonth.reduce((a, b) => a + b, 0)})`);
  return lines;
}

function ledgerSection(data: SampleStore): string[] {
  const { receivable } = checkoutSchemas("BRL");
  const rows: Receivable[] = data.receivables.map((r, i) => parseInput(receivable, r, `receivables[${i}]`));
  const open = rows.filter((r) => r.status !== "paid" && r.openAmount !== "0.00");
  const openOf = (r: Receivable) => r.openAmount ?? r.amount;
  return [
    `Carteira de ${data.store.name} em ${data.asOf}`,
    `  clientes: ${data.customers.length}   títulos: ${rows.length}`,
    `  faturado:   ${formatMoney(sumMoney(rows.map((r) => r.amount))).padStart(16)}`,
    `  em aberto:  ${formatMoney(sumMoney(open.map(openOf))).padStart(16)}  (${open.length} títulos)`,
  ];
}

function agingSection(data: SampleStore): string[] {
  const report = ageReceivables(data.receivables, { asOf: data.asOf, ignoreBelow: "1.00" });
  const lines = [`Aging da carteira em ${report.asOf} (por dias de atraso)`];
  for (const b of report.buckets) lines.push(`  ${b.label.padEnd(18)} ${formatMoney(b.amount).padStart(16)}  ${String(b.count).padStart(5)} títulos`);
  lines.push(`  ${"total em aberto".padEnd(18)} ${formatMoney(report.total).padStart(16)}  ${String(report.count).padStart(5)} títulos`);
  lines.push(`  fora do aging: em disputa ${formatMoney(report.excluded.disputed)}, resíduos < R$ 1,00 ${formatMoney(report.excluded.belowThreshold)}`);
  const worst = [...report.customers].sort((a, b) => b.maxDaysOverdue - a.maxDaysOverdue || (a.customerId < b.customerId ? -1 : 1)).slice(0, 3);
  lines.push("  mais antigos:");
  for (const c of worst) lines.push(`    ${c.customerId}  ${formatMoney(c.overdue).padStart(14)} vencidos em ${c.overdueCount} títulos, o mais antigo há ${c.maxDaysOverdue} dias`);
  return lines;
}

/** Fine and interest of a typical store crediário: multa 2% (CDC art. 52 §1), juros 1% a.m. */
function chargesSection(data: SampleStore): string[] {
  const report = ageReceivables(data.receivables, { asOf: data.asOf });
  const debtor = [...report.customers].filter((c) => c.overdueCount > 0).sort((a, b) => (a.customerId < b.customerId ? -1 : 1))[0];
  if (!debtor) return [];
  const rows = (data.receivables as unknown as ReceivableInput[])
    .filter((r) => r.customerId === debtor.customerId && r.status === undefined && r.dueDate < data.asOf);
  const lines = [`Encargos de ${debtor.customerId} em ${data.asOf} (multa 2%, juros de mora 1% a.m. pro rata, arredondamento para baixo)`];
  for (const r of rows) {
    const c = computeCharges(r, { asOf: data.asOf, finePercent: "2", monthlyInterestPercent: "1" });
    lines.push(`  ${r.id} venc. ${r.dueDate}  ${c.daysLate} dias: principal ${formatMoney(c.principal)} + multa ${formatMoney(c.fine)} + juros ${formatMoney(c.interest)} = ${formatMoney(c.total)}`);
  }
  return lines;
}

/** At the collection desk: a payoff quote and two plans for the customer of the charges section. */
function negotiationSection(data: SampleStore, root = packageRoot()): string[] {
  const report = ageReceivables(data.receivables, { asOf: data.asOf });
  const debtor = [...report.customers].filter((c) => c.overdueCount > 0).sort((a, b) => (a.customerId < b.customerId ? -1 : 1))[0];
  if (!debtor) return [];
  const rows = (data.receivables as unknown as ReceivableInput[]).filter((r) => r.customerId === debtor.customerId && r.status !== "paid");
  const profile = profileCustomer((data.receivables as unknown as ReceivableInput[]).filter((r) => r.customerId === debtor.customerId), { asOf: data.asOf });
  const quote = quotePayoff(rows, {
    asOf: data.asOf,
    terms: { finePercent: "2", monthlyInterestPercent: "1" },
    discounts: { interest: { percent: 100 }, fine: { percent: 50 } },
    contractMonthlyRatePercent: "2.5",
  });
  const lines = [
    `Negociação de ${debtor.customerId} (perfil ${labelOf("segment", profile.segment)}: ${(profile.onTimePercent ?? "—").replace(".", ",")}% dos títulos em dia, pior atraso ${profile.worstDaysLate} dias)`,
    `  quitação hoje: bruto ${formatMoney(quote.gross)} (multa ${formatMoney(quote.totals.fine)}, juros ${formatMoney(quote.totals.interest)}, redução por antecipação ${formatMoney(quote.totals.earlyPaymentReduction)})`,
    `  desconto ${formatMoney(quote.discount)} (100% dos juros, 50% da multa) → à vista ${formatMoney(quote.net)}, válido até ${quote.validUntil}`,
  ];
  const policy = readJson(root, "examples/negotiation-policy.json") as NegotiationPolicy;
  const debt = { amount: quote.gross, daysOverdue: debtor.maxDaysOverdue, segment: profile.segment, asOf: data.asOf };
  const proposal = { downPayment: "100.00", installments: 10, discountPercent: "30" };
  const verdict = evaluateProposal(proposal, debt, policy);
  lines.push(`  proposta do cliente: entrada R$ 100,00, 10 parcelas, 30% de desconto → ${verdict.accepted ? "aceita" : "recusada"}`);
  for (const v of verdict.violations) lines.push(`    ${v.message}`);
  const c = verdict.counterOffer;
  if (c?.plan) lines.push(`  contraproposta: ${c.discountPercent}% de desconto (total ${formatMoney(c.total)}), entrada ${formatMoney(c.downPayment)} + ${c.installments}x ${formatMoney(c.plan.installments[0]?.payment ?? "0")} a ${c.monthlyRatePercent.replace(".", ",")}% a.m.`);
  else if (verdict.reason) lines.push(`  sem contraproposta: ${verdict.reason}`);
  for (const system of ["price", "sac"] as const) {
    const plan = planInstallments({ principal: quote.net, downPayment: down(quote.net), count: 6, monthlyRatePercent: "1.99", system, firstDueDate: addDays(data.asOf, 30) });
    const payments = plan.installments.map((i) => formatMoney(i.payment));
    lines.push(`  ${system === "price" ? "Tabela Price" : "SAC"} 6x a 1,99% a.m. com entrada de ${formatMoney(plan.downPayment)}: ${payments.join(", ")}; juros ${formatMoney(plan.totalInterest)}, total ${formatMoney(plan.totalPaid)} (taxa anual equivalente ${plan.yearlyRatePercent.replace(".", ",")}%)`);
  }
  return lines;
}

/**
 * Today's collection plan for the whole store, by a cadence that warns before the block: no
 * "vencida" while a título can still be paid without charges (a Saturday due date is payable on
 * Monday), no contact on Sundays or holidays, a letter before any negativação (CDC art. 43 §2),
 * and the removal of a paid título's record within 5 business days (Súmula 548 STJ).
 */
function collectionSection(data: SampleStore): string[] {
  const sign = " — {creditorName}, CNPJ {creditorDocument}";
  const steps = planCollection(data.receivables as unknown as ReceivableInput[], {
    asOf: data.asOf,
    creditor: { name: data.store.name, document: data.store.cnpj, address: `Rua do Comércio, 100, ${data.store.city}/${data.store.state}` },
    blockAfterDays: [6],
    contactHours: { from: "08:00", to: "20:00", saturday: { from: "08:00", to: "14:00" } },
    cadence: [
      { id: "lembrete", offsetDays: -3, channel: "sms", template: `Lembrete: parcela de {amount} com vencimento em {dueDate}, sem encargos até {payableUntil}.${sign}` },
      { id: "vencida", offsetDays: 2, channel: "email", template: `Parcela de {amount} vencida em {dueDate}. Pague até o dia 5 após o vencimento e mantenha seu crediário.${sign}` },
      { id: "acordo", offsetDays: 20, channel: "whatsapp", template: `Temos condições especiais para regularizar {amount}. Responda esta mensagem.${sign}` },
      { id: "aviso", kind: "written_notice", offsetDays: 30, channel: "letter", template: `Aviso: a parcela de {amount} vencida em {dueDate} poderá ser registrada em cadastro de inadimplentes em 10 dias se não for paga. {creditorName}, {creditorAddress}, CNPJ {creditorDocument}` },
      { id: "ligacao", offsetDays: 35, channel: "phone", template: `Ligar para o cliente {customerId}: título {receivableId}, {daysOverdue} dias.${sign}` },
      { id: "negativacao", kind: "bureau_registration", offsetDays: 45, channel: "letter", template: `Registro do título {receivableId} ({amount}, {daysOverdue} dias).${sign}` },
    ],
    // A título registered earlier and paid on Sunday 15/11: its record must go within 5 business days.
    registered: [{ receivableId: "T000113", date: "2026-11-12" }],
  });
  const contacts = steps.filter((s) => s.kind !== "bureau_removal");
  const byChannel = new Map<string, number>();
  for (const s of contacts) byChannel.set(s.channel, (byChannel.get(s.channel) ?? 0) + 1);
  const window = contacts[0]?.contactWindow;
  const lines = [
    `Cobrança de ${data.asOf}: ${contacts.length} contatos (${[...byChannel.entries()].map(([k, v]) => `${v} por ${labelOf("channel", k)}`).join(", ")}), no máximo um por cliente${window ? `, das ${window.from} às ${window.to}` : ""}; domingos e feriados sem contato`,
  ];
  for (const s of contacts.slice(0, 3)) lines.push(`  ${s.customerId} ${labelOf("channel", s.channel).padEnd(9)} ${s.message}`);
  const letters = contacts.filter((s) => s.kind === "written_notice").length;
  lines.push(`  cartas de aviso prévio à negativação (CDC art. 43 §2): ${letters}`);
  for (const s of steps) if (s.kind === "bureau_removal") lines.push(`  ${s.customerId} ${s.message}`);
  return lines;
}

/** A 20% down payment, truncated to the cent. */
function down(total: string): string {
  return allocate(total, ["20", "80"])[0] ?? "0.00";
}

/** Three customers of the sample store at the counter, one of each grade. */
function decisionsSection(data: SampleStore, root = packageRoot()): string[] {
  const gate = createCreditGate(definePolicy(readJson(root, "examples/policy.json")));
  const lines = ["Decisões no caixa (política examples/policy.json), venda de R$ 300,00 no crediário em 3x"];
  const picked = new Set<string>();
  for (const row of data.customers) {
    const customer: Record<string, unknown> = { ...row };
    delete customer.name; // personal data stays in the POS
    const request: CheckoutRequestInput = {
      asOf: data.asOf,
      customer: customer as CustomerInput,
      receivables: data.receivables.filter((r) => r.customerId === row.id) as unknown as ReceivableInput[],
      sale: { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] },
    };
    const d = gate.decide(request);
    if (picked.has(d.status) || d.status === "warning") continue;
    picked.add(d.status);
    lines.push(`${row.id}: ${labelOf("status", d.status).toUpperCase()} — venda no crediário ${labelOf("outcome", d.outcome)}`);
    for (const r of d.reasons) lines.push(`  ${labelOf("action", r.action)}: ${r.message}`);
    if (d.status !== "clear") lines.push(`  pode pagar à vista com: ${d.options.filter((o) => o.term === "immediate" && o.outcome === "allow" && ["cash", "pix", "debit_card", "credit_card"].includes(o.method)).map((o) => labelOf("method", o.method)).join(", ") || "nenhuma forma"}`);
    if (d.regularize) {
      lines.push(`  para liberar o crediário: receber ${formatMoney(d.regularize.payAtLeast)} (títulos inteiros, do mais antigo)`);
      for (const i of d.regularize.items) lines.push(`    ${i.id} (${labelOf("because", i.because)}): ${formatMoney(i.open)} + multa ${formatMoney(i.fine)} + juros ${formatMoney(i.interest)} = ${formatMoney(i.total)}`);
    }
    if (d.customerMessage) lines.push(`  para o cliente: "${d.customerMessage}"`);
    if (picked.size === 3) break;
  }
  return lines;
}

/**
 * The sidecar over the store's own database: the sample store in an embedded PGlite (nothing to
 * install), the SQL of examples/database/credit-block.config.json, a real HTTP server on a free
 * port, and a POS that sends only `{ customerId, sale }`.
 */
export async function databaseSection(data: SampleStore, root = packageRoot()): Promise<string[]> {
  const lines = ["Sidecar com o banco da loja (PGlite embutido, SQL de examples/database/credit-block.config.json)"];
  let PGlite: new () => { waitReady: Promise<void>; exec(sql: string): Promise<unknown>; query(sql: string, params: readonly unknown[]): Promise<unknown>; close(): Promise<void> };
  try {
    ({ PGlite } = (await import("@electric-sql/pglite")) as unknown as { PGlite: typeof PGlite });
  } catch {
    return [...lines, "  (instale o pacote opcional @electric-sql/pglite para ver esta parte: npm install @electric-sql/pglite)"];
  }
  const db = new PGlite();
  await db.waitReady;
  try {
    await seedSampleStore(db, data, root);
    const source = await connectSource({ client: db, ...sampleQueries(root) });
    const handler = createHandler({
      policy: definePolicy(readJson(root, "examples/policy.json")),
      loadCustomer: (id) => source.load(id),
      checkReady: () => source.ping(),
      now: () => new Date(`${data.asOf}T15:00:00Z`),
    });
    const running = await serve({ handler, port: 0, signals: false, log: () => undefined });
    try {
      const ready = (await (await fetch(`${running.url}/v1/ready`)).json()) as { source?: { latencyMs: number } };
      lines.push(`  ${running.url}/v1/ready: pronto (banco respondeu em ${String(ready.source?.latencyMs ?? "?")} ms)`);
      const sale = { tenders: [{ method: "store_credit", amount: "300.00", installments: 3 }] };
      for (const customerId of ["C0003", "C0016", "C9999"]) {
        const response = await fetch(`${running.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ customerId, sale }) });
        const d = (await response.json()) as Decision;
        lines.push(`  POST /v1/decide { customerId: "${customerId}", sale } → ${labelOf("status", d.status).toUpperCase()}, venda no crediário ${labelOf("outcome", d.outcome)} (em aberto ${formatMoney(d.facts.openBalance)}, exposição após a venda ${formatMoney(d.facts.exposureAfterSale)})`);
        for (const r of d.reasons.slice(0, 2)) lines.push(`    ${labelOf("action", r.action)}: ${r.message}`);
      }
    } finally {
      await running.close();
      await source.close();
    }
  } finally {
    await db.close();
  }
  return lines;
}

/** The whole demo, the database part included (what `npm start` prints). */
export async function demoWithDatabase(root = packageRoot()): Promise<string> {
  const data = loadSampleStore(root);
  return [demo(root), "", ...(await databaseSection(data, root))].join("\n");
}

export function demo(root = packageRoot()): string {
  const data = loadSampleStore(root);
  return [
    ...calendarSection(Number(data.asOf.slice(0, 4))), "",
    ...ledgerSection(data), "",
    ...agingSection(data), "",
    ...chargesSection(data), "",
    ...negotiationSection(data, root), "",
    ...decisionsSection(data, root), "",
    ...collectionSection(data),
  ].join("\n");
}
