/**
 * The `credit-block` command: decide, age a ledger, compute charges and plans, validate a policy,
 * run the HTTP sidecar. Flags through Node's `util.parseArgs`.
 * @module adapters/cli
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  ageReceivables, computeCharges, createCreditGate, CreditBlockError, definePolicy, formatMoney, issue, labelOf, planCollection, planInstallments, quotePayoff,
  type AgingOptions, type AgingReport, type Locale, type CheckoutRequestInput, type Decision, type ReceivableInput,
} from "credit-block";
import { agingDefaultsOf } from "../agingPolicy.js";
import { policyJsonSchema } from "credit-block/json-schema";
import { pixEncoder } from "credit-block/pix";
import { todayIn } from "../http/index.js";
import { isTimeZone } from "../options.js";
import { connectSource, SourceError, type CustomerSource } from "../source/index.js";
import { readServeConfig } from "./config.js";
import { ReplayUsageError, runReplay } from "./replay/command.js";
import { boletoArgs, runBoleto } from "./boletoCommand.js";
import { MissingQrLibrary, runPix } from "./pixCommand.js";
import { fileProblem, oneLine, runServe, StartupError } from "./serveCommand.js";
import { demoWithDatabase, packageRoot } from "./demo.js";
import { JsonFileError, parseJsonFile, readJsonFile } from "./jsonFile.js";
import { FileProblem } from "./ledger/index.js";
import { openLedger, relined, withoutRefusedRows, type LedgerInput } from "./ledgerInput.js";
import { dateCell, moneyCell, outputStyle, writeCsv, writeTable, type OutputStyle } from "./output.js";

/** A policy or options naming the store's Pix receiver get its BR Code (`regularize.pix`, `pix`, `{pixCopiaECola}`). */
const ENCODERS = { pix: pixEncoder };

/** Where the command writes; injectable for tests. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
  readonly isTTY: boolean;
  readonly now: () => Date;
  /** Where a progress bar draws (stderr); none in tests. */
  readonly progressStream?: NodeJS.WritableStream;
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
           [--as-of YYYY-MM-DD] [--policy policy.json] [--by-customer] [--format table|json|csv]
  charges  --receivable r.json | --receivables ledger.csv   --terms terms.json | --fine 2 --interest 1 [--as-of DATE] [--format json|table|csv]
  payoff   --receivables ledger.csv|json [--customer ID | --by-customer] | --config cfg.json --customer ID   --terms terms.json
           [--as-of DATE] [--include-disputed] [--format json|table|csv]
  collect  --options collection.json --receivables ledger.csv|json | --config cfg.json   [--as-of DATE]   (the day's collection steps)
  plan     --principal 1000.00 --count 6 --system price|sac|none [--rate 1.99] [--down 200.00] --first-due DATE
  policy validate policy.json      every problem, with its JSON path
  policy schema                    the JSON Schema of a policy file
  serve    --config credit-block.config.json | --policy policy.json   [--port 8787] [--host 127.0.0.1] [--tz America/Sao_Paulo]
           [--tokens tokens.txt] [--insecure] [--tls-cert cert.pem --tls-key key.pem] [--max-body-bytes N] [--fail-safe review|deny]
           SIGHUP reloads the policy and tokens; SIGTERM drains, then exits 0; start-up failures exit 1 (config) or 5 (system)
  replay   --policy current.json [--compare proposed.json] --sales sales.csv --receivables ledger.csv   what the policy would have done to past sales
           [--payments payments.csv] [--customers customers.json] (or --history history.json) [--workers N|auto]
           [--end-date DATE] [--loss-after 90] [--conversion 0.3] [--shard i/n] [--json replay.json] [--report replay.html] [--format json|table]
  replay merge a.json b.json …   shard reports into one (shards need the same --end-date)
  pix      --key CHAVE --name "Loja do Zé" --city "São Paulo" [--amount 152.37] [--txid ID] [--description TEXT] [--postal-code CEP]
           [--svg qr.svg]   the static Pix BR Code ("copia e cola") on stdout; --svg also draws its QR code (needs: npm install uqr)
  boleto   LINE [--as-of YYYY-MM-DD] [--json | --format table|json]   a boleto's linha digitável (47 digits), arrecadação line (48)
           or barcode (44), check digits verified: bank, amount, due date (the factor's cycle nearest to --as-of, default today)
  demo     the library at work on the sample store (what npm start runs)

  Reading a CSV export (aging, charges, payoff, collect): encoding, separator, decimal mark and date
  order are detected and printed on stderr; fix any of them with
           [--encoding utf-8|windows-1252|utf-16le] [--separator ";"|,|tab] [--decimal ,|.] [--date-format dd/MM/yyyy|MM/dd/yyyy|yyyy-MM-dd]
           [--map "Header=field,..."] [--progress | --no-progress]
  Writing: [--locale pt-BR|en] (R$ 1.234,56 and dd/mm/aaaa in tables; decimal comma and ';' in CSV) [--excel] (BOM + CRLF)
  --version, -v    the package version;  --help, -h (also after a command)   this text
`;

const readJson = (path: string): unknown => readJsonFile(path);

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

/** The aging report as rows: bands, total, and the balances left out, each apart. */
function agingRows(report: AgingReport, byCustomer: boolean, style: OutputStyle, target: "table" | "csv"): string[][] {
  const money = (v: string) => moneyCell(v, style, target);
  const pt = style.locale !== "en";
  if (byCustomer) {
    return [[pt ? "cliente" : "customer", ...report.buckets.map((b) => b.label), "total", pt ? "vencido" : "overdue", pt ? "dias" : "days"], ...report.customers.map((c) => [c.customerId, ...c.buckets.map(money), money(c.total), money(c.overdue), String(c.maxDaysOverdue)])];
  }
  const excluded = report.excluded;
  return [
    [pt ? "faixa" : "band", pt ? "valor" : "amount", pt ? "títulos" : "títulos"],
    ...report.buckets.map((b) => [b.label, money(b.amount), String(b.count)]),
    ["total", money(report.total), String(report.count)],
    [pt ? "em disputa (fora do total)" : "disputed (not in total)", money(excluded.disputed), ""],
    [pt ? "baixado como perda (fora do total)" : "written off (not in total)", money(excluded.writtenOff), ""],
    [pt ? "renegociado (fora do total)" : "renegotiated (not in total)", money(excluded.renegotiated), ""],
    [pt ? "abaixo do mínimo (fora do total)" : "below threshold (not in total)", money(excluded.belowThreshold), ""],
  ];
}

/** The aging options a policy file sets (grace days, ignore-below, calendar, currency), so aging agrees with decide. */
function policyAgingOptions(path: string | undefined): Partial<AgingOptions> {
  return path === undefined ? {} : agingDefaultsOf(definePolicy(readJson(path)));
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
    args: command === "boleto" ? boletoArgs(rest) : rest,
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
      compare: { type: "string" }, history: { type: "string" }, sales: { type: "string" }, payments: { type: "string" }, customers: { type: "string" }, workers: { type: "string" }, shard: { type: "string" }, "end-date": { type: "string" }, "loss-after": { type: "string" },
      conversion: { type: "string" }, json: { type: "string" }, report: { type: "string" },
      key: { type: "string" }, name: { type: "string" }, city: { type: "string" }, amount: { type: "string" }, txid: { type: "string" },
      description: { type: "string" }, "postal-code": { type: "string" }, svg: { type: "string" },
      encoding: { type: "string" }, decimal: { type: "string" }, "date-format": { type: "string" }, excel: { type: "boolean" }, progress: { type: "boolean" }, "no-progress": { type: "boolean" },
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
    const style = outputStyle(values);
    const readLedger = (path: string) => openLedger(path, values, { tty: io.isTTY, stream: io.progressStream }, io.stderr);
    /** Runs `job` over the ledger at `path`, rows the library refuses set aside as rejected; prints the rejected rows. */
    const overLedger = async <T>(path: string, job: (rows: Iterable<ReceivableInput>) => T): Promise<{ result: T; rejected: number }> => {
      const { result, ledger } = await withoutRefusedRows(await readLedger(path), () => openLedger(path, values, { tty: false, stream: undefined }, io.stderr, true), job);
      ledger.finish(io.stderr);
      return { result, rejected: ledger.rejected.count };
    };
    /** A list as JSON (with `whole` when given), or as a table / CSV of `header` and `cells`. */
    const writeRows = <T>(format: string, rows: readonly T[], header: string[], cells: (row: T) => string[], whole?: unknown) => {
      if (format === "json") { out(whole ?? rows); return; }
      const moneyFrom = header.findIndex((h) => h === "saldo");
      const styled = (row: T) => cells(row).map((c, i) => (moneyFrom >= 0 && i >= moneyFrom && header[i] !== "títulos" ? moneyCell(c, style, format === "csv" ? "csv" : "table") : c));
      const rowsOut = [header, ...rows.map(styled)];
      io.stdout(format === "csv" ? writeCsv(rowsOut, style) : writeTable(rowsOut));
    };
    switch (command) {
      case "decide": {
        if (!values.policy) throw new UsageError("decide needs --policy");
        const gate = createCreditGate(definePolicy(readJson(values.policy)), ENCODERS);
        // The file may omit asOf: --as-of, else today in --tz, fills it. Not an object: the
        // schema says so at the root.
        const request: unknown = values.request ? readJson(values.request) : parseJsonFile(Buffer.from(io.stdin(), "utf8"), "stdin");
        const isObject = typeof request === "object" && request !== null && !Array.isArray(request);
        const decision = gate.decide((isObject ? { ...request, asOf: asOfFor(request as Record<string, unknown>, "asOf", asOfFlag, asOf) } : request) as CheckoutRequestInput);
        if (values.format === "table") io.stdout(describeDecision(decision, values.locale === "en" ? "en" : "pt-BR"));
        else out(decision);
        return decision.outcome === "deny" ? EXIT.deny : decision.outcome === "review" ? EXIT.review : EXIT.ok;
      }
      case "aging": {
        if (!values.receivables && !values.config) throw new UsageError("aging needs --receivables or --config (a source with a ledger query)");
        const options: AgingOptions = { ...policyAgingOptions(values.policy), asOf };
        const { result: report, rejected } = values.receivables
          ? await overLedger(values.receivables, (rows) => ageReceivables(rows, options))
          : { result: ageReceivables(await fromSource(values.config ?? "", (s) => s.ledger()), options), rejected: 0 };
        const format = values.format ?? "table";
        if (format === "json") out(report);
        else if (format === "csv") io.stdout(writeCsv(agingRows(report, values["by-customer"] ?? false, style, "csv"), style));
        else io.stdout(writeTable(agingRows(report, values["by-customer"] ?? false, style, "table")));
        return rejected > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "charges": {
        if (!values.receivable && !values.receivables) throw new UsageError("charges needs --receivable (one título, JSON) or --receivables (a ledger)");
        const terms = values.terms ? objectIn(readJson(values.terms), "terms") : { finePercent: values.fine ?? "0", monthlyInterestPercent: values.interest ?? "0" };
        const chargeTerms = { ...terms, asOf: asOfFor(terms, "terms.asOf", asOfFlag, asOf) } as never;
        if (values.receivable) {
          out(computeCharges(readJson(values.receivable) as never, chargeTerms));
          return EXIT.ok;
        }
        const ledger = await readLedger(values.receivables ?? "");
        const rows = chargesOfLedger(ledger, chargeTerms);
        ledger.finish(io.stderr);
        writeRows(values.format ?? "json", rows, ["título", "cliente", "vencimento", "dias", "saldo", "correção", "multa", "juros", "total"], (r) => [r.id, r.customerId, dateCell(r.dueDate, style), String(r.charges.daysLate), ...[r.charges.principal, r.charges.correction, r.charges.fine, r.charges.interest, r.charges.total]]);
        return ledger.rejected.count > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "payoff": {
        if ((!values.receivables && !(values.config && values.customer)) || !values.terms) throw new UsageError("payoff needs --terms, and --receivables or --config with --customer");
        if (values.customer !== undefined && values["by-customer"]) throw new UsageError("payoff takes --customer ID or --by-customer, not both");
        const customerId = values.customer;
        // The file is payoff options ({ terms, discounts, asOf? }) or bare charge terms, whose
        // asOf (as the charges command reads it) is the quote's.
        const file = objectIn(readJson(values.terms), "options");
        const { asOf: termsAsOf, ...bareTerms } = file;
        const options = Object.hasOwn(file, "terms")
          ? { ...file, asOf: asOfFor(file, "options.asOf", asOfFlag, asOf) }
          : { terms: bareTerms, asOf: asOfFor(Object.hasOwn(file, "asOf") ? { asOf: termsAsOf } : {}, "options.terms.asOf", asOfFlag, asOf) };
        const quoteOptions = { ...options, ...(values["include-disputed"] ? { includeDisputed: true } : {}) } as never;
        const quote = (list: ReceivableInput[]) => quotePayoff(list, quoteOptions, ENCODERS);
        // Over a file, the whole ledger is quoted once first, so a refused row is named by its line.
        const { result: receivables, rejected } = values.receivables
          ? await overLedger(values.receivables, (rows) => {
            const all = [...rows];
            quote(all);
            return customerId === undefined ? all : all.filter((r) => r.customerId === customerId);
          })
          : { result: await fromSource(values.config ?? "", (s) => s.receivablesOf(customerId ?? "")), rejected: 0 };
        if (values["by-customer"]) {
          const quotes = [...groupByCustomer(receivables)].map(([id, list]) => ({ customerId: id, quote: quote(list) }));
          writeRows(values.format ?? "json", quotes, ["cliente", "títulos", "saldo", "correção", "multa", "juros", "desconto", "total"], (q) => [q.customerId, String(q.quote.lines.length), q.quote.totals.principal, q.quote.totals.correction, q.quote.totals.fine, q.quote.totals.interest, q.quote.discount, q.quote.net]);
        } else {
          const one = quote(receivables);
          writeRows(values.format ?? "json", one.lines, ["título", "dias", "saldo", "correção", "multa", "juros", "total"], (l) => [l.receivableId, String(l.charges.daysLate), l.charges.principal, l.charges.correction, l.charges.fine, l.charges.interest, l.charges.total], one);
        }
        return rejected > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "collect": {
        if (!values.options || (!values.receivables && !values.config)) throw new UsageError("collect needs --options, and --receivables or --config (a source with a ledger query)");
        const file = objectIn(readJson(values.options), "options");
        const collectOptions = { ...file, asOf: asOfFor(file, "options.asOf", asOfFlag, asOf) } as never;
        const { result: plan, rejected } = values.receivables
          ? await overLedger(values.receivables, (rows) => planCollection([...rows], collectOptions, ENCODERS))
          : { result: planCollection(await fromSource(values.config ?? "", (s) => s.ledger()), collectOptions, ENCODERS), rejected: 0 };
        out(plan);
        return rejected > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "plan": {
        const plan = planInstallments({
          principal: values.principal ?? "", count: Number(values.count), system: (values.system ?? "price") as "price",
          ...(values.rate !== undefined ? { monthlyRatePercent: values.rate } : {}), ...(values.down !== undefined ? { downPayment: values.down } : {}),
          firstDueDate: values["first-due"] ?? "",
        });
        if (values.format === "json") out(plan);
        else io.stdout(writeTable([["nº", "vencimento", "parcela", "juros", "amortização", "saldo"], ...plan.installments.map((i) => [String(i.number), i.dueDate, i.payment, i.interest, i.amortization, i.balance])]) + `total ${plan.totalPaid}, juros ${plan.totalInterest}, taxa ${plan.monthlyRatePercent}% a.m. (${plan.yearlyRatePercent}% a.a.)\n`);
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
      case "replay": {
        const replayed = await runReplay(values, positionals, { tty: io.isTTY, stream: io.progressStream }, io.stderr);
        io.stdout(replayed.text);
        return replayed.rejectedRows > 0 ? EXIT.rejectedRows : EXIT.ok;
      }
      case "pix":
        if (values.key === undefined || values.name === undefined || values.city === undefined) throw new UsageError("pix needs --key, --name and --city (the receiver as its bank has it)");
        io.stdout(await runPix(values));
        return EXIT.ok;
      case "boleto":
        if (positionals.length === 0) throw new UsageError("boleto needs the linha digitável or barcode: credit-block boleto \"10492.00650 61000.100042 …\"");
        io.stdout(runBoleto(positionals, { asOf, format: values.format ?? "table", locale: values.locale === "en" ? "en" : "pt-BR" }));
        return EXIT.ok;
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
    if (error instanceof FileProblem || error instanceof JsonFileError || error instanceof MissingQrLibrary) {
      io.stderr(`credit-block ${command ?? ""}: ${error.message}\n`);
      return EXIT.invalid;
    }
    if (error instanceof UsageError || error instanceof ReplayUsageError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      io.stderr(`${(error as Error).message}\n\n${error instanceof UsageError || error instanceof ReplayUsageError ? USAGE : ""}`);
      return EXIT.invalid;
    }
    throw error;
  }
}

class UsageError extends Error {}

/** The outputs each command can write (`--format`). */
const FORMATS: Readonly<Record<string, readonly string[]>> = {
  decide: ["json", "table"], aging: ["table", "json", "csv"], plan: ["table", "json"], payoff: ["json", "table", "csv"], charges: ["json", "table", "csv"], collect: ["json"], replay: ["json", "table"],
  boleto: ["table", "json"],
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

/** Títulos per customer, customers in id order (`""` for títulos without one). */
function groupByCustomer(list: readonly ReceivableInput[]): Map<string, ReceivableInput[]> {
  const groups = new Map<string, ReceivableInput[]>();
  for (const r of list) {
    const id = r.customerId ?? "";
    const group = groups.get(id);
    if (group) group.push(r);
    else groups.set(id, [r]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Charges of every open título of a ledger at the terms' date, one line each. Settled títulos
 * owe nothing; disputed, written-off and renegotiated ones are not charged (CDC art. 42: no
 * charge on what is contested or no longer owed as such).
 */
function chargesOfLedger(ledger: LedgerInput, terms: never): { id: string; customerId: string; dueDate: string; charges: ReturnType<typeof computeCharges> }[] {
  const rows: { id: string; customerId: string; dueDate: string; charges: ReturnType<typeof computeCharges> }[] = [];
  let index = 0;
  const seen = new Map<string, number>();
  for (const r of ledger.receivables) {
    const at = index++;
    const first = seen.get(r.id);
    if (first !== undefined) {
      throw relined(new CreditBlockError("INVALID_INPUT", [issue(`receivables[${at}].id`, "duplicate_id", { id: r.id, first: `receivables[${first}]` })]), ledger);
    }
    seen.set(r.id, at);
    if (r.status !== undefined && r.status !== "open") continue;
    if (r.openAmount !== undefined && /^0+(?:\.0+)?$/.test(String(r.openAmount))) continue;
    try {
      rows.push({ id: r.id, customerId: r.customerId ?? "", dueDate: r.dueDate, charges: computeCharges(r, terms) });
    } catch (error) {
      // A row the library refuses (too many decimals, saldo above valor) is set aside; bad terms are the command's.
      const aboutRow = error instanceof CreditBlockError && error.issues.every((i) => /^receivable\b/.test(i.path));
      if (!aboutRow) throw error;
      ledger.rejected.add(ledger.lineOf?.(at) ?? at + 1, error.issues.map((i) => `${i.path.replace(/^receivable\.?/, "") || "row"}: ${i.message}`).join("; "));
    }
  }
  return rows;
}

