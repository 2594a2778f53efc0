/** The fictional store behind the demo and the examples (examples/data/store.json). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface SampleStore {
  store: { name: string; cnpj: string; city: string; state: string };
  asOf: string;
  customers: ({ id: string; name: string } & Record<string, unknown>)[];
  receivables: ({ id: string; customerId?: string; amount: string; dueDate: string; status?: string } & Record<string, unknown>)[];
}

export function loadSampleStore(): SampleStore {
  const path = fileURLToPath(new URL("./data/store.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as SampleStore;
}
