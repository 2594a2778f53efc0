/**
 * The one definition of every text the library shows people: the message keys, the parameters
 * each key takes and their types, and the codes each enum label kind names. The locale files
 * (`locales/en.ts`, `locales/pt-BR.ts`) are typed against it, so a key missing in a locale, an
 * extra key, or a template using a parameter its key does not declare does not compile.
 *
 * To add a key: add a line `"area.what": { name: text, n: count }` to {@link ISSUE_PARAMS} (an
 * issue code) or {@link TEXT_PARAMS} (any other text), then its text to the same section
 * (`issues` or `texts`) of both locale files: `"area.what": "{n} … {name}"`, or a function
 * `(p) => …` when the text depends on a value. `tsc` names each locale still missing it.
 *
 * Nothing here is needed at run time (the locale files carry the keys): the values below type
 * the catalogues and give the tests their sample parameters.
 *
 * @module i18n
 */

/** Locales the library writes text in. `pt-BR` is the default for operator-facing text. */
export type Locale = "pt-BR" | "en";

/** Every locale, in the order the tests walk them. */
export const LOCALES: readonly Locale[] = ["pt-BR", "en"];

/**
 * A parameter's declared type. `T` is the value's type in the locale files' functions and in a
 * typed call; `samples` are values of that type the tests render every template with.
 */
export interface Param<T> {
  readonly kind: "text" | "count" | "choice";
  readonly samples: readonly T[];
  readonly optional?: true;
}

/** A value shown as given: a field name, an amount already written out, an id, a date. */
export const text: Param<string | number> = { kind: "text", samples: ["text"] };
/** A whole number (a count of items, of days, of digits): plural forms may depend on it. */
export const count: Param<number> = { kind: "count", samples: [0, 1, 7] };
/** One of a few codes, which the text may choose on. */
export const oneOf = <const V extends string>(...values: readonly V[]): Param<V> => ({ kind: "choice", samples: values });
/** A number or a code (e.g. a count, or "?" when unknown). */
export const countOr = <const V extends string>(...values: readonly V[]): Param<number | V> => ({ kind: "choice", samples: [0, 3, ...values] });
/** A parameter a caller may leave out. */
export interface OptionalParam<T> extends Param<T | undefined> {
  readonly optional: true;
}
/** A parameter a caller may leave out: the text then reads without it. */
export const optional = <T>(param: Param<T>): OptionalParam<T> => ({ ...param, samples: [...param.samples, undefined], optional: true });

type ParamSpec = Readonly<Record<string, Param<unknown>>>;

/**
 * Issue codes: the texts of {@link Issue}s, re-rendered from `code` and `params` by
 * `localizeIssues`. Each is also a value of `IssueCode` and a key of `MESSAGES`.
 */
export const ISSUE_PARAMS = {
  invalid_type: { expected: text, received: text },
  required: {},
  unknown_key: { key: text },
  invalid_value: { options: text },
  too_small: { minimum: text },
  too_big: { maximum: text },
  not_integer: {},
  invalid_format: { format: text },
  "money.not_finite": {},
  "money.format": { value: text },
  "money.fraction_digits": { value: text, currency: text, digits: count },
  "money.too_large": { value: text, max: text },
  "money.negative": { value: text },
  "money.not_positive": { value: text },
  "money.text": { value: text, locale: text, example: text },
  "currency.unknown": { value: text },
  "decimal.format": { value: text },
  "date.format": { value: text },
  "date.impossible": { value: text },
  "date.range": { value: text, min: text, max: text },
  "date.after": { value: text, other: text, otherField: text },
  "holiday.month_day": { value: text },
  "receivable.open_exceeds_amount": { open: text, amount: text },
  "receivable.paid_with_balance": { open: text },
  "receivable.paid_after_as_of": { paid: text, asOf: text },
  "allocate.ratios": {},
  "allocate.rounding": { mode: text, part: text },
  "charges.fine_cap": { value: text },
  "charges.one_of": { a: text, b: text, required: optional(oneOf("yes")) },
  "charges.index_missing": { month: text, from: text, to: text },
  "charges.index_duplicate": { month: text },
  "month.format": { value: text },
  "policy.unknown_fact": { fact: text, known: text },
  "policy.unknown_op": { op: text, ops: text },
  "policy.op_type": { op: text, type: text, fact: text, ops: text },
  "policy.value_type": { fact: text, type: text, expected: text, got: text },
  "policy.empty_group": { group: text },
  "policy.condition_shape": {},
  "policy.too_deep": { max: count },
  "policy.immediate_block": { action: oneOf("deny", "review") },
  "policy.placeholder": { name: text },
  "plan.down_payment": { down: text, principal: text },
  "plan.rate_required": { system: text },
  "plan.too_small": { count: count, financed: text },
  "payoff.valid_days": {},
  "proposal.limit": { limit: text, required: text, proposed: text },
  "collection.template": {},
  "collection.no_warning": { days: count },
  "nfce.unknown_code": { code: text, why: oneOf("retired", "not in the table in force (IT 2024.002 v1.11)") },
  "nfce.zero_value": { code: text, value: text },
  "nfce.deferred_total": {},
  "nfce.xpag": {},
  "sale.blocked": { method: text, term: text, outcome: oneOf("deny", "review"), reason: text },
  duplicate_id: { id: text, first: text },
  // ---- engine: consumer guards, tender terms (#14) ----
  "policy.immediate_block_debt": { facts: text },
  "tender.contradictory_term": { method: text, term: text },
  // ---- interest cap, payoff, plans (#14) ----
  "charges.interest_cap": { value: text },
  "charges.daily_interest_cap": { value: text, base: text, maximum: text },
  "plan.rate_both": {},
  "plan.start_after_first_due": { start: text, first: text },
  // ---- bounded errors, strict input (#14 items 11, 13) ----
  too_many_issues: { shown: count, count: count, unchecked: optional(countOr("?")) },
  too_complex: {},
  conflicting_value: { value: text, other: text, otherValue: text },
  checking_stopped: { unchecked: optional(countOr("?")) },
  "json.lossy_number": { literal: text, read: text },
  "json.duplicate_key": { key: text },
  // ---- collection planner (#14 item 3) ----
  "tax_id.length": { length: count },
  "tax_id.characters": { kind: oneOf("CPF", "CNPJ") },
  "tax_id.repeated": { kind: oneOf("CPF", "CNPJ") },
  "tax_id.check_digit": { kind: oneOf("CPF", "CNPJ") },
  "collection.address_missing": {},
  "collection.notice_address": {},
  "collection.notice_channel": { channel: text },
  "collection.registration_notice": { days: count, latest: count },
  "collection.registration_before_due": {},
  "collection.registration_too_late": { maximum: count },
  "collection.notice_date": {},
  "collection.removal_paid_date": {},
  "collection.contact_hours": { from: text, to: text },
  "collection.reserved_step": { id: text },
  "collection.notice_before_due": {},
  "collection.no_contact_day": { date: text },
  "collection.removal_task": { receivableId: text, dueBy: text, paidDate: text },
} as const satisfies Readonly<Record<string, ParamSpec>>;

/** Texts that are not issues: labels, report headings, reasons, formats. */
export const TEXT_PARAMS = {
  // ---- formats (displayDate, displayDecimal, displayPercent in src/i18n/text.ts) ----
  /** A calendar date for people; `year`, `month`, `day` are zero-padded digits. */
  "format.date": { year: text, month: text, day: text },
  /** Written between the whole and the fraction digits of a percentage. */
  "format.decimal_separator": {},
  /** A percentage; `value` is already written with the locale's decimal separator. */
  "format.percent": { value: text },
  /** A value that is not there (no minimum set, no date). */
  "format.missing": {},

  // ---- negotiation (src/negotiation/evaluateProposal.ts) ----
  "negotiation.limit.minDownPayment": {},
  "negotiation.limit.maxInstallments": {},
  "negotiation.limit.minInstallment": {},
  "negotiation.limit.maxMonthlyRatePercent": {},
  "negotiation.limit.maxDiscountPercent": {},
  /** No plan: the policy allows no installments at all. */
  "negotiation.no_plan.no_installments": { minDown: text },
  /** No plan: not even one installment reaches the policy's minimum. */
  "negotiation.no_plan.below_minimum": { minDown: text, minimum: text },

  // ---- aging bands (src/aging/ageReceivables.ts) ----
  "aging.band.not_yet_due": {},
  "aging.band.up_to": { days: count },
  "aging.band.range": { from: count, to: count },
  "aging.band.over": { days: count },

  // ---- engine (src/engine/**): default rule messages, customer-facing texts, override text ----
  /** The default operator message, one phrase per kind of fact a rule names (src/engine/explain.ts). */
  "engine.phrase.overdue": { count: count, days: count, balance: text },
  "engine.phrase.last_payment": { days: count },
  "engine.phrase.no_payment": {},
  "engine.phrase.limit_expired": {},
  "engine.phrase.limit_in_force": {},
  "engine.phrase.exposure": { limit: text, exposure: text, credit: text },
  "engine.phrase.hold": {},
  "engine.phrase.hold_reason": { reason: text },
  "engine.phrase.risk": { riskClass: text },
  "engine.phrase.segment": { segment: text },
  "engine.phrase.bounced_checks": { count: count },
  "engine.phrase.negativated": {},
  "engine.phrase.not_negativated": {},
  "engine.phrase.dunning": { level: count },
  "engine.phrase.tags": { tags: text },
  "engine.phrase.no_tags": {},
  /** A fact quoted in a message that has no value (no limit set, no risk class). */
  "engine.fact.not_set": {},
  "engine.fact.yes": {},
  "engine.fact.no": {},
  /** A rule a supervisor released: it becomes a warning that says who, until when and why. */
  "engine.override": { rule: text, by: text, until: text, reason: text, message: text },
  /** Customer-facing texts (CDC art. 42: never the debt; art. 39 IX: name what can be paid now). */
  "engine.customer.blocked": {},
  "engine.customer.credit_held": { available: text },
  "engine.customer.credit_unavailable": { available: text },
  "engine.customer.some_unavailable": { available: text },
  "engine.customer.and_more": { first: text },
} as const satisfies Readonly<Record<string, ParamSpec>>;

/** Stable identifier of an issue; the keys of `MESSAGES`. */
export type IssueCode = keyof typeof ISSUE_PARAMS;
/** A key of a text that is not an issue. */
export type TextKey = keyof typeof TEXT_PARAMS;
/** Every message key of a locale catalogue. */
export type MessageKey = IssueCode | TextKey;

/**
 * The texts of the HTTP problem documents (RFC 9457 `title` and `detail`) that
 * `credit-block/http` and `credit-block/node` answer in the caller's language (`Accept-Language`).
 * Their locale files are `locales/http-en.ts` and `locales/http-pt-BR.ts`, read through
 * `http.ts`: apart from the core's catalogue, so the core (which browsers load) never carries
 * them. Issues inside a 422 are the core's issue codes above.
 */
export const HTTP_PARAMS = {
  "http.invalid_input.title": {},
  "http.invalid_policy.title": {},
  /** The detail of a 422: how many issues it lists. */
  "http.invalid_input.detail": { count: count },
  "http.bad_json.title": {},
  /** Where `JSON.parse` stopped, when it says: `position` counts characters from 0. */
  "http.bad_json.detail": { position: optional(count) },
  "http.bad_json.truncated": {},
  "http.bad_json.empty": {},
  "http.not_utf8.title": {},
  /**
   * A body that is not UTF-8: the first byte that is not (`byte`, `0xE7`, at `offset`), what it
   * looks like, and the charset the request declared (`declared`, absent when it declared none).
   */
  "http.not_utf8.detail": { byte: text, offset: count, looksLike: oneOf("utf-16", "latin-1", "unknown"), declared: optional(text) },
  "http.too_large.title": {},
  "http.too_large.detail": { max: count },
  "http.media_type.title": {},
  "http.media_type.detail": {},
  "http.charset.title": {},
  "http.charset.detail": { charset: text },
  "http.not_found.title": {},
  "http.not_found.detail": { path: text },
  "http.method.title": {},
  "http.method.detail": { method: text, allow: text },
  "http.internal.title": {},
  "http.internal.detail": {},
  "http.incomplete.title": {},
  "http.incomplete.detail": {},
  "http.not_ready.title": {},
  "http.not_ready.detail": {},
  "http.unauthorized.title": {},
  "http.unauthorized.missing": {},
  "http.unauthorized.invalid": {},
  "http.misdirected.title": {},
  "http.misdirected.detail": {},
  "http.bad_request.title": {},
  "http.bad_target.detail": {},
  /** A request Node's parser refused; `reason` is the parser's own (English) words. */
  "http.bad_http.detail": { reason: text },
  "http.timeout.title": {},
  "http.timeout.headers": { ms: count },
  "http.timeout.request": { ms: count },
  "http.version.title": {},
  "http.version.detail": { version: text },
  "http.headers_too_large.title": {},
  "http.headers_too_large.detail": { max: count },
} as const satisfies Readonly<Record<string, ParamSpec>>;

/** A key of an HTTP problem text. */
export type HttpTextKey = keyof typeof HTTP_PARAMS;

type Spec = typeof ISSUE_PARAMS & typeof TEXT_PARAMS;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<P> = P extends Param<infer T> ? T : never;
type ParamsOfSpec<S> = Simplify<
  { readonly [N in keyof S as S[N] extends { readonly optional: true } ? never : N]: ValueOf<S[N]> } &
  { readonly [N in keyof S as S[N] extends { readonly optional: true } ? N : never]?: Exclude<ValueOf<S[N]>, undefined> }
>;

/** The parameters of a key, typed: what a locale function receives and a typed call passes. */
export type Params<K extends MessageKey> = ParamsOfSpec<Spec[K]>;
/** The parameters of an HTTP problem text, typed. */
export type HttpParams<K extends HttpTextKey> = ParamsOfSpec<(typeof HTTP_PARAMS)[K]>;
/** The parameter names of a key. */
export type ParamName<K extends MessageKey> = keyof Spec[K] & string;

/**
 * The codes each kind of label names: what a pt-BR screen, receipt or message prints instead of
 * `store_credit`, `deny` or `chronic`.
 */
export const LABEL_CODES = {
  method: ["cash", "pix", "debit_card", "credit_card", "boleto", "store_credit", "check", "voucher", "bank_transfer", "digital_wallet", "other"],
  term: ["immediate", "deferred"],
  outcome: ["allow", "review", "deny"],
  status: ["clear", "warning", "restricted", "blocked"],
  action: ["deny", "review", "warn"],
  channel: ["sms", "email", "whatsapp", "phone", "letter"],
  because: ["overdue", "limit"],
  segment: ["punctual", "occasional", "chronic", "new"],
} as const;

/** The kinds of value `labelOf` names. */
export type LabelKind = keyof typeof LABEL_CODES;
/** The codes of one label kind. */
export type LabelCode<K extends LabelKind> = (typeof LABEL_CODES)[K][number];
