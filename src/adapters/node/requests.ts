/**
 * `serve`'s request path: the guards before the handler (HTTP version, Host, target, CORS,
 * token), the handler's answer, what becomes of a body nobody read, the requests Node's parser
 * refuses or times out, the access log line, and the count of requests the drain waits for.
 * @internal
 */
import { maxHeaderSize, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";
import { exchangeOf, type PlainResponse } from "../http/exchange.js";
import { localeOf, type Locale } from "../http/language.js";
import { clientErrorAnswer, rawAnswer, type Timeouts } from "./clientErrors.js";
import type { Emit } from "./eventLog.js";
import { badTarget, CORS_EXPOSE, hostAllowed, internalError, isOpenRoute, misdirected, PREFLIGHT, requestIdOf, unauthorized, versionNotSupported, type Tokens } from "./guard.js";
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
  /** The language of serve's own problems for a request without `Accept-Language`. */
  readonly locale: Locale;
  /** The server's headers and request timeouts, for the 408's words. */
  readonly timeouts: Timeouts;
}

/** The requests being served, as the drain sees them. */
export interface ServedRequests {
  /** From now on every answer closes its connection, and idle ones are closed as requests end. */
  startDraining(): void;
  /** Calls `done` once every request so far has been logged (at once if none is open). */
  afterLastLogged(done: () => void): void;
}

/** One request being served: what a timeout or a parse error on its connection needs of it. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly locale: Locale;
  /** Why the connection closes after this answer, when it does for a reason the log should give. */
  closed?: string;
}

/**
 * A body up to this size that nobody read (a request refused before its body: 401, 404, 415…)
 * is read and dropped after the answer, so the connection carries on and requests pipelined
 * behind it are answered. A larger one, or one of unknown length (chunked), is not read: the
 * connection closes after the answer, and the log line says why.
 */
const DRAIN_BYTES = 64 * 1024;

/** Whether a body may still be arriving: answering before reading it ends the connection. */
const bodyPending = (req: IncomingMessage): boolean =>
  !req.complete && (req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0");

/**
 * What becomes of a body still arriving after the answer: undefined when Node reads and drops
 * it (small and of known length, and not a 413, whose point is not to read it), else why the
 * connection is closed instead.
 */
function unreadBody(req: IncomingMessage, status: number): string | undefined {
  if (!bodyPending(req)) return undefined;
  const length = req.headers["content-length"];
  const known = req.headers["transfer-encoding"] === undefined && length !== undefined && /^\d{1,15}$/.test(length);
  if (known && status !== 413 && Number(length) <= DRAIN_BYTES) return undefined;
  return `the body (${known ? `${length} bytes` : "chunked"}) was not read after the ${status}: the connection closes, and requests pipelined behind it are not answered`;
}

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
  /** The latest request on each connection, until it is answered and logged. */
  const current = new WeakMap<Duplex, Exchange>();

  /** Writes `answer`, once: a request already answered (a timeout answered it) keeps that answer. */
  const write = (served: Exchange, answer: PlainResponse | ByteAnswer): void => {
    const { req, res } = served;
    if (res.headersSent || res.writableEnded) return;
    const unread = unreadBody(req, answer.status);
    if (unread !== undefined) {
      res.shouldKeepAlive = false;
      served.closed ??= unread;
    }
    // Stopping: the connection closes after this answer instead of waiting idle to be cut.
    if (draining) res.shouldKeepAlive = false;
    writeAnswer(res, answer);
  };

  /** The answer before the handler: wrong HTTP version or Host, bad target, CORS preflight, missing token. */
  const guard = (served: Exchange, url: URL | null): PlainResponse | null => {
    const { req, res, locale } = served;
    if (req.httpVersionMajor !== 1) {
      // HTTP/2.0 and 0.9 reach here (Node's parser refuses the others): not a language spoken here.
      res.shouldKeepAlive = false;
      served.closed = `HTTP/${req.httpVersion} is not HTTP/1.x`;
      return versionNotSupported(locale, req.httpVersion);
    }
    if (!hostAllowed(req.headers.host, allowedHosts)) return misdirected(locale);
    if (!url) return badTarget(locale);
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
      return unauthorized(req.headers.authorization !== undefined, locale);
    }
    return null;
  };

  const answer = async (served: Exchange, url: URL): Promise<PlainResponse> => {
    const { req } = served;
    if (exchange) {
      // A credit-block handler: skip building a Fetch Request and Response for every call.
      const plain = await exchange(plainRequestOf(req, url.pathname));
      write(served, plain);
      return plain;
    }
    const plain = await byteAnswerOf(await handler(fetchRequestOf(req, url)));
    write(served, plain);
    return plain;
  };

  server.on("request", (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const served: Exchange = { req, res, locale: localeOf(req.headers["accept-language"], settings.locale) };
    current.set(req.socket, served);
    const url = requestUrlOf(req, settings.fallbackOrigin());
    let outcome: string | undefined;
    open++;
    // Logged when the exchange is over, so `status` is what the client saw (null: cut first).
    res.once("close", () => {
      open--;
      if (current.get(req.socket) === served) current.delete(req.socket);
      const route = url?.pathname ?? null;
      emit("request", {
        requestId, method: req.method, route, status: res.headersSent ? res.statusCode : null,
        ms: Math.round((performance.now() - started) * 10) / 10, policy: policyOf(), outcome,
        ...(res.writableFinished ? {} : { aborted: true }),
        ...(served.closed === undefined ? {} : { closed: served.closed }),
        path: route, // the name before `route`, kept for readers of older logs
      });
      if (draining) setImmediate(() => { server.closeIdleConnections(); });
      if (open === 0) allLogged?.();
    });
    const early = guard(served, url);
    if (early || !url) {
      write(served, early ?? badTarget(served.locale));
      return;
    }
    void (async () => {
      try {
        outcome = (await answer(served, url)).headers["x-credit-outcome"];
      } catch {
        if (res.headersSent) res.destroy();
        else write(served, internalError(served.locale));
      }
    })().catch(() => {
      // Writing the 500 itself failed: nothing left to say on this connection.
      res.destroy();
    });
  });

  // A request Node's parser refused (a bad request line, an HTTP version it cannot read, headers
  // over the limit) or that timed out. Without this listener Node answers a bare status line
  // (and the log showed what the handler later wrote to the dead connection: a 400 for a 408).
  server.on("clientError", (error: Error & { code?: string; rawPacket?: unknown }, socket: Duplex) => {
    const inFlight = current.get(socket);
    const waiting = inFlight !== undefined && !inFlight.req.complete && !inFlight.res.headersSent;
    const refusal = clientErrorAnswer(error, { timeouts: settings.timeouts, locale: inFlight?.locale ?? settings.locale, headersReceived: waiting, maxHeaderSize });
    if (refusal === null) {
      socket.destroy();
      return;
    }
    if (waiting) {
      // The request whose body was still arriving timed out: its own response says so (and
      // its log line with it). Whatever the handler answers later finds it answered.
      inFlight.res.shouldKeepAlive = false;
      inFlight.closed = refusal.reason;
      writeAnswer(inFlight.res, refusal.answer);
      inFlight.res.once("finish", () => socket.destroy());
      return;
    }
    // No request to answer through (it never got past its headers), or one still being answered
    // on this connection: then writing would corrupt its answer, and the connection only closes.
    const requestId = requestIdOf(undefined);
    const answered = inFlight === undefined && socket.writable;
    emit("request", {
      requestId, method: null, route: null, status: answered ? refusal.answer.status : null, ms: null, policy: policyOf(), outcome: undefined,
      error: error.code ?? error.name, closed: refusal.reason, path: null,
    });
    if (answered) socket.end(rawAnswer(refusal.answer, requestId), () => socket.destroy());
    else socket.destroy();
  });

  return {
    startDraining: () => { draining = true; },
    afterLastLogged: (done) => {
      if (open === 0) done();
      else allLogged = done;
    },
  };
}
