/**
 * `credit-block/node`: serve a handler on `node:http` (or `node:https`), bound to 127.0.0.1
 * unless told otherwise, with bearer tokens, a Host allow-list, optional CORS, timeouts,
 * keep-alive, a JSON access log, a graceful drain on stop and policy and token reload.
 * @module adapters/node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import { Readable } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";
import { exchangeOf, type PlainResponse } from "../http/exchange.js";
import { readIncoming } from "./incoming.js";
import { OptionsCheck } from "../options.js";
import { CreditBlockError, issue, type Issue, type Policy, type PolicyDocument } from "credit-block";
import { CORS_EXPOSE, MISDIRECTED, PREFLIGHT, TOKEN_PATTERN, Tokens, hostAllowed, hostnameOf, isLoopback, isOpenRoute, loopbackHosts, originOf, requestIdOf, unauthorized } from "./guard.js";
import { ServeError, listenError, tlsError, tlsProblem } from "./errors.js";

export { ServeError, type ServeErrorCode } from "./errors.js";

/** Node's own limit for a timer (about 24.8 days); 0 turns a timeout off, as in `node:http`. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The drains signals started in this process (several servers may share one). */
const signalStops = new Set<Promise<void>>();

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
  /** Milliseconds to receive the headers (default 10 s) and the whole request (default 30 s). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
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

/** A running server. */
export interface RunningServer {
  readonly server: Server | HttpsServer;
  /** `http://` or `https://`, host and port, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /**
   * Stops accepting connections, closes idle ones, lets requests in flight finish until
   * `drainTimeoutMs`, then cuts what is left; resolves when everything is closed (what
   * SIGTERM and SIGINT do). Calling it again returns the same promise.
   */
  close(): Promise<void>;
  /**
   * Reloads the policy through `loadPolicy` and the tokens through `loadTokens` (what SIGHUP
   * does); true when at least one is configured and none failed.
   */
  reload(): Promise<boolean>;
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
}

/** A Fetch Response (any handler's) as a plain answer. */
async function plainOf(response: Response): Promise<PlainResponse & { readonly bytes: Buffer }> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  return { status: response.status, headers, body: "", bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The request's URL, or null when the target or the Host header cannot form one (answered 400). */
function urlOf(req: IncomingMessage, fallbackOrigin: string): URL | null {
  // The Host header is the client's word: a malformed one must not reach `new URL` unguarded.
  const host = req.headers.host;
  let origin = fallbackOrigin;
  if (host !== undefined && URL.canParse(`http://${host}`)) origin = `http://${host}`;
  return URL.canParse(req.url ?? "/", origin) ? new URL(req.url ?? "/", origin) : null;
}

/** Whether a body may still be arriving: answering before reading it ends the connection. */
const bodyPending = (req: IncomingMessage): boolean =>
  !req.complete && (req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0");

const BAD_TARGET: PlainResponse = {
  status: 400,
  headers: { "content-type": "application/problem+json; charset=utf-8" },
  body: JSON.stringify({ type: "https://credit-block.dev/problems/bad-request", title: "Bad request", status: 400, detail: "the request target or Host header is not a valid URL" }),
};
const INTERNAL: PlainResponse = {
  status: 500,
  headers: { "content-type": "application/problem+json; charset=utf-8" },
  body: JSON.stringify({ type: "https://credit-block.dev/problems/internal", title: "Internal error", status: 500 }),
};
const UNAUTHORIZED = unauthorized(false);
const BAD_TOKEN = unauthorized(true);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isPemInput = (value: unknown): value is string | Uint8Array => typeof value === "string" || value instanceof Uint8Array;
const pemOf = (value: string | Uint8Array): string | Buffer => (typeof value === "string" ? value : Buffer.from(value));
const textOf = (value: string | Uint8Array): string => (typeof value === "string" ? value : Buffer.from(value).toString("latin1"));

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
      else if (!textOf(value).includes("-----BEGIN ")) issues.push(issue(path, "invalid_format", { format: `PEM ${what} (the file's contents, not its path)` }));
    }
  }
  return issues;
}

/** Every problem of the options at once, each naming its option. */
function checkOptions(options: ServeOptions): void {
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
  issues.push(...innerIssues(options));
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
}

/** A failure's words for the log, unless they could quote a token (see `reloadTokens`). */
const reasonOf = (error: unknown, mayQuote: boolean): string => {
  if (!(error instanceof Error)) return mayQuote ? "loadTokens failed" : String(error);
  const errno = typeof (error as NodeJS.ErrnoException).syscall === "string";
  // CreditBlockError names paths and reasons; a JSON or other parser's error quotes its input.
  return !mayQuote || errno || error instanceof TokenProblem || error instanceof CreditBlockError ? error.message : `${error.name} (message not logged: it may quote a token)`;
};

/** What is wrong with a new token list; its message never contains a token. */
class TokenProblem extends Error {}

/**
 * Serves a credit-block handler. Logs one JSON line per request (ISO time, request id, method,
 * route, status, ms, policy id@version, outcome: no body, query string, customer or token),
 * answers 401 without a valid bearer token when `tokens` are set, 421 to a Host it does not
 * serve, CORS only for `corsOrigins`, returns `x-request-id` on every answer, drains on
 * SIGTERM/SIGINT, and reloads the policy and the tokens on SIGHUP (a bad new one keeps the
 * old serving and logs why). A failure to start rejects with a {@link ServeError} and leaves
 * nothing behind; bad options reject with a `CreditBlockError` naming each one.
 *
 * @example
 * ```ts
 * import { createHandler } from "credit-block/http";
 * import { serve } from "credit-block/node";
 * const running = await serve({ handler: createHandler({ policy }), port: 8787 });
 * console.log(running.url); // http://127.0.0.1:8787
 *
 * // On the shop's network: TLS and a token, reloaded from a file on SIGHUP.
 * const readTokens = () => readFileSync("/etc/credit-block/tokens", "utf8").split("\n").filter(Boolean);
 * await serve({
 *   handler, host: "0.0.0.0", allowedHosts: ["pos-server.loja.lan"],
 *   tls: { cert: readFileSync("cert.pem", "utf8"), key: readFileSync("key.pem", "utf8") },
 *   tokens: readTokens(), loadTokens: readTokens,
 * });
 * ```
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  checkOptions(options);
  const writeLine = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (event: string, fields: Record<string, unknown> = {}): void => {
    try {
      writeLine(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
    } catch {
      // A logger that throws (a closed stream, a full disk) must not take the sidecar down.
    }
  };
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 8787;
  const loopback = isLoopback(host);
  let tokens = new Tokens(options.tokens ?? []);
  if (!loopback && tokens.size === 0 && options.insecure !== true) {
    throw new ServeError("INSECURE_BIND", `refusing to listen on ${host} without a bearer token: anyone on the network could query customers' credit (configure tokens, or set insecure to accept that)`);
  }
  const allowedHosts = options.allowedHosts
    ? new Set(options.allowedHosts.map((h) => hostnameOf(h, true) ?? h))
    : loopback ? new Set(loopbackHosts(host)) : null;
  const corsOrigins = options.corsOrigins?.length ? new Set(options.corsOrigins.map((o) => originOf(o) ?? o)) : null;
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const handler = options.handler;
  const exchange = exchangeOf(handler);
  const policyOf = (): string | undefined => {
    const policy = (handler as Partial<CreditBlockHandler>).policy;
    return policy ? `${policy.id}@${String(policy.version)}` : undefined;
  };
  let origin = `http://${host}`; // until listening tells the port
  let draining = false;
  let open = 0; // requests not yet logged
  let allLogged: (() => void) | undefined;

  const write = (res: ServerResponse, answer: PlainResponse, bytes?: Buffer): void => {
    // Stopping: the connection closes after this answer instead of waiting idle to be cut.
    if (draining) res.shouldKeepAlive = false;
    res.writeHead(answer.status, answer.headers);
    res.end(bytes ?? answer.body);
  };

  /** The answer before the handler: wrong Host, bad target, CORS preflight, missing token. */
  const guard = (req: IncomingMessage, res: ServerResponse, url: URL | null): PlainResponse | null => {
    if (!hostAllowed(req.headers.host, allowedHosts)) return MISDIRECTED;
    if (!url) return BAD_TARGET;
    if (corsOrigins) {
      res.setHeader("vary", "Origin");
      const from = req.headers.origin;
      if (from !== undefined && corsOrigins.has(from)) {
        res.setHeader("access-control-allow-origin", from);
        res.setHeader("access-control-expose-headers", CORS_EXPOSE);
        if (req.method === "OPTIONS") return PREFLIGHT;
      }
    }
    if (tokens.size > 0 && !isOpenRoute(req.method, url.pathname) && !tokens.accepts(req.headers.authorization)) {
      return req.headers.authorization === undefined ? UNAUTHORIZED : BAD_TOKEN;
    }
    return null;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<PlainResponse> => {
    if (exchange) {
      // A credit-block handler: skip building a Fetch Request and Response for every call.
      const plain = await exchange({
        method: req.method ?? "GET",
        pathname: url.pathname,
        contentType: req.headers["content-type"] ?? null,
        contentLength: req.headers["content-length"] ?? null,
        readBody: (limit) => readIncoming(req, limit),
      });
      // Answered before the body was read (413, 415...): the connection cannot be reused.
      if (!req.complete) res.shouldKeepAlive = false;
      write(res, plain);
      return plain;
    }
    const plain = await plainOf(await handler(toRequest(req, url)));
    write(res, plain, plain.bytes);
    return plain;
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const url = urlOf(req, origin);
    let outcome: string | undefined;
    open++;
    // Logged when the exchange is over, so `status` is what the client saw (null: cut first).
    res.once("close", () => {
      open--;
      const route = url?.pathname ?? null;
      emit("request", {
        requestId, method: req.method, route, status: res.headersSent ? res.statusCode : null,
        ms: Math.round((performance.now() - started) * 10) / 10, policy: policyOf(), outcome,
        ...(res.writableFinished ? {} : { aborted: true }),
        path: route, // the name before `route`, kept for readers of older logs
      });
      if (draining) setImmediate(() => { server.closeIdleConnections(); });
      if (open === 0) allLogged?.();
    });
    const early = guard(req, res, url);
    if (early || !url) {
      if (bodyPending(req)) res.shouldKeepAlive = false;
      write(res, early ?? BAD_TARGET);
      return;
    }
    void (async () => {
      try {
        outcome = (await answer(req, res, url)).headers["x-credit-outcome"];
      } catch {
        if (res.headersSent) res.destroy();
        else write(res, INTERNAL);
      }
    })().catch(() => {
      // Writing the 500 itself failed: nothing left to say on this connection.
      res.destroy();
    });
  };

  const timeouts = { keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000, headersTimeout: options.headersTimeoutMs ?? 10_000, requestTimeout: options.requestTimeoutMs ?? 30_000 };
  let server: Server | HttpsServer;
  if (options.tls) {
    const cert = pemOf(options.tls.cert);
    const key = pemOf(options.tls.key);
    const problem = tlsProblem(cert, key);
    if (problem) throw problem;
    try {
      server = createHttpsServer({ ...timeouts, cert, key }, onRequest);
    } catch (error) {
      throw tlsError(error);
    }
  } else server = createServer(timeouts, onRequest);
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => { reject(listenError(error, host, port)); };
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  server.on("error", (error: NodeJS.ErrnoException) => { emit("server-error", { code: error.code, message: error.message }); });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const url = `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
  emit("listening", { url, auth: tokens.size > 0 ? "bearer" : "none", ...(loopback || tokens.size > 0 ? {} : { insecure: true }) });

  let closing: Promise<void> | undefined;
  const stop = (signal?: string): Promise<void> =>
    (closing ??= new Promise((resolve) => {
      draining = true;
      const started = performance.now();
      emit("stopping", { ...(signal ? { signal } : {}), connections: sockets.size, drainTimeoutMs });
      let cut = 0;
      const deadline = setTimeout(() => {
        cut = sockets.size;
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy(); // still in a TLS handshake: not yet the server's
      }, drainTimeoutMs);
      server.close(() => {
        clearTimeout(deadline);
        const stopped = () => {
          emit("stopped", { cut, ms: Math.round(performance.now() - started) });
          resolve();
        };
        // The server closes before its cut sockets do: wait for their requests' log lines.
        if (open === 0) stopped();
        else allLogged = stopped;
      });
      server.closeIdleConnections();
    }));
  const close = (): Promise<void> => stop();

  const reloadPolicy = async (): Promise<boolean | undefined> => {
    if (!options.loadPolicy || !("reload" in handler)) return undefined;
    try {
      handler.reload(await options.loadPolicy());
      emit("policy-reloaded", { id: handler.policy.id, version: handler.policy.version });
      return true;
    } catch (error) {
      const issues = typeof error === "object" && error !== null && "issues" in error ? (error).issues : undefined;
      emit("policy-reload-failed", { message: reasonOf(error, false), issues, keeping: handler.policy.version });
      return false;
    }
  };
  const reloadTokens = async (): Promise<boolean | undefined> => {
    if (!options.loadTokens) return undefined;
    try {
      const next: unknown = await options.loadTokens();
      if (!Array.isArray(next)) throw new TokenProblem("loadTokens must return a list of tokens");
      const bad = next.findIndex((t: unknown) => typeof t !== "string" || !TOKEN_PATTERN.test(t));
      if (bad >= 0) throw new TokenProblem(`token ${bad + 1} of ${next.length} is not 16 to 4096 visible ASCII characters without spaces`);
      if (next.length === 0 && tokens.size > 0) throw new TokenProblem("no tokens: an empty list would turn authentication off");
      tokens = new Tokens(next as string[]);
      emit("tokens-reloaded", { count: tokens.size });
      return true;
    } catch (error) {
      // A parser's message can quote its input (JSON.parse does), and the input is the token
      // file: only our own words and file-system errors are logged.
      emit("tokens-reload-failed", { message: reasonOf(error, true), keeping: tokens.size });
      return false;
    }
  };
  const reload = async (): Promise<boolean> => {
    const results = (await Promise.all([reloadPolicy(), reloadTokens()])).filter((r) => r !== undefined);
    return results.length > 0 && results.every(Boolean);
  };

  if (options.signals ?? true) {
    const onStop = (signal: string) => {
      // Listening for the signal took its default (exit) away. If nobody else listens, ending
      // the process is ours: a handler still awaiting its database after the cut must not keep
      // a stopped service alive until the service manager kills it.
      const ours = process.listenerCount(signal) === 0;
      signalStops.add(stop(signal));
      // A second of grace for the embedder's own cleanup (closing its database pool), unref'd:
      // a process that ends by itself never waits for it.
      if (ours) void Promise.all(signalStops).then(() => { setTimeout(() => process.exit(), 1_000).unref(); });
    };
    const onHup = () => void reload();
    process.once("SIGTERM", onStop);
    process.once("SIGINT", onStop);
    process.on("SIGHUP", onHup);
    server.once("close", () => {
      process.off("SIGTERM", onStop);
      process.off("SIGINT", onStop);
      process.off("SIGHUP", onHup);
    });
  }
  return { server, url, close, reload };
}
