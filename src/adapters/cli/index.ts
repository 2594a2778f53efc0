/**
 * The `credit-block` command: decide, age a ledger, compute charges and plans, validate a policy,
 * run the HTTP sidecar. Flags through Node's `util.parseArgs`.
 * @module adapters/cli
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  ageReceivables, computeCharges, createCreditGate, CreditBlockError, definePolicy, formatMoney, issue, labelOf, planCollection, planInstallments, quotePayoff,
  type AgingReport, type Locale, type CheckoutRequestInput, type Decision, type ReceivableInput,
} from "credit-block";
import { policyJsonSchema } from "credit-block/json-schema";
import { todayIn } from "../http/index.js";
import { isTimeZone } from "../options.js";
import { connectSource, SourceError, type CustomerSource } from "../source/index.js";
import { readServeConfig } from "./config.js";
import { fileProblem, oneLine, runServe, StartupError } from "./serveCommand.js";
import { writeCsv } from "./csv.js";
import { demoWithDatabase, packageRoot } from "./demo.js";
import { readCsvLedger, readJsonLedger, type LedgerRead } from "./ledger.js";
import { parseJsonExact } from "../json.js";

/** Where the command writes; injectable for tests. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
  readonly isTTY: boolean;
  readonly now: () => Date;
}

/**
 * Exit codes: 0 allow/ok, 1 usage or invalid input, 2 review, 3 deny; 4 some ledger rows
 * rejected; 5 the system refused (a port in use, a permission, the database down).
 */
export const EXIT = { ok: 0, invalid: 1, review: 2, deny: 3, rejectedRows: 4, unavailable: 5 } as const;

const USAGE = `credit-block <command> [options]

  decide   --policy policy.json [--request request.json]   (request from stdin without --request)
           exit code 0 allow, 2 review, 3 deny
  aging    --receivables ledger.csv|ledger.json | --config credit-block.config.json (its source's ledger query)
           [--as-of YYYY-MM-DD] [--by-customer] [--format table|json|csv] [--locale pt-BR] [--separator ";"] [--map col=field,...]
  charges  --receivable r.json --terms terms.json | --fine 2 --interest 1 [--as-of DATE]
  payoff   --receivables ledger.csv|json | --config cfg.json --customer ID   --terms terms.json [--as-of DATE] [--include-disputed]
  collect  --options collection.json --receivables ledger.csv|json | --config cfg.json   [--as-of DATE]   (the day's collection steps)
  plan     --principal 1000.00 --count 6 --system price|sac|none [--rate 1.99] [--down 200.00] --first-due DATE
  policy validate policy.json      every problem, with its JSON path
  policy schema                    the JSON Schema of a policy file
  serve    --config credit-block.config.json | --policy policy.json   [--port 8787] [--host 127.0.0.1] [--tz America/Sao_Paulo]
           [--tokens tokens.txt] [--insecure] [--tls-cert cert.pem --tls-key key.pem] [--max-body-bytes N] [--fail-safe review|deny]
           SIGHUP reloads the policy and tokens; SIGTERM drains, then exits 0; start-up failures exit 1 (config) or 5 (system)
  demo     the library at work on the sample store (what npm start runs)
  --version, -v    the package version;  --help, -h (also after a command)   this text
`;

const readJson = (path: string): unknown => parseJsonExact(readFileSync(path, "utf8"));

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A ledger file as an ERP or a spreadsheet wrote it: UTF-8 (a BOM is dropped), or else
 * Windows-1252, which Excel in Portuguese writes when it saves "CSV (separado por vírgulas)";
 * read as UTF-8, its "Título" header would match no column.
 */
function readLedgerText(path: string): string {
  const bytes = readFileSync(path);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function decodeWindows1252(bytes: Buffer): string {
  try {
    return new TextDecoder("windows-1252").decode(bytes);
  } catch {
    // A Node built with small-icu has no windows-1252 decoder; Latin-1 has the same accented letters.
    return bytes.toString("latin1");
  }
}

/** A JSON file's object, or the issue that it is something else (`null`, a list, a number). */
function objectIn(value: unknown, path: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_type", { expected: "object", received: value === null ? "null" : Array.isArray(value) ? "array" : typeof value })]);
}

/**
 * The asOf of a command whose file may carry its own: the file's (`null` included, for the
 * library to refuse: only an absent asOf takes a default), else `--as-of`, else today in `--tz`.
 * A file's asOf that differs from an explicit `--as-of` is a contradiction, refused at `path`.
 */
function asOfFor(file: Record<string, unknown>, path: string, flag: string | undefined, today: string): unknown {
  if (!Object.hasOwn(file, "asOf")) return flag ?? today;
  if (flag !== undefined && file.asOf !== flag) {
    throw new CreditBlockError("INVALID_INPUT", [issue(path, "conflicting_value", { value: JSON.stringify(file.asOf), other: "--as-of", otherValue: flag })]);
  }
  return file.asOf;
}

function readLedger(path: string, values: Record<string, unknown>): LedgerRead {
  const text = readLedgerText(path);
  if (path.toLowerCase().endsWith(".json")) {
    try {
      return readJsonLedger(text);
    } catch (error) {
      // Not a list of receivables (null, a number, an object without one): the file's fault.
      if (error instanceof CreditBlockError || error instanceof SyntaxError) throw error;
      throw new InputError(`${path}: the JSON ledger must be an array of receivables or { receivables: [...] }`);
    }
  }
  const map = typeof values.map === "string" ? Object.fromEntries(values.map.split(",").map((pair) => pair.split("=").map((x) => x.trim()) as [string, string])) : undefined;
  return readCsvLedger(text, {
    ...(values.locale === "pt-BR" ? { locale: "pt-BR" as const } : {}),
    ...(map ? { map } : {}),
    ...(typeof values.separator === "string" ? { separator: values.separator } : {}),
  });
}

function table(rows: readonly (readonly string[])[]): string {
  // A reduce, not Math.max(...): a by-customer table may have more rows than a call takes arguments.
  const widths = rows[0]?.map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] ?? "").length), 0)) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")).join("\n") + "\n";
}

function agingRows(report: AgingReport, byCustomer: boolean): string[][] {
  if (!byCustomer) return [["faixa", "valor", "títulos"], ...report.buckets.map((b) => [b.label, b.amount, String(b.count)]), ["total", report.total, String(report.count)]];
  return [["cliente", ...report.buckets.map((b) => b.label), "total", "vencido", "dias"], ...report.customers.map((c) => [c.customerId, ...c.buckets, c.total, c.overdue, String(c.maxDaysOverdue)])];
}

function describeDecision(d: Decision, locale: Locale): string {
  const pt = locale === "pt-BR";
  const lines = [`${labelOf("status", d.status, locale).toUpperCase()} — ${labelOf("outcome", d.outcome, locale)}`];
  for (const t of d.tenders) {
    const tender = `${labelOf("method", t.method, locale)} (${labelOf("term", t.term, locale)}) ${formatMoney(t.amount, { locale })}`;
    lines.push(`  ${tender}: ${labelOf("outcome", t.outcome, locale)}${t.reasons.map((r) => `\n    ${labelOf("action", r.action, locale)}: ${r.message}`).join("")}`);
  }
  if (d.regularize) {
    lines.push(pt
      ? `  receber ${formatMoney(d.regularize.payAtLeast, { locale })} libera o crediário:`
      : `  collecting ${formatMoney(d.regularize.payAtLeast, { locale })} lifts the block on credit:`);
    for (const i of d.regularize.items) {
      lines.push(`    ${i.id} (${labelOf("because", i.because, locale)}): ${formatMoney(i.open, { locale })} + ${pt ? "multa" : "fine"} ${formatMoney(i.fine, { locale })} + ${pt ? "juros" : "interest"} ${formatMoney(i.interest, { locale })} = ${formatMoney(i.total, { locale })}`);
    }
  }
  if (d.nextChange) lines.push(`  ${pt ? "a partir de" : "from"} ${d.nextChange.date}: ${labelOf("status", d.nextChange.status, locale)} (${d.nextChange.rule})`);
  if (d.customerMessage) lines.push(`  ${pt ? "para o cliente" : "for the customer"}: "${d.customerMessage}"`);
  return lines.join("\n") + "\n";
}

/**
 * Runs the command line. Returns the exit code rather than exiting, so it can be tested and
 * embedded; `bin` calls `process.exit` with it.
 *
 * @example
 * ```ts
 * const code = await main(["policy", "validate", "policy.json"], io);
 * ```
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-v" || command === "version") {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (command === "--help" || command === "-h") {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      policy: { type: "string" }, request: { type: "string" }, receivables: { type: "string" }, receivable: { type: "string" },
      terms: { type: "string" }, "as-of": { type: "string" }, "by-customer": { type: "boolean" }, format: { type: "string" },
      locale: { type: "string" }, separator: { type: "string" }, map: { type: "string" }, fine: { type: "string" }, interest: { type: "string" },
      principal: { type: "string" }, count: { type: "string" }, system: { type: "string" }, rate: { type: "string" }, down: { type: "string" },
      "first-due": { type: "string" }, "include-disputed": { type: "boolean" }, port: { type: "string" }, host: { type: "string" }, tz: { type: "string" }, help: { type: "boolean", short: "h" },
      config: { type: "string" }, customer: { type: "string" }, options: { type: "string" }, tokens: { type: "string" }, insecure: { type: "boolean" },
      version: { type: "boolean", short: "v" }, "tls-cert": { type: "string" }, "tls-key": { type: "string" }, "max-body-bytes": { type: "string" }, "fail-safe": { type: "string" },
    },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return EXIT.invalid;
  }
  const { values, positionals } = parsed;
  // `<command> --help` is a question, never a run.
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const tz = values.tz ?? "America/Sao_Paulo";
  const out = (value: unknown) => { io.stdout(`${JSON.stringify(value, null, 2)}\n`); };
  try {
    const formats = command !== undefined && Object.hasOwn(FORMATS, command) ? FORMATS[command] : undefined;
    if (values.format !== undefined && !formats?.includes(values.format)) {
      throw new UsageError(`--format "${values.format}" is not one of ${formats ? formats.join(", ") : "(none: this command has one output)"} for ${command ?? "this command"}`);
    }
    if (command !== "serve" && !isTimeZone(tz)) throw new UsageError(`--tz "${tz}" is not an IANA time zone (e.g. America/Sao_Paulo)`);
    const asOfFlag = values["as-of"];
    const asOf = asOfFlag ?? (isTimeZone(tz) ? todayIn(tz, io.now()) : "");
    switch (command) {
      case "decide": {
        if (!values.policy) throw new UsageError("decide needs --policy");
        const gate = createCreditGate(definePolicy(readJson(values.policy)));
        // The file may omit asOf: --as-of, else today in --tz, fills it. Not an object: the
        // schema says so at the root.
        const request: unknown = values.request ? readJson(values.request) : parseJsonExact(io.stdin());
        const isObject = typeof request === "object" && request !== null && !Array.isArray(request);
        const decision = gate.decide((isObject ? { ...request, asOf: asOfFor(request as Record<string, unknown>, "asOf", asOfFlag, asOf) } : request) as CheckoutRequestInput);
        if (values.format === "table") io.stdout(describeDecision(decision, values.locale === "en" ? "en" : "pt-BR"));
        else out(decision);
        return decision.outcome === "deny" ? EXIT.deny : decision.outcome === "review" ? EXIT.review : EXIT.ok;
      }
      case "aging": {
        if (!values.receivables && !values.config) throw new UsageError("aging needs --receivables or --config (a source with a ledger query)");
        const ledger = values.receivables ? readLedger(values.receivables, values) : { receivables: await fromSource(values.config ?? "", (s) => s.ledger()), rejected: [] };
        if (io.isTTY && ledger.receivables.length > 100_000) io.stderr(`aging ${ledger.receivables.length.toLocaleString("pt-BR")} títulos…\n`);
        const report = ageReceivables(ledger.receivables, { asOf });
        const format = values.format ?? "table";
        if (format === "json") out(report);
        else if (format === "csv") io.stdout(writeCsv(agingRows(report, values["by-customer"] ?? false), values.separator ?? ","));
        else io.stdout(table(agingRows(report, values["by-customer"] ?? false)));
        for (const r of ledger.rejected) io.stderr(`line ${r.line}: ${r.message}\n`);
        return ledger.rejected.length > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "charges": {
        if (!values.receivable) throw new UsageError("charges needs --receivable");
        const terms = values.terms ? objectIn(readJson(values.terms), "terms") : { finePercent: values.fine ?? "0", monthlyInterestPercent: values.interest ?? "0" };
        out(computeCharges(readJson(values.receivable) as never, { ...terms, asOf: asOfFor(terms, "terms.asOf", asOfFlag, asOf) } as never));
        return EXIT.ok;
      }
      case "payoff": {
        if ((!values.receivables && !(values.config && values.customer)) || !values.terms) throw new UsageError("payoff needs --terms, and --receivables or --config with --customer");
        const customerId = values.customer ?? "";
        const ledger = values.receivables ? readLedger(values.receivables, values) : { receivables: await fromSource(values.config ?? "", (s) => s.receivablesOf(customerId)), rejected: [] };
        // The file is payoff options ({ terms, discounts, asOf? }) or bare charge terms, whose
        // asOf (as the charges command reads it) is the quote's.
        const file = objectIn(readJson(values.terms), "options");
        const { asOf: termsAsOf, ...bareTerms } = file;
        const options = Object.hasOwn(file, "terms")
          ? { ...file, asOf: asOfFor(file, "options.asOf", asOfFlag, asOf) }
          : { terms: bareTerms, asOf: asOfFor(Object.hasOwn(file, "asOf") ? { asOf: termsAsOf } : {}, "options.terms.asOf", asOfFlag, asOf) };
        const quote = quotePayoff(ledger.receivables, { ...options, ...(values["include-disputed"] ? { includeDisputed: true } : {}) } as never);
        out(quote);
        for (const r of ledger.rejected) io.stderr(`line ${r.line}: ${r.message}\n`);
        return ledger.rejected.length > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "collect": {
        if (!values.options || (!values.receivables && !values.config)) throw new UsageError("collect needs --options, and --receivables or --config (a source with a ledger query)");
        const file = objectIn(readJson(values.options), "options");
        const ledger = values.receivables ? readLedger(values.receivables, values) : { receivables: await fromSource(values.config ?? "", (s) => s.ledger()), rejected: [] };
        out(planCollection(ledger.receivables, { ...file, asOf: asOfFor(file, "options.asOf", asOfFlag, asOf) } as never));
        for (const r of ledger.rejected) io.stderr(`line ${r.line}: ${r.message}\n`);
        return ledger.rejected.length > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "plan": {
        const plan = planInstallments({
          principal: values.principal ?? "", count: Number(values.count), system: (values.system ?? "price") as "price",
          ...(values.rate !== undefined ? { monthlyRatePercent: values.rate } : {}), ...(values.down !== undefined ? { downPayment: values.down } : {}),
          firstDueDate: values["first-due"] ?? "",
        });
        if (values.format === "json") out(plan);
        else io.stdout(table([["nº", "vencimento", "parcela", "juros", "amortização", "saldo"], ...plan.installments.map((i) => [String(i.number), i.dueDate, i.payment, i.interest, i.amortization, i.balance])]) + `total ${plan.totalPaid}, juros ${plan.totalInterest}, taxa ${plan.monthlyRatePercent}% a.m. (${plan.yearlyRatePercent}% a.a.)\n`);
        return EXIT.ok;
      }
      case "policy": {
        if (positionals[0] === "schema") {
          out(policyJsonSchema());
          return EXIT.ok;
        }
        if (positionals[0] !== "validate" || !positionals[1]) throw new UsageError("policy validate <file> | policy schema");
        const policy = definePolicy(readJson(positionals[1]));
        io.stdout(`ok: ${policy.id} v${String(policy.version)}, ${policy.rules.length} rules\n`);
        return EXIT.ok;
      }
      case "demo":
        io.stdout(`${await demoWithDatabase()}\n`);
        return EXIT.ok;
      case "serve":
        await runServe(values, process.cwd());
        return EXIT.ok;
      default:
        if (command === undefined || command === "help") {
          io.stdout(USAGE);
          return EXIT.ok;
        }
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof StartupError) {
      io.stderr(`credit-block ${command ?? ""}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof SourceError) {
      io.stderr(`credit-block ${command ?? ""}: ${error.message}\n`);
      return error.code === "MISSING_DRIVER" ? EXIT.invalid : EXIT.unavailable;
    }
    if (error instanceof CreditBlockError) {
      io.stderr(`${error.code}:\n${error.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}\n`);
      return EXIT.invalid;
    }
    if (error instanceof UsageError || error instanceof InputError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      io.stderr(`${(error as Error).message}\n\n${error instanceof UsageError ? USAGE : ""}`);
      return EXIT.invalid;
    }
    throw error;
  }
}

class UsageError extends Error {}

/** The outputs each command can write (`--format`). */
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  decide: ["json", "table"], aging: ["table", "json", "csv"], plan: ["table", "json"], payoff: ["json"], charges: ["json"], collect: ["json"],
};

/** The installed package's version, from its package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(`${packageRoot()}/package.json`, "utf8")) as { version: string }).version;
}

/**
 * Reads títulos through the source of a config file (the nightly jobs need no CSV export),
 * then closes it. A bad config or SQL is a {@link StartupError}; a bad row, a CreditBlockError
 * naming the query and the column.
 */
async function fromSource(configPath: string, read: (source: CustomerSource) => Promise<ReceivableInput[]>): Promise<ReceivableInput[]> {
  let config;
  try {
    config = readServeConfig(configPath, {}, process.cwd());
  } catch (error) {
    throw fileProblem(error, "config", configPath) ?? error;
  }
  if (config.source === undefined) throw new StartupError(`config ${configPath} has no "source"`, EXIT.invalid);
  let source: CustomerSource;
  try {
    // A nightly job reads the whole table: it gets ten minutes, not the checkout's timeoutMs.
    source = await connectSource({ baseDir: config.baseDir, ...config.source, timeoutMs: 600_000 } as never, "config.source");
  } catch (error) {
    if (error instanceof CreditBlockError) throw new StartupError(`config source: ${oneLine(error)}`, EXIT.invalid);
    throw error;
  }
  try {
    return await read(source);
  } finally {
    await source.close();
  }
}

/** A file that is readable but not what the command reads (printed without the usage text). */
class InputError extends Error {}

