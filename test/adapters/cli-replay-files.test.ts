/**
 * `credit-block replay` over the files a back office exports: sales, a ledger naming the sale of
 * each título, payments; in the dialect Brazilian Excel writes. Each run is compared with the
 * library's `replayPolicy` over the same history written by hand as JSON.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { presets, replayPolicy, type ReplayInput } from "credit-block";
import { main, type Io } from "../../src/adapters/cli/index.js";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
  return { code: await main(argv, io), out, err };
}

const dir = mkdtempSync(join(tmpdir(), "cb-replay-files-"));
/** A CSV as Excel pt-BR saves "CSV UTF-8": BOM, CRLF, ';'. */
const csv = (name: string, lines: string[]): string => {
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${lines.join("\r\n")}\r\n`);
  return path;
};
const json = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

const policy = presets.blockCreditWhenOverdue({ graceDays: 5 });
const policyFile = json("policy.json", policy);

// Ana: a título 54 days late on the day of her second sale (refused), which she paid in two
// payments; that sale's títulos were written off. Bruno: paid on time, his second sale (half
// Pix, half crediário) is allowed and one of its títulos is still open long after: a loss let
// through. Carla: a título renegotiated after it fell due, a boleto sale whose título is disputed, and
// a cash sale.
const salesCsv = csv("vendas.csv", [
  "Nº Venda;Cliente;Data da venda;Forma de pagamento;Valor;Parcelas",
  "V1;ana;10/01/2026;Crediário;1.200,00;2",
  "V2;bruno;15/01/2026;Crediário;500,00;1",
  "V3;ana;05/04/2026;Crediário;800,00;1",
  "V4;bruno;01/05/2026;Pix;100,00;",
  "V4;bruno;01/05/2026;Crediário;300,00;1",
  "V5;carla;20/02/2026;Boleto;250,00;1",
  "V6;carla;10/06/2026;Dinheiro;90,00;",
]);
const ledgerCsv = csv("titulos.csv", [
  "Título;Parcela;Cliente;Valor;Saldo;Vencimento;Emissão;Pagamento;Situação;Venda;Data da perda",
  "NF1;1;ana;600,00;0,00;10/02/2026;10/01/2026;20/04/2026;Pago;V1;",
  "NF1;2;ana;600,00;0,00;10/03/2026;10/01/2026;12/03/2026;Pago;V1;",
  "NF2;1;bruno;500,00;0,00;15/02/2026;15/01/2026;14/02/2026;Pago;V2;",
  "NF3;1;ana;800,00;800,00;05/05/2026;05/04/2026;;Baixado;V3;30/09/2026",
  "NF4;1;bruno;300,00;300,00;01/06/2026;01/05/2026;;Aberto;V4;",
  "NF5;1;carla;250,00;250,00;20/03/2026;20/02/2026;;Em disputa;V5;",
  "NF6;1;carla;100,00;0,00;01/02/2026;01/01/2026;;Renegociado;;",
  "NF7;1;carla;40,00;40,00;01/02/2026;01/01/2026;;Cancelado;;",
]);
const paymentsCsv = csv("pagamentos.csv", [
  "Título;Parcela;Data do pagamento;Valor pago",
  "NF1;1;01/04/2026;250,00",
  "NF1;1;20/04/2026;350,00",
]);

/** The same history as the library takes it. */
const history: ReplayInput = {
  sales: [
    { id: "V1", customerId: "ana", date: "2026-01-10", tenders: [{ method: "store_credit", amount: "1200.00", installments: 2 }] },
    { id: "V2", customerId: "bruno", date: "2026-01-15", tenders: [{ method: "store_credit", amount: "500.00", installments: 1 }] },
    { id: "V3", customerId: "ana", date: "2026-04-05", tenders: [{ method: "store_credit", amount: "800.00", installments: 1 }] },
    { id: "V4", customerId: "bruno", date: "2026-05-01", tenders: [{ method: "pix", amount: "100.00" }, { method: "store_credit", amount: "300.00", installments: 1 }] },
    { id: "V5", customerId: "carla", date: "2026-02-20", tenders: [{ method: "boleto", amount: "250.00", installments: 1 }] },
    { id: "V6", customerId: "carla", date: "2026-06-10", tenders: [{ method: "cash", amount: "90.00" }] },
  ],
  receivables: [
    { id: "NF1/1", customerId: "ana", amount: "600.00", openAmount: "0.00", dueDate: "2026-02-10", issueDate: "2026-01-10", paidDate: "2026-04-20", status: "paid", saleId: "V1" },
    { id: "NF1/2", customerId: "ana", amount: "600.00", openAmount: "0.00", dueDate: "2026-03-10", issueDate: "2026-01-10", paidDate: "2026-03-12", status: "paid", saleId: "V1" },
    { id: "NF2/1", customerId: "bruno", amount: "500.00", openAmount: "0.00", dueDate: "2026-02-15", issueDate: "2026-01-15", paidDate: "2026-02-14", status: "paid", saleId: "V2" },
    { id: "NF3/1", customerId: "ana", amount: "800.00", openAmount: "800.00", dueDate: "2026-05-05", issueDate: "2026-04-05", status: "written_off", saleId: "V3", writtenOffDate: "2026-09-30" },
    { id: "NF4/1", customerId: "bruno", amount: "300.00", openAmount: "300.00", dueDate: "2026-06-01", issueDate: "2026-05-01", status: "open", saleId: "V4" },
    { id: "NF5/1", customerId: "carla", amount: "250.00", openAmount: "250.00", dueDate: "2026-03-20", issueDate: "2026-02-20", status: "disputed", saleId: "V5" },
    { id: "NF6/1", customerId: "carla", amount: "100.00", openAmount: "0.00", dueDate: "2026-02-01", issueDate: "2026-01-01", status: "renegotiated" },
  ],
  payments: [
    { receivableId: "NF1/1", date: "2026-04-01", amount: "250.00" },
    { receivableId: "NF1/1", date: "2026-04-20", amount: "350.00" },
  ],
};

describe("credit-block replay over a back office's CSV exports", () => {
  it("reads sales (one row per tender), the ledger with Venda and Data da perda, and payments: the library's report", async () => {
    const r = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--payments", paymentsCsv, "--end-date", "2026-12-01"]);
    expect(r.code).toBe(0);
    const expected = replayPolicy(history, { policy, endDate: "2026-12-01" });
    expect(JSON.parse(r.out)).toEqual(expected);
    // The figures the history was built for.
    const totals = expected.policies[0]?.totals;
    // Refused: Ana's V3 (NF1/1 was 54 days late on 04-05) and Carla's V5 (NF6/1, renegotiated
    // later, was open and 19 days late on 02-20). V3's título was written off: a loss avoided.
    // V5's is in dispute: neither a loss nor paid, so in neither count.
    expect(totals?.denied).toEqual({ count: 2, amount: "1050.00" });
    expect(totals?.lossesAvoided).toEqual({ count: 1, amount: "800.00" });
    expect(totals?.paidAnyway).toEqual({ count: 0, amount: "0.00" });
    expect(totals?.lossesLetThrough).toEqual({ count: 1, amount: "300.00" });
    // How each file was read, and the cancelled título skipped.
    expect(r.err).toContain("vendas.csv: read as UTF-8 (BOM), separator ';', decimal comma, dates dd/mm/aaaa");
    expect(r.err).toContain("titulos.csv: 1 cancelled row skipped");
  });

  it("the same answer whatever the number of parts the customers are split into", async () => {
    const args = ["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--payments", paymentsCsv, "--end-date", "2026-12-01"];
    const one = await run([...args, "--workers", "1"]);
    for (const workers of ["2", "3", "5"]) expect((await run([...args, "--workers", workers])).out).toBe(one.out);
  });

  it("without --end-date, ends on the last day the files mention (the library's rule)", async () => {
    const r = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--payments", paymentsCsv]);
    expect(JSON.parse(r.out)).toEqual(replayPolicy(history, { policy }));
  });

  it("a row that cannot be read is left out with its line (exit 4); the rest is replayed", async () => {
    const bad = csv("vendas-ruim.csv", ["Venda;Cliente;Data;Forma;Valor", "V1;ana;10/01/2026;Crediário;1.200,00", "V9;ana;31/02/2026;Pix;10,00", "V8;ana;11/01/2026;Escambo;10,00"]);
    const r = await run(["replay", "--policy", policyFile, "--sales", bad, "--receivables", ledgerCsv, "--end-date", "2026-12-01"]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/vendas-ruim\.csv: .*line 3.*Data "31\/02\/2026" is not a date dd\/mm\/aaaa/s);
    expect(r.err).toMatch(/line 4.*Forma "Escambo" is not a payment method/s);
    expect((JSON.parse(r.out) as { policies: { totals: { sales: number } }[] }).policies[0]?.totals.sales).toBe(1);
  });

  it("the library's refusal names the file and line of the row", async () => {
    const overpaid = csv("pagamentos-demais.csv", ["Título;Parcela;Data;Valor", "NF2;1;14/02/2026;900,00"]);
    const r = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--payments", overpaid, "--end-date", "2026-12-01"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("titulos.csv line 4.amount");
    const orphan = csv("pagamentos-orfaos.csv", ["Título;Data;Valor", "NF99;14/02/2026;9,00"]);
    const o = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--payments", orphan, "--end-date", "2026-12-01"]);
    expect(o.code).toBe(1);
    expect(o.err).toContain("pagamentos-orfaos.csv line 2.receivableId");
  });

  it("refusals from every part, in the order of the history, whatever the number of parts", async () => {
    const customers = json("clientes.json", [{ id: "ana", limite: "10" }, { id: "bruno" }, { id: "carla", creditLimit: "dez" }]);
    for (const workers of ["1", "3"]) {
      const r = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", ledgerCsv, "--customers", customers, "--end-date", "2026-12-01", "--workers", workers]);
      expect(r.code).toBe(1);
      expect(r.err.split("\n").filter((l) => l.startsWith("  customers"))).toEqual([
        '  customers[0].limite: unknown field "limite" (a typo?)',
        expect.stringMatching(/^ {2}customers\[2\]\.creditLimit: /),
      ]);
    }
  });

  it("a título listed under two customers is refused naming both lines, though they replay apart", async () => {
    const twice = csv("titulos-duplos.csv", ["Título;Cliente;Valor;Vencimento;Emissão", "A1;ana;10,00;10/02/2026;10/01/2026", "A1;bruno;10,00;10/02/2026;10/01/2026"]);
    const r = await run(["replay", "--policy", policyFile, "--sales", salesCsv, "--receivables", twice, "--end-date", "2026-12-01"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("titulos-duplos.csv line 3.id");
    expect(r.err).toContain("titulos-duplos.csv line 2");
  });

  it("whole-file problems: a missing column with the --map that reads it; one sale on two days", async () => {
    const noDate = csv("vendas-sem-data.csv", ["Venda;Cliente;Dia;Forma;Valor", "V1;ana;10/01/2026;Pix;10,00"]);
    const r = await run(["replay", "--policy", policyFile, "--sales", noDate, "--receivables", ledgerCsv]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no column for date. Columns found: "Venda", "Cliente", "Dia", "Forma", "Valor"');
    const conflict = csv("vendas-conflito.csv", ["Venda;Cliente;Data;Forma;Valor", "V1;ana;10/01/2026;Pix;10,00", "V1;ana;11/01/2026;Pix;10,00"]);
    const c = await run(["replay", "--policy", policyFile, "--sales", conflict, "--receivables", ledgerCsv]);
    expect(c.code).toBe(1);
    expect(c.err).toContain("line 3: sale V1 is on line 2 with date 2026-01-10");
    const none = await run(["replay", "--policy", policyFile, "--sales", salesCsv]);
    expect(none.err).toContain("replay needs the history: --sales sales.csv --receivables ledger.csv");
    const bothWays = await run(["replay", "--policy", policyFile, "--history", policyFile, "--sales", salesCsv]);
    expect(bothWays.err).toContain("--history holds the whole history");
  });

  it("the sample store's exports replay (the README's example)", async () => {
    const r = await run(["replay", "--policy", "examples/policy.json", "--sales", "examples/data/sales-erp.csv", "--receivables", "examples/data/ledger-erp.csv", "--end-date", "2026-11-23", "--format", "table"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/vendas\s+1881/);
    expect(r.out).toMatch(/negadas\s+\d+ \(\d+\.\d\d\)/);
  });
});
