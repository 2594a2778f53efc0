/**
 * `credit-block aging` over CSV ledgers in the dialects back offices write (Excel pt-BR, Windows-
 * 1252, UTF-16 "Texto Unicode", English and US exports, pipes), compared with figures the
 * generator (test/support/ledgerFiles.ts) computes on its own; and every whole-file problem with
 * its exact message and exit code.
 */
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgingReport } from "credit-block";
import { main, type Io } from "../../src/adapters/cli/index.js";
import { generateLedger, PT_ASCII_HEADERS, type ExpectedAging, type LedgerSpec } from "../support/ledgerFiles.js";

const AS_OF = "2026-11-23";
const dir = mkdtempSync(join(tmpdir(), "credit-block-ledger-files-"));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") };
  const code = await main(argv, io);
  return { code, out, err };
}

/** `aging --format json --as-of` over `path`, with more flags. */
const aging = (path: string, ...flags: string[]) => run(["aging", "--receivables", path, "--as-of", AS_OF, "--format", "json", ...flags]);

/** The part of a report the generator predicts. */
function figuresOf(out: string): Omit<ExpectedAging, "cancelled"> {
  const r = JSON.parse(out) as AgingReport;
  return {
    total: r.total,
    count: r.count,
    buckets: r.buckets.map((b) => ({ amount: b.amount, count: b.count })),
    excluded: r.excluded,
    read: r.read,
    settled: r.settled,
    customers: r.customers.map((c) => ({ customerId: c.customerId, total: c.total })),
  };
}
function withoutCancelled(expected: ExpectedAging): Omit<ExpectedAging, "cancelled"> {
  const { total, count, buckets, excluded, read, settled, customers } = expected;
  return { total, count, buckets, excluded, read, settled, customers };
}
const skipped = (expected: ExpectedAging) => `${expected.cancelled} cancelled ${expected.cancelled === 1 ? "título" : "títulos"} skipped\n`;

const UTF8 = "UTF-8 (no BOM, valid UTF-8)";

describe("aging reads a ledger in each dialect back offices export, to the cent", () => {
  const cases: { name: string; spec: LedgerSpec; dialect: string }[] = [
    {
      name: "Excel pt-BR \"CSV UTF-8\": ';', 1.234,56, dd/mm/aaaa, CRLF, BOM",
      spec: { rows: 2000, seed: 11, separator: ";", decimal: ",", dateOrder: "dmy", lineEnd: "\r\n", encoding: "utf-8-bom", headers: "pt" },
      dialect: "read as UTF-8 (BOM), separator ';', decimal comma, dates dd/mm/aaaa",
    },
    {
      name: "Excel pt-BR plain \"CSV\": the same in Windows-1252, no BOM",
      spec: { rows: 2000, seed: 12, separator: ";", decimal: ",", dateOrder: "dmy", lineEnd: "\r\n", encoding: "windows-1252", headers: "pt" },
      // "Título": the í (0xED) is the file's second byte.
      dialect: "read as Windows-1252 (byte 0xED at 1 is not UTF-8), separator ';', decimal comma, dates dd/mm/aaaa",
    },
    {
      name: "Excel \"Texto Unicode\": UTF-16LE with BOM, tab separated",
      spec: { rows: 2000, seed: 13, separator: "\t", decimal: ",", dateOrder: "dmy", lineEnd: "\r\n", encoding: "utf-16le-bom", headers: "pt" },
      dialect: "read as UTF-16LE (BOM), separator tab, decimal comma, dates dd/mm/aaaa",
    },
    {
      name: "English export: ',', 1,234.56 (quoted), ISO dates, LF",
      spec: { rows: 2000, seed: 14, separator: ",", decimal: ".", dateOrder: "iso", lineEnd: "\n", encoding: "utf-8", headers: "en" },
      dialect: `read as ${UTF8}, separator ',', decimal point, dates aaaa-mm-dd`,
    },
    {
      name: "US export: ',', decimal point, mm/dd/yyyy",
      spec: { rows: 2000, seed: 15, separator: ",", decimal: ".", dateOrder: "mdy", lineEnd: "\n", encoding: "utf-8", headers: "en" },
      dialect: `read as ${UTF8}, separator ',', decimal point, dates mm/dd/yyyy`,
    },
    {
      name: "'|' separated, R$ 1.234,56, dd/mm/aaaa, LF",
      spec: { rows: 2000, seed: 16, separator: "|", decimal: ",", dateOrder: "dmy", lineEnd: "\n", encoding: "utf-8", headers: "pt", currencySymbol: true },
      dialect: `read as ${UTF8}, separator '|', decimal comma, dates dd/mm/aaaa`,
    },
    {
      name: "';' with a decimal point and no thousands grouping, ISO dates, BOM",
      spec: { rows: 2000, seed: 17, separator: ";", decimal: ".", thousands: false, dateOrder: "iso", lineEnd: "\r\n", encoding: "utf-8-bom", headers: "pt" },
      dialect: "read as UTF-8 (BOM), separator ';', decimal point, dates aaaa-mm-dd",
    },
  ];
  for (const { name, spec, dialect } of cases) {
    it(name, async () => {
      const ledger = generateLedger({ ...spec, dir });
      const r = await aging(ledger.path);
      expect(r.code).toBe(0);
      expect(r.err).toBe(`${ledger.path}: ${dialect}\n${skipped(ledger.expected)}`);
      expect(figuresOf(r.out)).toEqual(withoutCancelled(ledger.expected));
      // Accented names and the quoted one holding the separator arrive whole.
      const customers = figuresOf(r.out).customers.map((c) => c.customerId);
      expect(customers.some((c) => c.startsWith("São João Materiais"))).toBe(true);
      expect(customers.some((c) => c.startsWith("Maria da Conceição"))).toBe(true);
      expect(customers.some((c) => c.startsWith('Bar do "Zé"'))).toBe(true);
      expect(customers.some((c) => c.startsWith(`Mercearia Ipê${spec.separator ?? ";"} Filial`))).toBe(true);
    });
  }
});

describe("whole-file problems: one message, exit 1, nothing half-read", () => {
  it("an unterminated quote names its line; no report is printed", async () => {
    // More rows than the dialect sample (2,000), the quote opened on the last line.
    const ledger = generateLedger({ rows: 2500, seed: 21, customers: ["Cliente A", "Cliente B"], extraQuotes: false, dir });
    const lines = ledger.text.split("\r\n");
    lines[2500] = (lines[2500] as string).replace(";Cliente", ';"Cliente');
    const path = file("unterminated.csv", lines.join("\r\n").trimEnd());
    const r = await aging(path);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `${path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n`
        + `credit-block aging: ${path}: a quote opened near line 2501 is never closed (the file ends inside a quoted field)\n`,
    });
  });

  it("an unterminated quote in a short file (found while the dialect sample is read): the message alone, exit 1", async () => {
    // Once an EBADF crash: the file was closed twice when the problem surfaced before the report began.
    const path = file("unterminated-short.csv", 'Título;Cliente;Valor;Vencimento\r\nT1;C1;10,00;25/10/2026\r\nT2;"C2;20,00;25/10/2026');
    expect(await aging(path)).toEqual({
      code: 1,
      out: "",
      err: `credit-block aging: ${path}: a quote opened near line 3 is never closed (the file ends inside a quoted field)\n`,
    });
  });

  it("an unterminated quote in mid-file names the line where it opened", async () => {
    const rows = ["Título;Cliente;Valor;Vencimento", 'T1;"C1;10,00;25/10/2026', "T2;C2;20,00;25/10/2026", "T3;C2;20,00;25/10/2026"];
    for (const [name, lineEnd] of [["unterminated-mid-crlf.csv", "\r\n"], ["unterminated-mid-lf.csv", "\n"]] as const) {
      const path = file(name, rows.join(lineEnd) + lineEnd);
      expect(await aging(path)).toEqual({
        code: 1,
        out: "",
        err: `credit-block aging: ${path}: a quote opened near line 2 is never closed (the file ends inside a quoted field)\n`,
      });
    }
  });

  it("a UTF-8 file with one Windows-1252 byte late in it: the byte offset and --encoding windows-1252 are named; with the flag it reads", async () => {
    // An ASCII file (so decided UTF-8), one "é" as the byte 0xE9 more than 1 MiB in: past the 64 KiB head,
    // the dialect sample and the first reads, so found while the report streams.
    const ledger = generateLedger({ rows: 12_000, seed: 23, ascii: true, headers: PT_ASCII_HEADERS, cp1252ByteAtRow: 11_500, dir });
    const offset = ledger.cp1252ByteOffset as number;
    expect(offset).toBeGreaterThan(1 << 20);
    expect(ledger.bytes[offset]).toBe(0xe9);
    expect(ledger.bytes.subarray(0, offset).every((b) => b < 0x80)).toBe(true);
    const r = await aging(ledger.path);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `${ledger.path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n`
        + `credit-block aging: ${ledger.path}: not UTF-8 at byte ${offset} (0xE9); the file was read as UTF-8 (no BOM, valid UTF-8). If it is Windows-1252 (Excel's "CSV (separado por vírgulas)"), pass --encoding windows-1252\n`,
    });

    const fixed = await aging(ledger.path, "--encoding", "windows-1252");
    expect(fixed.code).toBe(0);
    expect(fixed.err).toBe(`${ledger.path}: read as Windows-1252 (--encoding), separator ';', decimal comma, dates dd/mm/aaaa\n${skipped(ledger.expected)}`);
    expect(figuresOf(fixed.out)).toEqual(withoutCancelled(ledger.expected));
    expect(figuresOf(fixed.out).customers.map((c) => c.customerId)).toContain("José Injetado");
  });

  it("a UTF-8 file under the first read with one Windows-1252 byte after its 64 KiB head: refused before any note, naming the byte offset", async () => {
    // Once an EBADF crash (the file closed twice); found while the dialect sample is read, so no dialect line is printed.
    const ledger = generateLedger({ rows: 2000, seed: 24, ascii: true, headers: PT_ASCII_HEADERS, cp1252ByteAtRow: 1500, dir });
    const offset = ledger.cp1252ByteOffset as number;
    expect(offset).toBeGreaterThan(1 << 16);
    expect(ledger.bytes[offset]).toBe(0xe9);
    expect(await aging(ledger.path)).toEqual({
      code: 1,
      out: "",
      err: `credit-block aging: ${ledger.path}: not UTF-8 at byte ${offset} (0xE9); the file was read as UTF-8 (no BOM, valid UTF-8). If it is Windows-1252 (Excel's "CSV (separado por vírgulas)"), pass --encoding windows-1252\n`,
    });
  });

  it("a head that mixes UTF-8 and Windows-1252 is refused, naming the first bad byte", async () => {
    const ledger = generateLedger({ rows: 50, seed: 25, cp1252ByteAtRow: 2, dir });
    const offset = ledger.cp1252ByteOffset as number;
    expect(ledger.bytes[offset]).toBe(0xe9);
    const r = await aging(ledger.path);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `credit-block aging: ${ledger.path}: not UTF-8 at byte ${offset} (0xE9), though earlier bytes are UTF-8: the file mixes two encodings. Save it again in one, or pass --encoding windows-1252 to read every byte as Windows-1252\n`,
    });
  });

  it("unknown headers: one message listing the columns and a --map that then works", async () => {
    const headers = ["Num Doc", "Parc", "Cliente", "CPF/CNPJ", "Emissão", "Data Venc.", "Vlr Face", "Saldo", "Pagamento", "Situação"];
    const ledger = generateLedger({ rows: 500, seed: 26, headers, dir });
    const r = await aging(ledger.path);
    const map = "Num Doc=id,Vlr Face=amount,Data Venc.=dueDate";
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `credit-block aging: ${ledger.path}: no column for id, amount, dueDate. Columns found: ${headers.map((h) => `"${h}"`).join(", ")}. Name them with --map, e.g. --map "${map}"\n`,
    });
    const mapped = await aging(ledger.path, "--map", map);
    expect(mapped.code).toBe(0);
    expect(mapped.err).toBe(`${ledger.path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n${skipped(ledger.expected)}`);
    expect(figuresOf(mapped.out)).toEqual(withoutCancelled(ledger.expected));
  });

  it("duplicate título (same Título + Parcela twice) is refused naming both lines", async () => {
    const path = file("duplicate.csv", [
      "Título;Parcela;Cliente;Valor;Vencimento",
      "NF1;1;José;100,00;25/10/2026",
      "NF1;2;José;100,00;25/11/2026", // another parcela of the same título: fine
      "NF2;1;Conceição;50,00;25/12/2026",
      "NF1;1;José;100,00;25/10/2026",
    ].join("\r\n") + "\r\n");
    const r = await aging(path);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `${path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n`
        + `INVALID_INPUT:\n  line 5, id: id "NF1/1" is used more than once (first at line 2)\n`,
    });
  });

  it("a directory, a missing file and a header-only file", async () => {
    const folder = join(dir, "a-folder.csv");
    mkdirSync(folder);
    expect(await aging(folder)).toEqual({ code: 1, out: "", err: `credit-block aging: ${folder}: is a directory, not a ledger file\n` });
    const missing = join(dir, "missing.csv");
    expect(await aging(missing)).toEqual({ code: 1, out: "", err: `credit-block aging: ${missing}: no such file\n` });
    const header = file("header-only.csv", "Título;Cliente;Valor;Vencimento\r\n");
    const r = await aging(header);
    expect(r.code).toBe(0);
    expect(figuresOf(r.out)).toMatchObject({ total: "0.00", count: 0, read: 0 });
  });

  it("an empty file is refused: no header line", async () => {
    const empty = file("empty.csv", "");
    expect(await aging(empty)).toEqual({ code: 1, out: "", err: `credit-block aging: ${empty}: the file is empty (no header line)\n` });
  });

  it("dates both day first and month first: refused, naming --date-format (a file longer than the sample)", async () => {
    const ledger = generateLedger({ rows: 2500, seed: 27, dir });
    const lines = ledger.text.split("\r\n");
    // Row 0 has its day > 12; this one then has its month > 12 (day first and month first).
    lines[2] = (lines[2] as string).replace(`;${ledger.dueText(1)}`, ";10/25/2026");
    const path = file("mixed-orders.csv", lines.join("\r\n"));
    expect(await aging(path)).toEqual({ code: 1, out: "", err: `credit-block aging: ${path}: some dates have the day first and others the month first; fix the export, or pass --date-format dd/MM/yyyy or MM/dd/yyyy\n` });
  });

  it("dates both day first and month first, or both decimal marks, in a file shorter than the sample: refused, not a crash", async () => {
    const path = file("mixed-orders-short.csv", "Título;Valor;Vencimento\r\nT1;1,00;25/10/2026\r\nT2;2,00;10/25/2026\r\n");
    expect(await aging(path)).toEqual({ code: 1, out: "", err: `credit-block aging: ${path}: some dates have the day first and others the month first; fix the export, or pass --date-format dd/MM/yyyy or MM/dd/yyyy\n` });
    const marks = file("mixed-marks-short.csv", "Título;Valor;Vencimento\r\nT1;1,50;25/10/2026\r\nT2;2.50;25/10/2026\r\n");
    expect(await aging(marks)).toEqual({ code: 1, out: "", err: `credit-block aging: ${marks}: amounts are written both with a decimal comma and a decimal point; pass --decimal , or --decimal . to say which\n` });
  });
});

describe("rows that cannot be read, and guesses", () => {
  it("100,000 rows whose every date is impossible: a handful of stderr lines, exit 4", { timeout: 20_000 }, async () => {
    const ledger = generateLedger({ rows: 100_000, seed: 31, impossibleDates: true, dir });
    const r = await aging(ledger.path);
    expect(r.code).toBe(4);
    expect(r.err).toBe([
      `${ledger.path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa`,
      `line 2: Vencimento "${ledger.dueText(0)}" is not a date dd/mm/aaaa`,
      `line 3: Vencimento "${ledger.dueText(1)}" is not a date dd/mm/aaaa`,
      `line 4: Vencimento "${ledger.dueText(2)}" is not a date dd/mm/aaaa`,
      "… and 99,997 more rows where Vencimento … is not a date dd/mm/aaaa",
      "100,000 rows not read",
      "",
    ].join("\n"));
    expect(figuresOf(r.out)).toEqual(withoutCancelled(ledger.expected));
    expect(figuresOf(r.out)).toMatchObject({ total: "0.00", count: 0, read: 0 });
  });

  it("every day ≤ 12: read day first with a note naming --date-format MM/dd/yyyy; with it, the figures move", async () => {
    const ledger = generateLedger({ rows: 2000, seed: 32, ambiguousDates: true, dir });
    const r = await aging(ledger.path);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${ledger.path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n`
      + `${ledger.path}: every date fits both dd/mm and mm/dd; read day first (dd/mm/aaaa, as in Brazil). If the export puts the month first, pass --date-format MM/dd/yyyy\n`
      + skipped(ledger.expected));
    expect(figuresOf(r.out)).toEqual(withoutCancelled(ledger.expected));

    const us = await aging(ledger.path, "--date-format", "MM/dd/yyyy");
    expect(us.code).toBe(0);
    expect(us.err).toBe(`${ledger.path}: read as ${UTF8}, separator ';', decimal comma, dates mm/dd/yyyy\n${skipped(ledger.expected)}`);
    const monthFirst = ledger.expectedReadAs("mdy");
    expect(figuresOf(us.out)).toEqual(withoutCancelled(monthFirst));
    // The same títulos and balances, in other bands.
    expect(monthFirst.total).toBe(ledger.expected.total);
    expect(monthFirst.buckets).not.toEqual(ledger.expected.buckets);
  });

  it("whole-number amounts: the decimal mark is guessed from the separator, with a note naming --decimal", async () => {
    const pt = generateLedger({ rows: 2000, seed: 33, wholeAmounts: true, dir });
    const r = await aging(pt.path);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${pt.path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n`
      + `${pt.path}: no amount shows its decimal mark (all whole numbers); read with a decimal comma, as the separator is not ','. If that is wrong, pass --decimal .\n`
      + skipped(pt.expected));
    expect(figuresOf(r.out)).toEqual(withoutCancelled(pt.expected));

    const en = generateLedger({ rows: 2000, seed: 34, wholeAmounts: true, separator: ",", decimal: ".", dateOrder: "iso", lineEnd: "\n", headers: "en", dir });
    const e = await aging(en.path);
    expect(e.code).toBe(0);
    expect(e.err).toBe(`${en.path}: read as ${UTF8}, separator ',', decimal point, dates aaaa-mm-dd\n`
      + `${en.path}: no amount shows its decimal mark (all whole numbers); read with a decimal point, as the separator is ','. If that is wrong, pass --decimal ,\n`
      + skipped(en.expected));
    expect(figuresOf(e.out)).toEqual(withoutCancelled(en.expected));
  });

  it("Portuguese status words each land where they belong; cancelled títulos are skipped with a note", async () => {
    // Amounts are powers of two: each sum names exactly the rows in it.
    const rows: [string, string, string][] = [
      ["Aberto", "1,00", ""], ["Vencido", "2,00", ""], ["A vencer", "4,00", ""], ["Pago", "8,00", "0,00"], ["Parcial", "16,00", "5,00"],
      ["Cancelado", "32,00", ""], ["Renegociado", "64,00", ""], ["Em disputa", "128,00", ""], ["Contestado", "256,00", ""],
      ["Baixado", "512,00", ""], ["Perda", "1.024,00", ""], ["CANCELADO", "2.048,00", ""], ["em  DISPUTA", "4.096,00", "1.000,00"],
    ];
    const path = file("statuses.csv", ["Título;Cliente;Valor;Saldo;Vencimento;Situação", ...rows.map(([word, valor, saldo], i) => `T${i};José;${valor};${saldo};15/10/2026;${word}`)].join("\r\n") + "\r\n");
    const r = await aging(path);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`${path}: read as ${UTF8}, separator ';', decimal comma, dates dd/mm/aaaa\n2 cancelled títulos skipped\n`);
    expect(figuresOf(r.out)).toMatchObject({
      total: "12.00", // Aberto 1 + Vencido 2 + A vencer 4 + Parcial's saldo 5
      count: 4,
      excluded: { disputed: "1384.00", writtenOff: "1536.00", renegotiated: "64.00", belowThreshold: "0.00" }, // 128 + 256 + saldo 1.000; 512 + 1.024
      read: 11,
      settled: 1, // Pago
    });
  });
});

describe("output for Excel in Portuguese", () => {
  it("--locale pt-BR --format csv --excel: BOM, CRLF, ';', decimal comma, formulas neutralised", async () => {
    const path = file("excel-out.csv", ['Título;Cliente;Valor;Vencimento', 'T1;"=HYPERLINK(""x"")";1.234,56;15/10/2026', "T2;José;10,50;15/12/2026"].join("\r\n") + "\r\n");
    const byCustomer = await run(["aging", "--receivables", path, "--as-of", AS_OF, "--locale", "pt-BR", "--format", "csv", "--excel", "--by-customer"]);
    expect(byCustomer.code).toBe(0);
    expect(byCustomer.out).toBe("\uFEFF" + [
      "cliente;a vencer;1–30 dias;31–60 dias;61–90 dias;91–120 dias;mais de 120 dias;total;vencido;dias",
      `"'=HYPERLINK(""x"")";0,00;0,00;1234,56;0,00;0,00;0,00;1234,56;1234,56;39`,
      "José;10,50;0,00;0,00;0,00;0,00;0,00;10,50;0,00;0",
    ].join("\r\n") + "\r\n");
    const bands = await run(["aging", "--receivables", path, "--as-of", AS_OF, "--locale", "pt-BR", "--format", "csv", "--excel"]);
    expect(bands.out).toBe("\uFEFF" + [
      "faixa;valor;títulos", "a vencer;10,50;1", "1–30 dias;0,00;0", "31–60 dias;1234,56;1", "61–90 dias;0,00;0", "91–120 dias;0,00;0", "mais de 120 dias;0,00;0",
      "total;1245,06;2", "em disputa (fora do total);0,00;", "baixado como perda (fora do total);0,00;", "renegociado (fora do total);0,00;", "abaixo do mínimo (fora do total);0,00;",
    ].join("\r\n") + "\r\n");
  });
});

describe("rows the library refuses are set aside like unreadable ones (issue #16)", () => {
  it("aging, payoff and collect: a saldo above its valor is one rejected row by its line, exit 4, the rest computed", async () => {
    const dir2 = mkdtempSync(join(tmpdir(), "credit-block-refused-"));
    const path = join(dir2, "carteira.csv");
    writeFileSync(path, ["Título;Cliente;Valor;Saldo;Vencimento", "T1;C1;100,00;100,00;01/10/2026", "T2;C1;50,00;80,00;01/10/2026", "T3;C2;30,00;;01/11/2026"].join("\r\n") + "\r\n");
    const terms = join(dir2, "terms.json");
    writeFileSync(terms, JSON.stringify({ finePercent: "2", monthlyInterestPercent: "1" }));
    const run = async (args: string[]) => {
      let out = "";
      let err = "";
      const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: () => "", isTTY: false, now: () => new Date("2026-11-23T12:00:00Z") });
      return { code, out, err };
    };
    const aged = await run(["aging", "--receivables", path, "--as-of", "2026-11-23", "--format", "json"]);
    expect(aged.code).toBe(4);
    expect(JSON.parse(aged.out)).toMatchObject({ total: "130.00", count: 2, read: 2 });
    expect(aged.err).toMatch(/\nline 3: openAmount: .+\n1 row not read\n$/);
    const payoff = await run(["payoff", "--receivables", path, "--terms", terms, "--as-of", "2026-11-23", "--customer", "C1"]);
    expect(payoff.code).toBe(4);
    expect((JSON.parse(payoff.out) as { lines: { receivableId: string }[] }).lines.map((l) => l.receivableId)).toEqual(["T1"]);
    const charges = await run(["charges", "--receivables", path, "--terms", terms, "--as-of", "2026-11-23"]);
    expect(charges.code).toBe(4);
    expect((JSON.parse(charges.out) as { id: string }[]).map((r) => r.id)).toEqual(["T1", "T3"]);
  });
});
