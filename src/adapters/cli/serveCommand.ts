/**
 * `credit-block serve`: the sidecar as a service. Start-up problems (config, policy, zone,
 * tokens, TLS files, the source's SQL, a port in use) end the process with one line and a
 * non-zero code, so systemd, Docker or a Windows service manager sees the failure.
 */
import { readFileSync } from "node:fs";
import { CreditBlockError, definePolicy, type Policy } from "credit-block";
import { pixEncoder } from "credit-block/pix";
import { createHandler } from "../http/index.js";
import { serve, ServeError } from "../node/index.js";
import { connectSource, SourceError, type CustomerSource } from "../source/index.js";
import { isTimeZone } from "../options.js";
import { parseJsonExact } from "../json.js";
import { readServeConfig, readTokens, type ServeConfig } from "./config.js";

/** Why the sidecar did not start: printed as one line; `code` is the exit code. */
export class StartupError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** Exit codes of `serve`: 1 a bad config, policy or flag; 5 the system refused (port, permission). */
const SERVE_EXIT = { invalid: 1, unavailable: 5 } as const;

/** One line for an error of reading a file the config names. */
export function fileProblem(error: unknown, what: string, path: string): StartupError | null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new StartupError(`${what} ${path} does not exist`, SERVE_EXIT.invalid);
  if (code === "EISDIR") return new StartupError(`${what} ${path} is a directory, not a file`, SERVE_EXIT.invalid);
  if (code === "EACCES" || code === "EPERM") return new StartupError(`${what} ${path} cannot be read: permission denied`, SERVE_EXIT.unavailable);
  if (error instanceof SyntaxError) return new StartupError(`${what} ${path} is not valid JSON: ${error.message}`, SERVE_EXIT.invalid);
  if (error instanceof CreditBlockError) return new StartupError(`${what} ${path}: ${oneLine(error)}`, SERVE_EXIT.invalid);
  return null;
}

/** Every issue on one line (the first three, then how many more). */
export function oneLine(error: CreditBlockError): string {
  const shown = error.issues.slice(0, 3).map((i) => `${i.path || "(root)"}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}

function read<T>(what: string, path: string, parse: (text: string) => T): T {
  try {
    return parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw fileProblem(error, what, path) ?? error;
  }
}

/**
 * The policy in a file, with the config's Pix receiver when the file names none (the policy's
 * own receiver wins: it travels with the rules it was written for).
 */
function policyWith(document: unknown, pix: Readonly<Record<string, unknown>> | undefined): Policy {
  const withPix = pix !== undefined && typeof document === "object" && document !== null && !Array.isArray(document) && !Object.hasOwn(document, "pix") ? { ...document, pix } : document;
  return definePolicy(withPix);
}

const readPolicy = (path: string, pix: Readonly<Record<string, unknown>> | undefined): Policy => read("policy", path, (text) => policyWith(parseJsonExact(text), pix));

/**
 * The QR drawer of `credit-block/pix/svg`, when its optional peer `uqr` is installed: then
 * `POST /v1/pix/svg` is served; without it the route is absent (404) and nothing else changes.
 */
async function loadPixSvg(): Promise<((payload: string) => string) | undefined> {
  try {
    const name = "credit-block/pix/svg";
    return ((await import(name)) as { pixSvg: (payload: string) => string }).pixSvg;
  } catch {
    return undefined;
  }
}

/** The flags of `serve`, as parseArgs gives them. */
export interface ServeFlags {
  readonly config?: string | undefined;
  readonly policy?: string | undefined;
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly tz?: string | undefined;
  readonly tokens?: string | undefined;
  readonly insecure?: boolean | undefined;
  readonly "tls-cert"?: string | undefined;
  readonly "tls-key"?: string | undefined;
  readonly "max-body-bytes"?: string | undefined;
  readonly "fail-safe"?: string | undefined;
  readonly locale?: string | undefined;
}

function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (name === "port" && !/^\d{1,5}$/.test(value)) throw new StartupError(`--port "${value}" is not a port number (0 to 65535)`, SERVE_EXIT.invalid);
  if (!/^\d{1,10}$/.test(value)) throw new StartupError(`--${name} "${value}" is not a whole number`, SERVE_EXIT.invalid);
  return Number(value);
}

function configOf(flags: ServeFlags, cwd: string): ServeConfig {
  const fromFlags = {
    policy: flags.policy, port: integerFlag("port", flags.port), host: flags.host, tz: flags.tz, tokens: flags.tokens, insecure: flags.insecure,
    tlsCert: flags["tls-cert"], tlsKey: flags["tls-key"], maxBodyBytes: integerFlag("max-body-bytes", flags["max-body-bytes"]), failSafe: flags["fail-safe"],
    locale: flags.locale,
  };
  try {
    return readServeConfig(flags.config, fromFlags, cwd);
  } catch (error) {
    throw fileProblem(error, "config", flags.config ?? "(flags)") ?? error;
  }
}

/**
 * Why a checkout was answered fail-safe, for the log: codes and paths, never values. A bad
 * row's message quotes the customer id (a CPF), and a driver's message may quote the value it
 * choked on: personal data stays out of the access log's stream (LGPD).
 */
export function reasonOf(error: unknown): Record<string, unknown> {
  if (error instanceof CreditBlockError) return { reason: "invalid rows", issues: error.issues.slice(0, 10).map((i) => `${i.path} ${i.code}`) };
  if (error instanceof SourceError) {
    const cause: unknown = error.cause;
    const sqlState = typeof cause === "object" && cause !== null && typeof (cause as { code?: unknown }).code === "string" ? (cause as { code: string }).code : undefined;
    return { reason: error.code, query: /^source query (\S+)/.exec(error.message)?.[1], ...(sqlState ? { sqlState } : {}) };
  }
  return { reason: error instanceof Error && /took longer than/.test(error.message) ? "TIMEOUT" : "loader failed" };
}

/** What `serve` tells the operator, one JSON line each (the same stream as the access log). */
export type Log = (line: string) => void;

/**
 * Starts the sidecar and resolves once it has stopped (SIGTERM/SIGINT, after draining). Rejects
 * with a {@link StartupError} when it cannot start.
 */
export async function runServe(flags: ServeFlags, cwd: string, log?: Log): Promise<void> {
  const config = configOf(flags, cwd);
  if (config.policy === undefined) throw new StartupError("serve needs --policy (or \"policy\" in --config)", SERVE_EXIT.invalid);
  const policyPath = config.policy;
  const tz = config.tz ?? "America/Sao_Paulo";
  if (!isTimeZone(tz)) throw new StartupError(`time zone "${tz}" is not an IANA zone (e.g. America/Sao_Paulo)`, SERVE_EXIT.invalid);
  const policy = readPolicy(policyPath, config.pix);
  const tokensPath = config.tokens;
  const tokens = tokensPath === undefined ? [] : read("tokens file", tokensPath, () => readTokens(tokensPath));
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) throw new StartupError("TLS needs both --tls-cert and --tls-key", SERVE_EXIT.invalid);
  const tls = config.tlsCert !== undefined && config.tlsKey !== undefined
    ? { cert: read("TLS certificate", config.tlsCert, (t) => t), key: read("TLS key", config.tlsKey, (t) => t) }
    : undefined;

  let source: CustomerSource | undefined;
  const sourceTimeout = config.source?.timeoutMs;
  if (typeof sourceTimeout === "number" && sourceTimeout > 60_000) throw new StartupError("config source.timeoutMs: a checkout waits at most 60000 ms", SERVE_EXIT.invalid);
  if (config.source !== undefined) {
    try {
      source = await connectSource({ currency: policy.currency, baseDir: config.baseDir, ...config.source } as never, "config.source");
    } catch (error) {
      if (error instanceof CreditBlockError) throw new StartupError(`config source: ${oneLine(error)}`, SERVE_EXIT.invalid);
      if (error instanceof SourceError) throw new StartupError(error.message, error.code === "MISSING_DRIVER" ? SERVE_EXIT.invalid : SERVE_EXIT.unavailable);
      throw error;
    }
    // The SQL against the real tables, once: a misspelt column (SQLSTATE class 42) will not
    // start; a database that is down only delays the data (checkouts answer fail-safe meanwhile).
    try {
      await source.check();
    } catch (error) {
      const state = reasonOf(error).sqlState;
      if (typeof state === "string" && state.startsWith("42")) {
        await source.close();
        throw new StartupError(error instanceof Error ? error.message : String(error), SERVE_EXIT.invalid);
      }
      (log ?? ((line: string) => process.stderr.write(`${line}\n`)))(JSON.stringify({ time: new Date().toISOString(), event: "source-unreachable", ...reasonOf(error) }));
    }
  }
  const writeLog: Log = log ?? ((line) => process.stderr.write(`${line}\n`));
  const pixSvg = await loadPixSvg();
  const handler = createHandler({
    policy,
    timeZone: tz,
    encoders: { pix: pixEncoder },
    ...(pixSvg ? { pixSvg } : {}),
    ...(config.locale !== undefined ? { locale: config.locale } : {}),
    ...(config.maxBodyBytes !== undefined ? { maxBodyBytes: config.maxBodyBytes } : {}),
    ...(config.failSafe !== undefined ? { failSafeAction: config.failSafe } : {}),
    ...(source
      ? {
          loadCustomer: (id: string) => source.load(id),
          loadTimeoutMs: source.timeoutMs,
          checkReady: () => source.check(),
          // Why a checkout was answered fail-safe, for monitoring: never the rows themselves.
          onLoadError: (error: unknown) => {
            writeLog(JSON.stringify({ time: new Date().toISOString(), event: "source-failed", ...reasonOf(error) }));
          },
        }
      : {}),
  });
  let running;
  try {
    running = await serve({
      handler,
      port: config.port ?? 8787,
      ...(config.host !== undefined ? { host: config.host } : {}),
      ...(tls ? { tls } : {}),
      ...(tokens.length > 0 ? { tokens } : {}),
      ...(tokensPath !== undefined ? { loadTokens: () => readTokens(tokensPath) } : {}),
      ...(config.insecure !== undefined ? { insecure: config.insecure } : {}),
      ...(config.allowedHosts !== undefined ? { allowedHosts: config.allowedHosts } : {}),
      ...(config.corsOrigins !== undefined ? { corsOrigins: config.corsOrigins } : {}),
      ...(config.headersTimeoutMs !== undefined ? { headersTimeoutMs: config.headersTimeoutMs } : {}),
      ...(config.requestTimeoutMs !== undefined ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
      ...(config.drainTimeoutMs !== undefined ? { drainTimeoutMs: config.drainTimeoutMs } : {}),
      log: writeLog,
      // On reload the raw error, whose issues the server logs (a bad file keeps the old policy).
      loadPolicy: () => policyWith(parseJsonExact(readFileSync(policyPath, "utf8")), config.pix),
    });
  } catch (error) {
    await source?.close();
    if (error instanceof ServeError) throw new StartupError(error.message, error.code === "INSECURE_BIND" || error.code === "INVALID_TLS" ? SERVE_EXIT.invalid : SERVE_EXIT.unavailable);
    if (error instanceof CreditBlockError) throw new StartupError(`serve: ${oneLine(error)}`, SERVE_EXIT.invalid);
    throw error;
  }
  await new Promise<void>((resolve) => running.server.once("close", () => { resolve(); }));
  await source?.close();
}
