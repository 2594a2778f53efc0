/**
 * The texts of the HTTP problem documents (`title`, `detail`) in each locale, for
 * `credit-block/http` and `credit-block/node`. The keys and their parameters are
 * `HTTP_PARAMS` in `keys.ts`; the texts are `locales/http-en.ts` and `locales/http-pt-BR.ts`.
 * The adapters import this module directly (not through the package root), so these texts are
 * bundled with the HTTP entries only: the core that a browser loads never carries them.
 *
 * @module i18n
 */
import type { HttpParams, HttpTextKey, Locale } from "./keys.js";
import { httpEn } from "./locales/http-en.js";
import { httpPtBR } from "./locales/http-pt-BR.js";

/** A text: plain when its key takes no parameters, else a function of the typed parameters. */
export type HttpEntry<K extends HttpTextKey> = [keyof HttpParams<K>] extends [never] ? string : (params: HttpParams<K>) => string;

/** One locale's HTTP texts: every key of `HTTP_PARAMS`, no other (checked by `satisfies`). */
export interface HttpCatalogue {
  readonly locale: Locale;
  readonly texts: { readonly [K in HttpTextKey]: HttpEntry<K> };
}

/** The parameters argument of {@link httpText}: none for a key without parameters, optional when all are. */
export type HttpParamsArg<K extends HttpTextKey> = [keyof HttpParams<K>] extends [never] ? [] : object extends HttpParams<K> ? [params?: HttpParams<K>] : [params: HttpParams<K>];

const CATALOGUES: Readonly<Record<Locale, HttpCatalogue>> = { en: httpEn, "pt-BR": httpPtBR };

/**
 * An HTTP problem text in a locale, its parameters typed by the key.
 *
 * @example
 * ```ts
 * httpText("pt-BR", "http.not_found.detail", { path: "/v2/decide" }); // "não há rota /v2/decide"
 * ```
 * @internal
 */
export function httpText<K extends HttpTextKey>(locale: Locale, key: K, ...params: HttpParamsArg<K>): string {
  const entry = CATALOGUES[locale].texts[key] as string | ((p: object) => string);
  return typeof entry === "string" ? entry : entry(params[0] ?? {});
}
