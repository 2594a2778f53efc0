/**
 * The facts a policy compares and a decision reports. Everything here is derived from the one
 * table in `./table.ts`: names, types, the debt facts of CDC art. 39 IX, the values at decide
 * time, the reported form and the quoted form.
 * @module
 */
import { t } from "../../i18n/text.js";
import type { PaymentSegment } from "../../profile/segment.js";
import { ATTRIBUTE_FACT, FACTS, type AgeOrigin, type AgeView, type FactEntry, type FactSources, type FactType, type RenderContext } from "./table.js";

export { PHRASES, type AgeOrigin, type AgeView, type FactSources, type FactType, type Phrase, type RenderContext } from "./table.js";

type Table = typeof FACTS;
type ComparedName = { [K in keyof Table]: Table[K]["type"] extends null ? never : K }[keyof Table];
type AnyEntry = FactEntry<FactType | null, unknown, unknown>;
type ValueOf<E> = E extends FactEntry<FactType | null, infer V, unknown> ? V : never;
type PublicOf<E> = E extends FactEntry<FactType | null, unknown, infer P> ? P : never;

/** A fact name a condition can compare (`attributes.<name>` aside). */
export type FactName = ComparedName;

/** Payment-behaviour segment of a customer (the `segment` fact; see `profileCustomer`). */
export type Segment = PaymentSegment;

/**
 * The facts of a checkout at `asOf`, as the decision reports them (money as decimal strings).
 * `creditLimit` and `availableCredit` are null when the customer has no limit configured; an
 * expired limit counts as `"0.00"`.
 */
export type Facts = { readonly [K in keyof Table]: PublicOf<Table[K]> };

/**
 * Facts in the form conditions compare: money in integer minor units (a BigInt past 2^53, so a
 * sum of big amounts is never rounded), percent in hundredths, dates as day numbers, so every
 * comparison is an exact integer comparison.
 * @internal
 */
export type FactValues = { readonly [K in keyof Table]: ValueOf<Table[K]> };

const NAMES = Object.keys(FACTS) as (keyof Table)[];
const entryOf = (name: keyof Table): AnyEntry => FACTS[name] as AnyEntry;
const COMPARED = NAMES.filter((name) => entryOf(name).type !== null) as FactName[];

/**
 * Every fact a policy condition can name, with its type. Money facts compare as exact decimals;
 * `attributes.<name>` reads `customer.attributes`.
 *
 * @example
 * ```ts
 * FACT_TYPES.maxDaysOverdue; // "count"
 * Object.keys(FACT_TYPES).includes("segment"); // true
 * ```
 */
export const FACT_TYPES: { readonly [K in FactName]: Table[K]["type"] } = Object.freeze(
  Object.fromEntries(COMPARED.map((name) => [name, entryOf(name).type])) as { [K in FactName]: Table[K]["type"] },
);

/**
 * Facts that speak of the customer's debts or credit standing: balances, overdue counts and
 * days, exposure, limits, collection step, negativação, payment profile and risk grade. A
 * consumer policy may never refuse or hold a sale paid at once on them (CDC art. 39 IX,
 * https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm). Not debt facts: `onHold`
 * and `tags` (fraud holds), the sale's own amounts, `bouncedChecks` (the reliability of a
 * payment instrument, so a store may refuse cheques from an issuer of bounced ones) and custom
 * `attributes` (the caller answers for what they mean).
 * @internal
 */
export const DEBT_FACTS: ReadonlySet<string> = new Set(COMPARED.filter((name) => entryOf(name).debt));

/** Type of a fact name, including `attributes.<name>`; undefined when unknown. @internal */
export function factType(name: string): FactType | undefined {
  if (name.startsWith(ATTRIBUTE_FACT.prefix)) return ATTRIBUTE_FACT.pattern.test(name) ? ATTRIBUTE_FACT.type : undefined;
  return Object.hasOwn(FACT_TYPES, name) ? (FACT_TYPES[name as FactName]) : undefined;
}

/** Whether a condition may compare the fact with `null` (a limit not set, no risk class). @internal */
export function factAcceptsNull(name: string): boolean {
  return Object.hasOwn(FACTS, name) && entryOf(name as keyof Table).acceptsNull;
}

/** Whether a message may quote `{name}`. @internal */
export function isQuotable(name: string): boolean {
  if (name.startsWith(ATTRIBUTE_FACT.prefix)) return ATTRIBUTE_FACT.pattern.test(name);
  return Object.hasOwn(FACTS, name) && entryOf(name as keyof Table).quotable;
}

/** A compiled reader of one fact, for conditions: reads only what the condition names. @internal */
export function factReader(name: string): (s: FactSources) => unknown {
  if (name.startsWith(ATTRIBUTE_FACT.prefix)) {
    const key = name.slice(ATTRIBUTE_FACT.prefix.length);
    return (s) => ATTRIBUTE_FACT.read(s, key);
  }
  return entryOf(name as keyof Table).read;
}

/** Whether the fact grows by one each day with nothing paid. @internal */
export function agesWithTime(name: string): boolean {
  return Object.hasOwn(FACTS, name) && entryOf(name as keyof Table).agesFrom !== undefined;
}

/** Where a fact that grows with time counts from, for this context; null when it does not grow now. @internal */
export function ageOrigin(name: string, view: AgeView): AgeOrigin | null {
  const agesFrom = Object.hasOwn(FACTS, name) ? entryOf(name as keyof Table).agesFrom : undefined;
  return agesFrom === undefined ? null : agesFrom(view);
}

/** Every fact's value at one evaluation, for messages. @internal */
export function factValues(s: FactSources): FactValues {
  const values: Record<string, unknown> = {};
  for (const name of NAMES) values[name] = entryOf(name).read(s);
  return values as FactValues;
}

/** The facts as a decision reports them, in the table's order. @internal */
export function publicFacts(s: FactSources, digits: number): Facts {
  const facts: Record<string, unknown> = {};
  for (const name of NAMES) {
    const e = entryOf(name);
    facts[name] = e.publish(e.read(s), digits);
  }
  return facts as Facts;
}

/** Quotes one fact for an operator message (`{name}` in a rule's message). @internal */
export function renderFact(name: string, s: FactSources, c: RenderContext): string {
  if (name.startsWith(ATTRIBUTE_FACT.prefix)) return ATTRIBUTE_FACT.render(ATTRIBUTE_FACT.read(s, name.slice(ATTRIBUTE_FACT.prefix.length)), c);
  if (!Object.hasOwn(FACTS, name)) return t(c.locale, "engine.fact.not_set");
  const e = entryOf(name as keyof Table);
  return e.render(e.read(s), c);
}
