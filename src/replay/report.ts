import { MoneyDecimal } from "../money/decimal.js";
import { minorToMoney } from "../money/toMoney.js";
import type { Money } from "../money/toMoney.js";
import type { ReplayPolicyReport, Tally } from "./types.js";

/** A tally in exact minor units while sales are added. @internal */
export interface MinorTally {
  count: number;
  amount: bigint;
}

const tally = (): MinorTally => ({ count: 0, amount: 0n });

/** The bands of `overdueDays`, by their lower bound in days. @internal */
export const OVERDUE_BANDS: readonly { readonly band: string; readonly from: number }[] = [
  { band: "0", from: 0 }, { band: "1-15", from: 1 }, { band: "16-30", from: 16 }, { band: "31-60", from: 31 }, { band: "61-90", from: 61 }, { band: "91+", from: 91 },
];
const TOP = 10;

/** One customer's refused credit, for `topCustomers`. @internal */
export interface CustomerRefusals {
  refusedSales: number;
  refused: bigint;
  losses: bigint;
}

/** Largest refused first; ties by id, so the order never depends on the input's. */
function topOf(customers: Map<string, CustomerRefusals>): [string, CustomerRefusals][] {
  return [...customers].sort((a, b) => (a[1].refused > b[1].refused ? -1 : a[1].refused < b[1].refused ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, TOP);
}

/** One month of a policy's replay, in minor units. @internal */
export interface MonthTotals {
  sales: number;
  creditAmount: bigint;
  denied: bigint;
  lossesAvoided: bigint;
  lossesLetThrough: bigint;
}

/**
 * What one policy did over the history, in exact minor units. Every field is a sum (or a count)
 * over sales, so two accumulations of disjoint sets of customers add up to the accumulation of
 * their union: that is what makes shard reports mergeable in any order.
 * @internal
 */
export class PolicyTotals {
  sales = 0;
  creditSales = 0;
  creditAmount = 0n;
  readonly allowed = tally();
  readonly review = tally();
  readonly denied = tally();
  readonly lossesAvoided = tally();
  readonly lossesLetThrough = tally();
  readonly paidAnyway = tally();
  customersAffected = 0;
  readonly rules: Map<string, { fired: number; deniedSales: number; deniedAmount: bigint }>;
  readonly months = new Map<string, MonthTotals>();
  /** Per band of OVERDUE_BANDS: credit sales, and how many of them were refused or held. */
  readonly bands = OVERDUE_BANDS.map(() => ({ sales: 0, refused: 0 }));
  /**
   * Refusals per customer. Shards hold disjoint customers, so the top ten of the union is the
   * top ten of the shards' top tens: what a report keeps is enough to merge.
   */
  readonly customers = new Map<string, CustomerRefusals>();

  constructor(readonly id: string, readonly version: string | number, ruleIds: readonly string[]) {
    this.rules = new Map(ruleIds.map((rule) => [rule, { fired: 0, deniedSales: 0, deniedAmount: 0n }]));
  }

  month(month: string): MonthTotals {
    let m = this.months.get(month);
    if (m === undefined) {
      m = { sales: 0, creditAmount: 0n, denied: 0n, lossesAvoided: 0n, lossesLetThrough: 0n };
      this.months.set(month, m);
    }
    return m;
  }

  /** Adds another accumulation (another shard, or a report read back). */
  add(other: PolicyTotals): void {
    this.sales += other.sales;
    this.creditSales += other.creditSales;
    this.creditAmount += other.creditAmount;
    for (const key of ["allowed", "review", "denied", "lossesAvoided", "lossesLetThrough", "paidAnyway"] as const) {
      this[key].count += other[key].count;
      this[key].amount += other[key].amount;
    }
    this.customersAffected += other.customersAffected;
    for (const [rule, r] of other.rules) {
      const mine = this.rules.get(rule) ?? { fired: 0, deniedSales: 0, deniedAmount: 0n };
      mine.fired += r.fired;
      mine.deniedSales += r.deniedSales;
      mine.deniedAmount += r.deniedAmount;
      this.rules.set(rule, mine);
    }
    other.bands.forEach((b, i) => {
      const mine = this.bands[i];
      if (mine === undefined) return;
      mine.sales += b.sales;
      mine.refused += b.refused;
    });
    for (const [id, c] of other.customers) {
      const mine = this.customers.get(id) ?? { refusedSales: 0, refused: 0n, losses: 0n };
      mine.refusedSales += c.refusedSales;
      mine.refused += c.refused;
      mine.losses += c.losses;
      this.customers.set(id, mine);
    }
    for (const [month, m] of other.months) {
      const mine = this.month(month);
      mine.sales += m.sales;
      mine.creditAmount += m.creditAmount;
      mine.denied += m.denied;
      mine.lossesAvoided += m.lossesAvoided;
      mine.lossesLetThrough += m.lossesLetThrough;
    }
  }

  /** The report's form: money as decimal strings, months in order. */
  toReport(digits: number, conversion: string): ReplayPolicyReport {
    const money = (minor: bigint): Money => minorToMoney(minor, digits);
    const out = (t: MinorTally): Tally => ({ count: t.count, amount: money(t.amount) });
    const blocked = new MoneyDecimal(money(this.review.amount + this.denied.amount));
    return {
      id: this.id,
      version: this.version,
      totals: {
        sales: this.sales,
        creditSales: this.creditSales,
        creditAmount: money(this.creditAmount),
        allowed: out(this.allowed),
        review: out(this.review),
        denied: out(this.denied),
        lossesAvoided: out(this.lossesAvoided),
        lossesLetThrough: out(this.lossesLetThrough),
        paidAnyway: out(this.paidAnyway),
        customersAffected: this.customersAffected,
        // Rounded once, from the sums: the same figure however the sales were split.
        creditLost: blocked.times(new MoneyDecimal(1).minus(conversion)).toFixed(digits, MoneyDecimal.ROUND_HALF_EVEN),
      },
      overdueDays: OVERDUE_BANDS.map((b, i) => ({ band: b.band, sales: this.bands[i]?.sales ?? 0, refused: this.bands[i]?.refused ?? 0 })),
      topCustomers: topOf(this.customers).map(([customerId, c]) => ({ customerId, refusedSales: c.refusedSales, refused: money(c.refused), losses: money(c.losses) })),
      rules: [...this.rules].map(([rule, r]) => ({ rule, fired: r.fired, deniedSales: r.deniedSales, deniedAmount: money(r.deniedAmount) })),
      months: [...this.months.keys()].sort().map((month) => {
        const m = this.months.get(month) as MonthTotals;
        return { month, sales: m.sales, creditAmount: money(m.creditAmount), denied: money(m.denied), lossesAvoided: money(m.lossesAvoided), lossesLetThrough: money(m.lossesLetThrough) };
      }),
    };
  }

  /** Reads a report back into minor units (to merge shard reports). */
  static fromReport(r: ReplayPolicyReport, digits: number): PolicyTotals {
    const minor = (m: Money): bigint => minorOf(m, digits);
    const totals = new PolicyTotals(r.id, r.version, r.rules.map((x) => x.rule));
    const t = r.totals;
    totals.sales = t.sales;
    totals.creditSales = t.creditSales;
    totals.creditAmount = minor(t.creditAmount);
    for (const key of ["allowed", "review", "denied", "lossesAvoided", "lossesLetThrough", "paidAnyway"] as const) {
      totals[key].count = t[key].count;
      totals[key].amount = minor(t[key].amount);
    }
    totals.customersAffected = t.customersAffected;
    for (const x of r.rules) totals.rules.set(x.rule, { fired: x.fired, deniedSales: x.deniedSales, deniedAmount: minor(x.deniedAmount) });
    r.overdueDays.forEach((b, i) => {
      const mine = totals.bands[i];
      if (mine === undefined) return;
      mine.sales = b.sales;
      mine.refused = b.refused;
    });
    for (const c of r.topCustomers) totals.customers.set(c.customerId, { refusedSales: c.refusedSales, refused: minor(c.refused), losses: minor(c.losses) });
    for (const m of r.months) totals.months.set(m.month, { sales: m.sales, creditAmount: minor(m.creditAmount), denied: minor(m.denied), lossesAvoided: minor(m.lossesAvoided), lossesLetThrough: minor(m.lossesLetThrough) });
    return totals;
  }
}

/** Minor units of a canonical money string ("-12.30" → -1230n). */
function minorOf(money: string, digits: number): bigint {
  const negative = money.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? money.slice(1) : money).split(".");
  const value = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return negative ? -value : value;
}
