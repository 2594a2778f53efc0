/**
 * English: every text the library shows, one entry per key of `src/i18n/keys.ts`.
 * `{name}` is a parameter of the key; see `src/i18n/catalogue.ts` for the syntax.
 */

import { defineCatalogue, labelIn, shown, type Catalogue, type Labels } from "../catalogue.js";

const labels = {
  method: {
    cash: "cash", pix: "Pix", debit_card: "debit card", credit_card: "credit card", boleto: "boleto",
    store_credit: "store credit", check: "cheque", voucher: "voucher", bank_transfer: "bank transfer",
    digital_wallet: "digital wallet", other: "other method",
  },
  term: { immediate: "paid now", deferred: "on credit" },
  outcome: { allow: "allowed", review: "needs a supervisor", deny: "denied" },
  status: { clear: "clear", warning: "warning", restricted: "restricted", blocked: "blocked" },
  action: { deny: "deny", review: "review", warn: "warning" },
  channel: { sms: "SMS", email: "e-mail", whatsapp: "WhatsApp", phone: "phone", letter: "letter" },
  because: { overdue: "overdue", limit: "limit" },
  segment: { punctual: "punctual", occasional: "occasionally late", chronic: "chronically late", new: "no history" },
} as const satisfies Labels;

/** ", and N more items were not checked" when a producer stopped early ("?" when it cannot know). */
const unchecked = (n: number | "?" | undefined): string =>
  n === undefined || n === 0 ? "" : n === "?" ? "; the rest was not checked" : `; ${String(n)} more items were not checked`;

export const en = defineCatalogue({
  locale: "en",
  labels,
  issues: {
    invalid_type: "expected {expected}, received {received}",
    required: "is required",
    unknown_key: 'unknown field "{key}" (a typo?)',
    invalid_value: "must be one of {options}",
    too_small: "must be at least {minimum}",
    too_big: "must be at most {maximum}",
    not_integer: "must be a whole number",
    invalid_format: "is not a valid {format}",
    "money.not_finite": "must be a finite number (NaN and Infinity are not money)",
    "money.format": '"{value}" is not a decimal amount like "1234.50" (dot for decimals, no thousands separator, no exponent)',
    "money.fraction_digits": "{value} has more fraction digits than {currency} allows ({digits}); round it explicitly before passing it",
    "money.too_large": "{value} is beyond the largest supported amount ({max})",
    "money.negative": "must not be negative (got {value})",
    "money.not_positive": "must be greater than zero (got {value})",
    "money.text": '"{value}" is not an amount written in {locale} (e.g. {example})',
    "currency.unknown": '"{value}" is not an ISO 4217 currency code',
    "decimal.format": '"{value}" is not a decimal number like "2" or "0.033"',
    "date.format": '"{value}" is not a calendar date in YYYY-MM-DD form',
    "date.impossible": "{value} does not exist in the calendar",
    "date.range": "{value} is outside the supported years {min}–{max}",
    "date.after": "{value} must not be after {other} ({otherField})",
    "holiday.month_day": '"{value}" is neither YYYY-MM-DD nor a recurring MM-DD date',
    "receivable.open_exceeds_amount": "open balance {open} exceeds the installment amount {amount}",
    "receivable.paid_with_balance": 'status "paid" contradicts an open balance of {open}',
    "receivable.paid_after_as_of": "paid on {paid}, after the reference date {asOf}",
    "allocate.ratios": "ratios must be non-negative and not all zero",
    "allocate.rounding": 'rounding "{mode}" leaves the {part} part with the opposite sign of the total; use "down"',
    "charges.fine_cap": "a consumer late fee may not exceed 2% of the installment (CDC art. 52 §1); got {value}. For B2B terms set consumer: false",
    "charges.one_of": (p) => `give either ${shown(p.a)} or ${shown(p.b)}, not both${p.required === "yes" ? " (one is required)" : ""}`,
    "charges.index_missing": "the index series has no value for {month} (needed from {from} to {to})",
    "charges.index_duplicate": "month {month} appears more than once in the index series",
    "month.format": '"{value}" is not a month in YYYY-MM form',
    "policy.unknown_fact": 'unknown fact "{fact}"; known facts: {known}, attributes.<name>',
    "policy.unknown_op": 'unknown operator "{op}"; use one of {ops}',
    "policy.op_type": 'operator "{op}" does not apply to {type} fact "{fact}"; use {ops}',
    "policy.value_type": "{fact} is a {type} fact, so the value must be {expected}; got {got}",
    "policy.empty_group": '"{group}" needs at least one condition',
    "policy.condition_shape": "a condition is { fact, op, value }, { all: [...] }, { any: [...] } or { not: {...} }",
    "policy.too_deep": "conditions nest deeper than {max} levels",
    "policy.immediate_block": (p) =>
      `this rule can ${p.action === "review" ? "hold for a supervisor" : "deny"} a sale paid at once (à vista), which CDC art. 39 IX forbids for consumers (waiting on a supervisor is a refusal too); scope it to "credit" or add "terms": ["deferred"], or set "allowImmediateBlock": true on a rule that uses no debt fact (fraud holds, tags)`,
    "policy.placeholder": "unknown placeholder {{name}} in the message",
    "plan.down_payment": "the down payment {down} must be below the principal {principal}",
    "plan.rate_required": 'system "{system}" needs monthlyRatePercent or yearlyRatePercent',
    "plan.too_small": "{count} installments of {financed} would be below one cent each",
    "payoff.valid_days": "an offer must stay valid for at least 2 days (CDC art. 54-B III)",
    "proposal.limit": "{limit}: {required} required, {proposed} proposed",
    // Functions, not templates: the text names the collection template's own placeholders.
    "collection.template": () => "a collection template must show the creditor's name and CNPJ/CPF ({creditorName} and {creditorDocument}) — CDC art. 42-A",
    "collection.no_warning": "no step warns before the block at {days} days overdue: add a step with offsetDays below {days}",
    "nfce.unknown_code": 'tPag "{code}" is {why}',
    "nfce.zero_value": "tPag {code} requires vPag 0.00 (SEFAZ rejection 904); got {value}",
    "nfce.deferred_total": "tPag 91 (Pagamento Posterior) has no vPag: give the note's vNF to value the credit",
    "nfce.xpag": "tPag 99 (Outros) requires xPag, the description of the payment",
    "sale.blocked": (p) =>
      `${labelIn(labels, "method", shown(p.method))} (${labelIn(labels, "term", shown(p.term))}) ${p.outcome === "review" ? "needs a supervisor's approval" : "refused"}: ${shown(p.reason)}`,
    duplicate_id: 'id "{id}" is used more than once (first at {first})',
    "policy.immediate_block_debt": '"allowImmediateBlock" cannot rest on a debt fact ({facts}): refusing a consumer who pays at once because of a debt is what CDC art. 39 IX forbids; keep such rules on "credit"',
    "tender.contradictory_term": '{method} is credit by definition and cannot be paid "{term}"; send term "deferred" or another method',
    "charges.interest_cap": "a consumer's late interest (juros de mora) may not exceed 1% a month (Súmula 379 STJ; Decreto 22.626/1933 art. 5; CC art. 406); got {value} a month. For B2B terms set consumer: false",
    "charges.daily_interest_cap": "a consumer's late interest may not exceed 1% a month (Súmula 379 STJ): {value} a day on {base} is above {maximum} a day (1% ÷ 30 of the balance, rounded up to the cent). For B2B terms set consumer: false",
    "plan.rate_both": "give either monthlyRatePercent or yearlyRatePercent, not both",
    "plan.start_after_first_due": "the contract date {start} is after the first due date {first}",
    too_many_issues: (p) => `${shown(p.shown)} issues listed; ${shown(p.count)} more not listed${unchecked(p.unchecked)}. Fix these and send again`,
    too_complex: "too large or too deeply nested to check in full; the rest of this value was not checked",
    conflicting_value: "{value} contradicts {other} ({otherValue}); send the value in one place only",
    checking_stopped: (p) => `checking stopped here after too many issues${unchecked(p.unchecked)}`,
    "json.lossy_number": 'the number {literal} cannot be read exactly (a double holds {read}); send money and other exact values as a decimal string, e.g. "250.00"',
    "tax_id.length": "a CPF has 11 characters and a CNPJ 14 (punctuation aside); got {length}",
    "tax_id.characters": (p) => (p.kind === "CPF" ? "a CPF has digits only" : "a CNPJ has 12 digits or letters A–Z and 2 numeric check digits (IN RFB 2.229/2024)"),
    "tax_id.repeated": "a {kind} of one repeated digit is never issued",
    "tax_id.check_digit": "the {kind} check digits do not match (mod 11): a typo?",
    "collection.address_missing": () => "the template uses {creditorAddress} but options.creditor.address is not given",
    "collection.notice_address": () => "a written notice must show the creditor's name, address and CNPJ/CPF ({creditorName}, {creditorAddress}, {creditorDocument}) — CDC art. 42-A",
    "collection.notice_channel": 'a written notice before a bureau registration goes by letter to the consumer\'s address (CDC art. 43 §2; STJ REsp 2.056.285/RS: e-mail or SMS alone is not valid); got "{channel}"',
    "collection.registration_notice": "a bureau registration needs a prior written_notice step at least {days} days before it (offsetDays ≤ {latest}) — CDC art. 43 §2; Súmula 359 STJ",
    "collection.registration_before_due": "a bureau registration can only come after the due date has passed (offsetDays of 1 or more)",
    "collection.registration_too_late": "a bureau record may not cover debts more than 5 years past due (CDC art. 43 §1; Súmula 323 STJ): offsetDays must be at most {maximum}",
    "collection.notice_date": "a sent written notice needs its date, to count the days before the bureau registration (CDC art. 43 §2)",
    "collection.removal_paid_date": "a paid título registered with a credit bureau needs paidDate: the record must be removed within 5 business days of payment (Súmula 548 STJ)",
    "collection.contact_hours": "the contact window must start before it ends ({from}–{to})",
    "collection.reserved_step": 'step id "{id}" is reserved for the removal of a bureau record',
    "collection.notice_before_due": "a written notice of a bureau registration is for a debt already overdue (offsetDays of 1 or more); before the due date it would only threaten (CDC art. 42)",
    "collection.no_contact_day": "the calendar leaves no day for contact within a year after {date} (Sundays and holidays are rest days)",
    "collection.removal_task": "Ask the credit bureau to remove the record of título {receivableId} by {dueBy} (paid on {paidDate}; Súmula 548 STJ)",
  },
  texts: {
    // ---- formats ----
    "format.date": "{year}-{month}-{day}",
    "format.decimal_separator": ".",
    "format.percent": "{value}%",
    "format.missing": "—",

    // ---- negotiation ----
    "negotiation.limit.minDownPayment": "minimum down payment",
    "negotiation.limit.maxInstallments": "maximum installments",
    "negotiation.limit.minInstallment": "minimum installment",
    "negotiation.limit.maxMonthlyRatePercent": "maximum monthly rate",
    "negotiation.limit.maxDiscountPercent": "maximum discount",
    "negotiation.no_plan.no_installments": "no installment plan meets the policy: with the minimum down payment of {minDown}, the policy allows no installments",
    "negotiation.no_plan.below_minimum": "no installment plan meets the policy: with the minimum down payment of {minDown}, not even one installment reaches the minimum of {minimum}",

    // ---- aging bands ----
    "aging.band.not_yet_due": "not yet due",
    "aging.band.up_to": "up to {days} days",
    "aging.band.range": "{from}–{to} days",
    "aging.band.over": "over {days} days",

    // ---- engine ----
  },
} as const satisfies Catalogue);
