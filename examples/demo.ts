/**
 * The demo behind `npm start`: the library at work on a fictional store's ledger
 * (examples/data/store.json). Each capability adds its section.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  addDays, checkoutSchemas, dayOfWeek, daysInMonth, formatMoney, holidays, isBusinessDay, parseInput, sumMoney, type Receivable,
} from "credit-block";

interface SampleStore {
  store: { name: string; cnpj: string; city: string; state: string };
  asOf: string;
  customers: ({ id: string; name: string } & Record<string, unknown>)[];
  receivables: unknown[];
}

export function loadSampleStore(): SampleStore {
  const path = fileURLToPath(new URL("./data/store.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as SampleStore;
}

const WEEKDAYS = ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"];

export function calendarSection(year: number): string[] {
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

export function ledgerSection(data: SampleStore): string[] {
  const { receivable } = checkoutSchemas("BRL");
  const rows: Receivable[] = data.receivables.map((r, i) => parseInput(receivable, r, `receivables[${i}]`));
  const open = rows.filter((r) => r.status !== "paid" && r.openAmount !== "0.00");
  const overdue = open.filter((r) => r.dueDate < data.asOf && r.status !== "disputed");
  const openOf = (r: Receivable) => r.openAmount ?? r.amount;
  return [
    `Carteira de ${data.store.name} em ${data.asOf}`,
    `  clientes: ${data.customers.length}   títulos: ${rows.length}`,
    `  faturado:   ${formatMoney(sumMoney(rows.map((r) => r.amount))).padStart(16)}`,
    `  em aberto:  ${formatMoney(sumMoney(open.map(openOf))).padStart(16)}  (${open.length} títulos)`,
    `  vencido:    ${formatMoney(sumMoney(overdue.map(openOf))).padStart(16)}  (${overdue.length} títulos)`,
  ];
}

export function demo(): string {
  const data = loadSampleStore();
  return [...calendarSection(Number(data.asOf.slice(0, 4))), "", ...ledgerSection(data)].join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(demo());
}
