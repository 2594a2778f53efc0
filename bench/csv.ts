/**
 * CSV aging benchmark (issue #16): `node --import tsx bench/index.ts csv` after `npm run build`,
 * also part of `npm run bench`. BENCH_CSV_ROWS (default 1,000,000) sets the file's length.
 *
 * Writes a Brazilian ERP / Excel export of BENCH_CSV_ROWS títulos into a fresh temp directory
 * (UTF-8 with BOM, `;` separators, CRLF, `1.234,56` money, `dd/MM/yyyy` dates, quoted names with
 * a `;` inside, ~20,000 customers; seeded, so every run reads the same bytes), then times two
 * child processes over it, in turns, each run twice (the better wall time counts; the first run
 * warms the page cache):
 *
 * - baseline: the bare loop a user would write, `for await (const record of
 *   fs.createReadStream(file).pipe(parse({ delimiter: ";", bom: true, columns: false })))` from
 *   `csv-parse`, counting records and touching every field;
 * - subject: the built `node dist/cli.js aging --receivables <file>` with {@link AGING_FLAGS}.
 *
 * Both are bare `node` (NODE_OPTIONS cleared) with `--require rss.cjs` ({@link RSS_PRELOAD},
 * written next to the file), which writes the process's peak RSS to stderr on exit; the larger
 * peak of the two runs is reported (MB = 10⁶ bytes). Wall time is performance.now() from spawn to
 * the child's close, startup included. The preload is written at run time, not kept under bench/,
 * because the lint's project service covers no .cjs file there.
 *
 * Targets: wall time ≤ 1.5× the bare csv-parse loop, peak RSS ≤ 300 MB.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { mulberry32 } from "./data.js";

const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 300;
const AS_OF = "2026-11-23";
const CUSTOMERS = 20_000;
const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/cli.js");

/**
 * Preloaded into both children (`node --require rss.cjs`): on exit, the process's peak resident
 * set size (kB) on a stderr line of its own, `maxRSS-kB <kilobytes>`. stderr may be a
 * non-blocking pipe that is momentarily full (a command that logs a lot): EAGAIN is retried.
 */
const RSS_PRELOAD = `"use strict";
const { writeSync } = require("node:fs");
process.on("exit", () => {
  const line = "\\nmaxRSS-kB " + process.resourceUsage().maxRSS + "\\n";
  for (let tries = 0; tries < 100000; tries++) {
    try { writeSync(2, line); return; } catch (error) { if (error.code !== "EAGAIN") return; }
  }
});
`;

/**
 * The subject's flags after `aging --receivables <file>`. `--no-progress` comes with the
 * streaming reader (issue #16): until it lands the CLI may refuse it, which the bench reports.
 */
const AGING_FLAGS: readonly string[] = ["--as-of", AS_OF, "--format", "json", "--no-progress"];

/** The baseline child: ESM, run with `node --input-type=module -e` from the package root. */
const BARE_LOOP = `
import fs from "node:fs";
import { parse } from "csv-parse";
let records = 0;
let chars = 0;
for await (const record of fs.createReadStream(process.argv[1]).pipe(parse({ delimiter: ";", bom: true, columns: false }))) {
  records++;
  for (const field of record) chars += field.length;
}
process.stdout.write(JSON.stringify({ records, chars }) + "\\n");
`;

const HEADER = "Título;Parcela;Cliente;CPF/CNPJ;Nome;Emissão;Vencimento;Valor;Saldo;Pagamento;Situação";
const FIRST = ["Ana", "João", "Maria", "José", "Francisca", "Antônio", "Adriana", "Carlos", "Juliana", "Paulo", "Márcia", "Lucas", "Aline", "Pedro", "Sandra", "Rafael"];
const LAST = ["Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Araújo", "Conceição"];
const TRADE = ["Comércio", "Mercado", "Distribuidora", "Materiais", "Confecções", "Farmácia", "Padaria", "Auto Peças"];

/** Day 0 is 2025-01-01; the file's dates run to 2026-12-31 (day 729). */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2025, 0, 1);
const LAST_DAY = (Date.UTC(2026, 11, 31) - EPOCH) / DAY_MS;
const AS_OF_DAY = (Date.UTC(2026, 10, 23) - EPOCH) / DAY_MS;
const pad2 = (n: number) => String(n).padStart(2, "0");
const DATES: readonly string[] = Array.from({ length: LAST_DAY + 1 }, (_, day) => {
  const d = new Date(EPOCH + day * DAY_MS);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
});

/** `1234567` cents as `12.345,67`. */
function brMoney(cents: number): string {
  const reais = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${reais},${pad2(cents % 100)}`;
}

/** Per customer: `code;CPF/CNPJ;Nome` already in CSV form (a name with `;` or `"` is quoted). */
function customerFields(seed: number): string[] {
  const random = mulberry32(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  return Array.from({ length: CUSTOMERS }, (_, c) => {
    const code = `C${String(c + 1).padStart(5, "0")}`;
    const kind = random();
    let document: string;
    let name: string;
    if (kind < 0.7) {
      document = `${digits(3)}.${digits(3)}.${digits(3)}-${digits(2)}`;
      name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
    } else {
      document = `${digits(2)}.${digits(3)}.${digits(3)}/0001-${digits(2)}`;
      if (kind < 0.85) name = `"${pick(LAST)}; ${pick(LAST)} Ltda"`;
      else if (kind < 0.87) name = `"${pick(TRADE)} ""${pick(FIRST)}""; Filial ${1 + Math.floor(random() * 9)}"`;
      else name = `${pick(TRADE)} ${pick(LAST)} ME`;
    }
    return `${code};${document};${name}`;
  });
}

/**
 * Streams `rows` títulos to `path` in chunks (the generator holds one chunk, never the file).
 * Títulos `NF1`, `NF2`… with parcelas 1..3, so (Título, Parcela) is unique.
 */
export async function writeExport(path: string, rows: number, seed = 16): Promise<void> {
  const random = mulberry32(seed);
  const customers = customerFields(seed + 1);
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => { out.once("error", reject); });
  failed.catch(() => undefined); // handled where raced; this only keeps an early error from being "unhandled"
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
  };
  await write(`\uFEFF${HEADER}\r\n`);
  let lines: string[] = [];
  let written = 0;
  for (let n = 1; written < rows; n++) {
    const customer = customers[Math.floor(random() * CUSTOMERS)] as string;
    const issued = Math.floor(random() * (AS_OF_DAY + 1));
    const parcelas = Math.min(1 + Math.floor(random() * 3), rows - written);
    for (let p = 1; p <= parcelas; p++) {
      const due = Math.min(LAST_DAY, issued + 30 * p + Math.floor(random() * 5));
      const cents = 1000 + Math.floor(random() * 2_000_000);
      const roll = random();
      let open = cents;
      let paid = "";
      let status: string;
      if (roll < 0.35) {
        status = "Pago";
        open = 0;
        paid = DATES[issued + Math.floor(random() * (Math.min(due + 15, AS_OF_DAY) - issued + 1))] as string;
      } else if (roll < 0.45) {
        status = "Parcial";
        open = 1 + Math.floor(random() * (cents - 1));
      } else if (roll < 0.52) status = "Em disputa";
      else if (roll < 0.57) status = "Renegociado";
      else if (roll < 0.75) status = "Aberto";
      else status = due < AS_OF_DAY ? "Vencido" : "A vencer";
      lines.push(`NF${n};${p};${customer};${DATES[issued] as string};${DATES[due] as string};${brMoney(cents)};${brMoney(open)};${paid};${status}\r\n`);
      written++;
    }
    if (lines.length >= 8192) {
      await write(lines.join(""));
      lines = [];
    }
  }
  if (lines.length > 0) await write(lines.join(""));
  out.end();
  await Promise.race([once(out, "finish"), failed]);
}

interface ChildRun {
  readonly ms: number;
  readonly code: number | null;
  readonly signal: string | null;
  /** Peak RSS in kB, from {@link RSS_PRELOAD}; undefined if the line never came. */
  readonly maxRssKb: number | undefined;
  readonly stdout: string;
  readonly stdoutBytes: number;
  readonly firstStderr: string | undefined;
  readonly stderrLines: number;
}

const STDOUT_KEPT = 64 << 20; // the whole report: 20,000 customer lines are ~6 MB of JSON

/** Runs `node --require <preload> ...args` from the package root; stdout kept up to 1 MB, stderr by line. */
async function runChild(preload: string, args: readonly string[]): Promise<ChildRun> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const start = performance.now();
  const child = spawn(process.execPath, ["--require", preload, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  let kept = 0;
  let stdoutBytes = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    if (kept < STDOUT_KEPT) {
      chunks.push(chunk);
      kept += chunk.length;
    }
  });
  let maxRssKb: number | undefined;
  let firstStderr: string | undefined;
  let stderrLines = 0;
  createInterface({ input: child.stderr }).on("line", (line) => {
    const rss = /^maxRSS-kB (\d+)$/.exec(line);
    if (rss) maxRssKb = Number(rss[1]);
    else if (line.trim() !== "") {
      stderrLines++;
      firstStderr ??= line;
    }
  });
  const [code, signal] = (await Promise.race([
    once(child, "close"),
    once(child, "error").then(([error]) => { throw error; }),
  ])) as [number | null, string | null];
  const ms = performance.now() - start;
  return { ms, code, signal, maxRssKb, stdout: Buffer.concat(chunks).toString("utf8"), stdoutBytes, firstStderr, stderrLines };
}

interface Contender {
  readonly name: string;
  readonly runs: ChildRun[];
}

const best = (c: Contender) => Math.min(...c.runs.map((r) => r.ms));
const peakKb = (c: Contender): number | undefined => {
  const all = c.runs.map((r) => r.maxRssKb);
  return all.some((kb) => kb === undefined) ? undefined : Math.max(...(all as number[]));
};
const mb = (kb: number | undefined) => (kb === undefined ? "? MB" : `${((kb * 1024) / 1e6).toFixed(0)} MB`);
const failure = (c: Contender) => c.runs.find((r) => r.code !== 0);
const exitText = (r: ChildRun) => `exit ${r.signal ?? String(r.code)}${r.firstStderr ? `: ${r.firstStderr.slice(0, 200)}` : ""}${r.stderrLines > 1 ? ` (+${(r.stderrLines - 1).toLocaleString("en")} more stderr lines)` : ""}`;

export async function benchCsv(rows = 1_000_000): Promise<void> {
  console.log(`\n## CSV aging: ${rows.toLocaleString("en")} títulos, Brazilian export (BOM, ';', CRLF, ${CUSTOMERS.toLocaleString("en")} customers), as of ${AS_OF}`);
  if (!existsSync(CLI)) {
    console.log("  skipped: dist/cli.js is missing; run `npm run build` first");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "credit-block-bench-csv-"));
  try {
    const file = join(dir, "titulos.csv");
    const preload = join(dir, "rss.cjs");
    writeFileSync(preload, RSS_PRELOAD);
    const genStart = performance.now();
    await writeExport(file, rows);
    const fileMb = statSync(file).size / 1e6;
    console.log(`  generated ${file} (${fileMb.toFixed(1)} MB) in ${((performance.now() - genStart) / 1000).toFixed(1)} s`);

    const bare: Contender = { name: "bare csv-parse", runs: [] };
    const ours: Contender = { name: "credit-block aging", runs: [] };
    const bareArgs = ["--input-type=module", "-e", BARE_LOOP, file];
    const oursArgs = [CLI, "aging", "--receivables", file, ...AGING_FLAGS];
    console.log(`  subject: node dist/cli.js aging --receivables <file> ${AGING_FLAGS.join(" ")}`);
    for (let round = 1; round <= 2; round++) {
      for (const [contender, args] of [[bare, bareArgs], [ours, oursArgs]] as const) {
        const run = await runChild(preload, args);
        contender.runs.push(run);
        console.log(`  run ${round} ${contender.name.padEnd(20)} ${(run.ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${mb(run.maxRssKb).padStart(7)}${run.code === 0 ? "" : `  ${exitText(run)}`}`);
      }
    }

    // Same file read: a fast wrong benchmark is worthless.
    const bareRun = bare.runs[0];
    if (bareRun?.code === 0) {
      const counted = (JSON.parse(bareRun.stdout) as { records: number }).records;
      if (counted !== rows + 1) console.log(`  note: csv-parse read ${counted.toLocaleString("en")} records, expected ${(rows + 1).toLocaleString("en")} (header + rows)`);
    }
    const oursRun = ours.runs[0];
    if (oursRun?.code === 0) {
      try {
        const report = JSON.parse(oursRun.stdout) as { read?: number; count?: number; total?: string; customers?: unknown[] };
        console.log(`  report: read ${report.read?.toLocaleString("en") ?? "?"} títulos, ${report.count?.toLocaleString("en") ?? "?"} open, total ${report.total ?? "?"}, ${report.customers?.length.toLocaleString("en") ?? "?"} customer lines (${(oursRun.stdoutBytes / 1e6).toFixed(1)} MB of JSON)`);
        if (report.read !== rows) console.log(`  note: the command read ${report.read ?? "?"} títulos of ${rows.toLocaleString("en")} rows`);
      } catch {
        console.log(`  note: the command's stdout is not one JSON report (${oursRun.stdoutBytes.toLocaleString("en")} bytes${oursRun.stdoutBytes > STDOUT_KEPT ? ", more than the 1 MB kept" : ""})`);
      }
    }

    const ratio = best(ours) / best(bare);
    const oursFailed = failure(ours);
    const bareFailed = failure(bare);
    const failed = oursFailed ?? bareFailed;
    const verdict = (met: boolean) => (failed ? `not judged (${failed === oursFailed ? "credit-block aging" : "bare csv-parse"} ${failed.signal ?? `exit ${String(failed.code)}`})` : met ? "PASS" : "MISS");
    const oursPeak = peakKb(ours);
    const rssMet = oursPeak !== undefined && (oursPeak * 1024) / 1e6 <= TARGET_RSS_MB;
    console.log(
      `csv aging ${rows.toLocaleString("en")} rows (${fileMb.toFixed(0)} MB file): ` +
        `bare csv-parse ${(best(bare) / 1000).toFixed(2)} s / ${mb(peakKb(bare))} · ` +
        `credit-block aging ${(best(ours) / 1000).toFixed(2)} s / ${mb(oursPeak)} · ` +
        `ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×) ${verdict(ratio <= TARGET_RATIO)} · ` +
        `RSS target ≤ ${TARGET_RSS_MB} MB ${verdict(rssMet)}`,
    );
    if (oursFailed) console.log(`  credit-block aging ${exitText(oursFailed)}`);
    if (bareFailed) console.log(`  bare csv-parse ${exitText(bareFailed)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
