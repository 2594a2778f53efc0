/**
 * `credit-block/node`: serve a handler on `node:http`, bound to 127.0.0.1 unless told otherwise,
 * with timeouts, keep-alive, a JSON access log, graceful shutdown and policy reload.
 * @module adapters/node
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";
import type { Policy, PolicyDocument } from "credit-block";

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

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "GET",
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

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
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host = options.host ?? "127.0.0.1";
  const handler = options.handler;
  const server = createServer({ keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000, headersTimeout: options.headersTimeoutMs ?? 10_000, requestTimeout: options.requestTimeoutMs ?? 30_000 }, (req, res) => {
    const started = performance.now();
    const origin = `http://${req.headers.host ?? host}`;
    void (async () => {
      let response: Response;
      try {
        response = await handler(toRequest(req, origin));
      } catch {
        response = new Response(JSON.stringify({ type: "https://credit-block.dev/problems/internal", title: "Internal error", status: 500 }), { status: 500, headers: { "content-type": "application/problem+json" } });
      }
      await send(res, response).catch(() => res.destroy());
      log(JSON.stringify({ event: "request", method: req.method, path: new URL(req.url ?? "/", origin).pathname, status: response.status, ms: Math.round((performance.now() - started) * 10) / 10, outcome: response.headers.get("x-credit-outcome") ?? undefined }));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8787, host, () => { resolve(); });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port ?? 8787;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
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
