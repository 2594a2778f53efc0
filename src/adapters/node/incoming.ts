/**
 * Reading a `node:http` request body for a credit-block handler's plain entry point; shared by
 * `serve` (credit-block/node) and the Express middleware (credit-block/express).
 * @internal
 */
import type { IncomingMessage } from "node:http";
import { BodyTooLarge, joinChunks } from "../http/exchange.js";

/** A Node request body, stopping once more than `limit` bytes have arrived. */
export function readIncoming(req: IncomingMessage, limit: number): Promise<Uint8Array> {
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
