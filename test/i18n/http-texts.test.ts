import { describe, expect, it } from "vitest";
import { httpText, type HttpCatalogue } from "../../src/i18n/http.js";
import { HTTP_PARAMS, LOCALES, type HttpTextKey, type Locale, type Param } from "../../src/i18n/keys.js";
import { httpEn } from "../../src/i18n/locales/http-en.js";
import { httpPtBR } from "../../src/i18n/locales/http-pt-BR.js";

/** The HTTP problem texts (issue #22): complete in every locale, and every one renders. */
const CATALOGUES: Record<Locale, HttpCatalogue> = { en: httpEn, "pt-BR": httpPtBR };
type Spec = Readonly<Record<string, Param<unknown>>>;

/** Each parameter's first sample, then each parameter through its samples (text samples name their parameter). */
function samples(spec: Spec): Record<string, unknown>[] {
  const values = (name: string, p: Param<unknown>): unknown[] => (p.kind === "text" ? [`‹${name}›`] : [...p.samples]);
  const base = Object.fromEntries(Object.entries(spec).map(([n, p]) => [n, values(n, p)[0]]));
  const out = [base];
  for (const [n, p] of Object.entries(spec)) for (const v of values(n, p).slice(1)) out.push({ ...base, [n]: v });
  return out.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
}

describe("the HTTP problem texts", () => {
  it("hold exactly the keys of HTTP_PARAMS, in order, in every locale", () => {
    for (const locale of LOCALES) {
      expect(CATALOGUES[locale].locale).toBe(locale);
      expect(Object.keys(CATALOGUES[locale].texts), locale).toEqual(Object.keys(HTTP_PARAMS));
    }
  });

  it("render every key for samples of its parameters, printing each text parameter, differently per locale", () => {
    let rendered = 0;
    for (const [key, spec] of Object.entries(HTTP_PARAMS) as [HttpTextKey, Spec][]) {
      for (const sample of samples(spec)) {
        const render: (l: Locale, k: HttpTextKey, p?: object) => string = httpText;
        const texts = LOCALES.map((locale) => render(locale, key, sample));
        for (const text of texts) {
          rendered++;
          expect(text.length, key).toBeGreaterThan(0);
          expect(text, key).not.toMatch(/\bundefined\b|\bnull\b|\[object|\{[a-z]+\}/);
          for (const [name, p] of Object.entries(spec)) if (p.kind === "text" && typeof sample[name] === "string") expect(text, `${key} ${name}`).toContain(sample[name]);
        }
        // A text that is only a name (an HTTP method, a media type) may read alike; a sentence may not.
        if ((texts[0] ?? "").includes(" ") && !/^HTTP\//.test(texts[0] ?? "")) expect(texts[1], key).not.toBe(texts[0]);
      }
    }
    expect(rendered).toBeGreaterThan(80);
  });

  it("keeps the English texts answers have always had", () => {
    expect(httpText("en", "http.invalid_input.detail", { count: 3 })).toBe("3 problem(s) in the request");
    expect(httpText("en", "http.too_large.detail", { max: 4096 })).toBe("at most 4096 bytes");
    expect(httpText("en", "http.bad_target.detail")).toBe("the request target or Host header is not a valid URL");
    expect(httpText("pt-BR", "http.not_found.detail", { path: "/v2/decide" })).toBe("não há rota /v2/decide");
  });
});
