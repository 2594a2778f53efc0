/**
 * `serve`'s request path: the guards before the handler (Host, target, CORS, token), the
 * handler's answer, the access log line, and the count of requests the drain waits for.
 * @internal
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { CreditBlockHandler } from "../http/index.js";
import { exchangeOf, type PlainResponse } from "../http/exchange.js";
import { problemOf } from "../http/problem.js";
import type { Emit } from "./eventLog.js";
import { BAD_TARGET, CORS_EXPOSE, MISDIRECTED, PREFLIGHT, hostAllowed, isOpenRoute, requestIdOf, unauthorized, type Tokens } from "./guard.js";
import { fetchRequestOf, plainRequestOf, requestUrlOf } from "./incoming.js";
import { byteAnswerOf, writeAnswer, type ByteAnswer } from "./outgoing.js";
import type { ServeOptions } from "./serveOptions.js";

/** What the request path reads; `tokens` and `fallbackOrigin` may change while serving. */
export interface RequestSettings {
  readonly handler: ServeOptions["handler"];
  /** Host names answered for; null: any. */
  readonly allowedHosts: ReadonlySet<string> | null;
  /** Browser origins given CORS headers; null: none. */
  readonly corsOrigins: ReadonlySet<string> | null;
  readonly tokens: () => Tokens;
  /** The origin a request's URL is read against when its Host header cannot form one. */
  readonly fallbackOrigin: () => string;
  readonly emit: Emit;
}

/** The requests being served, as the drain sees them. */
export interface ServedRequests {
  /** From now on every answer closes its connection, and idle ones are closed as requests end. */
  startDraining(): void;
  /** Calls `done` once every request so far has been logged (at once if none is open). */
  afterLastLogged(done: () => void): void;
}

const INTERNAL = problemOf(500, "internal", "Internal error");
const UNAUTHORIZED = unauthorized(false);
const BAD_TOKEN = unauthorized(true);

/** Whether a body may still be arriving: answering before reading it ends the connection. */
const bodyPending = (req: IncomingMessage): boolean =>
  !req.complete && (req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0");

/** Serves every request `server` receives with `settings.handler`. */
export function serveRequests(server: Server | HttpsServer, settings: RequestSettings): ServedRequests {
  const { handler, allowedHosts, corsOrigins, tokens, emit } = settings;
  const exchange = exchangeOf(handler);
  const policyOf = (): string | undefined => {
    const policy = (handler as Partial<CreditBlockHandler>).policy;
    return policy ? `${policy.id}@${String(policy.version)}` : undefined;
  };
  let draining = false;
  let open = 0; // requests not yet logged
  let allLogged: (() => void) | undefined;

  const write = (res: ServerResponse, answer: PlainResponse | ByteAnswer): void => {
    // Stopping: the connection closes after this answer instead of waiting idle to be cut.
    if (draining) res.shouldKeepAlive = false;
    writeAnswer(res, answer);
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
    const current = tokens();
    if (current.size > 0 && !isOpenRoute(req.method, url.pathname) && !current.accepts(req.headers.authorization)) {
      return req.headers.authorization === undefined ? UNAUTHORIZED : BAD_TOKEN;
    }
    return null;
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<PlainResponse> => {
    if (exchange) {
      // A credit-block handler: skip building a Fetch Request and Response for every call.
      const plain = await exchange(plainRequestOf(req, url.pathname));
      // Answered before the body was read (413, 415...): the connection cannot be reused.
      if (!req.complete) res.shouldKeepAlive = false;
      write(res, plain);
      return plain;
    }
    const plain = await byteAnswerOf(await handler(fetchRequestOf(req, url)));
    write(res, plain);
    return plain;
  };

  server.on("request", (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const url = requestUrlOf(req, settings.fallbackOrigin());
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
  });

  return {
    startDraining: () => { draining = true; },
    afterLastLogged: (done) => {
      if (open === 0) done();
      else allLogged = done;
    },
  };
}
