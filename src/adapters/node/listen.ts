/**
 * Creating `serve`'s `node:http` or `node:https` server and binding it, with every failure a
 * {@link ServeError} and nothing left listening.
 * @internal
 */
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import { listenError, tlsError, tlsProblem } from "./errors.js";
import { pemOf, type ServeOptions } from "./serveOptions.js";

/** A server created and not yet listening, with the connections it holds. */
export interface CreatedServer {
  readonly server: Server | HttpsServer;
  /** Every open connection, TLS handshakes included (not yet the server's to close). */
  readonly sockets: ReadonlySet<Socket>;
}

type ServerSettings = Pick<ServeOptions, "tls" | "keepAliveTimeoutMs" | "headersTimeoutMs" | "requestTimeoutMs">;

/** The headers and request timeouts `options` ask for, in ms (0: off). */
export const timeoutsOf = (options: ServerSettings): { readonly headersMs: number; readonly requestMs: number } =>
  ({ headersMs: options.headersTimeoutMs ?? 10_000, requestMs: options.requestTimeoutMs ?? 30_000 });

/**
 * How often Node looks for requests past their headers or request timeout. Node does not time
 * each request: it sweeps its connections every `connectionsCheckingInterval`, 30 s by default,
 * so a 10 s headers timeout fired anywhere from 10 to 40 s (37 s was measured). A quarter of the
 * shortest timeout, at most a second and at least 25 ms, puts each within a second of its value;
 * the sweep walks only the connections with a request still arriving, so it costs little.
 */
export function checkingIntervalOf(headersMs: number, requestMs: number): number {
  const active = [headersMs, requestMs].filter((ms) => ms > 0);
  if (active.length === 0) return 30_000; // nothing to check: Node's default
  return Math.max(25, Math.min(1_000, Math.floor(Math.min(...active) / 4)));
}

/** The server `options` describe: HTTPS when `tls` is given (its material checked first), else HTTP. */
export function createNodeServer(options: ServerSettings): CreatedServer {
  const { headersMs, requestMs } = timeoutsOf(options);
  const timeouts = {
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000, headersTimeout: headersMs, requestTimeout: requestMs,
    connectionsCheckingInterval: checkingIntervalOf(headersMs, requestMs),
  };
  let server: Server | HttpsServer;
  if (options.tls) {
    const cert = pemOf(options.tls.cert);
    const key = pemOf(options.tls.key);
    const problem = tlsProblem(cert, key);
    if (problem) throw problem;
    try {
      server = createHttpsServer({ ...timeouts, cert, key });
    } catch (error) {
      throw tlsError(error);
    }
  } else server = createServer(timeouts);
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  return { server, sockets };
}

/** Binds `server` to `host` and `port`; resolves with the port bound (the one picked for 0). */
export async function listenOn(server: Server | HttpsServer, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const failed = (error: unknown) => { reject(listenError(error, host, port)); };
    server.once("error", failed);
    server.listen(port, host, () => {
      server.off("error", failed);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === "object" && address ? address.port : port;
}
