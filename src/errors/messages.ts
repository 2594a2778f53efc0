/**
 * Every message the library shows, in one place, in English and Brazilian Portuguese.
 *
 * Issues carry a stable `code` and the `params` that fill the message, so a caller can
 * re-render them in another locale (see {@link localizeIssues}) or map them to its own UI.
 */

import { labelOf } from "../i18n/labels.js";

/** Locales the library writes messages in. `pt-BR` is the default for operator-facing text. */
export type Locale = "pt-BR" | "en";

/** Values that fill a message template. Serialisable on purpose: issues travel as JSON. */
export type MessageParams = Readonly<Record<string, string | number>>;

type Template = (p: MessageParams) => string;

const s = (p: MessageParams, key: string): string => String(p[key] ?? "");

/** ", and N more items were not checked" when a producer stopped early ("?" when it cannot know). */
function unchecked(p: MessageParams, locale: Locale): string {
  const n = p.unchecked;
  if (n === undefined || n === 0) return "";
  if (locale === "pt-BR") return n === "?" ? "; o restante não foi verificado" : `; ${String(n)} itens não foram verificados`;
  return n === "?" ? "; the rest was not checked" : `; ${String(n)} more items were not checked`;
}

/** The catalogue: one entry per issue code, one template per locale. */
export const MESSAGES = {
  invalid_type: {
    en: (p) => `expected ${s(p, "expected")}, received ${s(p, "received")}`,
    "pt-BR": (p) => `esperado ${s(p, "expected")}, recebido ${s(p, "received")}`,
  },
  required: {
    en: () => "is required",
    "pt-BR": () => "é obrigatório",
  },
  unknown_key: {
    en: (p) => `unknown field "${s(p, "key")}" (a typo?)`,
    "pt-BR": (p) => `campo desconhecido "${s(p, "key")}" (erro de digitação?)`,
  },
  invalid_value: {
    en: (p) => `must be one of ${s(p, "options")}`,
    "pt-BR": (p) => `deve ser um de ${s(p, "options")}`,
  },
  too_small: {
    en: (p) => `must be at least ${s(p, "minimum")}`,
    "pt-BR": (p) => `deve ser no mínimo ${s(p, "minimum")}`,
  },
  too_big: {
    en: (p) => `must be at most ${s(p, "maximum")}`,
    "pt-BR": (p) => `deve ser no máximo ${s(p, "maximum")}`,
  },
  not_integer: {
    en: () => "must be a whole number",
    "pt-BR": () => "deve ser um número inteiro",
  },
  invalid_format: {
    en: (p) => `is not a valid ${s(p, "format")}`,
    "pt-BR": (p) => `não é um ${s(p, "format")} válido`,
  },
  "money.not_finite": {
    en: () => "must be a finite number (NaN and Infinity are not money)",
    "pt-BR": () => "deve ser um número finito (NaN e Infinity não são dinheiro)",
  },
  "money.format": {
    en: (p) => `"${s(p, "value")}" is not a decimal amount like "1234.50" (dot for decimals, no thousands separator, no exponent)`,
    "pt-BR": (p) => `"${s(p, "value")}" não é um valor decimal como "1234.50" (ponto decimal, sem separador de milhar, sem expoente)`,
  },
  "money.fraction_digits": {
    en: (p) => `${s(p, "value")} has more fraction digits than ${s(p, "currency")} allows (${s(p, "digits")}); round it explicitly before passing it`,
    "pt-BR": (p) => `${s(p, "value")} tem mais casas decimais do que ${s(p, "currency")} permite (${s(p, "digits")}); arredonde antes de informar`,
  },
  "money.too_large": {
    en: (p) => `${s(p, "value")} is beyond the largest supported amount (${s(p, "max")})`,
    "pt-BR": (p) => `${s(p, "value")} excede o maior valor suportado (${s(p, "max")})`,
  },
  "money.negative": {
    en: (p) => `must not be negative (got ${s(p, "value")})`,
    "pt-BR": (p) => `não pode ser negativo (recebido ${s(p, "value")})`,
  },
  "money.not_positive": {
    en: (p) => `must be greater than zero (got ${s(p, "value")})`,
    "pt-BR": (p) => `deve ser maior que zero (recebido ${s(p, "value")})`,
  },
  "money.text": {
    en: (p) => `"${s(p, "value")}" is not an amount written in ${s(p, "locale")} (e.g. ${s(p, "example")})`,
    "pt-BR": (p) => `"${s(p, "value")}" não é um valor escrito em ${s(p, "locale")} (ex.: ${s(p, "example")})`,
  },
  "currency.unknown": {
    en: (p) => `"${s(p, "value")}" is not an ISO 4217 currency code`,
    "pt-BR": (p) => `"${s(p, "value")}" não é um código de moeda ISO 4217`,
  },
  "decimal.format": {
    en: (p) => `"${s(p, "value")}" is not a decimal number like "2" or "0.033"`,
    "pt-BR": (p) => `"${s(p, "value")}" não é um número decimal como "2" ou "0.033"`,
  },
  "date.format": {
    en: (p) => `"${s(p, "value")}" is not a calendar date in YYYY-MM-DD form`,
    "pt-BR": (p) => `"${s(p, "value")}" não é uma data no formato AAAA-MM-DD`,
  },
  "date.impossible": {
    en: (p) => `${s(p, "value")} does not exist in the calendar`,
    "pt-BR": (p) => `${s(p, "value")} não existe no calendário`,
  },
  "date.range": {
    en: (p) => `${s(p, "value")} is outside the supported years ${s(p, "min")}–${s(p, "max")}`,
    "pt-BR": (p) => `${s(p, "value")} está fora dos anos suportados ${s(p, "min")}–${s(p, "max")}`,
  },
  "date.after": {
    en: (p) => `${s(p, "value")} must not be after ${s(p, "other")} (${s(p, "otherField")})`,
    "pt-BR": (p) => `${s(p, "value")} não pode ser posterior a ${s(p, "other")} (${s(p, "otherField")})`,
  },
  "holiday.month_day": {
    en: (p) => `"${s(p, "value")}" is neither YYYY-MM-DD nor a recurring MM-DD date`,
    "pt-BR": (p) => `"${s(p, "value")}" não é AAAA-MM-DD nem uma data recorrente MM-DD`,
  },
  "receivable.open_exceeds_amount": {
    en: (p) => `open balance ${s(p, "open")} exceeds the installment amount ${s(p, "amount")}`,
    "pt-BR": (p) => `saldo em aberto ${s(p, "open")} excede o valor da parcela ${s(p, "amount")}`,
  },
  "receivable.paid_with_balance": {
    en: (p) => `status "paid" contradicts an open balance of ${s(p, "open")}`,
    "pt-BR": (p) => `status "paid" contradiz um saldo em aberto de ${s(p, "open")}`,
  },
  "receivable.paid_after_as_of": {
    en: (p) => `paid on ${s(p, "paid")}, after the reference date ${s(p, "asOf")}`,
    "pt-BR": (p) => `pago em ${s(p, "paid")}, depois da data de referência ${s(p, "asOf")}`,
  },
  "allocate.ratios": {
    en: () => "ratios must be non-negative and not all zero",
    "pt-BR": () => "as proporções devem ser não negativas e não todas zero",
  },
  "allocate.rounding": {
    en: (p) => `rounding "${s(p, "mode")}" leaves the ${s(p, "part")} part with the opposite sign of the total; use "down"`,
    "pt-BR": (p) => `o arredondamento "${s(p, "mode")}" deixa a parcela ${s(p, "part")} com sinal oposto ao total; use "down"`,
  },
  "charges.fine_cap": {
    en: (p) => `a consumer late fee may not exceed 2% of the installment (CDC art. 52 §1); got ${s(p, "value")}. For B2B terms set consumer: false`,
    "pt-BR": (p) => `a multa de consumidor não pode passar de 2% da prestação (CDC art. 52 §1); recebido ${s(p, "value")}. Para contratos B2B use consumer: false`,
  },
  "charges.one_of": {
    en: (p) => `give either ${s(p, "a")} or ${s(p, "b")}, not both${s(p, "required") === "yes" ? " (one is required)" : ""}`,
    "pt-BR": (p) => `informe ${s(p, "a")} ou ${s(p, "b")}, não ambos${s(p, "required") === "yes" ? " (um deles é obrigatório)" : ""}`,
  },
  "charges.index_missing": {
    en: (p) => `the index series has no value for ${s(p, "month")} (needed from ${s(p, "from")} to ${s(p, "to")})`,
    "pt-BR": (p) => `a série do índice não tem valor para ${s(p, "month")} (necessário de ${s(p, "from")} a ${s(p, "to")})`,
  },
  "charges.index_duplicate": {
    en: (p) => `month ${s(p, "month")} appears more than once in the index series`,
    "pt-BR": (p) => `o mês ${s(p, "month")} aparece mais de uma vez na série do índice`,
  },
  "month.format": {
    en: (p) => `"${s(p, "value")}" is not a month in YYYY-MM form`,
    "pt-BR": (p) => `"${s(p, "value")}" não é um mês no formato AAAA-MM`,
  },
  "policy.unknown_fact": {
    en: (p) => `unknown fact "${s(p, "fact")}"; known facts: ${s(p, "known")}, attributes.<name>`,
    "pt-BR": (p) => `fato desconhecido "${s(p, "fact")}"; fatos conhecidos: ${s(p, "known")}, attributes.<nome>`,
  },
  "policy.unknown_op": {
    en: (p) => `unknown operator "${s(p, "op")}"; use one of ${s(p, "ops")}`,
    "pt-BR": (p) => `operador desconhecido "${s(p, "op")}"; use um de ${s(p, "ops")}`,
  },
  "policy.op_type": {
    en: (p) => `operator "${s(p, "op")}" does not apply to ${s(p, "type")} fact "${s(p, "fact")}"; use ${s(p, "ops")}`,
    "pt-BR": (p) => `o operador "${s(p, "op")}" não se aplica ao fato ${s(p, "type")} "${s(p, "fact")}"; use ${s(p, "ops")}`,
  },
  "policy.value_type": {
    en: (p) => `${s(p, "fact")} is a ${s(p, "type")} fact, so the value must be ${s(p, "expected")}; got ${s(p, "got")}`,
    "pt-BR": (p) => `${s(p, "fact")} é um fato do tipo ${s(p, "type")}, então o valor deve ser ${s(p, "expected")}; recebido ${s(p, "got")}`,
  },
  "policy.empty_group": {
    en: (p) => `"${s(p, "group")}" needs at least one condition`,
    "pt-BR": (p) => `"${s(p, "group")}" precisa de ao menos uma condição`,
  },
  "policy.condition_shape": {
    en: () => "a condition is { fact, op, value }, { all: [...] }, { any: [...] } or { not: {...} }",
    "pt-BR": () => "uma condição é { fact, op, value }, { all: [...] }, { any: [...] } ou { not: {...} }",
  },
  "policy.too_deep": {
    en: (p) => `conditions nest deeper than ${s(p, "max")} levels`,
    "pt-BR": (p) => `as condições passam de ${s(p, "max")} níveis de aninhamento`,
  },
  "policy.immediate_block": {
    en: (p) => `this rule can ${s(p, "action") === "review" ? "hold for a supervisor" : "deny"} a sale paid at once (à vista), which CDC art. 39 IX forbids for consumers (waiting on a supervisor is a refusal too); scope it to "credit" or add "terms": ["deferred"], or set "allowImmediateBlock": true on a rule that uses no debt fact (fraud holds, tags)`,
    "pt-BR": (p) => `esta regra pode ${s(p, "action") === "review" ? "deixar em espera de supervisor" : "recusar"} uma venda à vista, o que o CDC art. 39 IX proíbe para consumidores (esperar pelo supervisor também é recusa); restrinja a "credit" ou acrescente "terms": ["deferred"], ou use "allowImmediateBlock": true numa regra sem fatos de dívida (fraude, marcadores)`,
  },
  "policy.placeholder": {
    en: (p) => `unknown placeholder {${s(p, "name")}} in the message`,
    "pt-BR": (p) => `marcador desconhecido {${s(p, "name")}} na mensagem`,
  },
  "plan.down_payment": {
    en: (p) => `the down payment ${s(p, "down")} must be below the principal ${s(p, "principal")}`,
    "pt-BR": (p) => `a entrada ${s(p, "down")} deve ser menor que o principal ${s(p, "principal")}`,
  },
  "plan.rate_required": {
    en: (p) => `system "${s(p, "system")}" needs monthlyRatePercent or yearlyRatePercent`,
    "pt-BR": (p) => `o sistema "${s(p, "system")}" precisa de monthlyRatePercent ou yearlyRatePercent`,
  },
  "plan.too_small": {
    en: (p) => `${s(p, "count")} installments of ${s(p, "financed")} would be below one cent each`,
    "pt-BR": (p) => `${s(p, "count")} parcelas de ${s(p, "financed")} ficariam abaixo de um centavo cada`,
  },
  "payoff.valid_days": {
    en: () => "an offer must stay valid for at least 2 days (CDC art. 54-B III)",
    "pt-BR": () => "a oferta deve valer por pelo menos 2 dias (CDC art. 54-B III)",
  },
  "proposal.limit": {
    en: (p) => `${s(p, "limit")}: ${s(p, "required")} required, ${s(p, "proposed")} proposed`,
    "pt-BR": (p) => `${s(p, "limit")}: exigido ${s(p, "required")}, proposto ${s(p, "proposed")}`,
  },
  "collection.template": {
    en: () => "a collection template must show the creditor's name and CNPJ/CPF ({creditorName} and {creditorDocument}) — CDC art. 42-A",
    "pt-BR": () => "o modelo de cobrança deve mostrar o nome e o CNPJ/CPF do credor ({creditorName} e {creditorDocument}) — CDC art. 42-A",
  },
  "collection.no_warning": {
    en: (p) => `no step warns before the block at ${s(p, "days")} days overdue: add a step with offsetDays below ${s(p, "days")}`,
    "pt-BR": (p) => `nenhuma etapa avisa antes do bloqueio com ${s(p, "days")} dias de atraso: inclua uma etapa com offsetDays menor que ${s(p, "days")}`,
  },
  "nfce.unknown_code": {
    en: (p) => `tPag "${s(p, "code")}" is ${s(p, "why")}`,
    "pt-BR": (p) => `tPag "${s(p, "code")}" ${s(p, "why") === "retired" ? "foi desativado" : "não existe na tabela vigente"}`,
  },
  "nfce.zero_value": {
    en: (p) => `tPag ${s(p, "code")} requires vPag 0.00 (SEFAZ rejection 904); got ${s(p, "value")}`,
    "pt-BR": (p) => `tPag ${s(p, "code")} exige vPag 0,00 (rejeição 904 da SEFAZ); recebido ${s(p, "value")}`,
  },
  "nfce.deferred_total": {
    en: () => "tPag 91 (Pagamento Posterior) has no vPag: give the note's vNF to value the credit",
    "pt-BR": () => "tPag 91 (Pagamento Posterior) não tem vPag: informe o vNF da nota para valorar o crédito",
  },
  "nfce.xpag": {
    en: () => "tPag 99 (Outros) requires xPag, the description of the payment",
    "pt-BR": () => "tPag 99 (Outros) exige xPag, a descrição do pagamento",
  },
  "sale.blocked": {
    en: (p) => `${labelOf("method", s(p, "method"), "en")} (${labelOf("term", s(p, "term"), "en")}) ${s(p, "outcome") === "review" ? "needs a supervisor's approval" : "refused"}: ${s(p, "reason")}`,
    "pt-BR": (p) => `${labelOf("method", s(p, "method"), "pt-BR")} (${labelOf("term", s(p, "term"), "pt-BR")}) ${s(p, "outcome") === "review" ? "precisa de aprovação do supervisor" : "recusado"}: ${s(p, "reason")}`,
  },
  "duplicate_id": {
    en: (p) => `id "${s(p, "id")}" is used more than once (first at ${s(p, "first")})`,
    "pt-BR": (p) => `o id "${s(p, "id")}" aparece mais de uma vez (primeiro em ${s(p, "first")})`,
  },
  // ---- engine: consumer guards, tender terms (#14) ----
  "policy.immediate_block_debt": {
    en: (p) => `"allowImmediateBlock" cannot rest on a debt fact (${s(p, "facts")}): refusing a consumer who pays at once because of a debt is what CDC art. 39 IX forbids; keep such rules on "credit"`,
    "pt-BR": (p) => `"allowImmediateBlock" não pode depender de fato de dívida (${s(p, "facts")}): recusar o consumidor que paga à vista por causa de dívida é o que o CDC art. 39 IX proíbe; mantenha essas regras em "credit"`,
  },
  "tender.contradictory_term": {
    en: (p) => `${s(p, "method")} is credit by definition and cannot be paid "${s(p, "term")}"; send term "deferred" or another method`,
    "pt-BR": (p) => `${s(p, "method")} (crediário) é crédito por definição e não pode ser "${s(p, "term")}"; envie term "deferred" ou outra forma de pagamento`,
  },
  // ---- interest cap, payoff, plans (#14) ----
  "charges.interest_cap": {
    en: (p) => `a consumer's late interest (juros de mora) may not exceed 1% a month (Súmula 379 STJ; Decreto 22.626/1933 art. 5; CC art. 406); got ${s(p, "value")} a month. For B2B terms set consumer: false`,
    "pt-BR": (p) => `os juros de mora de consumidor não podem passar de 1% ao mês (Súmula 379 do STJ; Decreto 22.626/1933 art. 5º; CC art. 406); recebido ${s(p, "value")} ao mês. Para contratos B2B use consumer: false`,
  },
  "charges.daily_interest_cap": {
    en: (p) => `a consumer's late interest may not exceed 1% a month (Súmula 379 STJ): ${s(p, "value")} a day on ${s(p, "base")} is above ${s(p, "maximum")} a day (1% ÷ 30 of the balance, rounded up to the cent). For B2B terms set consumer: false`,
    "pt-BR": (p) => `os juros de mora de consumidor não podem passar de 1% ao mês (Súmula 379 do STJ): ${s(p, "value")} por dia sobre ${s(p, "base")} passa de ${s(p, "maximum")} por dia (1% ÷ 30 do saldo, arredondado para cima ao centavo). Para contratos B2B use consumer: false`,
  },
  "plan.rate_both": {
    en: () => "give either monthlyRatePercent or yearlyRatePercent, not both",
    "pt-BR": () => "informe monthlyRatePercent ou yearlyRatePercent, não ambos",
  },
  "plan.start_after_first_due": {
    en: (p) => `the contract date ${s(p, "start")} is after the first due date ${s(p, "first")}`,
    "pt-BR": (p) => `a data do contrato ${s(p, "start")} é posterior ao primeiro vencimento ${s(p, "first")}`,
  },
  // ---- bounded errors, strict input (#14 items 11, 13) ----
  too_many_issues: {
    en: (p) => `${s(p, "shown")} issues listed; ${s(p, "count")} more not listed${unchecked(p, "en")}. Fix these and send again`,
    "pt-BR": (p) => `${s(p, "shown")} problemas listados; mais ${s(p, "count")} não listados${unchecked(p, "pt-BR")}. Corrija estes e envie de novo`,
  },
  too_complex: {
    en: () => "too large or too deeply nested to check in full; the rest of this value was not checked",
    "pt-BR": () => "grande ou aninhado demais para verificar por inteiro; o restante deste valor não foi verificado",
  },
  conflicting_value: {
    en: (p) => `${s(p, "value")} contradicts ${s(p, "other")} (${s(p, "otherValue")}); send the value in one place only`,
    "pt-BR": (p) => `${s(p, "value")} contradiz ${s(p, "other")} (${s(p, "otherValue")}); informe o valor em um só lugar`,
  },
  checking_stopped: {
    en: (p) => `checking stopped here after too many issues${unchecked(p, "en")}`,
    "pt-BR": (p) => `a verificação parou aqui depois de problemas demais${unchecked(p, "pt-BR")}`,
  },
  "json.lossy_number": {
    en: (p) => `the number ${s(p, "literal")} cannot be read exactly (a double holds ${s(p, "read")}); send money and other exact values as a decimal string, e.g. "250.00"`,
    "pt-BR": (p) => `o número ${s(p, "literal")} não pode ser lido com exatidão (um double guarda ${s(p, "read")}); envie valores monetários e outros valores exatos como texto decimal, por exemplo "250.00"`,
  },
  // ---- collection planner (#14 item 3) ----
  "tax_id.length": {
    en: (p) => `a CPF has 11 characters and a CNPJ 14 (punctuation aside); got ${s(p, "length")}`,
    "pt-BR": (p) => `o CPF tem 11 caracteres e o CNPJ 14 (sem pontuação); recebido ${s(p, "length")}`,
  },
  "tax_id.characters": {
    en: (p) => s(p, "kind") === "CPF" ? "a CPF has digits only" : "a CNPJ has 12 digits or letters A–Z and 2 numeric check digits (IN RFB 2.229/2024)",
    "pt-BR": (p) => s(p, "kind") === "CPF" ? "o CPF tem apenas dígitos" : "o CNPJ tem 12 dígitos ou letras A–Z e 2 dígitos verificadores numéricos (IN RFB 2.229/2024)",
  },
  "tax_id.repeated": {
    en: (p) => `a ${s(p, "kind")} of one repeated digit is never issued`,
    "pt-BR": (p) => `${s(p, "kind")} com um único dígito repetido nunca é emitido`,
  },
  "tax_id.check_digit": {
    en: (p) => `the ${s(p, "kind")} check digits do not match (mod 11): a typo?`,
    "pt-BR": (p) => `os dígitos verificadores do ${s(p, "kind")} não conferem (módulo 11): erro de digitação?`,
  },
  "collection.address_missing": {
    en: () => "the template uses {creditorAddress} but options.creditor.address is not given",
    "pt-BR": () => "o modelo usa {creditorAddress}, mas options.creditor.address não foi informado",
  },
  "collection.notice_address": {
    en: () => "a written notice must show the creditor's name, address and CNPJ/CPF ({creditorName}, {creditorAddress}, {creditorDocument}) — CDC art. 42-A",
    "pt-BR": () => "o aviso por escrito deve mostrar o nome, o endereço e o CNPJ/CPF do credor ({creditorName}, {creditorAddress}, {creditorDocument}) — CDC art. 42-A",
  },
  "collection.notice_channel": {
    en: (p) => `a written notice before a bureau registration goes by letter to the consumer's address (CDC art. 43 §2; STJ REsp 2.056.285/RS: e-mail or SMS alone is not valid); got "${s(p, "channel")}"`,
    "pt-BR": (p) => `o aviso por escrito antes da negativação vai por carta ao endereço do consumidor (CDC art. 43 §2; STJ REsp 2.056.285/RS: só e-mail ou SMS não vale); recebido "${s(p, "channel")}"`,
  },
  "collection.registration_notice": {
    en: (p) => `a bureau registration needs a prior written_notice step at least ${s(p, "days")} days before it (offsetDays ≤ ${s(p, "latest")}) — CDC art. 43 §2; Súmula 359 STJ`,
    "pt-BR": (p) => `a negativação exige uma etapa written_notice (aviso por escrito) pelo menos ${s(p, "days")} dias antes (offsetDays ≤ ${s(p, "latest")}) — CDC art. 43 §2; Súmula 359 do STJ`,
  },
  "collection.registration_before_due": {
    en: () => "a bureau registration can only come after the due date has passed (offsetDays of 1 or more)",
    "pt-BR": () => "a negativação só pode vir depois do vencimento (offsetDays de 1 ou mais)",
  },
  "collection.registration_too_late": {
    en: (p) => `a bureau record may not cover debts more than 5 years past due (CDC art. 43 §1; Súmula 323 STJ): offsetDays must be at most ${s(p, "maximum")}`,
    "pt-BR": (p) => `o cadastro de inadimplentes não pode registrar dívida vencida há mais de 5 anos (CDC art. 43 §1; Súmula 323 do STJ): offsetDays deve ser no máximo ${s(p, "maximum")}`,
  },
  "collection.notice_date": {
    en: () => "a sent written notice needs its date, to count the days before the bureau registration (CDC art. 43 §2)",
    "pt-BR": () => "o aviso por escrito enviado precisa da data, para contar os dias até a negativação (CDC art. 43 §2)",
  },
  "collection.removal_paid_date": {
    en: () => "a paid título registered with a credit bureau needs paidDate: the record must be removed within 5 business days of payment (Súmula 548 STJ)",
    "pt-BR": () => "título pago e negativado precisa de paidDate: o registro deve ser excluído em até 5 dias úteis do pagamento (Súmula 548 do STJ)",
  },
  "collection.contact_hours": {
    en: (p) => `the contact window must start before it ends (${s(p, "from")}–${s(p, "to")})`,
    "pt-BR": (p) => `a janela de contato deve começar antes de terminar (${s(p, "from")}–${s(p, "to")})`,
  },
  "collection.reserved_step": {
    en: (p) => `step id "${s(p, "id")}" is reserved for the removal of a bureau record`,
    "pt-BR": (p) => `o id de etapa "${s(p, "id")}" é reservado para a exclusão do registro de negativação`,
  },
  "collection.notice_before_due": {
    en: () => "a written notice of a bureau registration is for a debt already overdue (offsetDays of 1 or more); before the due date it would only threaten (CDC art. 42)",
    "pt-BR": () => "o aviso por escrito de negativação é para dívida já vencida (offsetDays de 1 ou mais); antes do vencimento seria só ameaça (CDC art. 42)",
  },
  "collection.no_contact_day": {
    en: (p) => `the calendar leaves no day for contact within a year after ${s(p, "date")} (Sundays and holidays are rest days)`,
    "pt-BR": (p) => `o calendário não deixa nenhum dia de contato no ano seguinte a ${s(p, "date")} (domingos e feriados são dias de descanso)`,
  },
  "collection.removal_task": {
    en: (p) => `Ask the credit bureau to remove the record of título ${s(p, "receivableId")} by ${s(p, "dueBy")} (paid on ${s(p, "paidDate")}; Súmula 548 STJ)`,
    "pt-BR": (p) => `Solicitar ao cadastro de inadimplentes a exclusão do registro do título ${s(p, "receivableId")} até ${s(p, "dueBy")} (pago em ${s(p, "paidDate")}; Súmula 548 do STJ)`,
  },
} as const satisfies Record<string, Record<Locale, Template>>;

/** Stable identifier of an issue; the keys of {@link MESSAGES}. */
export type IssueCode = keyof typeof MESSAGES;

/**
 * Renders one issue code in a locale.
 *
 * @example
 * ```ts
 * renderMessage("money.fraction_digits", { value: "12.345", currency: "BRL", digits: 2 }, "pt-BR");
 * // '12.345 tem mais casas decimais do que BRL permite (2); arredonde antes de informar'
 * ```
 */
export function renderMessage(code: IssueCode, params: MessageParams = {}, locale: Locale = "en"): string {
  const entry: Record<Locale, Template> = MESSAGES[code];
  return entry[locale](params);
}
