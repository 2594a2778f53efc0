/**
 * `credit-block/node`: serve a handler on `node:http`, bound to 127.0.0.1 unless told otherwise,
 * with timeouts, keep-alive, a JSON access log, graceful shutdown and policy reload.
 * @module adapters/node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";
import { exchangeOf, type PlainResponse } from "../http/exchange.js";
import { readIncoming } from "./incoming.js";
import { OptionsCheck } from "../options.js";
import type { Policy, PolicyDocument } from "credit-block";

/** Node's own limit for a timer (about 24.8 days); 0 turns a timeout off, as in `node:http`. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Options of {@link serve}. */
export interface ServeOptions {
  readonly handler: CreditBlockHandler | ((request: Request) => Promise<Response>);
  /** Default 8787; 0 picks a free port. */
  readonly port?: number;
  /** Default `127.0.0.1`: a POS sidecar is not exposed to the network unless you say so. */
  readonly host?: string;
  /** Milliseconds to receive the headers (default 10 s) and the whole request (default 30 s). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  readonly keepAliveTimeoutMs?: number;
  /** One JSON line per request and per event; default to stderr. */
  readonly log?: (line: string) => void;
  /** Handle SIGTERM/SIGINT (graceful stop) and SIGHUP (reload); default true. */
  readonly signals?: boolean;
  /** Called on SIGHUP for the new policy; a failure keeps the old policy serving and is logged. */
  readonly loadPolicy?: () => Promise<PolicyDocument | Policy> | PolicyDocument | Policy;
}

/** A running server. */
export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  /** Stops accepting connections and resolves once requests in flight have finished. */
  close(): Promise<void>;
  /** Reloads the policy through `loadPolicy` (what SIGHUP does). */
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

/** Writes a Fetch Response (any handler's) and returns what the access log needs of it. */
async function send(res: ServerResponse, response: Response): Promise<PlainResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
  return { status: response.status, headers, body: "" };
}

function write(res: ServerResponse, answer: PlainResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/** The request's URL, or null when the target or the Host header cannot form one (answered 400). */
function urlOf(req: IncomingMessage, fallbackOrigin: string): URL | null {
  // The Host header is the client's word: a malformed one must not reach `new URL` unguarded.
  const host = req.headers.host;
  let origin = fallbackOrigin;
  if (host !== undefined && URL.canParse(`http://${host}`)) origin = `http://${host}`;
  return URL.canParse(req.url ?? "/", origin) ? new URL(req.url ?? "/", origin) : null;
}

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

/**
 * Serves a credit-block handler. Logs one JSON line per request (method, path, status, ms,
 * outcome — no personal data), finishes requests in flight on SIGTERM/SIGINT, reloads the
 * policy on SIGHUP (a bad new policy keeps the old one serving and logs why).
 *
 * @example
 * ```ts
 * import { createHandler } from "credit-block/http";
 * import { serve } from "credit-block/node";
 * const running = await serve({ handler: createHandler({ policy }), port: 8787 });
 * console.log(running.url); // http://127.0.0.1:8787
 * ```
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  new OptionsCheck(options)
    .function("handler", true)
    .integer("port", 0, 65_535)
    .string("host")
    .integer("headersTimeoutMs", 0, MAX_TIMEOUT_MS)
    .integer("requestTimeoutMs", 0, MAX_TIMEOUT_MS)
    .integer("keepAliveTimeoutMs", 0, MAX_TIMEOUT_MS)
    .function("log")
    .boolean("signals")
    .function("loadPolicy")
    .done();
  const writeLine = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (line: string): void => {
    try {
      writeLine(line);
    } catch {
      // A logger that throws (a closed stream, a full disk) must not take the sidecar down.
    }
  };
  const host = options.host ?? "127.0.0.1";
  const handler = options.handler;
  const exchange = exchangeOf(handler);
  let origin = `http://${host}`; // until listening tells the port
  const answer = async (req: IncomingMessage, res: ServerResponse, url: URL | null): Promise<PlainResponse> => {
    if (!url) {
      write(res, BAD_TARGET);
      return BAD_TARGET;
    }
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
    return send(res, await handler(toRequest(req, url)));
  };
  const server = createServer({ keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000, headersTimeout: options.headersTimeoutMs ?? 10_000, requestTimeout: options.requestTimeoutMs ?? 30_000 }, (req, res) => {
    const started = performance.now();
    const url = urlOf(req, origin);
    void (async () => {
      let plain: PlainResponse;
      try {
        plain = await answer(req, res, url);
      } catch {
        plain = INTERNAL;
        if (res.headersSent) res.destroy();
        else write(res, INTERNAL);
      }
      const line = JSON.stringify({ event: "request", method: req.method, path: url?.pathname ?? null, status: plain.status, ms: Math.round((performance.now() - started) * 10) / 10, outcome: plain.headers["x-credit-outcome"] });
      log(line);
    })().catch(() => {
      // Writing the 500 itself failed: nothing left to say on this connection.
      res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8787, host, () => { resolve(); });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port ?? 8787;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  origin = url;
  log(JSON.stringify({ event: "listening", url }));

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => { resolve(); });
      server.closeIdleConnections();
    });
  const reload = async (): Promise<boolean> => {
    if (!options.loadPolicy || !("reload" in handler)) return false;
    try {
      handler.reload(await options.loadPolicy());
      log(JSON.stringify({ event: "policy-reloaded", id: handler.policy.id, version: handler.policy.version }));
      return true;
    } catch (error) {
      const issues = typeof error === "object" && error !== null && "issues" in error ? (error).issues : undefined;
      log(JSON.stringify({ event: "policy-reload-failed", message: error instanceof Error ? error.message : String(error), issues, keeping: handler.policy.version }));
      return false;
    }
  };
  if (options.signals ?? true) {
    const stop = (signal: string) => {
      log(JSON.stringify({ event: "stopping", signal }));
      void close().then(() => { log(JSON.stringify({ event: "stopped" })); });
    };
    const onHup = () => void reload();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    process.on("SIGHUP", onHup);
    server.once("close", () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      process.off("SIGHUP", onHup);
    });
  }
  return { server, url, close, reload };
}
