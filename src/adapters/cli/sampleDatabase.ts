/**
 * The sample store as a database: examples/database/schema.sql filled from
 * examples/data/store.json, for the demo (an embedded PGlite) and the tests (PGlite and a real
 * PostgreSQL server, the same SQL).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SampleStore } from "./demo.js";

/** What seeding needs of a database: run a script, and one statement with parameters. */
export interface SeedTarget {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/** The released, not yet invoiced orders the demo counts toward exposure. */
const SAMPLE_ORDERS = [
  { id: "P0001", customerId: "C0016", amount: "180.00", released: true },
  { id: "P0002", customerId: "C0016", amount: "95.50", released: false },
] as const;

async function insertRows(db: SeedTarget, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const chunk = Math.floor(30_000 / columns.length);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values = part.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(", ")})`).join(", ");
    await db.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${values}`, part.flat());
  }
}

/** Creates the tables and fills them with the sample store's customers, títulos and orders. */
export async function seedSampleStore(db: SeedTarget, store: SampleStore, root: string): Promise<void> {
  await db.exec(readFileSync(join(root, "examples/database/schema.sql"), "utf8"));
  await insertRows(db, "clientes", ["cpf", "nome", "limite", "classe_risco"],
    store.customers.map((c) => [c.id, c.name, c.creditLimit ?? null, c.riskClass ?? null]));
  await insertRows(db, "titulos", ["id", "cpf", "valor", "saldo", "emissao", "vencimento", "pagamento", "situacao", "forma"],
    store.receivables.map((r) => [r.id, r.customerId, r.amount, r.openAmount ?? null, r.issueDate ?? null, r.dueDate, r.paidDate ?? null, r.status ?? "open", r.method ?? null]));
  await insertRows(db, "pedidos", ["id", "cpf", "valor", "liberado"], SAMPLE_ORDERS.map((o) => [o.id, o.customerId, o.amount, o.released]));
}

/** The source queries of examples/database/credit-block.config.json. */
export function sampleQueries(root: string): { customer: string; receivables: string; pendingOrders: string; ledger: string } {
  const config = JSON.parse(readFileSync(join(root, "examples/database/credit-block.config.json"), "utf8")) as { source: { customer: string; receivables: string; pendingOrders: string; ledger: string } };
  const { customer, receivables, pendingOrders, ledger } = config.source;
  return { customer, receivables, pendingOrders, ledger };
}
