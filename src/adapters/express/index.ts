/**
 * `credit-block/express`: Connect/Express-style middleware over the HTTP handler, with no
 * runtime dependency on express (structural types only).
 * @module adapters/express
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { CreditBlockHandler } from "../http/index.js";

/** The parts of an express/connect request the middleware reads. */
export type MiddlewareRequest = IncomingMessage & { readonly body?: unknown; readonly originalUrl?: string; readonly url?: string };

/**
 * Mounts a credit-block handler as `(req, res, next)`. Works after `express.json()` (the parsed
 * `req.body` is used) or without it (the raw body is streamed). Requests outside `/v1/` go to
 * `next()`.
 *
 * @example
 * ```ts
 * import express from "express";
 * app.use("/credit", creditBlockMiddleware(createHandler({ policy })));
 * // POST /credit/v1/decide
 * ```
 */
export function creditBlockMiddleware(handler: CreditBlockHandler | ((request: Request) => Promise<Response>)) {
  return (req: MiddlewareRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    const url = req.url ?? "/";
    if (!url.startsWith("/v1/")) {
      next();
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === "string") headers.set(key, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    let body: BodyInit | undefined;
    if (hasBody && req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers.delete("content-length");
    } else if (hasBody) body = Readable.toWeb(req) as ReadableStream;
    // The Host header is the client's word: one that cannot form a URL must not become a 500.
    const host = req.headers.host;
    const origin = host !== undefined && URL.canParse(`http://${host}`) ? `http://${host}` : "http://localhost";
    const request = new Request(new URL(url, origin), { method: req.method ?? "GET", headers, ...(body !== undefined ? { body, duplex: "half" } : {}) });
    handler(request)
      .then(async (response) => {
        res.statusCode = response.status;
        response.headers.forEach((value, key) => { res.setHeader(key, value); });
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(next);
  };
}
