import type { Locale } from "../errors/messages.js";
import { t } from "../i18n/text.js";
import { factValues, PHRASES, renderFact, type FactSources, type FactValues, type Phrase, type RenderContext } from "./facts/index.js";
import { FACTS } from "./facts/table.js";
import type { Rule } from "./policy/types.js";

/** Quotes facts by name for one evaluation's messages. @internal */
export interface FactQuoter {
  readonly values: FactValues;
  readonly locale: Locale;
  readonly quote: (name: string) => string;
}

/**
 * A quoter over one evaluation that renders each fact once: a decision's rules often quote the
 * same amounts, and money formatting is the costliest step of a message. @internal
 */
export function factQuoter(s: FactSources, c: RenderContext): FactQuoter {
  const done = new Map<string, string>();
  return {
    values: factValues(s),
    locale: c.locale,
    quote: (name) => {
      let text = done.get(name);
      if (text === undefined) {
        text = renderFact(name, s, c);
        done.set(name, text);
      }
      return text;
    },
  };
}

/** The sentence of each phrase of the default message, from the locale files. */
const PHRASE_TEXT: Readonly<Record<Phrase, (q: FactQuoter) => string>> = {
  overdue: ({ values: f, locale, quote }) => t(locale, "engine.phrase.overdue", { count: f.overdueCount, days: f.maxDaysOverdue, balance: quote("overdueBalance") }),
  lastPayment: ({ values: f, locale }) => (f.daysSinceLastPayment === null ? t(locale, "engine.phrase.no_payment") : t(locale, "engine.phrase.last_payment", { days: f.daysSinceLastPayment })),
  limitExpired: ({ values: f, locale }) => t(locale, f.creditLimitExpired ? "engine.phrase.limit_expired" : "engine.phrase.limit_in_force"),
  exposure: ({ locale, quote }) => t(locale, "engine.phrase.exposure", { limit: quote("creditLimit"), exposure: quote("exposureAfterSale"), credit: quote("saleCreditAmount") }),
  hold: ({ values: f, locale }) => (f.holdReason ? t(locale, "engine.phrase.hold_reason", { reason: f.holdReason }) : t(locale, "engine.phrase.hold")),
  risk: ({ locale, quote }) => t(locale, "engine.phrase.risk", { riskClass: quote("riskClass") }),
  segment: ({ locale, quote }) => t(locale, "engine.phrase.segment", { segment: quote("segment") }),
  bouncedChecks: ({ values: f, locale }) => t(locale, "engine.phrase.bounced_checks", { count: f.bouncedChecks }),
  negativated: ({ values: f, locale }) => t(locale, f.negativated ? "engine.phrase.negativated" : "engine.phrase.not_negativated"),
  dunning: ({ values: f, locale }) => t(locale, "engine.phrase.dunning", { level: f.dunningLevel }),
  tags: ({ locale, quote }) => {
    const tags = quote("tags");
    return tags === "" ? t(locale, "engine.phrase.no_tags") : t(locale, "engine.phrase.tags", { tags });
  },
};

/**
 * Builds an operator message from the facts a rule looks at, carrying the numbers that made it
 * fire ("2 títulos vencidos, o mais antigo há 47 dias, R$ 389,90 em atraso"): one phrase per
 * kind of fact named, in a fixed order, then each custom attribute. Meant for the cashier or
 * supervisor screen, never for customer-facing output (CDC art. 42: no exposure of the debt).
 */
function defaultMessage(facts: readonly string[], q: FactQuoter): string {
  const named = new Set<Phrase>();
  for (const name of facts) {
    const phrase = Object.hasOwn(FACTS, name) ? FACTS[name as keyof typeof FACTS].phrase : null;
    if (phrase !== null) named.add(phrase);
  }
  const parts = PHRASES.filter((p) => named.has(p)).map((p) => PHRASE_TEXT[p](q));
  for (const name of facts) if (name.startsWith("attributes.")) parts.push(`${name.slice(11)}: ${q.quote(name)}`);
  return parts.join("; ");
}

/** The operator message of a fired rule. @internal */
export function ruleMessage(rule: Rule, facts: readonly string[], q: FactQuoter): string {
  const locale = q.locale;
  const template = typeof rule.message === "string" ? rule.message : rule.message?.[locale] ?? rule.message?.[locale === "pt-BR" ? "en" : "pt-BR"];
  if (template === undefined) return defaultMessage(facts, q) || rule.id;
  return template.replace(/\{([A-Za-z][A-Za-z0-9_.]*)\}/g, (_m, name: string) => (name === "rule" ? rule.id : q.quote(name)));
}

/** The stable code of a rule's reasons. @internal */
export function ruleCode(rule: Rule): string {
  return rule.code ?? rule.id.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}
