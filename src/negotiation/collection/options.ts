import * as z from "zod/mini";
import { compileCalendar, type CompiledCalendar } from "../../calendar/businessDays.js";
import { checkCalendarOptions } from "../../calendar/holidays.js";
import { dayNumber } from "../../calendar/isoDate.js";
import { MAX_GRACE_DAYS } from "../../aging/daysOverdue.js";
import { CreditBlockError, issue, type Issue } from "../../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY, type CurrencyCode } from "../../money/currency.js";
import { addIssue, fromZodIssues, safeParseReporting } from "../../schemas/issues.js";
import { pixWriter, PixReceiverShape, type Encoders, type PixWriter } from "../../schemas/pix.js";
import { CurrencyFieldSchema, ISODateSchema, textOf, wholeNumber } from "../../schemas/primitives.js";
import { taxIdProblem } from "../../schemas/taxId.js";
import { contactCalendar, type ContactCalendar } from "./contactDays.js";

/** Contact channels of a collection step. */
export type Channel = "sms" | "email" | "whatsapp" | "phone" | "letter";

/** What a cadence step does: remind, give the written notice before negativação, or register the debt with a credit bureau. */
export type StepKind = "reminder" | "written_notice" | "bureau_registration";

/** A contact window, `HH:mm` local time of the store, `from` before `to`. */
export interface ContactWindow {
  readonly from: string;
  readonly to: string;
}

/** The step id of the removal of a bureau record; no cadence step may take it. */
export const REMOVAL_STEP = "bureau_removal";
/** Days between the written notice and the bureau registration, at least (market practice read into CDC art. 43 §2). */
export const NOTICE_DAYS = 10;
/** Latest registration offset: a bureau may not hold debts more than 5 years past due (CDC art. 43 §1; Súmula 323 STJ). */
const MAX_REGISTRATION_OFFSET = 1825;
/** Contact window when none is given: 08:00–20:00 every contact day (market practice; Procon guidance). */
const DEFAULT_CONTACT_WINDOW: ContactWindow = Object.freeze({ from: "08:00", to: "20:00" });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TimeSchema = z.string().check(
  z.superRefine((value, ctx) => {
    if (!TIME.test(value)) addIssue(ctx, "invalid_format", { format: "time HH:mm (00:00–23:59)" });
  }),
);
const WindowSchema = z.strictObject({ from: TimeSchema, to: TimeSchema });

const StepSchema = z.strictObject({
  id: z.optional(textOf(1, 64)),
  kind: z.optional(z.enum(["reminder", "written_notice", "bureau_registration"])),
  offsetDays: wholeNumber(-60, 3650),
  channel: z.enum(["sms", "email", "whatsapp", "phone", "letter"]),
  template: textOf(1, 2000),
});

const OptionsSchema = z.strictObject({
  asOf: ISODateSchema,
  cadence: z.array(StepSchema).check(z.minLength(1), z.maxLength(50)),
  sent: z.optional(z.array(z.strictObject({ receivableId: textOf(1, 128), step: textOf(1, 64), date: z.optional(ISODateSchema) })).check(z.maxLength(100_000))),
  registered: z.optional(z.array(z.strictObject({ receivableId: textOf(1, 128), date: z.optional(ISODateSchema) })).check(z.maxLength(100_000))),
  creditor: z.strictObject({ name: textOf(1, 200), document: textOf(1, 32), address: z.optional(textOf(1, 300)) }),
  blockAfterDays: z.optional(z.array(wholeNumber(1, 3650)).check(z.maxLength(10))),
  graceDays: z.optional(wholeNumber(0, MAX_GRACE_DAYS)),
  calendar: z.optional(z.unknown()),
  contactHours: z.optional(z.strictObject({ from: TimeSchema, to: TimeSchema, saturday: z.optional(z.nullable(WindowSchema)) })),
  currency: CurrencyFieldSchema,
  /** The store's Pix receiver: `{pixCopiaECola}` and each contact's `pix` then carry the BR Code for the título's open amount. */
  pix: z.optional(PixReceiverShape),
});

/** Options of {@link planCollection}. */
export type CollectionOptions = z.input<typeof OptionsSchema>;

/** One cadence step, checked, with its id and position. @internal */
export interface PlannedStep {
  readonly id: string;
  readonly index: number;
  readonly kind: StepKind;
  readonly offsetDays: number;
  readonly channel: Channel;
  readonly template: string;
}

/** Options once checked. @internal */
export interface CheckedCollection {
  readonly asOfDay: number;
  readonly steps: readonly PlannedStep[];
  readonly creditor: { readonly name: string; readonly document: string; readonly address?: string | undefined };
  readonly graceDays: number;
  readonly calendar: CompiledCalendar;
  readonly contact: ContactCalendar;
  readonly weekdayWindow: ContactWindow;
  /** `null`: no contact on Saturdays. */
  readonly saturdayWindow: ContactWindow | null;
  /** `receivableId\0step` of every step sent. */
  readonly sent: ReadonlySet<string>;
  /** Day numbers of the written notices sent, per título. */
  readonly noticesSent: ReadonlyMap<string, readonly number[]>;
  /** Títulos registered with a bureau (option `registered` or a sent registration step), with the date when known. */
  readonly registered: ReadonlyMap<string, string | null>;
  /** Títulos registered outside the cadence (option `registered`): never registered again. */
  readonly registeredElsewhere: ReadonlySet<string>;
  readonly currency: CurrencyCode;
  /** The Pix writer of `options.pix`, when given. */
  readonly pix: PixWriter | undefined;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
/** Placeholders a template may use. */
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set([
  "creditorName", "creditorDocument", "creditorAddress", "customerId", "receivableId", "amount", "dueDate", "dueDateLong", "payableUntil", "payableUntilLong", "daysOverdue", "pixCopiaECola",
]);

/** Fills a template's placeholders. @internal */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? "");
}

/**
 * Checks the options as a whole (schema, cadence rules, creditor, calendar, window), listing every
 * problem in `issues`; returns `null` when the options cannot be used.
 * @internal
 */
export function checkCollectionOptions(options: unknown, issues: Issue[], encoders?: Encoders): CheckedCollection | null {
  const parsed = safeParseReporting(OptionsSchema, options);
  if (!parsed.success) {
    issues.push(...fromZodIssues(parsed.error.issues, "options"));
    return null;
  }
  const o = parsed.data;
  const before = issues.length;
  const steps: PlannedStep[] = o.cadence.map((s, i) => ({ id: s.id ?? `step-${i}`, index: i, kind: s.kind ?? "reminder", offsetDays: s.offsetDays, channel: s.channel, template: s.template }));
  checkCadence(steps, o.creditor.address !== undefined, issues);
  const pixAt = steps.find((s) => s.template.includes("{pixCopiaECola}"));
  if (pixAt && o.pix === undefined) {
    issues.push(issue("options.pix", "invalid_type", { expected: `a Pix receiver for {pixCopiaECola} (options.cadence[${pixAt.index}].template)`, received: "undefined" }));
  }
  for (const days of o.blockAfterDays ?? []) {
    if (!steps.some((s) => s.offsetDays < days)) issues.push(issue("options.blockAfterDays", "collection.no_warning", { days }));
  }
  const document = taxIdProblem(o.creditor.document);
  if (document) issues.push(issue("options.creditor.document", document.code, document.params));
  const hours = o.contactHours;
  const weekdayWindow = hours ? { from: hours.from, to: hours.to } : DEFAULT_CONTACT_WINDOW;
  const saturdayWindow = hours?.saturday === null ? null : (hours?.saturday ?? weekdayWindow);
  for (const [w, path] of [[weekdayWindow, "options.contactHours"], [saturdayWindow, "options.contactHours.saturday"]] as const) {
    if (w && w.from >= w.to) issues.push(issue(path, "collection.contact_hours", { from: w.from, to: w.to }));
  }
  const byId = new Map(steps.map((s) => [s.id, s]));
  const sent = new Set<string>();
  const noticesSent = new Map<string, number[]>();
  const registered = new Map<string, string | null>();
  (o.sent ?? []).forEach((entry, i) => {
    sent.add(`${entry.receivableId}\u0000${entry.step}`);
    const kind = byId.get(entry.step)?.kind;
    if (kind === "written_notice") {
      if (entry.date === undefined) issues.push(issue(`options.sent[${i}].date`, "collection.notice_date"));
      else {
        const days = noticesSent.get(entry.receivableId) ?? [];
        days.push(dayNumber(entry.date, `options.sent[${i}].date`));
        noticesSent.set(entry.receivableId, days);
      }
    } else if (kind === "bureau_registration") registered.set(entry.receivableId, entry.date ?? registered.get(entry.receivableId) ?? null);
  });
  const registeredElsewhere = new Set<string>();
  for (const r of o.registered ?? []) {
    registeredElsewhere.add(r.receivableId);
    registered.set(r.receivableId, r.date ?? registered.get(r.receivableId) ?? null);
  }
  let calendar: CompiledCalendar | undefined;
  let contact: ContactCalendar | undefined;
  try {
    calendar = compileCalendar(o.calendar as never, "options.calendar");
    contact = contactCalendar(checkCalendarOptions(o.calendar, "options.calendar"), saturdayWindow !== null, "options.calendar");
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
  const currency = o.currency ?? DEFAULT_CURRENCY;
  try {
    currencyDigits(currency, "options.currency");
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
  }
  const pix = pixWriter(o.pix, "options.pix", currency, "options.currency", encoders, issues);
  if (issues.length > before || !calendar || !contact) return null;
  return {
    asOfDay: dayNumber(o.asOf, "options.asOf"),
    steps, creditor: o.creditor, graceDays: o.graceDays ?? 0, calendar, contact, weekdayWindow, saturdayWindow,
    sent, noticesSent, registered, registeredElsewhere, currency, pix,
  };
}

/** The cadence rules of CDC arts. 42-A and 43 §2 (see {@link planCollection}). */
function checkCadence(steps: readonly PlannedStep[], hasAddress: boolean, issues: Issue[]): void {
  const seen = new Map<string, number>();
  for (const s of steps) {
    const at = `options.cadence[${s.index}]`;
    const first = seen.get(s.id);
    if (first !== undefined) issues.push(issue(`${at}.id`, "duplicate_id", { id: s.id, first: `options.cadence[${first}]` }));
    else seen.set(s.id, s.index);
    if (s.id === REMOVAL_STEP) issues.push(issue(`${at}.id`, "collection.reserved_step", { id: s.id }));
    const names = [...s.template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
    if (!names.includes("creditorName") || !names.includes("creditorDocument")) issues.push(issue(`${at}.template`, "collection.template"));
    for (const n of new Set(names)) if (!KNOWN_PLACEHOLDERS.has(n)) issues.push(issue(`${at}.template`, "policy.placeholder", { name: n }));
    if (names.includes("creditorAddress") && !hasAddress) issues.push(issue(`${at}.template`, "collection.address_missing"));
    if (s.kind === "written_notice") {
      if (s.channel !== "letter") issues.push(issue(`${at}.channel`, "collection.notice_channel", { channel: s.channel }));
      if (!names.includes("creditorAddress")) issues.push(issue(`${at}.template`, "collection.notice_address"));
      if (s.offsetDays < 1) issues.push(issue(`${at}.offsetDays`, "collection.notice_before_due"));
    }
    if (s.kind === "bureau_registration") {
      if (s.offsetDays < 1) issues.push(issue(`${at}.offsetDays`, "collection.registration_before_due"));
      if (s.offsetDays > MAX_REGISTRATION_OFFSET) issues.push(issue(`${at}.offsetDays`, "collection.registration_too_late", { maximum: MAX_REGISTRATION_OFFSET }));
      const latest = s.offsetDays - NOTICE_DAYS;
      if (!steps.some((n) => n.kind === "written_notice" && n.offsetDays <= latest)) {
        issues.push(issue(`${at}.kind`, "collection.registration_notice", { days: NOTICE_DAYS, latest }));
      }
    }
  }
}
