/**
 * Generates the demo's sample store (examples/data/store.json): a fictional shop with a few
 * hundred customers and a few thousand receivables, some paid, some open, some overdue by
 * days, months and years, and the sales history behind them (each credit sale with its títulos,
 * and sales paid at once in cash, Pix or card) for `credit-block replay`. Deterministic: a seeded PRNG and a fixed reference date, so running
 * it again rewrites the same bytes. Run with `npm run generate:sample`.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../bench/data.js";
import { addDays, addMonths, allocate, daysBetween, toMoney } from "../src/index.js";

const SEED = 20261123;
const AS_OF = "2026-11-23";
const CUSTOMERS = 320;

const random = mulberry32(SEED);
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;

const FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor", "Isabela", "João", "Karina", "Lucas", "Mariana", "Nicolas", "Olívia", "Pedro", "Quitéria", "Rafael", "Sofia", "Tiago", "Úrsula", "Vinícius", "Yasmin", "Zeca"];
const LAST = ["Almeida", "Barbosa", "Cardoso", "Dias", "Esteves", "Ferreira", "Gomes", "Hora", "Igreja", "Jardim", "Lima", "Moraes", "Nunes", "Oliveira", "Pereira", "Queiroz", "Ribeiro", "Santos", "Teixeira", "Vieira"];

type Behaviour = "punctual" | "occasional" | "chronic" | "gone";
const customers: Record<string, unknown>[] = [];
const receivables: Record<string, unknown>[] = [];
let sequence = 0;
// The sales history draws from its own generator, so the ledger above stays byte-identical.
const salesRandom = mulberry32(SEED + 1);
const salesInt = (min: number, max: number): number => min + Math.floor(salesRandom() * (max - min + 1));
const salesHistory: { id: string; customerId: string; date: string; tenders: { method: string; amount: string; installments?: number }[] }[] = [];
const saleOf = new Map<string, string>();

for (let c = 1; c <= CUSTOMERS; c++) {
  const id = `C${String(c).padStart(4, "0")}`;
  const roll = random();
  const behaviour: Behaviour = roll < 0.55 ? "punctual" : roll < 0.8 ? "occasional" : roll < 0.95 ? "chronic" : "gone";
  const riskClass = behaviour === "punctual" ? pick(["A", "A", "B"]) : behaviour === "occasional" ? pick(["B", "C"]) : behaviour === "chronic" ? pick(["C", "D"]) : "E";
  const limitCents = pick([50_000, 100_000, 150_000, 200_000, 300_000, 500_000]);
  const customer: Record<string, unknown> = {
    id,
    name: `${pick(FIRST)} ${pick(LAST)}`,
    riskClass,
    creditLimit: toMoney(limitCents / 100),
  };
  if (random() < 0.1) customer.creditLimitExpiresOn = addDays(AS_OF, int(-60, 90));
  if (behaviour === "gone" && random() < 0.5) customer.hold = { reason: "encaminhado à cobrança judicial", since: addDays(AS_OF, -int(30, 400)) };
  if (random() < 0.05) customer.bouncedChecks = int(1, 3);
  customers.push(customer);

  const sales = behaviour === "gone" ? int(1, 2) : int(1, 5);
  for (let s = 0; s < sales; s++) {
    const saleDate = addDays(AS_OF, -int(5, behaviour === "gone" ? 1400 : 900));
    const totalCents = int(4_000, 250_000);
    const count = pick([1, 2, 3, 3, 4, 5, 6]);
    const method = pick(["store_credit", "store_credit", "store_credit", "boleto", "check"]);
    const parts = allocate(toMoney(totalCents / 100), count);
    const saleId = `V${String(salesHistory.length + 1).padStart(6, "0")}`;
    salesHistory.push({ id: saleId, customerId: id, date: saleDate, tenders: [{ method, amount: toMoney(totalCents / 100), ...(count > 1 ? { installments: count } : {}) }] });
    parts.forEach((amount, i) => {
      sequence++;
      saleOf.set(`T${String(sequence).padStart(6, "0")}`, saleId);
      const dueDate = addMonths(saleDate, i + 1);
      const r: Record<string, unknown> = { id: `T${String(sequence).padStart(6, "0")}`, customerId: id, amount, dueDate, issueDate: saleDate, method };
      const due = daysBetween(dueDate, AS_OF);
      const late = behaviour === "punctual" ? (random() < 0.05 ? int(1, 5) : 0)
        : behaviour === "occasional" ? (random() < 0.25 ? int(1, 40) : 0)
        : behaviour === "chronic" ? int(0, 120)
        : 10_000; // never pays
      const paidOn = addDays(dueDate, late - (late === 0 ? int(0, 3) : 0));
      if (paidOn <= AS_OF && due >= 0 && late < 10_000) {
        r.status = "paid";
        r.paidDate = paidOn;
        r.openAmount = "0.00";
      } else if (due >= 0 && behaviour !== "punctual" && random() < 0.15) {
        // a partial payment: a part of the installment was paid, the rest is open
        const open = Math.max(1, Math.floor(Number(amount.replace(".", "")) * random()));
        r.openAmount = toMoney(open / 100);
      }
      if (r.status !== "paid" && random() < 0.02) r.status = "disputed";
      receivables.push(r);
    });
  }
  // Purchases paid at once: no título, but the policy still decides them (and must allow them).
  for (let s = salesInt(0, 6); s > 0; s--) {
    salesHistory.push({ id: `V${String(salesHistory.length + 1).padStart(6, "0")}`, customerId: id, date: addDays(AS_OF, -salesInt(1, 900)), tenders: [{ method: ["cash", "pix", "pix", "debit_card", "credit_card"][salesInt(0, 4)] as string, amount: toMoney(salesInt(500, 60_000) / 100) }] });
  }
}
// In the order a POS exports them: by day, then by number.
salesHistory.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));

// One confirmed fraud case, for the policy's fraud hold. Chosen without drawing random numbers,
// so the rest of the ledger stays byte-identical.
const fraud = customers.find((c) => c.riskClass === "E" && c.hold !== undefined);
if (fraud) fraud.tags = ["fraude"];

const data = {
  description: "Loja Exemplo de Utilidades Ltda: fictional sample data generated by scripts/generate-sample.ts (seed 20261123). Any resemblance to real people is coincidence.",
  store: { name: "Loja Exemplo de Utilidades Ltda", cnpj: "00.000.000/0001-91", city: "São Paulo", state: "SP" },
  asOf: AS_OF,
  customers,
  receivables,
  sales: salesHistory,
};
const out = fileURLToPath(new URL("../examples/data/store.json", import.meta.url));
// One record per line: small, and diffs of a regenerated file stay readable.
const lines = (items: unknown[]): string => items.map((item) => `    ${JSON.stringify(item)}`).join(",\n");
const head = JSON.stringify({ description: data.description, store: data.store, asOf: data.asOf }, null, 2).slice(0, -2);
writeFileSync(out, `${head},\n  "customers": [\n${lines(customers)}\n  ],\n  "receivables": [\n${lines(receivables)}\n  ],\n  "sales": [\n${lines(salesHistory)}\n  ]\n}\n`);
console.log(`wrote ${customers.length} customers, ${receivables.length} receivables and ${salesHistory.length} sales to ${out}`);

// The same ledger as a Brazilian ERP exports it: `;`, pt-BR decimals and dates, Portuguese
// headers and statuses. The CLI reads it with `--locale pt-BR`.
const br = (iso: unknown) => (typeof iso === "string" ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : "");
const brMoney = (m: unknown) => (typeof m === "string" ? m.replace(".", ",").replace(/\B(?=(\d{3})+(?!\d))(?=.*,)/g, ".") : "");
const statusPt: Record<string, string> = { paid: "Pago", disputed: "Contestado", open: "Aberto" };
// "Venda" names the sale each título came from (replay reads it; the other commands ignore it).
const csvLines = ["Título;Cliente;Valor;Saldo;Vencimento;Emissão;Pagamento;Situação;Venda"];
for (const r of receivables) {
  csvLines.push([r.id, r.customerId, brMoney(r.amount), brMoney(r.openAmount), br(r.dueDate), br(r.issueDate), br(r.paidDate), statusPt[typeof r.status === "string" ? r.status : "open"] ?? "", saleOf.get(r.id as string) ?? ""].map(String).join(";"));
}
const csvOut = fileURLToPath(new URL("../examples/data/ledger-erp.csv", import.meta.url));
writeFileSync(csvOut, `${csvLines.join("\r\n")}\r\n`);
console.log(`wrote ${csvOut}`);

// The sales as a POS exports them: one row per sale, Portuguese headers and payment words.
const methodPt: Record<string, string> = { store_credit: "Crediário", boleto: "Boleto", check: "Cheque", cash: "Dinheiro", pix: "Pix", debit_card: "Cartão de débito", credit_card: "Cartão de crédito" };
const salesLines = ["Venda;Cliente;Data;Forma de pagamento;Valor;Parcelas"];
for (const sale of salesHistory) {
  for (const t of sale.tenders) salesLines.push([sale.id, sale.customerId, br(sale.date), methodPt[t.method] ?? t.method, brMoney(t.amount), t.installments ?? ""].map(String).join(";"));
}
const salesOut = fileURLToPath(new URL("../examples/data/sales-erp.csv", import.meta.url));
writeFileSync(salesOut, `${salesLines.join("\r\n")}\r\n`);
console.log(`wrote ${salesOut}`);
