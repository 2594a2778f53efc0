/**
 * The handler's routing and answers without Fetch objects. `createHandler` wraps this in a
 * `(Request) => Promise<Response>`; `serve` (credit-block/node) calls it directly, because on
 * Node building a `Request` and a `Response` per call costs more than the decision itself.
 * Both paths go through the same code, so they answer byte for byte alike.
 * @internal
 */

/** What the handler reads of a request. */
export interface PlainRequest {
  readonly method: string;
  /** The URL's pathname, percent-encoding as the URL parser leaves it. */
  readonly pathname: string;
  readonly contentType: string | null;
  readonly contentLength: string | null;
  /** The `Accept-Language` header: the language of problem details (absent: the handler's `locale`). */
  readonly acceptLanguage?: string | null;
  /** The body's bytes; rejects with {@link BodyTooLarge} once more than `limit` have arrived. */
  readBody(limit: number): Promise<Uint8Array>;
}

/** What the handler answers. */
export interface PlainResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TOO_LARGE: unique symbol = Symbol.for("credit-block.http.body-too-large");

/**
 * A body over the configured limit. Recognised by {@link isBodyTooLarge}, not `instanceof`:
 * the published `credit-block/node` and `credit-block/http` are separate bundles, each with its
 * own copy of this class, and a server from one reads bodies for a handler from the other.
 */
export class BodyTooLarge extends Error {
  readonly [TOO_LARGE] = true;
}

/** Whether `error` is a {@link BodyTooLarge} from any copy of the package. */
export function isBodyTooLarge(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as Partial<Record<typeof TOO_LARGE, unknown>>)[TOO_LARGE] === true;
}

/**
 * Where a handler keeps its plain entry point. A registered symbol, so it is the same key when
 * the handler and the server come from different copies of the package (ESM and CJS).
 */
export const EXCHANGE: unique symbol = Symbol.for("credit-block.http.exchange");

/** A handler that can be called without Fetch objects. */
interface Exchanging {
  readonly [EXCHANGE]: (request: PlainRequest) => Promise<PlainResponse>;
}

/** The plain entry point of a credit-block handler, or undefined for any other function. */
export function exchangeOf(handler: unknown): ((request: PlainRequest) => Promise<PlainResponse>) | undefined {
  const candidate = typeof handler === "function" ? (handler as Partial<Exchanging>)[EXCHANGE] : undefined;
  return typeof candidate === "function" ? candidate : undefined;
}

/** The chunks of a body as one array of `size` bytes. */
export function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === size) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** A 200 answer carrying `body` as JSON, with any extra headers. */
export function jsonAnswer(body: unknown, headers: Record<string, string> = {}): PlainResponse {
  return { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...headers }, body: JSON.stringify(body) };
}
