import type { Locale } from "../errors/messages.js";
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

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The sentence of each phrase of the default message. */
const PHRASE_TEXT: Readonly<Record<Phrase, (q: FactQuoter) => string>> = {
  overdue({ values: f, locale, quote }) {
    const n = f.overdueCount;
    return locale === "pt-BR"
      ? `${n} ${plural(n, "título vencido", "títulos vencidos")}${n > 0 ? `, o mais antigo há ${f.maxDaysOverdue} ${plural(f.maxDaysOverdue, "dia", "dias")}` : ""}, ${quote("overdueBalance")} em atraso`
      : `${n} overdue ${plural(n, "receivable", "receivables")}${n > 0 ? `, the oldest ${f.maxDaysOverdue} ${plural(f.maxDaysOverdue, "day", "days")} late` : ""}, ${quote("overdueBalance")} overdue`;
  },
  lastPayment: ({ values: f, locale }) => {
    const days = f.daysSinceLastPayment;
    if (days === null) return locale === "pt-BR" ? "nenhum pagamento registrado" : "no payment on record";
    return locale === "pt-BR" ? `último pagamento há ${days} ${plural(days, "dia", "dias")}` : `last payment ${days} ${plural(days, "day", "days")} ago`;
  },
  limitExpired: ({ values: f, locale }) => (locale === "pt-BR" ? (f.creditLimitExpired ? "limite de crédito vencido (revisão pendente)" : "limite de crédito em vigor") : f.creditLimitExpired ? "credit limit expired (review due)" : "credit limit in force"),
  exposure: ({ locale, quote }) => (locale === "pt-BR"
    ? `limite ${quote("creditLimit")}, exposição com esta venda ${quote("exposureAfterSale")} (a prazo nesta venda: ${quote("saleCreditAmount")})`
    : `limit ${quote("creditLimit")}, exposure with this sale ${quote("exposureAfterSale")} (on credit in this sale: ${quote("saleCreditAmount")})`),
  hold: ({ values: f, locale }) => (locale === "pt-BR" ? `bloqueio manual${f.holdReason ? `: ${f.holdReason}` : ""}` : `manual hold${f.holdReason ? `: ${f.holdReason}` : ""}`),
  risk: ({ locale, quote }) => (locale === "pt-BR" ? `classe de risco ${quote("riskClass")}` : `risk class ${quote("riskClass")}`),
  segment: ({ locale, quote }) => (locale === "pt-BR" ? `perfil de pagamento ${quote("segment")}` : `payment profile ${quote("segment")}`),
  bouncedChecks: ({ values: f, locale }) => (locale === "pt-BR" ? `${f.bouncedChecks} ${plural(f.bouncedChecks, "cheque devolvido", "cheques devolvidos")}` : `${f.bouncedChecks} bounced ${plural(f.bouncedChecks, "check", "checks")}`),
  negativated: ({ values: f, locale }) => (locale === "pt-BR" ? (f.negativated ? "negativado em birô de crédito" : "sem registro em birô") : f.negativated ? "listed at a credit bureau" : "not listed at a credit bureau"),
  dunning: ({ values: f, locale }) => (locale === "pt-BR" ? `etapa de cobrança ${f.dunningLevel}` : `collection step ${f.dunningLevel}`),
  tags: ({ locale, quote }) => (locale === "pt-BR" ? `marcadores: ${quote("tags") || "nenhum"}` : `tags: ${quote("tags") || "none"}`),
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
