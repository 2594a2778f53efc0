/**
 * The language of the answers that are text for people (problem details): the caller's
 * `Accept-Language` (RFC 9110 §12.5.4), else the server's configured locale.
 * @internal
 */
import type { Locale } from "../../i18n/keys.js";

export type { Locale } from "../../i18n/keys.js";

/** The locales the problem texts are written in. */
export const LOCALES: readonly Locale[] = ["en", "pt-BR"];

/** Whether `value` is one of {@link LOCALES}. */
export const isLocale = (value: unknown): value is Locale => value === "en" || value === "pt-BR";

/** A header longer than this is read up to here: a real one is a few dozen characters. */
const MAX_HEADER = 4096;
/** A language range, or `*` (RFC 4647 §2.1). */
const RANGE = /^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$/;
/** A weight: `q=` and a qvalue, 0 to 1 with at most three decimals (RFC 9110 §12.4.2). */
const WEIGHT = /^[qQ]\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** Which of our locales a language range names: any `pt` is Portuguese, any `en` English. */
function localeOfRange(range: string): Locale | "*" | null {
  if (range === "*") return "*";
  const dash = range.indexOf("-");
  const primary = (dash === -1 ? range : range.slice(0, dash)).toLowerCase();
  return primary === "pt" ? "pt-BR" : primary === "en" ? "en" : null;
}

/**
 * The locale an `Accept-Language` header asks for: the supported language with the highest
 * weight (the first listed wins a tie), `pt`, `pt-BR` and `pt-PT` all being Portuguese. `*`
 * stands for every language not listed; `q=0` refuses one. A header that names no language we
 * write (`fr`, or every one refused) gets English, the lingua franca of an unknown caller; no
 * header (or an empty one) gets `fallback`, the server's configured locale. Items that are not
 * a language range with a valid weight are skipped, never refused: the header only advises.
 *
 * @example
 * ```ts
 * localeOf("pt-PT,pt;q=0.9,en;q=0.8", "en"); // "pt-BR"
 * localeOf("en;q=0.5, pt-BR;q=0.4", "pt-BR"); // "en"
 * localeOf("fr-CA", "pt-BR");                  // "en"
 * localeOf(null, "pt-BR");                     // "pt-BR"
 * ```
 */
export function localeOf(header: string | null | undefined, fallback: Locale): Locale {
  if (header === null || header === undefined || header.trim() === "") return fallback;
  const weights = new Map<Locale | "*", { q: number; at: number }>();
  const items = header.slice(0, MAX_HEADER).split(",");
  for (let at = 0; at < items.length; at++) {
    const [range = "", ...params] = (items[at] as string).split(";").map((part) => part.trim());
    if (!RANGE.test(range)) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const weight = WEIGHT.exec(param);
      if (weight) q = Number(weight[1]);
      else valid = false;
    }
    const locale = valid ? localeOfRange(range) : null;
    if (locale === null) continue;
    // A language listed twice keeps its best weight (and where it first had it).
    const seen = weights.get(locale);
    if (!seen || q > seen.q) weights.set(locale, { q, at });
  }
  const star = weights.get("*");
  const candidates = LOCALES.map((locale) => {
    const own = weights.get(locale);
    return { locale, q: own?.q ?? star?.q ?? 0, at: own?.at ?? star?.at ?? Infinity, listed: own !== undefined };
  }).filter((c) => c.q > 0);
  if (candidates.length === 0) return "en";
  candidates.sort((a, b) => b.q - a.q || a.at - b.at);
  const [best, next] = candidates as [(typeof candidates)[number], ...(typeof candidates)[number][]];
  // Both reached only through `*` at the same weight: the caller has no preference.
  if (next && !best.listed && !next.listed && best.q === next.q) return fallback;
  return best.locale;
}
