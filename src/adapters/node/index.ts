/**
 * `credit-block/node`: serve a handler on `node:http` (or `node:https`), bound to 127.0.0.1
 * unless told otherwise, with bearer tokens, a Host allow-list, optional CORS, timeouts,
 * keep-alive, a JSON access log, a graceful drain on stop and policy and token reload.
 * @module adapters/node
 */
import type { Server } from "node:http";
import type { Server as HttpsServer } from "node:https";
import { ServeError } from "./errors.js";
import { eventLog } from "./eventLog.js";
import { Tokens, hostnameOf, isLoopback, loopbackHosts, originOf } from "./guard.js";
import type { CreditBlockHandler } from "../http/index.js";
import { isLocale } from "../http/language.js";
import { createNodeServer, listenOn, timeoutsOf } from "./listen.js";
import { reloadAll } from "./reloading.js";
import { serveRequests } from "./requests.js";
import { checkServeOptions, type ServeOptions } from "./serveOptions.js";
import { handleSignals } from "./signals.js";

export { ServeError, type ServeErrorCode } from "./errors.js";
export type { ServeOptions } from "./serveOptions.js";

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

/** `host` as a URL writes it: an IPv6 address in brackets. */
const urlHost = (host: string): string => (host.includes(":") ? `[${host}]` : host);

/**
 * Serves a credit-block handler. Logs one JSON line per request (ISO time, request id, method,
 * route, status, ms, policy id@version, outcome: no body, query string, customer or token),
 * answers 401 without a valid bearer token when `tokens` are set, 421 to a Host it does not
 * serve, 408 past its headers or request timeout (within a second of it), 505 to an HTTP
 * version other than 1.0/1.1, 400 or 431 to what Node's parser refuses: problem documents in
 * the caller's language (`Accept-Language`, else `locale`), each logged with the status the
 * client saw. CORS only for `corsOrigins`, returns `x-request-id` on every answer, drains on
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
  checkServeOptions(options);
  const emit = eventLog(options.log);
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
  let origin = `http://${host}`; // until listening tells the port

  const { server, sockets } = createNodeServer(options);
  const handlerLocale: unknown = (options.handler as Partial<CreditBlockHandler>).locale;
  const locale = options.locale ?? (isLocale(handlerLocale) ? handlerLocale : "en");
  const requests = serveRequests(server, {
    handler: options.handler, allowedHosts, corsOrigins, tokens: () => tokens, fallbackOrigin: () => origin, emit, locale, timeouts: timeoutsOf(options),
  });
  const boundPort = await listenOn(server, host, port);
  server.on("error", (error: NodeJS.ErrnoException) => { emit("server-error", { code: error.code, message: error.message }); });
  const url = `${options.tls ? "https" : "http"}://${urlHost(host)}:${boundPort}`;
  origin = `http://${urlHost(host)}:${boundPort}`;
  emit("listening", { url, auth: tokens.size > 0 ? "bearer" : "none", ...(loopback || tokens.size > 0 ? {} : { insecure: true }) });

  let closing: Promise<void> | undefined;
  const stop = (signal?: string): Promise<void> =>
    (closing ??= new Promise((resolve) => {
      requests.startDraining();
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
        // The server closes before its cut sockets do: wait for their requests' log lines.
        requests.afterLastLogged(() => {
          emit("stopped", { cut, ms: Math.round(performance.now() - started) });
          resolve();
        });
      });
      server.closeIdleConnections();
    }));
  const close = (): Promise<void> => stop();
  const reload = (): Promise<boolean> => reloadAll({ options, emit, tokens: () => tokens, useTokens: (next) => { tokens = next; } });
  if (options.signals ?? true) handleSignals(server, stop, reload);
  return { server, url, close, reload };
}
