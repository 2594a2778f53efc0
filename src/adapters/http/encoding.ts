/**
 * What a body's bytes and its `Content-Type` say about its encoding, for a problem that names
 * it: JSON is UTF-8 (RFC 8259 §8.1), and a POS written in Delphi or VB6 easily sends an
 * AnsiString in Latin-1, or a .NET one UTF-16.
 * @internal
 */
import { httpText } from "../../i18n/http.js";
import type { Locale } from "./language.js";
import { firstInvalidUtf8 } from "../utf8.js";

export { firstInvalidUtf8 };

/**
 * The `charset` parameter of a media type, lower-cased, unquoted; undefined when there is none.
 *
 * @example
 * ```ts
 * charsetOf('application/json; charset="ISO-8859-1"'); // "iso-8859-1"
 * charsetOf("application/json");                        // undefined
 * ```
 */
export function charsetOf(contentType: string | null): string | undefined {
  if (contentType === null) return undefined;
  for (const param of contentType.split(";").slice(1)) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    const value = param.slice(eq + 1).trim();
    return (value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value).toLowerCase();
  }
  return undefined;
}

/** Whether a declared charset is UTF-8 (its WHATWG labels `utf-8` and `utf8`). */
export const isUtf8Label = (charset: string): boolean => charset === "utf-8" || charset === "utf8";

/** What bytes that are not UTF-8 look like: NULs (or a UTF-16 byte order mark) are UTF-16, a lone high byte Latin-1. */
function looksLike(bytes: Uint8Array, offset: number): "utf-16" | "latin-1" | "unknown" {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || bytes.subarray(0, 64).includes(0)) return "utf-16";
  return (bytes[offset] ?? 0) >= 0x80 ? "latin-1" : "unknown";
}

/**
 * Why a body is not UTF-8 JSON, when its bytes say so: a byte that is not UTF-8, or the NULs of
 * UTF-16 (which decode, and then fail as JSON). Undefined when the bytes are UTF-8 without NULs.
 */
export function encodingProblem(bytes: Uint8Array, declared: string | undefined, locale: Locale): string | undefined {
  let offset = firstInvalidUtf8(bytes);
  if (offset === -1) offset = bytes.indexOf(0);
  if (offset === -1) return undefined;
  const byte = `0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0")}`;
  return httpText(locale, "http.not_utf8.detail", { byte, offset, looksLike: looksLike(bytes, offset), ...(declared === undefined ? {} : { declared }) });
}

/** Why `JSON.parse` refused `text`, in `locale`: empty, cut short, or where it stopped. */
export function badJsonDetail(text: string, error: unknown, locale: Locale): string {
  if (text.trim() === "") return httpText(locale, "http.bad_json.empty");
  const message = error instanceof Error ? error.message : "";
  if (/unexpected end of json input|unterminated string/i.test(message)) return httpText(locale, "http.bad_json.truncated");
  const found = /\bposition (\d+)/.exec(message)?.[1];
  const position = found === undefined ? undefined : Number(found);
  // Stopped at the end of the text: the value was cut short, not wrong.
  if (position !== undefined && position >= text.trimEnd().length) return httpText(locale, "http.bad_json.truncated");
  return httpText(locale, "http.bad_json.detail", position === undefined ? {} : { position });
}
