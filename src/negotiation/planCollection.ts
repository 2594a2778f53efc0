import { longDatePtBR } from "../calendar/longDate.js";
import { overdueDays } from "../aging/daysOverdue.js";
import { daysFromCivil, dayNumber, fromDayNumber, monthLength, weekdayOfDayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { formatMoney } from "../i18n/money.js";
import { displayDate, t } from "../i18n/text.js";
import { MoneyDecimal } from "../money/decimal.js";
import { parseReceivables, type Receivable, type ReceivableInput } from "../schemas/checkout.js";
import type { Encoders, PixCharge } from "../schemas/pix.js";
import {
  checkCollectionOptions, fill, NOTICE_DAYS, REMOVAL_STEP,
  type Channel, type CheckedCollection, type CollectionOptions, type ContactWindow, type PlannedStep, type StepKind,
} from "./collection/options.js";

export type { Channel, CollectionOptions, ContactWindow, StepKind } from "./collection/options.js";

/** A contact to make today: a reminder, a written notice or a bureau registration. */
export interface CollectionContactStep {
  readonly kind: StepKind;
  readonly customerId: string;
  readonly receivableId: string;
  /** The step's id (default `step-<index>`), to record in `sent` (with `date` for a written notice). */
  readonly step: string;
  readonly offsetDays: number;
  readonly channel: Channel;
  /**
   * The contact day the step was planned for, today or earlier: the due date + offset for
   * reminders (offset ≤ 0), the effective due date (or the end of the grace period, if later) +
   * offset for overdue steps, moved forward past Sundays and holidays (and Saturdays, when the
   * store has no Saturday window). A registration is never planned before its notice + 10 days.
   */
  readonly plannedFor: ISODate;
  /** The date before it was moved (a rest day, or a registration waiting for its notice period); `null` when not moved. */
  readonly movedFrom: ISODate | null;
  /** When today the contact may be made (the store's hours for today's week day): calls and messages outside it are the caller's to prevent. */
  readonly contactWindow: ContactWindow;
  /** The título's overdue days today: exactly what `daysOverdue()` returns with the same `graceDays` and `calendar`. */
  readonly daysOverdue: number;
  /** The last day the título can be paid without late charges (the due date, moved to the next business day). */
  readonly payableUntil: ISODate;
  readonly message: string;
  readonly dueBy: null;
  /**
   * With `options.pix`: the static Pix BR Code for exactly the título's open amount (the
   * message's `{amount}`), txid `txidFor([receivableId])`; it is what `{pixCopiaECola}` shows.
   * Null when the amount does not fit a static BR Code. Absent without `options.pix`.
   */
  readonly pix?: PixCharge | null;
}

/** A task for the store, not a contact: ask the credit bureau to remove a paid título's record (Súmula 548 STJ). */
export interface CollectionRemovalStep {
  readonly kind: "bureau_removal";
  readonly customerId: string;
  readonly receivableId: string;
  /** Always `"bureau_removal"`: record `{ receivableId, step: "bureau_removal" }` in `sent` once done. */
  readonly step: "bureau_removal";
  readonly offsetDays: null;
  readonly channel: null;
  /** The payment date, from which the 5 business days run. */
  readonly plannedFor: ISODate;
  readonly movedFrom: null;
  readonly contactWindow: null;
  readonly daysOverdue: 0;
  readonly payableUntil: null;
  /** The operator's task, in pt-BR. */
  readonly message: string;
  /** The 5th business day after payment (store calendar): the record must be gone by then. */
  readonly dueBy: ISODate;
  readonly paidDate: ISODate;
  /** When the título was registered, if the caller said. */
  readonly registeredOn: ISODate | null;
  /** Never there: a removal asks for no payment (see {@link CollectionContactStep.pix}). */
  readonly pix?: never;
}

/** One line of the day's collection plan: a contact, or the removal of a bureau record. */
export type CollectionStep = CollectionContactStep | CollectionRemovalStep;

/**
 * The day's collection plan: per título the contact due today by a cadence of steps `{ offsetDays,
 * channel, template, kind? }` — reminders first, impersonal, then negotiation, then a call, in the
 * cadence's order — plus the bureau removals the store owes. Law behind each rule (CDC, Lei
 * 8.078/1990 — https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm):
 *
 * - **Sent once, one a day.** A step already `sent` is never repeated; when several are pending
 *   only the latest is sent (a "vence amanhã" is not sent after a later step); at most one contact
 *   per customer per day (the most advanced step, then the oldest título).
 * - **No "em atraso" while the título can be paid without charges.** A due date on a weekend or
 *   holiday is payable on the next business day with no charge (CC art. 132 §1; Lei 7.089/1983),
 *   the same effective due date `daysOverdue()` and `computeCharges()` use. Overdue steps
 *   (`offsetDays` ≥ 1) count from that date — or from the end of `graceDays`, when later — so
 *   they always fall on a day the título is overdue; reminders (`offsetDays` ≤ 0) count from the
 *   due date and are sent only up to the effective due date. `{daysOverdue}` is what
 *   `daysOverdue(dueDate, asOf, { graceDays, calendar })` returns; `{payableUntil}` is the
 *   effective due date.
 * - **No contact at rest times.** Contact in the customer's rest is the "constrangimento" and
 *   interference with "descanso" that CDC art. 42 forbids and art. 71 makes a crime. Sundays and
 *   holidays (national, bank and the store's own `calendar.extra`: the calendar of
 *   `holidays()`) are rest days (Lei 605/1949; Lei 662/1949): a step falling on one moves to
 *   the next contact day, and on a rest day nothing is planned. Saturday is a working day in
 *   commerce and open for contact unless `contactHours.saturday` is `null`. The plan is by date:
 *   each step carries today's `contactWindow` (`contactHours`, default 08:00–20:00, the hours
 *   state Procon rules usually allow; `saturday` may differ) and keeping calls and sends inside
 *   it is the caller's.
 * - **The creditor is identified.** Every template shows `{creditorName}` and
 *   `{creditorDocument}` (CDC art. 42-A), and `creditor.document` must be a valid CPF or CNPJ by
 *   its check digits, the alphanumeric CNPJ included (IN RFB 2.229/2024). `{creditorAddress}`
 *   fills `creditor.address`; a written notice must show it.
 * - **Negativação.** A `bureau_registration` step needs a `written_notice` step at least 10 days
 *   before it (CDC art. 43 §2 requires the written notice; Súmula 359 STJ puts it on the bureau,
 *   and 10 days is the practice the bureaus follow) and at runtime it is planned only once a
 *   notice for that título is in `sent` with a `date` at least 10 days old (without one the
 *   notice is planned first). A written notice goes by `letter`: the STJ holds e-mail or SMS
 *   alone invalid (REsp 2.056.285/RS, 2023; Súmula 404: no receipt needed). It comes after the
 *   due date, and registration is never planned more than 5 years after it (CDC art. 43 §1;
 *   Súmula 323 STJ). Disputed, renegotiated and written-off títulos get no contact.
 * - **Removal after payment.** A título registered (a sent `bureau_registration` step, or listed
 *   in `registered`) that is paid in full gets a `bureau_removal` task due 5 business days after
 *   `paidDate` (Súmula 548 STJ), until `sent` has `{ receivableId, step: "bureau_removal" }`.
 *
 * Templates are the caller's; placeholders: `{creditorName}`, `{creditorDocument}`,
 * `{creditorAddress}`, `{customerId}`, `{receivableId}`, `{amount}`, `{dueDate}` (dd/mm/aaaa),
 * `{dueDateLong}` ("20 de novembro de 2026", for letters), `{payableUntil}`, `{payableUntilLong}`,
 * `{daysOverdue}`, `{pixCopiaECola}` (the static Pix BR Code for the open amount: see below).
 * Collection must not expose or threaten (CDC art. 42):
 * templates should say no more than the debt and how to pay it. With `blockAfterDays` (the
 * policy's block levels), some step must come before each block starts. Bad input is a
 * {@link CreditBlockError} naming each field; inputs are never modified.
 *
 * @example
 * ```ts
 * const options: CollectionOptions = {
 *   asOf: "2026-11-23", // Monday; the 21st was a Saturday
 *   creditor: { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81", address: "Rua Direita, 10, São Paulo/SP" },
 *   cadence: [
 *     { id: "lembrete", offsetDays: -2, channel: "sms", template: "{creditorName} ({creditorDocument}): parcela de {amount}, vencimento {dueDate}, sem encargos até {payableUntil}." },
 *     { id: "atraso", offsetDays: 1, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): parcela de {amount} em aberto há {daysOverdue} dias." },
 *     { id: "aviso", kind: "written_notice", offsetDays: 20, channel: "letter", template: "{creditorName}, {creditorAddress}, {creditorDocument}: aviso de inclusão em cadastro de inadimplentes." },
 *     { id: "negativacao", kind: "bureau_registration", offsetDays: 30, channel: "letter", template: "{creditorName} ({creditorDocument}): registro do título {receivableId}." },
 *   ],
 * };
 * const rows = [
 *   { id: "t1", customerId: "c1", amount: "150.00", dueDate: "2026-11-21" },
 *   { id: "t2", customerId: "c2", amount: "90.00", dueDate: "2026-11-10" },
 * ];
 * planCollection(rows, options).map((s) => [s.receivableId, s.step, s.daysOverdue]);
 * // [["t1", "lembrete", 0], ["t2", "atraso", 13]] — t1 is payable without charges until today
 * planCollection(rows, { ...options, asOf: "2026-11-24" }).map((s) => [s.step, s.daysOverdue]);
 * // [["atraso", 3], ["atraso", 14]]
 * planCollection(rows, { ...options, asOf: "2026-11-22" }); // [] — Sunday: no contact
 * ```
 *
 * **Pay from the message.** With the store's Pix receiver in `options.pix` and the encoder of
 * `credit-block/pix` as the third argument, each contact carries `pix`, the static BR Code (BCB,
 * "Manual de Padrões para Iniciação do Pix", Anexo I) for exactly the título's open amount with
 * the txid `txidFor([receivableId])`, and `{pixCopiaECola}` shows it in the template. A template
 * that shows it without `options.pix` is an error at `options.pix`; a receiver without the
 * encoder, at `encoders.pix`; a bad receiver field, at `options.pix.<field>`.
 *
 * @example
 * ```ts
 * import { pixEncoder } from "credit-block/pix";
 * const [step] = planCollection(
 *   [{ id: "t2", customerId: "c2", amount: "90.00", dueDate: "2026-11-10" }],
 *   {
 *     asOf: "2026-11-23",
 *     creditor: { name: "Loja Exemplo Ltda", document: "11.222.333/0001-81" },
 *     pix: { key: "11.222.333/0001-81", name: "Loja Exemplo", city: "São Paulo" },
 *     cadence: [{ offsetDays: 1, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): {amount} em aberto. Pix copia e cola: {pixCopiaECola}" }],
 *   },
 *   { pix: pixEncoder },
 * );
 * step?.pix?.amount;  // "90.00"
 * step?.message;      // "Loja Exemplo Ltda (11.222.333/0001-81): R$ 90,00 em aberto. Pix copia e cola: 000201…"
 * ```
 */
export function planCollection(receivables: readonly ReceivableInput[], options: CollectionOptions, encoders?: Encoders): CollectionStep[] {
  const issues: Issue[] = [];
  const o = checkCollectionOptions(options, issues, encoders);
  if (!o) throw new CreditBlockError("INVALID_INPUT", issues);
  const rows = parseReceivables(receivables, o.currency, "receivables", issues);
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  const contactToday = o.contact.isContactDay(o.asOfDay);
  const byCustomer = new Map<string, Candidate>();
  const removals: CollectionRemovalStep[] = [];
  for (const { index: i, receivable: rec } of rows) {
    const status = rec.status ?? "open";
    const open = rec.openAmount ?? rec.amount;
    const settled = status === "paid" || (status === "open" && new MoneyDecimal(open).isZero());
    if (settled) {
      const removal = removalOf(rec, i, o, issues);
      if (removal) removals.push(removal);
      continue;
    }
    if (status !== "open" || !contactToday) continue;
    const candidate = contactOf(rec, i, o);
    if (!candidate) continue;
    const customer = rec.customerId ?? "";
    const current = byCustomer.get(customer);
    if (!current || candidate.step.offsetDays > current.step.offsetDays || (candidate.step.offsetDays === current.step.offsetDays && candidate.dueDay < current.dueDay)) {
      byCustomer.set(customer, candidate);
    }
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  const window = weekdayOfDayNumber(o.asOfDay) === 6 ? o.saturdayWindow : o.weekdayWindow;
  const contacts = [...byCustomer.entries()].map(([customerId, c]) => contactStep(customerId, c, o, window ?? o.weekdayWindow));
  const order = (a: CollectionStep, b: CollectionStep): number =>
    compare(a.customerId, b.customerId) || (a.kind === "bureau_removal" ? 1 : 0) - (b.kind === "bureau_removal" ? 1 : 0) || compare(a.receivableId, b.receivableId);
  return [...contacts, ...removals].sort(order);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Dates in messages to customers and in the operator's task are written as in Brazil. */
const ddmmyyyy = (date: ISODate): string => displayDate(date, "pt-BR");

interface Candidate {
  readonly rec: Receivable;
  readonly step: PlannedStep;
  readonly dueDay: number;
  readonly effectiveDue: number;
  readonly nominal: number;
  readonly planned: number;
}

/** Day number of the same date 5 years after `day` (Feb 29 → Feb 28). */
function fiveYearsAfter(date: ISODate): number {
  const y = Number(date.slice(0, 4)) + 5;
  const m = Number(date.slice(5, 7));
  return daysFromCivil(y, m, Math.min(Number(date.slice(8, 10)), monthLength(y, m)));
}

/** The step due today for an open título, or none. */
function contactOf(rec: Receivable, i: number, o: CheckedCollection): Candidate | undefined {
  const dueDay = dayNumber(rec.dueDate, `receivables[${i}].dueDate`);
  const effectiveDue = o.calendar.nextBusinessDay(dueDay);
  const anchor = Math.max(effectiveDue, dueDay + o.graceDays);
  const remindable = o.asOfDay <= effectiveDue;
  const due: Candidate[] = [];
  for (const step of o.steps) {
    if (step.offsetDays <= 0 && !remindable) continue;
    const nominal = step.offsetDays <= 0 ? dueDay + step.offsetDays : anchor + step.offsetDays;
    if (nominal > o.asOfDay) continue;
    const planned = o.contact.nextContactDay(nominal);
    if (planned > o.asOfDay || (step.offsetDays <= 0 && planned > effectiveDue)) continue;
    if (step.kind === "bureau_registration" && o.asOfDay > fiveYearsAfter(rec.dueDate)) continue;
    due.push({ rec, step, dueDay, effectiveDue, nominal, planned });
  }
  const byAdvance = (a: Candidate, b: Candidate): number => b.step.offsetDays - a.step.offsetDays || b.step.index - a.step.index;
  due.sort(byAdvance);
  const latest = due[0];
  const wasSent = (s: PlannedStep): boolean => o.sent.has(`${rec.id}\u0000${s.id}`);
  if (!latest || o.steps.some((s) => s.offsetDays >= latest.step.offsetDays && wasSent(s))) return undefined;
  if (latest.step.kind !== "bureau_registration") return latest;
  if (o.registeredElsewhere.has(rec.id)) return undefined;
  const notices = o.noticesSent.get(rec.id) ?? [];
  // No notice yet: the notice goes first, even after a later reminder (it is the law's condition).
  if (notices.length === 0) return due.find((c) => c.step.kind === "written_notice" && !wasSent(c.step));
  const earliest = notices.reduce((a, b) => Math.min(a, b));
  if (o.asOfDay - earliest < NOTICE_DAYS) return undefined; // the notice period is still running
  return { ...latest, planned: Math.max(latest.planned, o.contact.nextContactDay(earliest + NOTICE_DAYS)) };
}

function contactStep(customerId: string, c: Candidate, o: CheckedCollection, window: ContactWindow): CollectionContactStep {
  const dueDate = fromDayNumber(c.dueDay);
  const payableUntil = fromDayNumber(c.effectiveDue);
  const days = overdueDays(c.dueDay, o.asOfDay, o.graceDays, o.calendar);
  const open = c.rec.openAmount ?? c.rec.amount;
  const pix = o.pix?.(open, [c.rec.id]);
  const values: Record<string, string> = {
    creditorName: o.creditor.name,
    creditorDocument: o.creditor.document,
    creditorAddress: o.creditor.address ?? "",
    customerId,
    receivableId: c.rec.id,
    amount: formatMoney(open, { currency: o.currency }),
    dueDate: ddmmyyyy(dueDate),
    dueDateLong: longDatePtBR(dueDate),
    payableUntil: ddmmyyyy(payableUntil),
    payableUntilLong: longDatePtBR(payableUntil),
    daysOverdue: String(days),
    pixCopiaECola: pix?.payload ?? "",
  };
  return {
    kind: c.step.kind,
    customerId,
    receivableId: c.rec.id,
    step: c.step.id,
    offsetDays: c.step.offsetDays,
    channel: c.step.channel,
    plannedFor: fromDayNumber(c.planned),
    movedFrom: c.planned === c.nominal ? null : fromDayNumber(c.nominal),
    contactWindow: { ...window },
    daysOverdue: days,
    payableUntil,
    message: fill(c.step.template, values),
    dueBy: null,
    ...(pix === undefined ? {} : { pix }),
  };
}

/** The removal task of a paid, registered título, when still owed. */
function removalOf(rec: Receivable, i: number, o: CheckedCollection, issues: Issue[]): CollectionRemovalStep | undefined {
  if (!o.registered.has(rec.id) || o.sent.has(`${rec.id}\u0000${REMOVAL_STEP}`)) return undefined;
  if (rec.paidDate === undefined) {
    issues.push(issue(`receivables[${i}].paidDate`, "collection.removal_paid_date"));
    return undefined;
  }
  const paidDay = dayNumber(rec.paidDate, `receivables[${i}].paidDate`);
  if (paidDay > o.asOfDay) return undefined; // paid after the plan's date: not yet, as of then
  let dueBy = paidDay;
  for (let left = 5; left > 0; ) if (o.calendar.isBusinessDay(++dueBy)) left--;
  const dueByDate = fromDayNumber(dueBy, `receivables[${i}].paidDate`);
  return {
    kind: "bureau_removal",
    customerId: rec.customerId ?? "",
    receivableId: rec.id,
    step: REMOVAL_STEP,
    offsetDays: null,
    channel: null,
    plannedFor: rec.paidDate,
    movedFrom: null,
    contactWindow: null,
    daysOverdue: 0,
    payableUntil: null,
    message: t("pt-BR", "collection.removal_task", { receivableId: rec.id, dueBy: ddmmyyyy(dueByDate), paidDate: ddmmyyyy(rec.paidDate) }),
    dueBy: dueByDate,
    paidDate: rec.paidDate,
    registeredOn: o.registered.get(rec.id) ?? null,
  };
}
