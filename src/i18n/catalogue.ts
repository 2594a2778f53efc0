/**
 * What a locale file is (a {@link Catalogue}), how its templates are written, and how they are
 * compiled into renderers once, when the module loads.
 *
 * A text is a template string or a function:
 *
 * - `"{value} is not a valid {format}"`: `{name}` is a placeholder, `name` a parameter the key
 *   declares in `keys.ts` (a letter, then letters, digits or `_`). Any other brace is text, so
 *   `"{ fact, op, value }"` prints as written and `"{{name}}"` prints the value in braces. A
 *   parameter left out prints as nothing.
 * - `(p) => …`: when the text depends on a value (a plural, a choice, a label), or must print a
 *   literal `{name}`. `p` is typed by the key's parameters, so a parameter the key does not
 *   declare does not compile. In an issue's function, print a parameter as `${shown(p.name)}`:
 *   issues are re-rendered from params read back from JSON, where one may be missing, and a
 *   missing one prints as nothing there too (the tests render every issue with no params).
 *
 * @module i18n
 */

import type { IssueCode, LabelCode, LabelKind, Locale, MessageKey, ParamName, Params, TextKey } from "./keys.js";

/** A key's text in a locale: a template with `{param}` placeholders, or a function of the parameters. */
export type Entry<K extends MessageKey> = string | ((params: Params<K>) => string);

/** The display names of every label code, in one locale. */
export type Labels = { readonly [K in LabelKind]: { readonly [C in LabelCode<K>]: string } };

/** One locale's complete catalogue: every issue message, every other text, every label. */
export interface Catalogue {
  readonly locale: Locale;
  /** One text per issue code, in the order of `ISSUE_PARAMS` (the order of `MESSAGES`). */
  readonly issues: { readonly [K in IssueCode]: Entry<K> };
  readonly texts: { readonly [K in TextKey]: Entry<K> };
  readonly labels: Labels;
}

// ---- type-level template check -------------------------------------------------------------

type Lower = "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "j" | "k" | "l" | "m" | "n" | "o" | "p" | "q" | "r" | "s" | "t" | "u" | "v" | "w" | "x" | "y" | "z";
type NameStart = Lower | Uppercase<Lower>;
type NameChar = NameStart | "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "_";
type IsNameRest<S extends string> = S extends "" ? true : S extends `${infer C}${infer R}` ? (C extends NameChar ? IsNameRest<R> : false) : false;
type IsName<S extends string> = S extends `${infer C}${infer R}` ? (C extends NameStart ? IsNameRest<R> : false) : false;

/**
 * The placeholder names of a template type, scanned as {@link templateParts} scans the text.
 *
 * @example
 * ```ts
 * type P = Placeholders<"expected {expected}, received {received}">; // "expected" | "received"
 * ```
 */
export type Placeholders<S extends string, Found extends string = never> =
  S extends `${string}{${infer After}`
    ? After extends `${infer Name}}${infer Rest}`
      ? IsName<Name> extends true ? Placeholders<Rest, Found | Name> : Placeholders<After, Found>
      : Found
    : Found;

type Undeclared<S extends string, K extends MessageKey> = Exclude<Placeholders<S>, ParamName<K>>;
type CheckedEntry<E, K> = K extends MessageKey
  ? E extends string
    ? [Undeclared<E, K>] extends [never] ? unknown : { readonly error: `{${Undeclared<E, K>}} is not a parameter of "${K}" (declare it in src/i18n/keys.ts)` }
    : unknown
  : never;
type Checked<C extends Catalogue> = {
  readonly issues: { readonly [K in keyof C["issues"]]: CheckedEntry<C["issues"][K], K> };
  readonly texts: { readonly [K in keyof C["texts"]]: CheckedEntry<C["texts"][K], K> };
};

/**
 * Checks a locale file's templates against the keys' parameters and returns it unchanged. Write
 * the catalogue `{ … } as const satisfies Catalogue` (that checks every key is there, no key is
 * extra, and types each function's parameters) and pass it here (that checks each template's
 * `{placeholders}`).
 */
export function defineCatalogue<const C extends Catalogue>(catalogue: C & Checked<C>): C {
  return catalogue;
}

/** A parameter as printed: absent (or null) prints as nothing. */
export const shown = (value: string | number | null | undefined): string => (value === undefined || value === null ? "" : String(value));

/**
 * The display name of a code in a label table; an unknown code is returned as it is.
 * @internal
 */
export function labelIn(labels: Labels, kind: LabelKind, code: string): string {
  const table = labels[kind] as Readonly<Record<string, string>>;
  return Object.hasOwn(table, code) ? (table[code] as string) : code;
}

// ---- runtime -------------------------------------------------------------------------------

/** Values that fill a message. Serialisable on purpose: issues travel as JSON. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A compiled text: parameters in, text out. */
export type Renderer = (params: MessageParams) => string;

const isNameStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 95;

/**
 * Splits a template into text and placeholder names, alternating: `[text, name, text, …, text]`.
 * @internal
 */
export function templateParts(template: string): string[] {
  const parts: string[] = [];
  let text = "";
  let i = 0;
  for (let open = template.indexOf("{"); open !== -1; open = template.indexOf("{", i)) {
    let end = open + 1;
    if (isNameStart(template.charCodeAt(end))) while (isNameChar(template.charCodeAt(end))) end++;
    if (end > open + 1 && template.charCodeAt(end) === 125 /* } */) {
      parts.push(text + template.slice(i, open), template.slice(open + 1, end));
      text = "";
      i = end + 1;
    } else {
      text += template.slice(i, open + 1);
      i = open + 1;
    }
  }
  parts.push(text + template.slice(i));
  return parts;
}

/**
 * Compiles a template once into a renderer: no parsing, no regular expression per call.
 * @internal
 */
function compileTemplate(template: string): Renderer {
  const parts = templateParts(template);
  if (parts.length === 1) return () => template;
  return (p) => {
    let out = parts[0] as string;
    for (let i = 1; i < parts.length; i += 2) out += shown(p[parts[i] as string]) + (parts[i + 1] as string);
    return out;
  };
}

/** One locale's texts, compiled. @internal */
export interface CompiledCatalogue {
  readonly locale: Locale;
  /** Every key, issues and texts. */
  readonly render: Readonly<Record<MessageKey, Renderer>>;
  /** The issue codes, in the catalogue's order. */
  readonly issueCodes: readonly IssueCode[];
  readonly labels: Labels;
}

/**
 * Compiles a catalogue: each template once, each function as it is.
 * @internal
 */
export function compileCatalogue(catalogue: Catalogue): CompiledCatalogue {
  const render: Record<string, Renderer> = {};
  for (const section of [catalogue.issues, catalogue.texts]) {
    for (const [key, entry] of Object.entries(section) as [string, string | Renderer][]) {
      render[key] = typeof entry === "string" ? compileTemplate(entry) : entry;
    }
  }
  return { locale: catalogue.locale, render: render as Record<MessageKey, Renderer>, issueCodes: Object.keys(catalogue.issues) as IssueCode[], labels: catalogue.labels };
}
