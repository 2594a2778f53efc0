/**
 * Português do Brasil: todos os textos que a biblioteca mostra, uma entrada por chave de
 * `src/i18n/keys.ts`. `{nome}` é um parâmetro da chave; a sintaxe está em `src/i18n/catalogue.ts`.
 */

import { defineCatalogue, labelIn, shown, type Catalogue, type Labels } from "../catalogue.js";

const labels = {
  method: {
    cash: "dinheiro", pix: "Pix", debit_card: "cartão de débito", credit_card: "cartão de crédito", boleto: "boleto",
    store_credit: "crediário", check: "cheque", voucher: "vale", bank_transfer: "transferência bancária",
    digital_wallet: "carteira digital", other: "outra forma",
  },
  term: { immediate: "à vista", deferred: "a prazo" },
  outcome: { allow: "liberada", review: "aguarda supervisor", deny: "negada" },
  status: { clear: "liberado", warning: "com alerta", restricted: "restrito", blocked: "bloqueado" },
  action: { deny: "recusa", review: "supervisor", warn: "alerta" },
  channel: { sms: "SMS", email: "e-mail", whatsapp: "WhatsApp", phone: "telefone", letter: "carta" },
  because: { overdue: "vencido", limit: "limite" },
  segment: { punctual: "pontual", occasional: "atraso eventual", chronic: "atraso crônico", new: "sem histórico" },
} as const satisfies Labels;

/** "; N itens não foram verificados" quando a verificação parou antes ("?" quando não se sabe quantos). */
const unchecked = (n: number | "?" | undefined): string =>
  n === undefined || n === 0 ? "" : n === "?" ? "; o restante não foi verificado" : `; ${String(n)} itens não foram verificados`;

export const ptBR = defineCatalogue({
  locale: "pt-BR",
  labels,
  issues: {
    invalid_type: "esperado {expected}, recebido {received}",
    required: "é obrigatório",
    unknown_key: 'campo desconhecido "{key}" (erro de digitação?)',
    invalid_value: "deve ser um de {options}",
    too_small: "deve ser no mínimo {minimum}",
    too_big: "deve ser no máximo {maximum}",
    not_integer: "deve ser um número inteiro",
    invalid_format: "não é um {format} válido",
    "money.not_finite": "deve ser um número finito (NaN e Infinity não são dinheiro)",
    "money.format": '"{value}" não é um valor decimal como "1234.50" (ponto decimal, sem separador de milhar, sem expoente)',
    "money.fraction_digits": "{value} tem mais casas decimais do que {currency} permite ({digits}); arredonde antes de informar",
    "money.too_large": "{value} excede o maior valor suportado ({max})",
    "money.negative": "não pode ser negativo (recebido {value})",
    "money.not_positive": "deve ser maior que zero (recebido {value})",
    "money.text": '"{value}" não é um valor escrito em {locale} (ex.: {example})',
    "currency.unknown": '"{value}" não é um código de moeda ISO 4217',
    "decimal.format": '"{value}" não é um número decimal como "2" ou "0.033"',
    "date.format": '"{value}" não é uma data no formato AAAA-MM-DD',
    "date.impossible": "{value} não existe no calendário",
    "date.range": "{value} está fora dos anos suportados {min}–{max}",
    "date.after": "{value} não pode ser posterior a {other} ({otherField})",
    "holiday.month_day": '"{value}" não é AAAA-MM-DD nem uma data recorrente MM-DD',
    "receivable.open_exceeds_amount": "saldo em aberto {open} excede o valor da parcela {amount}",
    "receivable.paid_with_balance": 'status "paid" contradiz um saldo em aberto de {open}',
    "receivable.paid_after_as_of": "pago em {paid}, depois da data de referência {asOf}",
    "allocate.ratios": "as proporções devem ser não negativas e não todas zero",
    "allocate.rounding": 'o arredondamento "{mode}" deixa a parcela {part} com sinal oposto ao total; use "down"',
    "charges.fine_cap": "a multa de consumidor não pode passar de 2% da prestação (CDC art. 52 §1); recebido {value}. Para contratos B2B use consumer: false",
    "charges.one_of": (p) => `informe ${shown(p.a)} ou ${shown(p.b)}, não ambos${p.required === "yes" ? " (um deles é obrigatório)" : ""}`,
    "charges.index_missing": "a série do índice não tem valor para {month} (necessário de {from} a {to})",
    "charges.index_duplicate": "o mês {month} aparece mais de uma vez na série do índice",
    "month.format": '"{value}" não é um mês no formato AAAA-MM',
    "policy.unknown_fact": 'fato desconhecido "{fact}"; fatos conhecidos: {known}, attributes.<nome>',
    "policy.unknown_op": 'operador desconhecido "{op}"; use um de {ops}',
    "policy.op_type": 'o operador "{op}" não se aplica ao fato {type} "{fact}"; use {ops}',
    "policy.value_type": "{fact} é um fato do tipo {type}, então o valor deve ser {expected}; recebido {got}",
    "policy.empty_group": '"{group}" precisa de ao menos uma condição',
    "policy.condition_shape": "uma condição é { fact, op, value }, { all: [...] }, { any: [...] } ou { not: {...} }",
    "policy.too_deep": "as condições passam de {max} níveis de aninhamento",
    "policy.immediate_block": (p) =>
      `esta regra pode ${p.action === "review" ? "deixar em espera de supervisor" : "recusar"} uma venda à vista, o que o CDC art. 39 IX proíbe para consumidores (esperar pelo supervisor também é recusa); restrinja a "credit" ou acrescente "terms": ["deferred"], ou use "allowImmediateBlock": true numa regra sem fatos de dívida (fraude, marcadores)`,
    "policy.placeholder": "marcador desconhecido {{name}} na mensagem",
    "plan.down_payment": "a entrada {down} deve ser menor que o principal {principal}",
    "plan.rate_required": 'o sistema "{system}" precisa de monthlyRatePercent ou yearlyRatePercent',
    "plan.too_small": "{count} parcelas de {financed} ficariam abaixo de um centavo cada",
    "payoff.valid_days": "a oferta deve valer por pelo menos 2 dias (CDC art. 54-B III)",
    "proposal.limit": "{limit}: exigido {required}, proposto {proposed}",
    // Funções, não modelos: o texto cita os marcadores do próprio modelo de cobrança.
    "collection.template": () => "o modelo de cobrança deve mostrar o nome e o CNPJ/CPF do credor ({creditorName} e {creditorDocument}) — CDC art. 42-A",
    "collection.no_warning": "nenhuma etapa avisa antes do bloqueio com {days} dias de atraso: inclua uma etapa com offsetDays menor que {days}",
    "nfce.unknown_code": (p) => `tPag "${shown(p.code)}" ${p.why === "retired" ? "foi desativado" : "não existe na tabela vigente"}`,
    "nfce.zero_value": "tPag {code} exige vPag 0,00 (rejeição 904 da SEFAZ); recebido {value}",
    "nfce.deferred_total": "tPag 91 (Pagamento Posterior) não tem vPag: informe o vNF da nota para valorar o crédito",
    "nfce.xpag": "tPag 99 (Outros) exige xPag, a descrição do pagamento",
    "sale.blocked": (p) =>
      `${labelIn(labels, "method", shown(p.method))} (${labelIn(labels, "term", shown(p.term))}) ${p.outcome === "review" ? "precisa de aprovação do supervisor" : "recusado"}: ${shown(p.reason)}`,
    duplicate_id: 'o id "{id}" aparece mais de uma vez (primeiro em {first})',
    "policy.immediate_block_debt": '"allowImmediateBlock" não pode depender de fato de dívida ({facts}): recusar o consumidor que paga à vista por causa de dívida é o que o CDC art. 39 IX proíbe; mantenha essas regras em "credit"',
    "tender.contradictory_term": '{method} (crediário) é crédito por definição e não pode ser "{term}"; envie term "deferred" ou outra forma de pagamento',
    "charges.interest_cap": "os juros de mora de consumidor não podem passar de 1% ao mês (Súmula 379 do STJ; Decreto 22.626/1933 art. 5º; CC art. 406); recebido {value} ao mês. Para contratos B2B use consumer: false",
    "charges.daily_interest_cap": "os juros de mora de consumidor não podem passar de 1% ao mês (Súmula 379 do STJ): {value} por dia sobre {base} passa de {maximum} por dia (1% ÷ 30 do saldo, arredondado para cima ao centavo). Para contratos B2B use consumer: false",
    "plan.rate_both": "informe monthlyRatePercent ou yearlyRatePercent, não ambos",
    "plan.start_after_first_due": "a data do contrato {start} é posterior ao primeiro vencimento {first}",
    too_many_issues: (p) => `${shown(p.shown)} problemas listados; mais ${shown(p.count)} não listados${unchecked(p.unchecked)}. Corrija estes e envie de novo`,
    too_complex: "grande ou aninhado demais para verificar por inteiro; o restante deste valor não foi verificado",
    conflicting_value: "{value} contradiz {other} ({otherValue}); informe o valor em um só lugar",
    checking_stopped: (p) => `a verificação parou aqui depois de problemas demais${unchecked(p.unchecked)}`,
    "json.lossy_number": 'o número {literal} não pode ser lido com exatidão (um double guarda {read}); envie valores monetários e outros valores exatos como texto decimal, por exemplo "250.00"',
    "tax_id.length": "o CPF tem 11 caracteres e o CNPJ 14 (sem pontuação); recebido {length}",
    "tax_id.characters": (p) => (p.kind === "CPF" ? "o CPF tem apenas dígitos" : "o CNPJ tem 12 dígitos ou letras A–Z e 2 dígitos verificadores numéricos (IN RFB 2.229/2024)"),
    "tax_id.repeated": "{kind} com um único dígito repetido nunca é emitido",
    "tax_id.check_digit": "os dígitos verificadores do {kind} não conferem (módulo 11): erro de digitação?",
    "collection.address_missing": () => "o modelo usa {creditorAddress}, mas options.creditor.address não foi informado",
    "collection.notice_address": () => "o aviso por escrito deve mostrar o nome, o endereço e o CNPJ/CPF do credor ({creditorName}, {creditorAddress}, {creditorDocument}) — CDC art. 42-A",
    "collection.notice_channel": 'o aviso por escrito antes da negativação vai por carta ao endereço do consumidor (CDC art. 43 §2; STJ REsp 2.056.285/RS: só e-mail ou SMS não vale); recebido "{channel}"',
    "collection.registration_notice": "a negativação exige uma etapa written_notice (aviso por escrito) pelo menos {days} dias antes (offsetDays ≤ {latest}) — CDC art. 43 §2; Súmula 359 do STJ",
    "collection.registration_before_due": "a negativação só pode vir depois do vencimento (offsetDays de 1 ou mais)",
    "collection.registration_too_late": "o cadastro de inadimplentes não pode registrar dívida vencida há mais de 5 anos (CDC art. 43 §1; Súmula 323 do STJ): offsetDays deve ser no máximo {maximum}",
    "collection.notice_date": "o aviso por escrito enviado precisa da data, para contar os dias até a negativação (CDC art. 43 §2)",
    "collection.removal_paid_date": "título pago e negativado precisa de paidDate: o registro deve ser excluído em até 5 dias úteis do pagamento (Súmula 548 do STJ)",
    "collection.contact_hours": "a janela de contato deve começar antes de terminar ({from}–{to})",
    "collection.reserved_step": 'o id de etapa "{id}" é reservado para a exclusão do registro de negativação',
    "collection.notice_before_due": "o aviso por escrito de negativação é para dívida já vencida (offsetDays de 1 ou mais); antes do vencimento seria só ameaça (CDC art. 42)",
    "collection.no_contact_day": "o calendário não deixa nenhum dia de contato no ano seguinte a {date} (domingos e feriados são dias de descanso)",
    "collection.removal_task": "Solicitar ao cadastro de inadimplentes a exclusão do registro do título {receivableId} até {dueBy} (pago em {paidDate}; Súmula 548 do STJ)",
  },
  texts: {
    // ---- formatos ----
    "format.date": "{day}/{month}/{year}",
    "format.decimal_separator": ",",
    "format.percent": "{value}%",
    "format.missing": "—",

    // ---- negociação ----
    "negotiation.limit.minDownPayment": "entrada mínima",
    "negotiation.limit.maxInstallments": "máximo de parcelas",
    "negotiation.limit.minInstallment": "parcela mínima",
    "negotiation.limit.maxMonthlyRatePercent": "taxa máxima a.m.",
    "negotiation.limit.maxDiscountPercent": "desconto máximo",
    "negotiation.no_plan.no_installments": "nenhum parcelamento atende à política: com a entrada mínima de {minDown}, a política não permite parcelas",
    "negotiation.no_plan.below_minimum": "nenhum parcelamento atende à política: com a entrada mínima de {minDown}, nem uma parcela alcança o mínimo de {minimum}",

    // ---- faixas de aging ----
    "aging.band.not_yet_due": "a vencer",
    "aging.band.up_to": "até {days} dias",
    "aging.band.range": "{from}–{to} dias",
    "aging.band.over": "mais de {days} dias",

    // ---- engine ----
  },
} as const satisfies Catalogue);
