import { describe, expect, expectTypeOf, it } from "vitest";
import { MESSAGES, renderMessage, type IssueCode, type Locale } from "credit-block";
import { defineCatalogue, templateParts, type Catalogue, type Entry, type Placeholders } from "../../src/i18n/catalogue.js";
import { ISSUE_PARAMS, LABEL_CODES, LOCALES, TEXT_PARAMS, type MessageKey, type Param, type ParamName, type Params } from "../../src/i18n/keys.js";
import { en } from "../../src/i18n/locales/en.js";
import { ptBR } from "../../src/i18n/locales/pt-BR.js";
import { displayDate, displayPercent, renderText, t } from "../../src/i18n/text.js";

/**
 * The locale files are complete and consistent: the same keys in each (also checked by the types,
 * see `compileErrors` below), every template renders for sample values of its parameters'
 * declared types, and a template cannot use a parameter its key does not declare.
 */

const CATALOGUES: Record<Locale, Catalogue> = { en, "pt-BR": ptBR };
type Spec = Readonly<Record<string, Readonly<Record<string, Param<unknown>>>>>;
const SECTIONS = { issues: ISSUE_PARAMS as Spec, texts: TEXT_PARAMS as Spec } as const;

/** Texts that name the collection template's own placeholders, literally. */
const LITERAL_PLACEHOLDERS = new Set(["creditorName", "creditorDocument", "creditorAddress"]);

/** A text sample says whose it is, so a parameter printed in the wrong place shows. */
const sampleValues = (name: string, param: Param<unknown>): unknown[] => (param.kind === "text" ? [`‹${name}›`, 12] : [...param.samples]);

/** The base sample (each parameter's first value), then each parameter through all its samples. */
function sampleParams(spec: Readonly<Record<string, Param<unknown>>>): Record<string, unknown>[] {
  const base = Object.fromEntries(Object.entries(spec).map(([name, param]) => [name, sampleValues(name, param)[0]]));
  const out: Record<string, unknown>[] = [base];
  for (const [name, param] of Object.entries(spec)) for (const value of sampleValues(name, param).slice(1)) out.push({ ...base, [name]: value });
  return out.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)));
}

describe("locale files", () => {
  it("hold the same keys, in the same order, as src/i18n/keys.ts (issues, texts, labels)", () => {
    for (const locale of LOCALES) {
      const catalogue = CATALOGUES[locale];
      expect(catalogue.locale).toBe(locale);
      for (const [section, spec] of Object.entries(SECTIONS)) {
        expect(Object.keys(catalogue[section as keyof typeof SECTIONS]), `${locale} ${section}`).toEqual(Object.keys(spec));
      }
      expect(Object.keys(catalogue.labels), `${locale} label kinds`).toEqual(Object.keys(LABEL_CODES));
      for (const [kind, codes] of Object.entries(LABEL_CODES)) {
        expect(Object.keys(catalogue.labels[kind as keyof typeof LABEL_CODES]), `${locale} labels of ${kind}`).toEqual([...codes]);
      }
    }
    // What a caller sees: MESSAGES lists exactly the issue codes, in order.
    expect(Object.keys(MESSAGES)).toEqual(Object.keys(ISSUE_PARAMS));
  });

  it("use only declared parameters in their templates (the runtime twin of the type check)", () => {
    for (const locale of LOCALES) {
      for (const [section, spec] of Object.entries(SECTIONS)) {
        for (const [key, entry] of Object.entries(CATALOGUES[locale][section as keyof typeof SECTIONS]) as [string, Entry<MessageKey>][]) {
          if (typeof entry !== "string") continue;
          const names = templateParts(entry).filter((_, i) => i % 2 === 1);
          for (const name of names) expect(Object.keys(spec[key] ?? {}), `${locale} ${key} uses {${name}}`).toContain(name);
        }
      }
    }
  });

  it("render every key for sample values of its declared parameter types, leaving no placeholder or 'undefined'", () => {
    let rendered = 0;
    for (const locale of LOCALES) {
      for (const spec of Object.values(SECTIONS)) {
        for (const [key, params] of Object.entries(spec)) {
          for (const sample of sampleParams(params)) {
            const text = renderText(key as MessageKey, sample as Record<string, string | number>, locale);
            const where = `${locale} ${key} ${JSON.stringify(sample)}: ${text}`;
            rendered++;
            expect(text.length, where).toBeGreaterThan(0);
            expect(text, where).not.toMatch(/\bundefined\b|\bnull\b|\[object/);
            for (const [, name] of text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)) {
              expect(Object.keys(params), `${where}: {${name}} left in the text`).not.toContain(name);
              expect(LITERAL_PLACEHOLDERS.has(name ?? "") && key.startsWith("collection."), `${where}: {${name}} left in the text`).toBe(true);
            }
            // A value given as text is printed (a choice or a count may only steer the wording).
            for (const [name, param] of Object.entries(params)) {
              if (param.kind === "text" && typeof sample[name] === "string") expect(text, `${where}: ${name} not printed`).toContain(sample[name]);
            }
          }
        }
      }
    }
    expect(rendered).toBeGreaterThan(400);
  });

  it("render an issue whose params are missing (read back from JSON) with nothing in their place", () => {
    for (const locale of LOCALES) {
      for (const code of Object.keys(ISSUE_PARAMS) as IssueCode[]) {
        const text = renderMessage(code, {}, locale);
        expect(text, `${locale} ${code}`).not.toMatch(/\bundefined\b|\bnull\b|\[object|\{[A-Za-z][A-Za-z0-9_]*\}(?<!\{creditor[A-Za-z]+\})/);
      }
    }
    expect(renderMessage("money.fraction_digits", { value: "1.234" }, "en")).toBe("1.234 has more fraction digits than  allows (); round it explicitly before passing it");
    expect(renderMessage("sale.blocked", {}, "pt-BR")).toBe(" () recusado: ");
  });

  it("scan placeholders as the type does: a letter, then letters, digits or _, in braces; any other brace is text", () => {
    expect(templateParts("plain")).toEqual(["plain"]);
    expect(templateParts("{a} and {b_2}")).toEqual(["", "a", " and ", "b_2", ""]);
    expect(templateParts("{ fact, op } {1x} {} {x")).toEqual(["{ fact, op } {1x} {} {x"]);
    expect(templateParts("{{name}} {ab{cd}")).toEqual(["{", "name", "} {ab", "cd", ""]);
    expectTypeOf<Placeholders<"{a} and {b_2}">>().toEqualTypeOf<"a" | "b_2">();
    expectTypeOf<Placeholders<"{ fact, op } {1x} {} {x">>().toEqualTypeOf<never>();
    expectTypeOf<Placeholders<"{{name}} {ab{cd}">>().toEqualTypeOf<"name" | "cd">();
  });

  it("type each key's parameters from keys.ts", () => {
    expectTypeOf<Params<"money.fraction_digits">>().toEqualTypeOf<{ readonly value: string | number; readonly currency: string | number; readonly digits: number }>();
    expectTypeOf<Params<"too_many_issues">>().toEqualTypeOf<{ readonly shown: number; readonly count: number; readonly unchecked?: number | "?" }>();
    expectTypeOf<ParamName<"required">>().toEqualTypeOf<never>();
  });
});

describe("shared displays", () => {
  it("write dates dd/MM/yyyy in pt-BR and ISO in en, percentages with the locale's separator", () => {
    expect(displayDate("2026-11-20", "pt-BR")).toBe("20/11/2026");
    expect(displayDate("2026-11-20", "en")).toBe("2026-11-20");
    expect(displayPercent("1.99", "pt-BR")).toBe("1,99%");
    expect(displayPercent("1.99", "en")).toBe("1.99%");
    expect(displayPercent("10", "pt-BR")).toBe("10%");
  });

  it("renders typed texts", () => {
    expect(t("pt-BR", "aging.band.over", { days: 120 })).toBe("mais de 120 dias");
    expect(t("en", "negotiation.limit.maxDiscountPercent")).toBe("maximum discount");
    expect(t("en", "charges.one_of", { a: "x", b: "y", required: "yes" })).toBe("give either x or y, not both (one is required)");
  });
});

/**
 * Never run: each statement must fail to compile (`tsc -p tsconfig.json`, part of `npm run
 * typecheck`, reports an unused `@ts-expect-error`). A locale missing a key, carrying an extra one,
 * or using a parameter its key does not declare is a compile error.
 */
export function compileErrors(): unknown[] {
  const withoutRequired: Omit<typeof en.issues, "required"> = en.issues;
  return [
    // @ts-expect-error a locale without the issue "required"
    defineCatalogue({ ...en, issues: withoutRequired } as const satisfies Catalogue),
    // @ts-expect-error a key keys.ts does not define
    defineCatalogue({ ...en, texts: { ...en.texts, "engine.not_a_key": "x" } } as const satisfies Catalogue),
    // @ts-expect-error a template using {nope}, which "invalid_type" does not declare
    defineCatalogue({ ...en, issues: { ...en.issues, invalid_type: "expected {expected}, got {nope}" } } as const satisfies Catalogue),
    // @ts-expect-error a function reading p.nope, which "money.negative" does not declare
    defineCatalogue({ ...en, issues: { ...en.issues, "money.negative": (p) => `${p.nope}` } } as const satisfies Catalogue),
    // @ts-expect-error a label missing ("pix")
    defineCatalogue({ ...en, labels: { ...en.labels, method: { ...en.labels.method, pix: undefined } } } as const satisfies Catalogue),
    // @ts-expect-error a typed call without the parameters the key declares
    t("en", "aging.band.over"),
    // @ts-expect-error a typed call with a parameter the key does not declare
    t("en", "aging.band.over", { days: 1, weeks: 2 }),
    // @ts-expect-error a key that does not exist
    t("en", "aging.band.never"),
  ];
}
