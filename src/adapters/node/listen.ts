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

/** The server `options` describe: HTTPS when `tls` is given (its material checked first), else HTTP. */
export function createNodeServer(options: ServerSettings): CreatedServer {
  const timeouts = { keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000, headersTimeout: options.headersTimeoutMs ?? 10_000, requestTimeout: options.requestTimeoutMs ?? 30_000 };
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
