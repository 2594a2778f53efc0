import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { demo, loadSampleStore } from "../src/adapters/cli/demo.js";
import { checkoutRequest, gate, main as checkoutMain } from "../examples/checkout.js";
import { agingOfExport, reportOfExport } from "../examples/aging-csv.js";
import { atTheDesk, negotiate, PROPOSAL } from "../examples/collection-desk.js";
import { readFileSync } from "node:fs";
import { ageReceivables, evaluateProposal, sumMoney } from "credit-block";
import { openCsvLedger } from "../src/adapters/cli/ledger/index.js";

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
    expect(out).toMatch(/C\d{4}: LIBERADO — venda no crediário liberada/);
    expect(out).toMatch(/C\d{4}: RESTRITO — venda no crediário (negada|aguarda supervisor)[\s\S]*para liberar o crediário: receber R\$ [\d.]+,\d\d \(títulos inteiros, do mais antigo\)\n {4}T\d+ \((vencido|limite)\): R\$ [\d.]+,\d\d \+ multa R\$ [\d.]+,\d\d \+ juros R\$ [\d.]+,\d\d = R\$ [\d.]+,\d\d/);
    expect(out).toMatch(/C\d{4}: BLOQUEADO — venda no crediário negada/);
    // pt-BR text has no code words (#14 item 10): no "allow", "chronic", "cash, pix" on screen.
    expect(out).not.toMatch(/\b(allow|deny|review|chronic|punctual|occasional|cash|debit_card|store_credit|immediate|deferred)\b/);
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
    expect(out).toContain("C0003: LIBERADO — venda liberada");
    expect(out).toMatch(/C0016: RESTRITO — venda negada\n {2}crediário a prazo R\$ 300,00: negada \(1 título vencido/);
    expect(out).toContain("Pix à vista R$ 50,00: liberada");
    // Whole títulos with their charges at asOf (the policy's charges block): 2,337.37 + multa + juros.
    expect(out).toMatch(/para liberar o crediário: receber R\$ 2\.409,82\n {4}T000131 \(vencido\): R\$ 2\.409,82/);
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

describe("examples/aging-csv.ts (the aging list of an ERP's CSV export)", () => {
  const csv = readFileSync(fileURLToPath(new URL("../examples/data/ledger-erp.csv", import.meta.url)), "utf8");

  it("reads every line of the sample export and ages it as the CLI's reader does", async () => {
    const { report, refused } = reportOfExport(csv, "2026-11-23");
    expect(refused).toEqual([]);
    expect(report.read).toBe(csv.trim().split("\n").length - 1);
    const ledger = await openCsvLedger(fileURLToPath(new URL("../examples/data/ledger-erp.csv", import.meta.url)));
    const viaCli = ageReceivables(ledger.receivables, { asOf: "2026-11-23", ignoreBelow: "1.00" });
    expect(ledger.rejected.count).toBe(0);
    expect(report).toEqual(viaCli);
  });

  it("refuses a bad line with its number and the column, and ages the rest", () => {
    const lines = csv.split("\n");
    const broken = [lines[0], lines[1], "T999999;C0001;12.34,5;;31/02/2026;;;Aberto", lines[2]].join("\n");
    const { report, refused } = reportOfExport(broken, "2026-11-23");
    expect(report.read).toBe(2);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.line).toBe(3);
    expect(refused[0]?.problem).toMatch(/^Valor: /);
    expect(agingOfExport(broken, "2026-11-23").join("\n")).toContain("linha 3: Valor:");
  });

  it("runs as a command", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "examples/aging-csv.ts"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/total em aberto +R\$ [\d.]+,\d\d +\d+ títulos/);
  });
});

describe("examples/collection-desk.ts (a negotiation at the collection desk)", () => {
  const n = negotiate();

  it("refuses the customer's proposal with the limits it breaks, and counter-offers within the policy", () => {
    expect(n.verdict.accepted).toBe(false);
    expect(n.verdict.violations.map((v) => v.limit).sort()).toEqual(["maxDiscountPercent", "minInstallment"]);
    const c = n.agreement;
    if (!c?.plan) throw new Error("no counter-offer");
    const policy = JSON.parse(readFileSync(fileURLToPath(new URL("../examples/negotiation-policy.json", import.meta.url)), "utf8")) as Parameters<typeof evaluateProposal>[2];
    // The counter-offer, proposed back, is accepted by the same policy.
    const back = evaluateProposal({ downPayment: c.downPayment, installments: c.installments, monthlyRatePercent: c.monthlyRatePercent, discountPercent: c.discountPercent }, n.debt, policy);
    expect(back.accepted).toBe(true);
    expect(Number(c.discountPercent)).toBeLessThan(Number(PROPOSAL.discountPercent));
  });

  it("the agreement's parcelas and down payment add up to its total, to the cent", () => {
    const plan = n.agreement?.plan;
    if (!plan) throw new Error("no plan");
    expect(sumMoney([plan.downPayment, ...plan.installments.map((i) => i.payment)])).toBe(plan.totalPaid);
  });

  it("frees the crediário once the old títulos are renegotiated", () => {
    expect(n.before.outcome).toBe("deny");
    expect(n.after.outcome).toBe("allow");
    expect(atTheDesk().at(-1)).toBe("Crediário de R$ 120,00: antes do acordo deny, depois allow");
  });

  it("runs as a command", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "examples/collection-desk.ts"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/Contraproposta: \d+% de desconto/);
  });
});
