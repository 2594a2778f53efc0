/**
 * The handler's clock: what day it is in the server's time zone, the `asOf` a request gets when
 * it sends none. The core never reads the clock; in the HTTP adapter only this module does.
 * @internal
 */

// Building an Intl.DateTimeFormat costs far more than using one (it loads the zone's rules), and
// the handler asks for today on every checkout: one formatter per zone, kept. Only zones Intl
// accepted are kept, so the map is bounded by the IANA database.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Today in an IANA zone, as `YYYY-MM-DD`, via Intl (no dependency, works in every runtime). The
 * handler derives `asOf` with it; the core itself never reads the clock.
 *
 * @example
 * ```ts
 * todayIn("America/Sao_Paulo", new Date("2026-11-24T01:30:00Z")); // "2026-11-23" (22:30 in São Paulo)
 * ```
 */
export function todayIn(timeZone: string, now: Date): string {
  const parts = dayFormatIn(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * A `() => "YYYY-MM-DD"` reading `now` in `timeZone`: the default `asOf` of every route. Today
 * changes at most once a second (zone offsets are whole seconds), and a busy sidecar asks many
 * times a second: formatting once per second keeps Intl off the hot path.
 */
export function todayClock(timeZone: string, now: () => Date): () => string {
  let cached = { second: Number.NaN, day: "" };
  return () => {
    const at = now();
    const second = Math.floor(at.getTime() / 1000);
    if (second !== cached.second) cached = { second, day: todayIn(timeZone, at) };
    return cached.day;
  };
}
