/**
 * What `serve` checks of a request before the handler sees it: the Host header (DNS rebinding),
 * the bearer token, CORS, and the request id. Pure functions over header values, so each rule
 * is tested on its own and the server's request path stays a straight line.
 * @internal
 */
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { httpText } from "../../i18n/http.js";
import type { PlainResponse } from "../http/exchange.js";
import type { Locale } from "../http/language.js";
import { localProblem } from "../http/problem.js";

/** A bearer token as the options take it: visible ASCII, no spaces (what a header carries intact). */
export const TOKEN_PATTERN = /^[\x21-\x7e]{16,4096}$/;
/** A client's request id we repeat back; anything else is replaced, never echoed. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's `x-request-id` when it is safe to repeat in headers and logs, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === "string" && REQUEST_ID.test(header) ? header : randomUUID();
}

const isLoopbackV4 = (h: string): boolean => isIPv4(h) && h.startsWith("127.");

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (h === "localhost" || h === "::1") return true;
  if (h.startsWith("::ffff:")) return isLoopbackV4(h.slice(7));
  return isLoopbackV4(h);
}

/**
 * The host name of a Host header (or of an `allowedHosts` entry, where a bare IPv6 address is
 * accepted): lower case, port and one trailing dot dropped; null when it is not a host name.
 */
export function hostnameOf(value: string, bareIPv6 = false): string | null {
  let h = value.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    if (end < 0 || !/^(?::\d{0,5})?$/.test(h.slice(end + 1))) return null;
    h = h.slice(1, end);
    return isIPv6(h) ? h : null;
  }
  if (bareIPv6 && isIPv6(h)) return h;
  const colon = h.indexOf(":");
  if (colon >= 0) {
    if (!/^\d{0,5}$/.test(h.slice(colon + 1))) return null;
    h = h.slice(0, colon);
  }
  if (h.endsWith(".")) h = h.slice(0, -1);
  return /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/.test(h) ? h : null;
}

/** The host names a loopback server answers for when `allowedHosts` is not given. */
export function loopbackHosts(host: string): string[] {
  const own = hostnameOf(host, true);
  return ["localhost", "127.0.0.1", "::1", ...(own ? [own] : [])];
}

/**
 * Whether a request's Host header is one this server answers for; `allowed` null means any.
 * A request without a Host header passes: a browser always sends one, so its absence is not
 * DNS rebinding, and Node already refuses an HTTP/1.1 request without it.
 */
export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string> | null): boolean {
  if (allowed === null || header === undefined) return true;
  const name = hostnameOf(header);
  return name !== null && allowed.has(name);
}

/** An origin as the browser sends it (`https://pos.example.com`), or null if `value` is not one. */
export function originOf(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.origin === value.toLowerCase().replace(/\/$/, "") ? url.origin : null;
}

const digest = (token: string): Buffer => createHash("sha256").update(token, "utf8").digest();

/** Bearer tokens kept as SHA-256 digests, so every comparison is of 32 bytes whatever the length. */
export class Tokens {
  private readonly digests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  get size(): number {
    return this.digests.length;
  }

  /**
   * Whether an Authorization header carries one of the tokens. Every token is compared, with no
   * early exit, so the time taken says nothing about which token came close.
   */
  accepts(authorization: string | undefined): boolean {
    const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
    const given = digest(presented ?? "");
    let match = false;
    for (const d of this.digests) match = timingSafeEqual(d, given) || match;
    return match && presented !== undefined;
  }
}

/** The route that stays open without a token: liveness probes carry no credentials. */
export const isOpenRoute = (method: string | undefined, pathname: string): boolean =>
  (method === "GET" || method === "HEAD") && /^\/v1\/health\/*$/.test(pathname);

/** 401 for a missing or unknown token. */
export function unauthorized(presented: boolean, locale: Locale): PlainResponse {
  return localProblem(locale, 401, "unauthorized", httpText(locale, "http.unauthorized.title"), {
    detail: httpText(locale, presented ? "http.unauthorized.invalid" : "http.unauthorized.missing"),
  }, { "www-authenticate": 'Bearer realm="credit-block"' });
}

/** 421 for a Host header this server does not answer for. */
export const misdirected = (locale: Locale): PlainResponse => localProblem(locale, 421, "misdirected-request", httpText(locale, "http.misdirected.title"), {
  detail: httpText(locale, "http.misdirected.detail"),
});

/** 400 for a request target (or Host header) that cannot form a URL. */
export const badTarget = (locale: Locale): PlainResponse => localProblem(locale, 400, "bad-request", httpText(locale, "http.bad_request.title"), {
  detail: httpText(locale, "http.bad_target.detail"),
});

/** 505 for a request in an HTTP version other than 1.0 and 1.1 (`version`: what it said, e.g. `2.0`). */
export const versionNotSupported = (locale: Locale, version: string): PlainResponse => localProblem(locale, 505, "http-version-not-supported", httpText(locale, "http.version.title"), {
  detail: httpText(locale, "http.version.detail", { version }),
});

/** 500 for a handler that failed (not a credit-block one: those answer their own 500). */
export const internalError = (locale: Locale): PlainResponse => localProblem(locale, 500, "internal", httpText(locale, "http.internal.title"));

/** What a browser script from an allowed origin may read of an answer besides the basics. */
export const CORS_EXPOSE = "x-request-id, x-credit-outcome";

/** The answer to a preflight from an allowed origin. */
export const PREFLIGHT: PlainResponse = {
  status: 204,
  headers: {
    "access-control-allow-methods": "GET, HEAD, POST",
    "access-control-allow-headers": "authorization, content-type, x-request-id",
    "access-control-max-age": "600",
  },
  body: "",
};
