/**
 * The options of `serve` (re-exported by `credit-block/node`) and their check at start-up.
 * @internal
 */
import { CreditBlockError, issue, type Issue, type Policy, type PolicyDocument } from "credit-block";
import type { CreditBlockHandler } from "../http/index.js";
import { LOCALES } from "../http/language.js";
import { OptionsCheck } from "../options.js";
import { hostnameOf, originOf, TOKEN_PATTERN } from "./guard.js";

/** Node's own limit for a timer (about 24.8 days); 0 turns a timeout off, as in `node:http`. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Options of {@link serve}. */
export interface ServeOptions {
  readonly handler: CreditBlockHandler | ((request: Request) => Promise<Response>);
  /** Default 8787; 0 picks a free port. */
  readonly port?: number;
  /**
   * Default `127.0.0.1`: a POS sidecar is not exposed to the network unless you say so. Any
   * address but 127.0.0.0/8, `::1` and `localhost` needs `tokens` (or `insecure: true`).
   */
  readonly host?: string;
  /**
   * Milliseconds to receive the headers (default 10 s) and the whole request, body included
   * (default 30 s; not less than the headers timeout); 0 turns one off. Past either, the client
   * gets a 408 problem and the connection closes, within a second of the value (Node's own check
   * runs every 30 s; serve runs it more often). The time the handler takes is not counted.
   */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  /**
   * The language of serve's own problems (401, 408, 421, 431, 505…) for a request without
   * `Accept-Language`: `"en"` or `"pt-BR"`; default the handler's `locale` (of `createHandler`),
   * else `"en"`. A request that sends one gets Portuguese when it prefers any `pt`, else English.
   */
  readonly locale?: "en" | "pt-BR";
  /** One JSON line per request and per event, each with its ISO `time`; default to stderr. */
  readonly log?: (line: string) => void;
  /**
   * Handle SIGTERM/SIGINT (drain as `close()` does) and SIGHUP (reload); default true. When no
   * other listener takes the signal, the process exits (code `process.exitCode ?? 0`) a second
   * after the drain if something else still holds it open.
   */
  readonly signals?: boolean;
  /** Called on SIGHUP for the new policy; a failure keeps the old policy serving and is logged. */
  readonly loadPolicy?: () => Promise<PolicyDocument | Policy> | PolicyDocument | Policy;
  /**
   * Serve HTTPS (`node:https`) with this certificate and private key: PEM contents (what the
   * files hold), not paths. The certificate may carry its chain after it.
   */
  readonly tls?: { readonly cert: string | Uint8Array; readonly key: string | Uint8Array };
  /**
   * Bearer tokens, each 16 to 4096 visible ASCII characters (e.g. `openssl rand -hex 32`). When
   * there is one, every request but `GET`/`HEAD /v1/health` needs `Authorization: Bearer <token>`,
   * else 401. Default none.
   */
  readonly tokens?: readonly string[];
  /**
   * Called on SIGHUP (and by `reload()`) for the new tokens. A failure, an invalid token or an
   * empty list while tokens are in use keeps the old tokens and is logged (never a token).
   */
  readonly loadTokens?: () => Promise<readonly string[]> | readonly string[];
  /** Listen on a non-loopback address without tokens: anyone who reaches it may call it. Default false. */
  readonly insecure?: boolean;
  /**
   * Host names (port ignored, any case) the server answers for; other Host headers get 421,
   * against DNS rebinding. Default on a loopback host: `localhost`, `127.0.0.1`, `::1` and
   * `host`; on any other host: every name.
   */
  readonly allowedHosts?: readonly string[];
  /**
   * Browser origins (`https://pos.example.com`) allowed to call the sidecar. Default none: no
   * CORS headers at all.
   */
  readonly corsOrigins?: readonly string[];
  /**
   * On stop, how long requests in flight may take to finish before their connections are cut;
   * default 10,000 ms.
   */
  readonly drainTimeoutMs?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isPemInput = (value: unknown): value is string | Uint8Array => typeof value === "string" || value instanceof Uint8Array;
const pemText = (value: string | Uint8Array): string => (typeof value === "string" ? value : Buffer.from(value).toString("latin1"));

/** PEM material as `node:crypto` and `node:https` take it. */
export const pemOf = (value: string | Uint8Array): string | Buffer => (typeof value === "string" ? value : Buffer.from(value));

/** The problems inside list and object options, each at its own path. */
function innerIssues(options: ServeOptions): Issue[] {
  const issues: Issue[] = [];
  const each = (key: "tokens" | "allowedHosts" | "corsOrigins", ok: (v: string) => boolean, format: string) => {
    const list: unknown = options[key];
    if (Array.isArray(list)) list.forEach((v: unknown, i) => {
      if (typeof v !== "string" || !ok(v)) issues.push(issue(`options.${key}[${i}]`, "invalid_format", { format }));
    });
  };
  // A token is never quoted back, not even in an error: the issue names its position only.
  each("tokens", (v) => TOKEN_PATTERN.test(v), "bearer token (16 to 4096 visible ASCII characters, no spaces)");
  each("allowedHosts", (v) => hostnameOf(v, true) !== null, "host name (pos.example.com, 127.0.0.1 or ::1)");
  each("corsOrigins", (v) => originOf(v) !== null, "origin (scheme://host[:port], e.g. https://pos.example.com)");
  const tls: unknown = options.tls;
  if (isObject(tls)) {
    for (const [key, what] of [["cert", "certificate"], ["key", "private key"]] as const) {
      const value = tls[key];
      const path = `options.tls.${key}`;
      if (value === undefined) issues.push(issue(path, "required"));
      else if (!isPemInput(value)) issues.push(issue(path, "invalid_type", { expected: "PEM string or bytes", received: typeof value }));
      else if (!pemText(value).includes("-----BEGIN ")) issues.push(issue(path, "invalid_format", { format: `PEM ${what} (the file's contents, not its path)` }));
    }
  }
  return issues;
}

/** Node refuses a headers timeout longer than the request timeout (the headers are part of the request): said here, naming the option. */
function timeoutIssues(options: ServeOptions): Issue[] {
  const headers: unknown = options.headersTimeoutMs ?? 10_000;
  const request: unknown = options.requestTimeoutMs ?? 30_000;
  const on = (ms: unknown): ms is number => Number.isInteger(ms) && (ms as number) > 0 && (ms as number) <= MAX_TIMEOUT_MS; // else refused above, or off
  if (!on(headers) || !on(request) || headers <= request) return [];
  return [issue(options.headersTimeoutMs === undefined ? "options.requestTimeoutMs" : "options.headersTimeoutMs",
    options.headersTimeoutMs === undefined ? "too_small" : "too_big", options.headersTimeoutMs === undefined ? { minimum: headers } : { maximum: request })];
}

/** Every problem of the options at once, each naming its option (a `CreditBlockError`). */
export function checkServeOptions(options: ServeOptions): void {
  const check = new OptionsCheck(options);
  const issues: Issue[] = [];
  try {
    check
      .function("handler", true)
      .integer("port", 0, 65_535)
      .string("host")
      .integer("headersTimeoutMs", 0, MAX_TIMEOUT_MS)
      .integer("requestTimeoutMs", 0, MAX_TIMEOUT_MS)
      .integer("keepAliveTimeoutMs", 0, MAX_TIMEOUT_MS)
      .oneOf("locale", LOCALES)
      .function("log")
      .boolean("signals")
      .function("loadPolicy")
      .is("tls", "object { cert, key }", isObject)
      .is("tokens", "array of strings", Array.isArray)
      .function("loadTokens")
      .boolean("insecure")
      .is("allowedHosts", "non-empty array of host names", (v) => Array.isArray(v) && v.length > 0)
      .is("corsOrigins", "array of origins", Array.isArray)
      .integer("drainTimeoutMs", 0, MAX_TIMEOUT_MS)
      .done();
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
  issues.push(...innerIssues(options), ...timeoutIssues(options));
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
}
