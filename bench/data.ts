/** Deterministic generated ledgers for the benchmarks. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchReceivable {
  id: string;
  customerId: string;
  amount: string;
  openAmount?: string;
  dueDate: string;
  status?: "paid";
  paidDate?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `count` receivables over `customers` customers, due within ±3 years of 2026-11-23. */
export function generateLedger(count: number, customers: number, seed = 42): BenchReceivable[] {
  const random = mulberry32(seed);
  const rows: BenchReceivable[] = new Array<BenchReceivable>(count);
  const base = Date.UTC(2026, 10, 23);
  for (let i = 0; i < count; i++) {
    const cents = 1000 + Math.floor(random() * 500_000);
    const due = new Date(base + Math.floor((random() - 0.8) * 1100) * 86_400_000);
    const dueDate = `${due.getUTCFullYear()}-${pad(due.getUTCMonth() + 1)}-${pad(due.getUTCDate())}`;
    const row: BenchReceivable = { id: `T${i}`, customerId: `C${Math.floor(random() * customers)}`, amount: `${Math.floor(cents / 100)}.${pad(cents % 100)}`, dueDate };
    const roll = random();
    if (roll < 0.5 && dueDate < "2026-11-23") {
      row.status = "paid";
      row.paidDate = dueDate;
    } else if (roll < 0.6) {
      const open = Math.floor(cents * random());
      row.openAmount = `${Math.floor(open / 100)}.${pad(open % 100)}`;
    }
    rows[i] = row;
  }
  return rows;
}
