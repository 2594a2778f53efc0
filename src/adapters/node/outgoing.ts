/**
 * Writing a handler's answer on a `node:http` response, shared by `serve` (credit-block/node)
 * and the Express middleware (credit-block/express), so both put the same bytes on the wire:
 * problem documents included, which are all built by the HTTP adapter's `problemOf`.
 * @internal
 */
import type { ServerResponse } from "node:http";
import type { PlainResponse } from "../http/exchange.js";

/** A plain answer whose body is already bytes (what a Fetch handler's `Response` held). */
export type ByteAnswer = PlainResponse & { readonly bytes: Buffer };

/** A Fetch `Response` (any handler's) as an answer to write. */
export async function byteAnswerOf(response: Response): Promise<ByteAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => { headers[key] = value; });
  return { status: response.status, headers, body: "", bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Writes `answer` (status, headers beside any already set on `res`, body) and ends the response.
 * The headers are set, not passed to `writeHead`, so Node still knows the whole body when it
 * writes them and sends a `Content-Length` rather than a chunked body.
 */
export function writeAnswer(res: ServerResponse, answer: PlainResponse | ByteAnswer): void {
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, name === "vary" ? varyWith(res.getHeader("vary"), value) : value);
  res.end("bytes" in answer ? answer.bytes : answer.body);
}

/**
 * A `Vary` that keeps what was already set on the response (`Origin`, by CORS) beside the
 * answer's own (`Accept-Language`, on a problem), each name once.
 */
function varyWith(before: number | string | string[] | undefined, value: string): string {
  if (before === undefined) return value;
  const names = [...(Array.isArray(before) ? before : [String(before)]), value].flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase())).join(", ");
}
