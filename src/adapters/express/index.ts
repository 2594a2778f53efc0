/**
 * `credit-block/express`: Connect/Express-style middleware over the HTTP handler, with no
 * runtime dependency on express (structural types only).
 * @module adapters/express
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CreditBlockHandler } from "../http/index.js";
import { exchangeOf } from "../http/exchange.js";
import { fetchRequestOf, plainRequestOf, requestUrlOf } from "../node/incoming.js";
import { byteAnswerOf, writeAnswer } from "../node/outgoing.js";
import { invalidType } from "../options.js";

/** The bytes a body parser in front kept in `req.body`: express.raw's bytes, express.text's text, express.json's value as JSON. */
const keptBytesOf = (body: unknown): Uint8Array<ArrayBuffer> =>
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
    const target = (req.url ?? "/").startsWith("/v1/") ? requestUrlOf(req, "http://localhost") : null;
    if (!target) {
      next();
      return;
    }
    const method = req.method ?? "GET";
    // A body parser in front has spent the stream: the handler gets what it kept. Only then:
    // Express 4's parser sets `req.body = {}` on requests it leaves unread, and those bytes are
    // still in the stream.
    const kept = method !== "GET" && method !== "HEAD" && req.readableEnded ? keptBytesOf(req.body) : undefined;
    if (exchange) {
      // A credit-block handler: no Fetch Request and Response per call (as `serve` does).
      exchange(plainRequestOf(req, target.pathname, kept))
        .then((answer) => {
          // Answered before the body was read (413, 415...): the connection cannot be reused.
          if (!kept && !req.complete) res.shouldKeepAlive = false;
          writeAnswer(res, answer);
        })
        .catch(next);
      return;
    }
    handler(fetchRequestOf(req, target, kept))
      .then(async (response) => { writeAnswer(res, await byteAnswerOf(response)); })
      .catch(next);
  };
}
