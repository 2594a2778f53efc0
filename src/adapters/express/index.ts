/**
 * `credit-block/express`: Connect/Express-style middleware over the HTTP handler, with no
 * runtime dependency on express (structural types only).
 * @module adapters/express
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";
import { BodyTooLarge, exchangeOf } from "../http/exchange.js";
import { readIncoming } from "../node/incoming.js";
import { invalidType } from "../options.js";

const bytesOf = (body: unknown): Uint8Array<ArrayBuffer> =>
  body instanceof Uint8Array ? new Uint8Array(body) : new TextEncoder().encode(typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body));

/** The parts of an express/connect request the middleware reads. */
export type MiddlewareRequest = IncomingMessage & { readonly body?: unknown; readonly originalUrl?: string; readonly url?: string };

/**
 * Mounts a credit-block handler as `(req, res, next)`. Works after `express.json()`,
 * `express.raw()` or `express.text()` (what they kept in `req.body` is used, once they have read
 * the stream) or without a body parser (the body is read from the request). Requests outside
 * `/v1/` go to `next()`. A handler from `createHandler` is called without building Fetch
 * objects, as `serve` does; any other `(Request) => Promise<Response>` works too, converted to
 * and from Fetch.
 *
 * @example
 * ```ts
 * import express from "express";
 * app.use("/credit", creditBlockMiddleware(createHandler({ policy })));
 * // POST /credit/v1/decide
 * ```
 */
export function creditBlockMiddleware(handler: CreditBlockHandler | ((request: Request) => Promise<Response>)) {
  const given: unknown = handler;
  if (typeof given !== "function") throw invalidType("handler", "function", given);
  const exchange = exchangeOf(handler);
  return (req: MiddlewareRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    const url = req.url ?? "/";
    // The Host header is the client's word: one that cannot form a URL must not become a 500.
    const host = req.headers.host;
    const origin = host !== undefined && URL.canParse(`http://${host}`) ? `http://${host}` : "http://localhost";
    if (!url.startsWith("/v1/") || !URL.canParse(url, origin)) {
      next();
      return;
    }
    const target = new URL(url, origin);
    const method = req.method ?? "GET";
    const hasBody = method !== "GET" && method !== "HEAD";
    // A body parser in front has spent the stream: the handler gets what it kept (express.raw's
    // bytes, express.text's text, express.json's value as JSON). Only then: Express 4's parser
    // sets `req.body = {}` on requests it leaves unread, and those bytes are still in the stream.
    const parsed = hasBody && req.readableEnded ? bytesOf(req.body) : undefined;
    if (exchange) {
      // A credit-block handler: no Fetch Request and Response per call (as `serve` does).
      exchange({
        method,
        pathname: target.pathname,
        contentType: req.headers["content-type"] ?? null,
        contentLength: parsed ? null : req.headers["content-length"] ?? null,
        readBody: (limit) => {
          if (!parsed) return readIncoming(req, limit);
          return parsed.byteLength > limit ? Promise.reject(new BodyTooLarge()) : Promise.resolve(parsed);
        },
      })
        .then((answer) => {
          // Answered before the body was read (413, 415...): the connection cannot be reused.
          if (!parsed && !req.complete) res.shouldKeepAlive = false;
          res.statusCode = answer.status;
          for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
          res.end(answer.body);
        })
        .catch(next);
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(key, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    }
    if (parsed) headers.delete("content-length");
    const body: BodyInit | undefined = parsed ?? (hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined);
    const request = new Request(target, { method, headers, ...(body !== undefined ? { body, duplex: "half" } : {}) });
    handler(request)
      .then(async (response) => {
        res.statusCode = response.status;
        response.headers.forEach((value, key) => { res.setHeader(key, value); });
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(next);
  };
}
