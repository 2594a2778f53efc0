/**
 * `credit-block/source`: read customers and their open títulos from the store's own database,
 * so a POS in any language sends only `{ customerId, sale }`. PostgreSQL through `pg` for
 * production, PGlite (`@electric-sql/pglite`, PostgreSQL in WebAssembly) embedded for a single
 * shop, the demo and the tests: the same SQL on both. Both are optional peer dependencies; a
 * missing one is a {@link SourceError} naming the package to install.
 * @module adapters/source
 */
import { CreditBlockError, DEFAULT_CURRENCY, IdSchema, issue, parseInput, type CurrencyCode, type Issue, type ReceivableInput } from "credit-block";
import { isPglite, pgDriverOf, pgliteDriver, pgliteDriverOf, postgresDriver, type Driver, type SourceRow } from "./drivers.js";
import { SourceError } from "./errors.js";
import { customerFromRows, receivablesFromRows, type LoadedCustomer } from "./rows.js";
import { prepareQuery, throwIfAny, type PreparedQuery, type QueryName } from "./sql.js";
import { OptionsCheck } from "../options.js";

export { SourceError, type SourceErrorCode } from "./errors.js";
export type { LoadedCustomer } from "./rows.js";

/** Most a query may take, in milliseconds (an hour: a nightly ledger; a checkout waits far less). */
const MAX_TIMEOUT_MS = 3_600_000;

/**
 * Where the data is and the SQL that reads it. Each query returns columns named as the
 * library's fields (SQL aliases: `limite::text AS "creditLimit"`); `$customerId` is the one
 * parameter. NULL columns count as absent.
 */
export interface SourceConfig {
  /** `postgres://user@host:5432/db` (or `postgresql://`), `pglite:./dir`, or `pglite:memory:`. */
  readonly url?: string;
  /** Instead of `url`: a `pg` Pool or Client, or a PGlite instance, that you made and close. */
  readonly client?: object;
  /** One row (or none: a customer with no record) with the customer's fields; `id` required. */
  readonly customer: string;
  /** The customer's títulos, one row each (an empty result is "no debts"). */
  readonly receivables: string;
  /** Released orders not yet invoiced, one `amount` each: summed into `pendingExposure`. */
  readonly pendingOrders?: string;
  /** Every open título of every customer (with `customerId`), for the nightly aging run. */
  readonly ledger?: string;
  /** Most milliseconds a query may take; default 800 (a checkout's wait; the sidecar takes at most 60,000). */
  readonly timeoutMs?: number;
  /** The currency the money columns are in; default BRL (the policy's, in the sidecar). */
  readonly currency?: CurrencyCode;
  /** Directory a relative `pglite:` path is resolved against (the config file's). */
  readonly baseDir?: string;
  /**
   * A customer id the customer query finds no row for: `"new"` (default, DESIGN.md: a customer
   * with no record, no limit, segment `new`, whom the policy's rules on `segment` or
   * `creditLimit` judge) or `"missing"` (refused like missing data, so credit gets the fail-safe
   * action: a mistyped CPF never gets credit without a limit).
   */
  readonly unknownCustomer?: "new" | "missing";
}

/** A connected source. */
export interface CustomerSource {
  readonly kind: "postgres" | "pglite";
  /** The longest a checkout waits for {@link CustomerSource.load}, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * One customer, their títulos and pending orders, checked by the request schemas. Rejects
   * with a {@link SourceError} when the database fails, and a `CreditBlockError` (paths such
   * as `source.receivables[3].amount`) when a row is not valid: never a half-used customer.
   */
  load(customerId: string): Promise<LoadedCustomer>;
  /** The customer's títulos alone (payoff of one customer). */
  receivablesOf(customerId: string): Promise<ReceivableInput[]>;
  /** Every título the `ledger` query returns (aging, collection). */
  ledger(): Promise<ReceivableInput[]>;
  /** Runs `SELECT 1`; resolves with the round trip in milliseconds. */
  ping(): Promise<number>;
  /**
   * Runs the checkout's queries for an id no customer has (`""`): a misspelt column or table
   * fails here, at start-up and in `/v1/ready`, not on every credit sale. Resolves with the
   * round trip in milliseconds.
   */
  check(): Promise<number>;
  close(): Promise<void>;
}

const SCHEMES = /^(?:postgres(?:ql)?:\/\/|pglite:)/;

/** The issues of a configuration, every one at once, paths under `path` (`source`). */
function checkConfig(config: SourceConfig, path: string): { queries: Partial<Record<QueryName, PreparedQuery>>; issues: Issue[] } {
  const issues: Issue[] = [];
  try {
    new OptionsCheck(config, path)
      .string("url").is("client", "a pg Pool or Client, or a PGlite instance", (c) => typeof c === "object" && c !== null && typeof (c as { query?: unknown }).query === "function")
      .is("customer", "string", (v) => typeof v === "string", true).is("receivables", "string", (v) => typeof v === "string", true)
      .string("pendingOrders").string("ledger").integer("timeoutMs", 1, MAX_TIMEOUT_MS).string("currency").string("baseDir").oneOf("unknownCustomer", ["new", "missing"])
      .done();
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
  const known = new Set(["url", "client", "customer", "receivables", "pendingOrders", "ledger", "timeoutMs", "currency", "baseDir", "unknownCustomer"]);
  for (const key of Object.keys(config)) if (!known.has(key)) issues.push(issue(`${path}.${key}`, "unknown_key", { key }));
  if (config.url === undefined && config.client === undefined) issues.push(issue(`${path}.url`, "required"));
  if (config.url !== undefined && config.client !== undefined) issues.push(issue(`${path}.client`, "conflicting_value", { value: "client", other: `${path}.url`, otherValue: "url" }));
  if (typeof config.url === "string" && !SCHEMES.test(config.url)) issues.push(issue(`${path}.url`, "invalid_format", { format: "source URL (postgres://…, postgresql://…, pglite:./dir or pglite:memory:)" }));
  const queries: Partial<Record<QueryName, PreparedQuery>> = {};
  for (const [name, needsId] of [["customer", true], ["receivables", true], ["pendingOrders", true], ["ledger", false]] as const) {
    const sql = config[name];
    if (typeof sql !== "string") continue;
    const prepared = prepareQuery(name, sql, `${path}.${name}`, needsId);
    if ("text" in prepared) queries[name] = prepared;
    else issues.push(prepared);
  }
  return { queries, issues };
}

function pgliteDir(url: string, baseDir: string | undefined): string | undefined {
  const dir = url.slice("pglite:".length);
  if (dir === "" || dir === "memory:" || dir === "memory://") return undefined;
  if (dir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(dir) || baseDir === undefined) return dir;
  return `${baseDir.replace(/[\\/]+$/, "")}/${dir}`;
}

/**
 * Connects to the store's database and checks the SQL at once (a query without `$customerId`,
 * or with another placeholder, is refused here, not on the first checkout).
 *
 * @example
 * ```ts
 * import { connectSource } from "credit-block/source";
 * const source = await connectSource({
 *   url: "postgres://pos@127.0.0.1:5432/loja",
 *   customer: `SELECT cpf AS id, limite::text AS "creditLimit" FROM clientes WHERE cpf = $customerId`,
 *   receivables: `SELECT id, saldo::text AS amount, vencimento::text AS "dueDate" FROM titulos WHERE cpf = $customerId`,
 * });
 * const { customer, receivables } = await source.load("123.456.789-09");
 * ```
 */
export async function connectSource(config: SourceConfig, path = "source"): Promise<CustomerSource> {
  const { queries, issues } = checkConfig(config, path);
  throwIfAny(issues);
  const required = (name: QueryName): PreparedQuery => {
    const query = queries[name];
    if (!query) throw new CreditBlockError("INVALID_INPUT", [issue(`${path}.${name}`, "required")]);
    return query;
  };
  // A checkout's queries, in the order their rows are read, and the name a failure gives them.
  const checkout = [required("customer"), required("receivables"), ...(queries.pendingOrders ? [queries.pendingOrders] : [])];
  const checkoutNames = checkout.map((q) => q.name).join("/");
  const batchFor = (customerId: string) => checkout.map((q) => ({ name: q.name, text: q.text, params: [customerId] }));
  const timeoutMs = config.timeoutMs ?? 800;
  const currency = config.currency ?? DEFAULT_CURRENCY;
  let driver: Driver;
  if (config.client !== undefined) driver = isPglite(config.client) ? pgliteDriverOf(config.client, false) : pgDriverOf(config.client as never);
  else if (config.url?.startsWith("pglite:")) driver = await pgliteDriver(pgliteDir(config.url, config.baseDir));
  else driver = await postgresDriver(config.url ?? "", timeoutMs);
  let closed = false;

  const failure = (names: string, error: unknown): SourceError => {
    const message = error instanceof Error ? error.message : String(error);
    const late = /timeout|canceling statement/i.test(message);
    return new SourceError(late ? "TIMEOUT" : "QUERY_FAILED", `source query ${names} ${late ? "took too long" : "failed"}: ${message}`, { cause: error });
  };
  const run = async (query: PreparedQuery, customerId?: string): Promise<readonly SourceRow[]> => {
    if (closed) throw new SourceError("CLOSED", "the source is closed");
    try {
      return await driver.query(query.text, query.takesCustomerId && customerId !== undefined ? [customerId] : []);
    } catch (error) {
      throw failure(query.name, error);
    }
  };

  return {
    kind: driver.kind,
    timeoutMs,
    async load(customerId) {
      parseInput(IdSchema, customerId, "customerId");
      if (closed) throw new SourceError("CLOSED", "the source is closed");
      let rows: (readonly SourceRow[])[];
      try {
        rows = await driver.batch(batchFor(customerId));
      } catch (error) {
        throw failure(checkoutNames, error);
      }
      const [customer = [], receivables = [], pendingOrders] = rows;
      return customerFromRows(customerId, { customer, receivables, pendingOrders: pendingOrders ?? null }, currency, config.unknownCustomer);
    },
    async receivablesOf(customerId) {
      parseInput(IdSchema, customerId, "customerId");
      const issues: Issue[] = [];
      const rows = receivablesFromRows(await run(required("receivables"), customerId), "receivables", currency, issues, customerId);
      throwIfAny(issues);
      return rows;
    },
    async ledger() {
      const issues: Issue[] = [];
      const rows = receivablesFromRows(await run(required("ledger")), "ledger", currency, issues);
      throwIfAny(issues);
      return rows;
    },
    async ping() {
      const started = performance.now();
      await run({ name: "customer", text: "SELECT 1", takesCustomerId: false });
      return Math.round((performance.now() - started) * 100) / 100;
    },
    async check() {
      if (closed) throw new SourceError("CLOSED", "the source is closed");
      const started = performance.now();
      try {
        await driver.batch(batchFor(""));
      } catch (error) {
        throw failure(checkoutNames, error);
      }
      return Math.round((performance.now() - started) * 100) / 100;
    },
    async close() {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
