/**
 * Why `serve` could not start, in words a store's IT reads in a service log.
 * @internal
 */
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";

/** Codes of {@link ServeError}: Node's own for a failed listen, and ours for refusals. */
export type ServeErrorCode = "EADDRINUSE" | "EACCES" | "EADDRNOTAVAIL" | "ENOTFOUND" | "INSECURE_BIND" | "INVALID_TLS" | (string & {});

/**
 * `serve` could not start: the port is taken, the address is not this machine's, TLS material
 * does not load, or the bind would expose the sidecar without a token. `message` is one line
 * meant for a service log; `code` is stable; `cause` keeps Node's error when there is one.
 * Nothing is left listening and no signal handler stays registered.
 *
 * @example
 * ```ts
 * try {
 *   await serve({ handler, port: 8787 });
 * } catch (error) {
 *   if (error instanceof ServeError) {
 *     console.error(error.message); // "port 8787 on 127.0.0.1 is already in use"
 *     process.exitCode = error.code === "EADDRINUSE" ? 98 : 1;
 *   }
 * }
 * ```
 */
export class ServeError extends Error {
  override readonly name = "ServeError";
  readonly code: ServeErrorCode;

  constructor(code: ServeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A failed `listen` as a {@link ServeError}. */
export function listenError(error: unknown, host: string, port: number): ServeError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? "LISTEN_FAILED";
  const where = `port ${port} on ${host}`;
  const message =
    code === "EADDRINUSE" ? `${where} is already in use` :
    code === "EACCES" ? `no permission to listen on ${where} (ports below 1024 need administrator rights)` :
    code === "EADDRNOTAVAIL" ? `${host} is not an address of this machine, cannot listen on port ${port}` :
    code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_FAIL" ? `the host name ${host} cannot be resolved, cannot listen on port ${port}` :
    `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
  return new ServeError(code, message, { cause: error });
}

const reasonOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/^error:[0-9A-F]+:/i, "").replace(/\s+/g, " ");

/**
 * Why a certificate and key cannot serve TLS, or null when they can. Each is loaded on its own
 * first, so the message says which one is at fault rather than quoting OpenSSL's decoder.
 */
export function tlsProblem(cert: string | Buffer, key: string | Buffer): ServeError | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    return new ServeError("INVALID_TLS", `options.tls.cert is not a PEM certificate that loads (${reasonOf(error)})`, { cause: error });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(typeof key === "string" ? key : key.toString("latin1"));
    return new ServeError("INVALID_TLS", encrypted
      ? "options.tls.key is encrypted: give the key without its passphrase (openssl pkey -in key.pem -out key-plain.pem)"
      : `options.tls.key is not a PEM private key that loads (${reasonOf(error)})`, { cause: error });
  }
  if (!certificate.checkPrivateKey(privateKey)) return new ServeError("INVALID_TLS", "options.tls.key does not belong to the certificate in options.tls.cert");
  return null;
}

/** TLS material `node:https` still refused, as a {@link ServeError}. */
export function tlsError(error: unknown): ServeError {
  return new ServeError("INVALID_TLS", `the TLS certificate and key cannot serve HTTPS (${reasonOf(error)})`, { cause: error });
}
