import type { Locale } from "../errors/messages.js";

/**
 * Names the library shows people for its enum values, per locale: what a pt-BR screen, receipt
 * or message prints instead of `store_credit`, `deny` or `chronic`. JSON keeps the codes; only
 * text uses these.
 */
const LABELS = {
  method: {
    "pt-BR": {
      cash: "dinheiro", pix: "Pix", debit_card: "cartão de débito", credit_card: "cartão de crédito", boleto: "boleto",
      store_credit: "crediário", check: "cheque", voucher: "vale", bank_transfer: "transferência bancária",
      digital_wallet: "carteira digital", other: "outra forma",
    },
    en: {
      cash: "cash", pix: "Pix", debit_card: "debit card", credit_card: "credit card", boleto: "boleto",
      store_credit: "store credit", check: "cheque", voucher: "voucher", bank_transfer: "bank transfer",
      digital_wallet: "digital wallet", other: "other method",
    },
  },
  term: {
    "pt-BR": { immediate: "à vista", deferred: "a prazo" },
    en: { immediate: "paid now", deferred: "on credit" },
  },
  outcome: {
    "pt-BR": { allow: "liberada", review: "aguarda supervisor", deny: "negada" },
    en: { allow: "allowed", review: "needs a supervisor", deny: "denied" },
  },
  status: {
    "pt-BR": { clear: "liberado", warning: "com alerta", restricted: "restrito", blocked: "bloqueado" },
    en: { clear: "clear", warning: "warning", restricted: "restricted", blocked: "blocked" },
  },
  action: {
    "pt-BR": { deny: "recusa", review: "supervisor", warn: "alerta" },
    en: { deny: "deny", review: "review", warn: "warning" },
  },
  channel: {
    "pt-BR": { sms: "SMS", email: "e-mail", whatsapp: "WhatsApp", phone: "telefone", letter: "carta" },
    en: { sms: "SMS", email: "e-mail", whatsapp: "WhatsApp", phone: "phone", letter: "letter" },
  },
  because: {
    "pt-BR": { overdue: "vencido", limit: "limite" },
    en: { overdue: "overdue", limit: "limit" },
  },
  segment: {
    "pt-BR": { punctual: "pontual", occasional: "atraso eventual", chronic: "atraso crônico", new: "sem histórico" },
    en: { punctual: "punctual", occasional: "occasionally late", chronic: "chronically late", new: "no history" },
  },
} as const;

/** The kinds of value {@link labelOf} names. */
export type LabelKind = keyof typeof LABELS;

/**
 * The display name of a code in a locale: a payment method, a term, an outcome, a customer
 * status, a rule action, a collection channel, why `regularize` asks for a título, or a
 * payment-profile segment. An unknown code is returned as it is.
 *
 * @example
 * ```ts
 * labelOf("method", "store_credit", "pt-BR"); // "crediário"
 * labelOf("segment", "chronic", "pt-BR");     // "atraso crônico"
 * labelOf("outcome", "deny", "en");           // "denied"
 * ```
 */
export function labelOf(kind: LabelKind, code: string, locale: Locale = "pt-BR"): string {
  const table = LABELS[kind][locale] as Readonly<Record<string, string>>;
  return Object.hasOwn(table, code) ? (table[code] as string) : code;
}
