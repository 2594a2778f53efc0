import { dayNumber, fromDayNumber } from "../calendar/isoDate.js";
import { gateWithoutPix } from "../engine/gate.js";
import type { CreditGate, Decision } from "../engine/decision.js";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { currencyDigits } from "../money/currency.js";
import { safeText } from "../money/decimal.js";
import { moneyToMinor } from "../money/toMoney.js";
import { isPaid, lossOf, readHistory, stateKey, stateOn, type CustomerHistory, type Sale, type Title } from "./history.js";
import { OVERDUE_BANDS, PolicyTotals } from "./report.js";
import type { ReplayInput, ReplayOptions, ReplayReport } from "./types.js";

const DEFAULT_LOSS_AFTER_DAYS = 90;
const CONVERSION = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

interface Settings {
  readonly lossAfterDays: number;
  readonly conversion: string;
  readonly endDate: string | undefined;
}

function readSettings(options: ReplayOptions): Settings {
  const issues: Issue[] = [];
  const lossAfterDays = options.lossAfterDays ?? DEFAULT_LOSS_AFTER_DAYS;
  if (!Number.isSafeInteger(lossAfterDays) || lossAfterDays < 0 || lossAfterDays > 3650) issues.push(issue("options.lossAfterDays", "too_big", { maximum: "a whole number of days from 0 to 3650" }));
  const conversion: unknown = options.conversion ?? "0";
  if (typeof conversion !== "string" || !CONVERSION.test(conversion)) issues.push(issue("options.conversion", "decimal.format", { value: safeText(conversion, 20) }));
  if (options.endDate !== undefined) {
    try {
      dayNumber(options.endDate, "options.endDate");
    } catch (error) {
      if (!(error instanceof CreditBlockError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return { lossAfterDays, conversion: conversion as string, endDate: options.endDate };
}

/** How one policy's decision on a sale counts, added to its totals. */
function count(totals: PolicyTotals, decision: Decision, sale: Sale, titles: readonly Title[], endDay: number, lossAfterDays: number, digits: number, currency: string): boolean {
  totals.sales++;
  const month = totals.month(sale.date.slice(0, 7));
  month.sales++;
  for (const reason of decision.reasons) {
    const rule = totals.rules.get(reason.rule);
    if (rule) rule.fired++;
  }
  const credit = decision.tenders.filter((t) => t.term === "deferred");
  if (credit.length === 0) return false;
  let creditAmount = 0n;
  let outcome: "allow" | "review" | "deny" = "allow";
  const deniedBy = new Map<string, bigint>();
  for (const t of credit) {
    const minor = BigInt(moneyToMinor(t.amount, digits, currency, "amount"));
    creditAmount += minor;
    if (t.outcome === "deny" || (t.outcome === "review" && outcome === "allow")) outcome = t.outcome;
    if (t.outcome === "allow") continue;
    for (const reason of t.reasons) if (reason.action !== "warn") deniedBy.set(reason.rule, (deniedBy.get(reason.rule) ?? 0n) + minor);
  }
  for (const [id, amount] of deniedBy) {
    const rule = totals.rules.get(id);
    if (rule === undefined) continue;
    rule.deniedSales++;
    rule.deniedAmount += amount;
  }
  totals.creditSales++;
  totals.creditAmount += creditAmount;
  const days = decision.facts.maxDaysOverdue;
  let band = 0;
  while (band + 1 < OVERDUE_BANDS.length && days >= (OVERDUE_BANDS[band + 1] as { from: number }).from) band++;
  const bandTotals = totals.bands[band] as { sales: number; refused: number };
  bandTotals.sales++;
  if (outcome !== "allow") bandTotals.refused++;
  month.creditAmount += creditAmount;
  const byOutcome = outcome === "allow" ? totals.allowed : outcome === "review" ? totals.review : totals.denied;
  byOutcome.count++;
  byOutcome.amount += creditAmount;
  let loss = 0n;
  for (const t of titles) loss += BigInt(lossOf(t, endDay, lossAfterDays));
  if (outcome === "allow") {
    if (loss > 0n) {
      totals.lossesLetThrough.count++;
      totals.lossesLetThrough.amount += loss;
      month.lossesLetThrough += loss;
    }
    return false;
  }
  month.denied += creditAmount;
  const refusals = totals.customers.get(sale.customerId) ?? { refusedSales: 0, refused: 0n, losses: 0n };
  refusals.refusedSales++;
  refusals.refused += creditAmount;
  refusals.losses += loss;
  totals.customers.set(sale.customerId, refusals);
  if (loss > 0n) {
    totals.lossesAvoided.count++;
    totals.lossesAvoided.amount += loss;
    month.lossesAvoided += loss;
  } else if (titles.length > 0 && titles.every(isPaid)) {
    totals.paidAnyway.count++;
    totals.paidAnyway.amount += creditAmount;
  }
  return true;
}

/**
 * What a credit policy would have done to the store's past sales, and what became of them.
 * Pure: for each sale it rebuilds the customer's receivables as they stood on the sale's day
 * (only títulos issued before it; a título paid, renegotiated or written off later was open
 * then; partial payments by their dates) and decides the sale under `policy` and, side by side,
 * under `compare`. The report counts, per policy and per rule, the credit sales allowed, held
 * and refused; of the refused or held ones, those whose títulos went bad (losses avoided) or
 * were paid anyway; of the allowed ones, those that went bad (losses let through); and a
 * monthly timeline. Every figure is exact and independent of the order of the input.
 *
 * A título "went bad" when the data ends with it written off, or still open more than
 * `lossAfterDays` (default 90) after its due date. A refused credit sale is assumed lost,
 * except for the share `conversion` assumed paid at once instead (`creditLost`).
 *
 * @example
 * ```ts
 * const report = replayPolicy(
 *   {
 *     sales: [{ id: "v2", customerId: "c1", date: "2026-05-10", tenders: [{ method: "store_credit", amount: "300.00" }] }],
 *     receivables: [
 *       { id: "t1", customerId: "c1", amount: "200.00", issueDate: "2026-03-01", dueDate: "2026-04-01", status: "paid", paidDate: "2026-06-01" },
 *       { id: "t2", customerId: "c1", saleId: "v2", amount: "300.00", issueDate: "2026-05-10", dueDate: "2026-06-10", status: "written_off" },
 *     ],
 *   },
 *   { policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), endDate: "2026-12-01" },
 * );
 * report.policies[0].totals.denied;        // { count: 1, amount: "300.00" } (t1 was 39 days late then)
 * report.policies[0].totals.lossesAvoided; // { count: 1, amount: "300.00" }
 * ```
 */
export function replayPolicy(input: ReplayInput, options: ReplayOptions): ReplayReport {
  const raw: unknown = options;
  if (typeof raw !== "object" || raw === null) throw new CreditBlockError("INVALID_INPUT", [issue("options", "invalid_type", { expected: "object", received: raw === null ? "null" : typeof raw })]);
  const settings = readSettings(options);
  // Replay reads outcomes only: a policy naming a Pix receiver needs no encoder here.
  const gates: CreditGate[] = [gateWithoutPix(options.policy)];
  if (options.compare !== undefined) gates.push(gateWithoutPix(options.compare));
  const currency = (gates[0] as CreditGate).policy.currency;
  if (gates.some((g) => g.policy.currency !== currency)) {
    throw new CreditBlockError("INVALID_INPUT", [issue("options.compare.currency", "invalid_value", { options: JSON.stringify(currency) })]);
  }
  const digits = currencyDigits(currency);
  const history = readHistory(input, currency, digits);
  const endDay = settings.endDate !== undefined ? dayNumber(settings.endDate, "options.endDate") : Number.isFinite(history.lastDay) ? history.lastDay : 0;
  const totals = gates.map((g) => new PolicyTotals(g.policy.id, g.policy.version, g.policy.rules.map((r) => r.id)));
  for (const customer of history.customers.values()) replayCustomer(customer, gates, totals, endDay, settings.lossAfterDays, digits, currency);
  return {
    currency,
    policies: totals.map((t) => t.toReport(digits, settings.conversion)),
    assumptions: { lossAfterDays: settings.lossAfterDays, conversion: settings.conversion, endDate: fromDayNumber(endDay) },
  };
}

/** Replays one customer's sales; adds them to each policy's totals. @internal */
export function replayCustomer(customer: CustomerHistory, gates: readonly CreditGate[], totals: readonly PolicyTotals[], endDay: number, lossAfterDays: number, digits: number, currency: string): void {
  const affected = gates.map(() => false);
  const ownTitles = new Map<string, Title[]>();
  for (const t of customer.titles) {
    if (t.saleId === undefined) continue;
    const list = ownTitles.get(t.saleId) ?? [];
    list.push(t);
    ownTitles.set(t.saleId, list);
  }
  // A título's state object is reused from one sale to the next while it stays the same
  // (decide never changes its input): most títulos do not change between two sales.
  const titles = customer.titles;
  const keys = new Float64Array(titles.length).fill(-1);
  const states: ReturnType<typeof stateOn>[] = new Array<ReturnType<typeof stateOn>>(titles.length).fill(null);
  for (const sale of customer.sales) {
    const receivables = [];
    for (let i = 0; i < titles.length; i++) {
      const t = titles[i] as Title;
      if (!(t.issueDay < sale.day) || t.saleId === sale.id) continue;
      const key = stateKey(t, sale.day);
      if (keys[i] !== key) {
        keys[i] = key;
        states[i] = stateOn(t, sale.day, digits);
      }
      const state = states[i];
      if (state) receivables.push(state);
    }
    const request = { asOf: sale.date, customer: customer.customer, receivables, sale: { tenders: [...sale.tenders] } };
    gates.forEach((gate, g) => {
      let decision: Decision;
      try {
        decision = gate.decide(request);
      } catch (error) {
        if (!(error instanceof CreditBlockError)) throw error;
        throw new CreditBlockError("INVALID_INPUT", error.issues.map((i) => ({ ...i, path: `sales[${sale.index}] (as decided): ${i.path}` })));
      }
      if (count(totals[g] as PolicyTotals, decision, sale, ownTitles.get(sale.id) ?? [], endDay, lossAfterDays, digits, currency)) affected[g] = true;
    });
  }
  affected.forEach((hit, g) => {
    if (hit) (totals[g] as PolicyTotals).customersAffected++;
  });
}
