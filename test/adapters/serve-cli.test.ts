import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { ageReceivables, presets, quotePayoff, type ReceivableInput } from "credit-block";
import { cliArgs } from "../support/cli.js";
import { seedSampleStore } from "../../src/adapters/cli/sampleDatabase.js";
import { QUERIES, ROOT, STORE } from "../support/sampleDatabase.js";

const dir = mkdtempSync(join(tmpdir(), "cb-serve-cli-"));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const policyPath = write("policy.json", presets.blockCreditWhenOverdue({ graceDays: 5 }));

/** The real command, as a service manager runs it: exit code and what it wrote. */
function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliArgs, ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}

let busy: Server;
let busyPort = 0;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => { r(); }));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => {
  busy.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("credit-block serve: start-up failures exit non-zero with one line, never a stack trace", () => {
  mkdirSync(join(dir, "a-directory"));
  const cases: [string, string[], number, RegExp][] = [
    ["a config file that does not exist", ["--config", join(dir, "missing.json")], 1, /config .*missing\.json does not exist/],
    ["a config that is a directory", ["--config", join(dir, "a-directory")], 1, /is a directory/],
    ["a config that is not JSON", ["--config", write("broken.json", "{ port: 1")], 1, /is not valid JSON/],
    ["a config with a misspelt key", ["--config", write("typo.json", { policy: "policy.json", prot: 8787 })], 1, /config\.prot: unknown field "prot"/],
    ["a policy that does not exist", ["--policy", join(dir, "nope.json")], 1, /policy .*nope\.json does not exist/],
    ["an invalid policy", ["--policy", write("bad-policy.json", { id: "x", version: 1, rules: [{ id: "r", when: { fact: "nope", op: "eq", value: 1 }, scope: "credit", action: "deny" }] })], 1, /invalid|unknown fact/i],
    ["a bad time zone", ["--policy", policyPath, "--tz", "America/Sao_Pablo"], 1, /time zone "America\/Sao_Pablo" is not an IANA zone/],
    ["a port in use", ["--policy", policyPath, "--port", "PORT"], 5, /already in use/],
    ["a public address without tokens", ["--policy", policyPath, "--host", "0.0.0.0", "--port", "0"], 1, /token|insecure/i],
    ["a tokens file that does not exist", ["--policy", policyPath, "--tokens", join(dir, "tokens.txt")], 1, /tokens file .* does not exist/],
    ["a source whose SQL lacks $customerId", ["--config", write("nosql.json", { policy: "policy.json", source: { url: "pglite:memory:", customer: "SELECT 1 AS id", receivables: QUERIES.receivables } })], 1, /config\.source\.customer: .*\$customerId/],
    ["a source whose SQL names a table the database lacks", ["--config", write("notable.json", { policy: "policy.json", source: { url: "pglite:memory:", ...QUERIES } })], 1, /source query customer\/receivables\/pendingOrders failed: relation "clientes" does not exist/],
    ["a TLS key without its certificate", ["--policy", policyPath, "--tls-key", policyPath], 1, /both --tls-cert and --tls-key/],
  ];
  it.concurrent.each(cases)("%s", async (_name, args, code, message) => {
    const result = await cli(["serve", ...args.map((a) => (a === "PORT" ? String(busyPort) : a))]);
    expect(result.code, result.stderr).toBe(code);
    const lines = result.stderr.trim().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at |Error: /);
  });
});

describe("batch commands read the same source (no CSV export for the nightly jobs)", () => {
  let config = "";
  beforeAll(async () => {
    const data = join(dir, "loja-db");
    const db = new PGlite(data);
    await db.waitReady;
    await seedSampleStore(db, STORE, ROOT);
    await db.close();
    // A relative pglite: path is relative to the config file, wherever the command runs.
    config = write("credit-block.config.json", { policy: "policy.json", source: { url: "pglite:./loja-db", ...QUERIES } });
  }, 60_000);

  it("aging --config ages the ledger query's títulos exactly as the same títulos from a file", async () => {
    const result = await cli(["aging", "--config", config, "--as-of", STORE.asOf, "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(ageReceivables(STORE.receivables as unknown as ReceivableInput[], { asOf: STORE.asOf }))));
  });

  it("payoff --config --customer quotes one customer's títulos from the receivables query", async () => {
    const terms = write("terms.json", { finePercent: "2", monthlyInterestPercent: "1" });
    const result = await cli(["payoff", "--config", config, "--customer", "C0016", "--terms", terms, "--as-of", STORE.asOf]);
    expect(result.code, result.stderr).toBe(0);
    const own = STORE.receivables.filter((r) => r.customerId === "C0016") as unknown as ReceivableInput[];
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(quotePayoff(own, { asOf: STORE.asOf, terms: { finePercent: "2", monthlyInterestPercent: "1" } }))));
  });

  it("collect --config plans the day's collection steps over the ledger query", async () => {
    const options = write("collection.json", {
      creditor: { name: STORE.store.name, document: STORE.store.cnpj, address: "Rua do Comércio, 100, São Paulo/SP" },
      cadence: [
        { id: "lembrete", offsetDays: -3, channel: "sms", template: "Parcela de {amount} vence em {dueDate}. {creditorName}, CNPJ {creditorDocument}" },
        { id: "vencida", offsetDays: 2, channel: "email", template: "Parcela de {amount} vencida em {dueDate}. {creditorName}, CNPJ {creditorDocument}" },
      ],
    });
    const fromDb = await cli(["collect", "--config", config, "--options", options, "--as-of", STORE.asOf]);
    const fromFile = await cli(["collect", "--receivables", join(ROOT, "examples/data/store.json"), "--options", options, "--as-of", STORE.asOf]);
    expect(fromDb.code, fromDb.stderr).toBe(0);
    expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect((JSON.parse(fromDb.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it("a config without a source, or a database that cannot be opened, is one line and a non-zero exit", async () => {
    const none = await cli(["aging", "--config", write("plain.json", { policy: "policy.json" })]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/has no "source"/);
  });
});

describe("the guide to connect your database", () => {
  it("shows the shipped example config byte for byte, and the tables its SQL reads", () => {
    const section = readFileSync(join(ROOT, "docs/guides/connect-your-database.md"), "utf8");
    const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(join(ROOT, "examples/database/credit-block.config.json"), "utf8"));
    const schema = /```sql\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    for (const table of ["clientes", "titulos", "pedidos"]) expect(schema).toContain(`CREATE TABLE ${table}`);
  });
});

describe("why a checkout was answered fail-safe, as the log says it", () => {
  it("names codes, paths and the SQL state, never the customer id or a value", async () => {
    const { reasonOf } = await import("../../src/adapters/cli/serveCommand.js");
    const { CreditBlockError: Err, issue } = await import("credit-block");
    const { SourceError } = await import("../../src/adapters/source/index.js");
    const cpf = "123.456.789-09";
    const rows = reasonOf(new Err("INVALID_INPUT", [issue("source.customer[0].id", "invalid_value", { options: JSON.stringify(cpf) })]));
    const driver = reasonOf(new SourceError("QUERY_FAILED", `source query customer/receivables failed: invalid input syntax for type integer: "${cpf}"`, { cause: Object.assign(new Error("x"), { code: "22P02" }) }));
    expect(rows).toEqual({ reason: "invalid rows", issues: ["source.customer[0].id invalid_value"] });
    expect(driver).toEqual({ reason: "QUERY_FAILED", query: "customer/receivables", sqlState: "22P02" });
    expect(JSON.stringify([rows, driver])).not.toContain(cpf);
  });
});
