import type { ISODate } from "../calendar/isoDate.js";
import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import type { Locale } from "../i18n/keys.js";
import { t } from "../i18n/text.js";
import { minorToMoney, type Money } from "../money/toMoney.js";
import { overdueDays } from "./daysOverdue.js";
import { ExactSum, ExactSums } from "../money/exactSum.js";
import { checkPaidDate, classifyRow, FactsTable, receivablesIn, readAgingOptions, type CustomerFactsOptions } from "./facts.js";
import { ReceivableReader } from "./readReceivable.js";

/**
 * Default aging bands, as upper bounds in days overdue: not yet due, 1–30, 31–60, 61–90,
 * 91–120, over 120 — the bands of the BCB's credit-risk classification (Res. CMN 2.682/1999
 * art. 4, https://www.bcb.gov.br/pre/normativos/res/1999/pdf/res_2682_v2_L.pdf) and of market
 * practice for receivables.
 */
export const DEFAULT_AGING_BUCKETS: readonly number[] = [0, 30, 60, 90, 120];

/** Options of {@link ageReceivables}. */
export interface AgingOptions extends CustomerFactsOptions {
  /** Upper bounds in days, strictly increasing; the last band is open-ended. */
  readonly buckets?: readonly number[];
  /**
   * What the age counts from: `"dueDate"` (default; days overdue, with the non-business-day and
   * grace rules) or `"issueDate"` (days since the sale; every título must then have `issueDate`).
   */
  readonly by?: "dueDate" | "issueDate";
  /** Language of the band labels; default `"pt-BR"`. */
  readonly locale?: Locale;
}

/** One aging band. */
export interface AgingBucket {
  readonly label: string;
  /** First day of the band, or null for the first band (everything up to `toDays`). */
  readonly fromDays: number | null;
  /** Last day of the band, or null for the last, open-ended band. */
  readonly toDays: number | null;
  readonly amount: Money;
  readonly count: number;
}

/** One customer's line of the aging report. */
export interface AgingCustomer {
  readonly customerId: string;
  /** Amount per band, aligned with the report's `buckets`. */
  readonly buckets: Money[];
  readonly total: Money;
  readonly overdue: Money;
  readonly overdueCount: number;
  readonly maxDaysOverdue: number;
}

/** The aging report: per band, per customer, all to the cent; bands sum to `total` exactly. */
export interface AgingReport {
  readonly asOf: ISODate;
  readonly by: "dueDate" | "issueDate";
  readonly currency: string;
  readonly buckets: AgingBucket[];
  /** Open balance of counted títulos. */
  readonly total: Money;
  readonly count: number;
  readonly overdue: Money;
  readonly overdueCount: number;
  /** Customers sorted by id; títulos without `customerId` are grouped under `""`. */
  readonly customers: AgingCustomer[];
  /** Open balances left out, reported apart. */
  readonly excluded: { readonly disputed: Money; readonly belowThreshold: Money; readonly writtenOff: Money; readonly renegotiated: Money };
  /** Títulos read, and how many were settled (paid or with nothing open). */
  readonly read: number;
  readonly settled: number;
}

/**
 * Ages receivables at `asOf`: open balance per band of days overdue (or since issue), per
 * customer, with totals — the "aging list" of the collection desk. Uses each título's
 * `openAmount` (partial payments), skips settled ones, reports disputed, written-off,
 * renegotiated and below-threshold balances apart. Streams: pass an array or any iterable
 * (e.g. a generator over a file); memory grows with customers, not with rows.
 *
 * @example
 * ```ts
 * const report = ageReceivables(
 *   [
 *     { id: "t1", customerId: "c1", amount: "100.00", dueDate: "2026-12-10" },
 *     { id: "t2", customerId: "c1", amount: "80.00", dueDate: "2026-10-07" },
 *     { id: "t3", customerId: "c2", amount: "50.00", openAmount: "20.00", dueDate: "2026-06-01" },
 *   ],
 *   { asOf: "2026-11-23" },
 * );
 * report.buckets.map((b) => `${b.label}: ${b.amount}`);
 * // ["a vencer: 100.00", "1–30 dias: 0.00", "31–60 dias: 80.00", "61–90 dias: 0.00", "91–120 dias: 0.00", "mais de 120 dias: 20.00"]
 * report.total; // "200.00"
 * ```
 */
export function ageReceivables(receivables: Iterable<unknown>, options: AgingOptions): AgingReport {
  const setup = readAgingOptions(options, "options");
  const bounds = checkBuckets(options.buckets);
  const by: unknown = options.by === undefined ? "dueDate" : options.by;
  if (by !== "dueDate" && by !== "issueDate") throw new CreditBlockError("INVALID_INPUT", [issue("options.by", "invalid_value", { options: '"dueDate", "issueDate"' })]);
  const locale: unknown = options.locale === undefined ? "pt-BR" : options.locale;
  if (locale !== "pt-BR" && locale !== "en") throw new CreditBlockError("INVALID_INPUT", [issue("options.locale", "invalid_value", { options: '"pt-BR", "en"' })]);

  const bandCount = bounds.length + 1;
  const bandAmounts = Array.from({ length: bandCount }, () => new ExactSum());
  const bandCounts = new Array<number>(bandCount).fill(0);
  const all = new FactsTable(1);
  // Customers are slots in column tables (see FactsTable): a Map from id to slot, nothing per row.
  const slots = new Map<string, number>();
  const customerFacts = new FactsTable(1024);
  const customerBands = new ExactSums(1024 * bandCount);
  const excluded = { disputed: new ExactSum(), belowThreshold: new ExactSum(), writtenOff: new ExactSum(), renegotiated: new ExactSum() };
  const reader = new ReceivableReader(setup.currency, setup.digits, "receivables");
  const { asOfDay, graceDays, calendar } = setup;
  let read = 0;
  let settled = 0;
  let lastCustomer: string | undefined;
  let lastSlot = 0;

  for (const raw of receivablesIn(receivables, "receivables")) {
    const index = read++;
    if (reader.full) {
      reader.stop(index, Array.isArray(receivables) ? receivables.length - index : undefined);
      break;
    }
    if (!reader.read(raw, index)) continue;
    const row = reader.row;
    if (checkPaidDate(row, asOfDay, reader, index)) continue;
    const kind = classifyRow(row, setup.ignoreBelowMinor, setup.includeDisputed);
    if (kind !== "counted") {
      if (kind === "settled") settled++;
      else excluded[kind].add(row.openMinor);
      continue;
    }
    const late = overdueDays(row.dueDay, asOfDay, graceDays, calendar);
    let age = late;
    if (by === "issueDate") {
      if (Number.isNaN(row.issueDay)) {
        reader.issues.push(issue(`receivables[${index}].issueDate`, "required"));
        continue;
      }
      age = asOfDay - row.issueDay;
    }
    let band = 0;
    while (band < bounds.length && age > (bounds[band] as number)) band++;
    const open = row.openMinor;
    (bandAmounts[band] as ExactSum).add(open);
    bandCounts[band] = (bandCounts[band] as number) + 1;
    all.add(0, open, late, row.dueDay);
    // Exports are often sorted by customer: remember the last one before hashing.
    let slot = row.customerId === lastCustomer ? lastSlot : slots.get(row.customerId);
    if (slot === undefined) {
      slot = slots.size;
      slots.set(row.customerId, slot);
      customerFacts.ensure(slot + 1);
      customerBands.ensure((slot + 1) * bandCount);
    }
    lastCustomer = row.customerId;
    lastSlot = slot;
    customerBands.add(slot * bandCount + band, open);
    customerFacts.add(slot, open, late, row.dueDay);
  }
  if (reader.issues.length > 0) throw new CreditBlockError("INVALID_INPUT", reader.issues);

  const digits = setup.digits;
  const money = (sum: ExactSum): Money => minorToMoney(sum.value(), digits);
  const labels = bandLabels(bounds, by, locale);
  const totals = all.result(0, digits);
  return {
    asOf: options.asOf,
    by,
    currency: setup.currency,
    buckets: bandAmounts.map((amount, i) => ({
      label: labels[i] as string,
      fromDays: i === 0 ? null : (bounds[i - 1] as number) + 1,
      toDays: i < bounds.length ? (bounds[i] as number) : null,
      amount: money(amount),
      count: bandCounts[i] as number,
    })),
    total: totals.openBalance,
    count: totals.openCount,
    overdue: totals.overdueBalance,
    overdueCount: totals.overdueCount,
    customers: [...slots.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([customerId, slot]) => {
        const f = customerFacts.result(slot, digits);
        const buckets = Array.from({ length: bandCount }, (_, band) => minorToMoney(customerBands.value(slot * bandCount + band), digits));
        return { customerId, buckets, total: f.openBalance, overdue: f.overdueBalance, overdueCount: f.overdueCount, maxDaysOverdue: f.maxDaysOverdue };
      }),
    excluded: { disputed: money(excluded.disputed), belowThreshold: money(excluded.belowThreshold), writtenOff: money(excluded.writtenOff), renegotiated: money(excluded.renegotiated) },
    read,
    settled,
  };
}

function checkBuckets(value: unknown): readonly number[] {
  if (value === undefined) return DEFAULT_AGING_BUCKETS;
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
    throw new CreditBlockError("INVALID_INPUT", [issue("options.buckets", "invalid_type", { expected: "1 to 50 increasing day counts", received: Array.isArray(value) ? `${value.length} items` : typeof value })]);
  }
  const issues = value.flatMap((b: unknown, i) => {
    if (typeof b !== "number" || !Number.isInteger(b) || b < 0 || b > 36_500) return [issue(`options.buckets[${i}]`, "not_integer")];
    if (i > 0 && b <= (value[i - 1] as number)) return [issue(`options.buckets[${i}]`, "too_small", { minimum: `${String(value[i - 1])} + 1 (bounds increase)` })];
    return [];
  });
  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return value as number[];
}

function bandLabels(bounds: readonly number[], by: "dueDate" | "issueDate", locale: Locale): string[] {
  const labels: string[] = [];
  const first = bounds[0] as number;
  if (by === "dueDate" && first === 0) labels.push(t(locale, "aging.band.not_yet_due"));
  else labels.push(t(locale, "aging.band.up_to", { days: first }));
  for (let i = 1; i < bounds.length; i++) labels.push(t(locale, "aging.band.range", { from: (bounds[i - 1] as number) + 1, to: bounds[i] as number }));
  labels.push(t(locale, "aging.band.over", { days: bounds[bounds.length - 1] as number }));
  return labels;
}
