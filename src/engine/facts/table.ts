import { fromDayNumber } from "../../calendar/isoDate.js";
import type { Locale } from "../../errors/messages.js";
import { formatMinor } from "../../i18n/money.js";
import { displayDate, displayPercent, labelOf, t } from "../../i18n/text.js";
import { addMinor, subMinor, type Minor } from "../../money/minor.js";
import { minorToMoney, type Money } from "../../money/toMoney.js";
import type { PaymentSegment } from "../../profile/segment.js";
import type { Customer } from "../../schemas/checkout.js";

/** The kinds of fact a condition can compare. */
export type FactType = "money" | "count" | "percent" | "boolean" | "string" | "list" | "attribute";

/**
 * What every fact is read from at one evaluation: the aging columns of the counted títulos, the
 * customer's limit as in force that day, the sale, the customer record and the segment.
 * @internal
 */
export interface FactSources {
  readonly open: Minor;
  readonly overdue: Minor;
  readonly overdueCount: number;
  readonly maxDays: number;
  /** Day number of the oldest overdue título's due date; +Infinity with none overdue. */
  readonly oldestDueDay: number;
  /** The limit in force that day (0 once expired), null when none is set. */
  readonly limit: Minor | null;
  readonly limitExpired: boolean;
  readonly pending: Minor;
  readonly saleTotal: Minor;
  readonly saleCredit: Minor;
  readonly customer: Customer;
  readonly segment: PaymentSegment;
  /** The day evaluated (asOf, or a later day when `nextChange` looks ahead). */
  readonly day: number;
  /** The last day any título was paid (in full or in part); NaN when none is known. */
  readonly lastPaymentDay: number;
}

/**
 * What a fact that grows by one each day (with nothing paid) counts from, so `nextChange` can
 * tell on which day it crosses a rule's threshold. @internal
 */
export interface AgeOrigin {
  /** The day the count is 0. */
  readonly from: number;
  /** No crossing counts before this day (a título is not overdue before its grace ends). */
  readonly notBefore: number;
}

/** What {@link FactEntry.agesFrom} reads. @internal */
export interface AgeView {
  /** Counted open títulos, oldest first. */
  readonly titles: readonly { readonly openMinor: number; readonly dueDay: number; readonly overdueFrom: number }[];
  readonly ignoreBelow: number;
  readonly lastPaymentDay: number;
}

/** What a placeholder needs to render a fact for people. @internal */
export interface RenderContext {
  readonly locale: Locale;
  readonly digits: number;
  readonly currency: string;
}

/**
 * The parts of the default operator message, in the order they are written; each fact names
 * the part that speaks of it (several facts share one: the overdue counts, days and balance
 * are one sentence).
 * @internal
 */
export const PHRASES = ["overdue", "lastPayment", "limitExpired", "exposure", "hold", "risk", "segment", "bouncedChecks", "negativated", "dunning", "tags"] as const;
/** @internal */
export type Phrase = (typeof PHRASES)[number];

/**
 * One fact, declared once: its type for conditions (null for a value that is only reported and
 * quoted, never compared), whether a condition may compare it with `null`, whether it speaks of
 * the customer's debts (CDC art. 39 IX), how it is read at decide time, how the decision
 * reports it, how a message quotes it, and the phrase of the default message it belongs to.
 * @internal
 */
export interface FactEntry<Type extends FactType | null, Value, Public> {
  readonly type: Type;
  readonly acceptsNull: boolean;
  readonly debt: boolean;
  readonly phrase: Phrase | null;
  /** A message may quote it as `{name}`. */
  readonly quotable: boolean;
  readonly read: (s: FactSources) => Value;
  readonly publish: (value: Value, digits: number) => Public;
  readonly render: (value: Value, c: RenderContext) => string;
  /** For a fact that grows with time: where it counts from (see {@link AgeOrigin}). */
  readonly agesFrom?: (view: AgeView) => AgeOrigin | null;
}

interface Declared {
  readonly debt?: boolean;
  readonly phrase?: Phrase;
  readonly quotable?: boolean;
  readonly agesFrom?: (view: AgeView) => AgeOrigin | null;
}

const notSet = (c: RenderContext): string => t(c.locale, "engine.fact.not_set");
const yesNo = (v: boolean, c: RenderContext): string => t(c.locale, v ? "engine.fact.yes" : "engine.fact.no");

function entry<T extends FactType | null, V, P>(type: T, acceptsNull: boolean, d: Declared, read: (s: FactSources) => V, publish: (v: V, digits: number) => P, render: (v: V, c: RenderContext) => string): FactEntry<T, V, P> {
  return { type, acceptsNull, debt: d.debt ?? false, phrase: d.phrase ?? null, quotable: d.quotable ?? true, read, publish, render, ...(d.agesFrom ? { agesFrom: d.agesFrom } : {}) };
}

const money = (d: Declared, read: (s: FactSources) => Minor) =>
  entry("money", false, d, read, (v, digits) => minorToMoney(v, digits), (v, c) => formatMinor(v, c.digits, c.currency, c.locale));
const optionalMoney = (d: Declared, read: (s: FactSources) => Minor | null) =>
  entry<"money", Minor | null, Money | null>("money", true, d, read, (v, digits) => (v === null ? null : minorToMoney(v, digits)), (v, c) => (v === null ? notSet(c) : formatMinor(v, c.digits, c.currency, c.locale)));
const count = (d: Declared, read: (s: FactSources) => number) => entry("count", false, d, read, (v) => v, (v) => String(v));
const flag = (d: Declared, read: (s: FactSources) => boolean) => entry("boolean", false, d, read, (v) => v, yesNo);

/**
 * Every fact of a checkout, in the order the decision reports them. Adding a fact is one entry
 * here (plus its tests): its name, type and messages follow from it everywhere.
 * @internal
 */
export const FACTS = {
  openBalance: money({ debt: true, phrase: "exposure" }, (s) => s.open),
  overdueBalance: money({ debt: true, phrase: "overdue" }, (s) => s.overdue),
  overduePercent: entry<"percent", number, string>(
    "percent", false, { debt: true, phrase: "overdue" },
    // Hundredths of a percent, truncated (never overstated), by integer arithmetic.
    (s) => (s.open === 0 ? 0 : Number((BigInt(s.overdue) * 10_000n) / BigInt(s.open))),
    (v) => minorToMoney(v, 2),
    (v, c) => displayPercent(minorToMoney(v, 2), c.locale),
  ),
  overdueCount: count({ debt: true, phrase: "overdue" }, (s) => s.overdueCount),
  maxDaysOverdue: count({
    debt: true,
    phrase: "overdue",
    // The age of the oldest counted título once it is overdue: a título due earlier also turns
    // overdue earlier (overdueFrom grows with dueDay), so no other título's age is the maximum.
    agesFrom: ({ titles, ignoreBelow }) => {
      const oldest = titles.find((t) => t.openMinor >= ignoreBelow);
      return oldest === undefined ? null : { from: oldest.dueDay, notBefore: oldest.overdueFrom };
    },
  }, (s) => s.maxDays),
  oldestOverdueDueDate: entry<null, number, string | null>(
    null, false, {}, (s) => s.oldestDueDay,
    (day) => (Number.isFinite(day) ? fromDayNumber(day) : null),
    (day, c) => (Number.isFinite(day) ? displayDate(fromDayNumber(day), c.locale) : t(c.locale, "format.missing")),
  ),
  creditLimit: optionalMoney({ debt: true, phrase: "exposure" }, (s) => s.limit),
  creditLimitExpired: flag({ debt: true, phrase: "limitExpired" }, (s) => s.limitExpired),
  availableCredit: optionalMoney({ debt: true, phrase: "exposure" }, (s) => (s.limit === null ? null : subMinor(subMinor(s.limit, s.open), s.pending))),
  saleTotal: money({ phrase: "exposure" }, (s) => s.saleTotal),
  saleCreditAmount: money({ phrase: "exposure" }, (s) => s.saleCredit),
  exposureAfterSale: money({ debt: true, phrase: "exposure" }, (s) => addMinor(addMinor(s.open, s.pending), s.saleCredit)),
  riskClass: entry<"string", string | null, string | null>("string", true, { debt: true, phrase: "risk" }, (s) => s.customer.riskClass ?? null, (v) => v, (v, c) => v ?? notSet(c)),
  // `segment eq null` is accepted and never true, as for every string fact.
  segment: entry<"string", PaymentSegment, PaymentSegment>("string", true, { debt: true, phrase: "segment" }, (s) => s.segment, (v) => v, (v, c) => labelOf("segment", v, c.locale)),
  dunningLevel: count({ debt: true, phrase: "dunning" }, (s) => s.customer.dunningLevel ?? 0),
  onHold: flag({ phrase: "hold" }, (s) => s.customer.hold === true || typeof s.customer.hold === "object"),
  holdReason: entry<null, string | null, string | null>(null, false, {}, (s) => (typeof s.customer.hold === "object" ? s.customer.hold.reason : null), (v) => v, (v) => v ?? ""),
  bouncedChecks: count({ phrase: "bouncedChecks" }, (s) => s.customer.bouncedChecks ?? 0),
  negativated: flag({ debt: true, phrase: "negativated" }, (s) => s.customer.negativated ?? false),
  tags: entry<"list", readonly string[], readonly string[]>("list", false, { phrase: "tags" }, (s) => s.customer.tags ?? [], (v) => v, (v) => v.join(", ")),
  daysSinceLastPayment: entry<"count", number | null, number | null>(
    "count", true,
    {
      debt: true,
      phrase: "lastPayment",
      agesFrom: ({ lastPaymentDay }) => (Number.isNaN(lastPaymentDay) ? null : { from: lastPaymentDay, notBefore: Number.NEGATIVE_INFINITY }),
    },
    (s) => (Number.isNaN(s.lastPaymentDay) ? null : s.day - s.lastPaymentDay),
    (v) => v,
    (v, c) => (v === null ? notSet(c) : String(v)),
  ),
  attributes: entry<null, Readonly<Record<string, string | number | boolean>>, Readonly<Record<string, string | number | boolean>>>(null, false, { quotable: false }, (s) => s.customer.attributes ?? {}, (v) => v, () => ""),
} as const;

/**
 * `attributes.<name>`: one fact per custom attribute of the customer, compared as given (the
 * caller answers for what it means, so it is never a debt fact).
 * @internal
 */
export const ATTRIBUTE_FACT = {
  prefix: "attributes.",
  pattern: /^attributes\.[A-Za-z_][A-Za-z0-9_]*$/,
  type: "attribute" as const,
  read: (s: FactSources, key: string): string | number | boolean | undefined => {
    const attributes = s.customer.attributes;
    return attributes !== undefined && Object.hasOwn(attributes, key) ? attributes[key] : undefined;
  },
  render: (value: string | number | boolean | undefined, c: RenderContext): string =>
    value === undefined ? notSet(c) : typeof value === "boolean" ? yesNo(value, c) : String(value),
};
