/**
 * The aging list of an ERP's CSV export (pt-BR: `;` separators, `1.234,56` money, `dd/mm/aaaa`
 * dates), with the public API only. Run with `npx tsx examples/aging-csv.ts [file.csv] [asOf]`.
 *
 * The same report from the command line, with a full RFC 4180 reader and column mapping:
 * `npx credit-block aging --receivables examples/data/ledger-erp.csv --as-of 2026-11-23 --locale pt-BR`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ageReceivables, CreditBlockError, formatMoney, parseInput, parseMoney, ReceivableSchema, type Receivable, type ReceivableStatus } from "credit-block";

const STATUS: Record<string, ReceivableStatus> = { aberto: "open", pago: "paid", contestado: "disputed", renegociado: "renegotiated", baixado: "written_off" };
const BR_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const isoDate = (text: string) => text.replace(BR_DATE, "$3-$2-$1");

/** One line of the export as a receivable, or the reason it was refused (with its line number). */
type Line = { line: number; receivable: Receivable } | { line: number; problem: string };

/**
 * Reads the export line by line (a generator: rows are never all held at once). This export has
 * no quoted fields, so a split is enough; for general CSV use the CLI above.
 */
export function* readExport(text: string): Generator<Line> {
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const fields = (lines[i] ?? "").split(";");
    if (fields.length < 8) continue; // blank line
    const [id, customerId, amount, open, due, issued, paid, status] = fields.map((f) => f.trim()) as [string, string, string, string, string, string, string, string];
    try {
      const receivable = parseInput(ReceivableSchema, {
        id, customerId,
        amount: parseMoney(amount, { path: "Valor" }),
        ...(open ? { openAmount: parseMoney(open, { path: "Saldo" }) } : {}),
        dueDate: isoDate(due),
        ...(issued ? { issueDate: isoDate(issued) } : {}),
        ...(paid ? { paidDate: isoDate(paid) } : {}),
        status: STATUS[status.toLowerCase()] ?? status,
      });
      yield { line: i + 1, receivable };
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      yield { line: i + 1, problem: error.issues.map((x) => `${x.path}: ${x.message}`).join("; ") };
    }
  }
}

/** The aging report of an export, and the lines it refused (line number and reason). */
export function reportOfExport(text: string, asOf: string) {
  const refused: { line: number; problem: string }[] = [];
  const receivables = (function* () {
    for (const l of readExport(text)) {
      if ("receivable" in l) yield l.receivable;
      else refused.push(l);
    }
  })();
  return { report: ageReceivables(receivables, { asOf, ignoreBelow: "1.00" }), refused };
}

/** The aging list as the collection desk reads it, plus the lines the export got wrong. */
export function agingOfExport(text: string, asOf: string): string[] {
  const { report, refused } = reportOfExport(text, asOf);
  const out = [`Aging em ${report.asOf}: ${String(report.read)} títulos lidos, ${String(report.settled)} quitados`];
  for (const b of report.buckets) out.push(`  ${b.label.padEnd(18)} ${formatMoney(b.amount).padStart(14)}  ${String(b.count).padStart(4)} títulos`);
  out.push(`  ${"total em aberto".padEnd(18)} ${formatMoney(report.total).padStart(14)}  ${String(report.count).padStart(4)} títulos`);
  out.push(`  vencido: ${formatMoney(report.overdue)} em ${String(report.overdueCount)} títulos; em disputa (fora do aging): ${formatMoney(report.excluded.disputed)}`);
  if (refused.length > 0) out.push(`Linhas recusadas (${String(refused.length)}):`, ...refused.slice(0, 10).map((r) => `  linha ${String(r.line)}: ${r.problem}`));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? fileURLToPath(new URL("./data/ledger-erp.csv", import.meta.url));
  console.log(agingOfExport(readFileSync(file, "utf8"), process.argv[3] ?? "2026-11-23").join("\n"));
}
