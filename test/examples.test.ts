import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { demo, loadSampleStore } from "../examples/demo.js";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the demo (npm start)", () => {
  it("prints the bank calendar and the ledger totals of the sample store", () => {
    const out = demo();
    expect(out).toContain("2026-11-20 sex  Dia Nacional de Zumbi e da Consciência Negra");
    expect(out).toContain("2026-02-16 seg  Carnaval (bancário)");
    expect(out).toMatch(/faturado: +R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/a vencer +R\$ [\d.]+,\d\d +\d+ títulos/);
    expect(out).toMatch(/mais de 120 dias +R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/multa R\$ [\d.]+,\d\d \+ juros R\$ [\d.]+,\d\d = R\$ [\d.]+,\d\d/);
  });

  it("runs as a command and exits 0", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "examples/demo.ts"], { cwd: root, encoding: "utf8" });
    expect(out).toContain("Carteira de Loja Exemplo de Utilidades Ltda");
  });

  it("ships a sample store of a few hundred customers and a few thousand receivables, all valid", () => {
    const data = loadSampleStore();
    expect(data.customers.length).toBeGreaterThanOrEqual(200);
    expect(data.receivables.length).toBeGreaterThanOrEqual(2000);
    // the ledger parses (every row valid) — the demo would throw otherwise
    expect(() => demo()).not.toThrow();
  });
});
