import type { Locale } from "../errors/messages.js";
import { fromDayNumber } from "../calendar/isoDate.js";
import { formatMinor } from "../money/format.js";
import { minorToMoney } from "../money/toMoney.js";
import { labelOf } from "../i18n/labels.js";
import { factType, type FactValues } from "./facts.js";
import type { Rule } from "./policy.js";

/** Formats facts by name for messages. @internal */
export type FactFormatter = (name: string) => string;

/**
 * A formatter over one set of facts that formats each fact once: a decision's rules often quote
 * the same amounts, and money formatting is the costliest step of a message. @internal
 */
export function factFormatter(f: FactValues, locale: Locale, digits: number, currency: string): FactFormatter {
  const done = new Map<string, string>();
  return (name) => {
    let text = done.get(name);
    if (text === undefined) {
      text = formatFact(name, f, locale, digits, currency);
      done.set(name, text);
    }
    return text;
  };
}

/** Formats one fact for an operator message, in the locale. @internal */
export function formatFact(name: string, f: FactValues, locale: Locale, digits: number, currency: string): string {
  if (name === "holdReason") return f.holdReason ?? "";
  if (name === "oldestOverdueDueDate") return Number.isFinite(f.oldestOverdueDueDay) ? displayDate(fromDayNumber(f.oldestOverdueDueDay), locale) : "—";
  const attribute = name.startsWith("attributes.") ? name.slice(11) : undefined;
  const value = attribute === undefined ? (f as unknown as Record<string, unknown>)[name] : Object.hasOwn(f.attributes, attribute) ? f.attributes[attribute] : undefined;
  const type = factType(name);
  if (value === null || value === undefined) return locale === "pt-BR" ? "não definido" : "not set";
  if (type === "money" && (typeof value === "number" || typeof value === "bigint")) return formatMinor(value, digits, currency, locale);
  if (type === "percent" && typeof value === "number") return `${minorToMoney(value, 2).replace(".", locale === "pt-BR" ? "," : ".")}%`;
  if (name === "segment" && typeof value === "string") return labelOf("segment", value, locale);
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "boolean") return locale === "pt-BR" ? (value ? "sim" : "não") : value ? "yes" : "no";
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function displayDate(iso: string, locale: Locale): string {
  return locale === "pt-BR" ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/**
 * Builds an operator message from the facts a rule looks at, carrying the numbers that made it
 * fire ("2 títulos vencidos, o mais antigo há 47 dias, R$ 389,90 em atraso"). Meant for the
 * cashier or supervisor screen, never for customer-facing output (CDC art. 42: no exposure of
 * the debt to others).
 */
function defaultMessage(facts: readonly string[], f: FactValues, locale: Locale, fmt: FactFormatter): string {
  const pt = locale === "pt-BR";
  const parts: string[] = [];
  const seen = new Set(facts);
  if (["overdueCount", "maxDaysOverdue", "overdueBalance", "overduePercent"].some((n) => seen.has(n))) {
    const n = f.overdueCount;
    parts.push(pt
      ? `${n} ${plural(n, "título vencido", "títulos vencidos")}${n > 0 ? `, o mais antigo há ${f.maxDaysOverdue} ${plural(f.maxDaysOverdue, "dia", "dias")}` : ""}, ${fmt("overdueBalance")} em atraso`
      : `${n} overdue ${plural(n, "receivable", "receivables")}${n > 0 ? `, the oldest ${f.maxDaysOverdue} ${plural(f.maxDaysOverdue, "day", "days")} late` : ""}, ${fmt("overdueBalance")} overdue`);
  }
  if (seen.has("creditLimitExpired")) parts.push(pt ? (f.creditLimitExpired ? "limite de crédito vencido (revisão pendente)" : "limite de crédito em vigor") : f.creditLimitExpired ? "credit limit expired (review due)" : "credit limit in force");
  if (["creditLimit", "availableCredit", "exposureAfterSale", "saleCreditAmount", "openBalance", "saleTotal"].some((n) => seen.has(n))) {
    parts.push(pt
      ? `limite ${fmt("creditLimit")}, exposição com esta venda ${fmt("exposureAfterSale")} (a prazo nesta venda: ${fmt("saleCreditAmount")})`
      : `limit ${fmt("creditLimit")}, exposure with this sale ${fmt("exposureAfterSale")} (on credit in this sale: ${fmt("saleCreditAmount")})`);
  }
  if (seen.has("onHold")) parts.push(pt ? `bloqueio manual${f.holdReason ? `: ${f.holdReason}` : ""}` : `manual hold${f.holdReason ? `: ${f.holdReason}` : ""}`);
  if (seen.has("riskClass")) parts.push(pt ? `classe de risco ${fmt("riskClass")}` : `risk class ${fmt("riskClass")}`);
  if (seen.has("segment")) parts.push(pt ? `perfil de pagamento ${fmt("segment")}` : `payment profile ${fmt("segment")}`);
  if (seen.has("bouncedChecks")) parts.push(pt ? `${f.bouncedChecks} ${plural(f.bouncedChecks, "cheque devolvido", "cheques devolvidos")}` : `${f.bouncedChecks} bounced ${plural(f.bouncedChecks, "check", "checks")}`);
  if (seen.has("negativated")) parts.push(pt ? (f.negativated ? "negativado em birô de crédito" : "sem registro em birô") : f.negativated ? "listed at a credit bureau" : "not listed at a credit bureau");
  if (seen.has("dunningLevel")) parts.push(pt ? `etapa de cobrança ${f.dunningLevel}` : `collection step ${f.dunningLevel}`);
  if (seen.has("tags")) parts.push(pt ? `marcadores: ${fmt("tags") || "nenhum"}` : `tags: ${fmt("tags") || "none"}`);
  for (const name of facts) if (name.startsWith("attributes.")) parts.push(`${name.slice(11)}: ${fmt(name)}`);
  return parts.join("; ");
}

/** The operator message of a fired rule. @internal */
export function ruleMessage(rule: Rule, facts: readonly string[], f: FactValues, locale: Locale, fmt: FactFormatter): string {
  const template = typeof rule.message === "string" ? rule.message : rule.message?.[locale] ?? rule.message?.[locale === "pt-BR" ? "en" : "pt-BR"];
  if (template === undefined) return defaultMessage(facts, f, locale, fmt) || rule.id;
  return template.replace(/\{([A-Za-z][A-Za-z0-9_.]*)\}/g, (_m, name: string) => (name === "rule" ? rule.id : fmt(name)));
}

/** The stable code of a rule's reasons. @internal */
export function ruleCode(rule: Rule): string {
  return rule.code ?? rule.id.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}
