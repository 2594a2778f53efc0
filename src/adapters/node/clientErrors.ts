/**
 * The answers to what Node's HTTP parser refuses before a request reaches the handler (a request
 * line or header it cannot read, an HTTP version other than 1.x, headers over the limit) and to
 * the headers and request timeouts: problem documents like every other answer, where Node alone
 * writes a bare status line.
 * @internal
 */
import { STATUS_CODES } from "node:http";
import { httpText } from "../../i18n/http.js";
import type { PlainResponse } from "../http/exchange.js";
import type { Locale } from "../http/language.js";
import { localProblem } from "../http/problem.js";
import { versionNotSupported } from "./guard.js";

/** The server's timeouts in ms (0: off). */
export interface Timeouts {
  readonly headersMs: number;
  readonly requestMs: number;
}

/** What is known when a client error happens. */
export interface ClientErrorContext {
  readonly timeouts: Timeouts;
  readonly locale: Locale;
  /** A request whose headers arrived is waiting for the rest of its body. */
  readonly headersReceived: boolean;
  /** Node's limit on the request line and headers, in bytes. */
  readonly maxHeaderSize: number;
}

/** The answer to a client error and why the connection closes after it; null for a connection that is gone (reset, broken pipe). */
export interface ClientErrorAnswer {
  readonly answer: PlainResponse;
  readonly reason: string;
}

/** The HTTP version a refused request line names (`HTTP/2.1` → `2.1`), from the bytes the parser held. */
function versionIn(raw: unknown): string {
  const head = raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 512)).toString("latin1") : "";
  const version = /^[!-~]+ [!-~]+ HTTP\/([0-9A-Za-z.]{1,10})\r?\n/.exec(head)?.[1];
  return version ?? "?";
}

/**
 * The problem for a client error: 408 for a timeout (naming which one and its limit), 505 for
 * an HTTP version the parser cannot read, 431 for headers over the limit, 400 for anything else
 * the parser refused (with its reason); null for a socket error, where nobody listens any more.
 */
export function clientErrorAnswer(error: Error & { code?: string; reason?: unknown; rawPacket?: unknown }, context: ClientErrorContext): ClientErrorAnswer | null {
  const { locale, timeouts } = context;
  const code = error.code ?? "";
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const headers = !context.headersReceived;
    const ms = headers ? timeouts.headersMs : timeouts.requestMs;
    const detail = httpText(locale, headers ? "http.timeout.headers" : "http.timeout.request", { ms });
    return { answer: localProblem(locale, 408, "request-timeout", httpText(locale, "http.timeout.title"), { detail }), reason: `${headers ? "headers" : "request"} timeout (${ms} ms)` };
  }
  if (!code.startsWith("HPE_")) return null;
  if (code === "HPE_INVALID_VERSION") {
    const version = versionIn(error.rawPacket);
    return { answer: versionNotSupported(locale, version), reason: `HTTP/${version} is not HTTP/1.x` };
  }
  if (code === "HPE_HEADER_OVERFLOW") {
    return {
      answer: localProblem(locale, 431, "request-header-fields-too-large", httpText(locale, "http.headers_too_large.title"), { detail: httpText(locale, "http.headers_too_large.detail", { max: context.maxHeaderSize }) }),
      reason: `headers over ${context.maxHeaderSize} bytes`,
    };
  }
  const reason = typeof error.reason === "string" && error.reason !== "" ? error.reason : code;
  return { answer: localProblem(locale, 400, "bad-request", httpText(locale, "http.bad_request.title"), { detail: httpText(locale, "http.bad_http.detail", { reason }) }), reason: `not HTTP/1.1: ${reason} (${code})` };
}

/** A problem as the bytes of a whole HTTP/1.1 response that closes its connection, for a socket no response object owns. */
export function rawAnswer(answer: PlainResponse, requestId: string): Buffer {
  const body = Buffer.from(answer.body, "utf8");
  const headers: Record<string, string> = {
    ...answer.headers, "x-request-id": requestId, "content-length": String(body.byteLength), date: new Date().toUTCString(), connection: "close",
  };
  const head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ""}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), body]);
}
