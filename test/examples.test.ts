import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { demo, loadSampleStore } from "../src/adapters/cli/demo.js";
import { checkoutRequest, gate, main as checkoutMain } from "../examples/checkout.js";

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
    expect(out).toMatch(/quitação hoje: bruto R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/Tabela Price 6x a 1,99% a\.m\. com entrada de R\$ [\d.]+,\d\d: (R\$ [\d.]+,\d\d, ){5}R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/SAC 6x/);
    expect(out).toMatch(/proposta do cliente: .* → recusada\n {4}desconto máximo: exigido 10%, proposto 30%/);
    expect(out).toMatch(/contraproposta: 10% de desconto \(total R\$ [\d.]+,\d\d\), entrada R\$ [\d.]+,\d\d \+ \d+x R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/Cobrança de 2026-11-23: \d+ contatos .*, no máximo um por cliente/);
    expect(out).toContain("CNPJ 00.000.000/0001-91");
  });

  it("shows three customers at the counter: clear, restricted (with what to pay) and blocked", () => {
    const out = demo();
    expect(out).toMatch(/C\d{4}: CLEAR — venda allow/);
    expect(out).toMatch(/C\d{4}: RESTRICTED — venda (deny|review)[\s\S]*para liberar o crediário: pagar R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/C\d{4}: BLOCKED — venda deny/);
  });

  it("runs as a command and exits 0", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "src/adapters/cli/bin.ts", "demo"], { cwd: root, encoding: "utf8" });
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

describe("examples/checkout.ts (a POS checkout loop)", () => {
  it("refuses crediário to a customer with an overdue título but keeps PIX open", () => {
    const out = checkoutMain().join("\n");
    expect(out).toContain("C0003: CLEAR — venda allow");
    expect(out).toMatch(/C0016: RESTRICTED — venda deny\n {2}store_credit\/deferred R\$ 300,00: deny \(1 título vencido/);
    expect(out).toContain("pix/immediate R$ 50,00: allow");
  });

  it("its regularize amount, once paid, really frees the crediário", () => {
    const request = checkoutRequest("C0016", [{ method: "store_credit", amount: "300.00" }]);
    const d = gate.decide(request);
    expect(d.regularize).not.toBeNull();
    const ids = new Set(d.regularize?.receivableIds);
    const paid = { ...request, receivables: request.receivables.map((r) => (ids.has(r.id) ? { ...r, status: "paid" as const, paidDate: request.asOf, openAmount: "0.00" } : r)) };
    expect(gate.decide(paid).outcome).toBe("allow");
  });

  it("runs as a command", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "examples/checkout.ts"], { cwd: root, encoding: "utf8" });
    expect(out).toContain("para liberar o crediário");
  });
});
