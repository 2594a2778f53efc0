import * as z from "zod/mini";
import { fromDayNumber, dayNumber, type ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { currencyDigits, DEFAULT_CURRENCY } from "../money/currency.js";
import { formatMoney } from "../money/format.js";
import { minorToMoney, moneyToMinor } from "../money/toMoney.js";
import { parseReceivables, type ReceivableInput } from "../schemas/checkout.js";
import { fromZodIssues, safeParseReporting } from "../schemas/issues.js";
import { CurrencyFieldSchema, ISODateSchema, textOf, wholeNumber } from "../schemas/primitives.js";

/** Contact channels of a collection step. */
export type Channel = "sms" | "email" | "whatsapp" | "phone" | "letter";

const StepSchema = z.strictObject({
  id: z.optional(textOf(1, 64)),
  offsetDays: wholeNumber(-60, 3650),
  channel: z.enum(["sms", "email", "whatsapp", "phone", "letter"]),
  template: textOf(1, 2000),
});

const OptionsSchema = z.strictObject({
  asOf: ISODateSchema,
  cadence: z.array(StepSchema).check(z.minLength(1), z.maxLength(50)),
  sent: z.optional(z.array(z.strictObject({ receivableId: textOf(1, 128), step: textOf(1, 64) })).check(z.maxLength(100_000))),
  creditor: z.strictObject({ name: textOf(1, 200), document: textOf(11, 20) }),
  blockAfterDays: z.optional(z.array(wholeNumber(1, 3650)).check(z.maxLength(10))),
  currency: CurrencyFieldSchema,
});

/** Options of {@link planCollection}. */
export type CollectionOptions = z.input<typeof OptionsSchema>;

/** One contact to make today. */
export interface CollectionStep {
  readonly customerId: string;
  readonly receivableId: string;
  /** The step's id (default `step-<index>`), to record in `sent`. */
  readonly step: string;
  readonly offsetDays: number;
  readonly channel: Channel;
  /** The date the step was planned for (due date + offset); today or earlier. */
  readonly plannedFor: ISODate;
  readonly message: string;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
const KNOWN = new Set(["creditorName", "creditorDocument", "customerId", "receivableId", "amount", "dueDate", "daysOverdue"]);

/**
 * Which reminder is due today for each título, by a cadence of steps `{ offsetDays, channel,
 * template }` (negative offsets remind before the due date): reminders first, impersonal, then
 * negotiation, then a call — the order is the cadence's. A step already `sent` is never repeated;
 * when several are pending only the latest is sent (a "vence amanhã" is not sent after the due
 * date); at most one contact per customer per day (the most advanced step, then the oldest
 * título). With `blockAfterDays` (the policy's block levels), the cadence must warn before each
 * block starts. Templates are the caller's: placeholders `{creditorName}`, `{creditorDocument}`,
 * `{customerId}`, `{receivableId}`, `{amount}`, `{dueDate}`, `{daysOverdue}` are filled, and a
 * template without the creditor's name and CNPJ/CPF is refused (CDC art. 42-A,
 * https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm). Collection must not expose or
 * threaten (CDC art. 42): templates should say no more than the debt and how to pay it.
 *
 * @example
 * ```ts
 * planCollection(
 *   [{ id: "t1", customerId: "c1", amount: "150.00", dueDate: "2026-11-20" }],
 *   {
 *     asOf: "2026-11-23",
 *     creditor: { name: "Loja Exemplo Ltda", document: "00.000.000/0001-91" },
 *     cadence: [
 *       { id: "lembrete", offsetDays: -2, channel: "sms", template: "{creditorName} ({creditorDocument}): sua parcela de {amount} vence em {dueDate}." },
 *       { id: "atraso", offsetDays: 3, channel: "whatsapp", template: "{creditorName} ({creditorDocument}): parcela de {amount} em aberto desde {dueDate}." },
 *     ],
 *   },
 * ).map((s) => s.step); // ["atraso"]
 * ```
 */
export function planCollection(receivables: readonly ReceivableInput[], options: CollectionOptions): CollectionStep[] {
  const parsed = safeParseReporting(OptionsSchema, options);
  if (!parsed.success) throw new CreditBlockError("INVALID_INPUT", fromZodIssues(parsed.error.issues, "options"));
  const o = parsed.data;
  const issues: Issue[] = [];
  const steps = o.cadence.map((s, i) => ({ ...s, id: s.id ?? `step-${i}`, index: i }));
  steps.forEach((s, i) => {
    const names = [...s.template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
    if (!names.includes("creditorName") || !names.includes("creditorDocument")) issues.push(issue(`options.cadence[${i}].template`, "collection.template"));
    for (const n of names) if (!KNOWN.has(n)) issues.push(issue(`options.cadence[${i}].template`, "policy.placeholder", { name: n }));
  });
  for (const days of o.blockAfterDays ?? []) {
    if (!steps.some((s) => s.offsetDays < days)) issues.push(issue("options.blockAfterDays", "collection.no_warning", { days }));
  }
  const currency = o.currency ?? DEFAULT_CURRENCY;
  const digits = currencyDigits(currency);
  const asOf = dayNumber(o.asOf, "options.asOf");
  const sent = new Set((o.sent ?? []).map((s) => `${s.receivableId}\u0000${s.step}`));
  const byCustomer = new Map<string, { step: (typeof steps)[number]; id: string; dueDay: number; open: number }>();
  for (const { index: i, receivable: rec } of parseReceivables(receivables, currency, "receivables", issues)) {
    if (rec.status !== undefined && rec.status !== "open") continue;
    const open = moneyToMinor(rec.openAmount ?? rec.amount, digits, currency, `receivables[${i}].amount`);
    if (open === 0) continue;
    const dueDay = dayNumber(rec.dueDate, `receivables[${i}].dueDate`);
    // The latest step planned for today or before; nothing if it (or a later one) was sent.
    const due = steps.filter((s) => dueDay + s.offsetDays <= asOf).sort((a, b) => b.offsetDays - a.offsetDays || b.index - a.index);
    const latest = due[0];
    if (!latest || steps.some((s) => s.offsetDays >= latest.offsetDays && sent.has(`${rec.id}\u0000${s.id}`))) continue;
    const customer = rec.customerId ?? "";
    const current = byCustomer.get(customer);
    if (!current || latest.offsetDays > current.step.offsetDays || (latest.offsetDays === current.step.offsetDays && dueDay < current.dueDay)) {
      byCustomer.set(customer, { step: latest, id: rec.id, dueDay, open });
    }
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return [...byCustomer.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([customerId, c]) => {
    const dueDate = fromDayNumber(c.dueDay);
    const values: Record<string, string> = {
      creditorName: o.creditor.name,
      creditorDocument: o.creditor.document,
      customerId,
      receivableId: c.id,
      amount: formatMoney(minorToMoney(c.open, digits), { currency }),
      dueDate: `${dueDate.slice(8, 10)}/${dueDate.slice(5, 7)}/${dueDate.slice(0, 4)}`,
      daysOverdue: String(Math.max(0, asOf - c.dueDay)),
    };
    return {
      customerId,
      receivableId: c.id,
      step: c.step.id,
      offsetDays: c.step.offsetDays,
      channel: c.step.channel,
      plannedFor: fromDayNumber(c.dueDay + c.step.offsetDays),
      message: c.step.template.replace(PLACEHOLDER, (_m, name: string) => values[name] ?? ""),
    };
  });
}
