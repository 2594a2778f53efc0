/**
 * Reading a `node:http` request for a credit-block handler, shared by `serve`
 * (credit-block/node) and the Express middleware (credit-block/express): its URL (guarding the
 * client's Host header), its body, and the request as the handler's plain entry point or a
 * Fetch handler takes it.
 * @internal
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { BodyTooLarge, joinChunks, type PlainRequest } from "../http/exchange.js";

/** A Node request body, stopping once more than `limit` bytes have arrived. */
function readIncoming(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        done();
        req.resume(); // discard the rest; the caller closes the connection after the 413
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(joinChunks(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error("the client closed the connection before the body ended"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * The request's URL, or null when its target cannot form one. The Host header is the client's
 * word: one that cannot form a URL is replaced by `fallbackOrigin` rather than reaching
 * `new URL` unguarded (a malformed Host must never become a 500 or a crash).
 */
export function requestUrlOf(req: IncomingMessage, fallbackOrigin: string): URL | null {
  const host = req.headers.host;
  const origin = host !== undefined && URL.canParse(`http://${host}`) ? `http://${host}` : fallbackOrigin;
  const target = req.url ?? "/";
  return URL.canParse(target, origin) ? new URL(target, origin) : null;
}

/** Whether a request of this method carries a body (every method but GET and HEAD may). */
const mayHaveBody = (method: string): boolean => method !== "GET" && method !== "HEAD";

/**
 * Node's request headers as Fetch `Headers`: a repeated header (an array in Node) is appended
 * value by value, so nothing the client sent is lost or merged differently.
 */
function fetchHeadersOf(headers: IncomingHttpHeaders): Headers {
  const converted = new Headers();
  for (const [key, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const v of value) converted.append(key, v);
    else if (value !== undefined) converted.set(key, value);
  }
  return converted;
}

/**
 * The request for a credit-block handler's plain entry point (no Fetch objects). `kept` is a
 * body a parser in front has already read out of the stream (then its length is what counts,
 * not the header's); without it the body is read from the request, up to the handler's limit.
 */
export function plainRequestOf(req: IncomingMessage, pathname: string, kept?: Uint8Array): PlainRequest {
  return {
    method: req.method ?? "GET",
    pathname,
    contentType: req.headers["content-type"] ?? null,
    contentLength: kept ? null : req.headers["content-length"] ?? null,
    acceptLanguage: req.headers["accept-language"] ?? null,
    readBody: (limit) => {
      if (!kept) return readIncoming(req, limit);
      return kept.byteLength > limit ? Promise.reject(new BodyTooLarge()) : Promise.resolve(kept);
    },
  };
}

/** The request as a Fetch `Request`, for any `(Request) => Promise<Response>` handler; `kept` as for {@link plainRequestOf}. */
export function fetchRequestOf(req: IncomingMessage, url: URL, kept?: Uint8Array<ArrayBuffer>): Request {
  const method = req.method ?? "GET";
  const headers = fetchHeadersOf(req.headers);
  if (kept) headers.delete("content-length");
  const body: BodyInit | undefined = kept ?? (mayHaveBody(method) ? (Readable.toWeb(req) as ReadableStream) : undefined);
  return new Request(url, { method, headers, ...(body !== undefined ? { body, duplex: "half" } : {}) });
}
