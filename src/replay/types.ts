import type { ISODate } from "../calendar/isoDate.js";
import type { Policy, PolicyDocument } from "../engine/policy/types.js";
import type { Money, MoneyInput } from "../money/toMoney.js";
import type { CustomerInput, ReceivableInput, TenderInput } from "../schemas/checkout.js";

/** A past sale: who bought, on which day, paid how. */
export interface ReplaySale {
  readonly id: string;
  readonly customerId: string;
  readonly date: ISODate;
  readonly tenders: readonly TenderInput[];
}

/**
 * A título of the store's history: a receivable as `decide` takes it, plus the sale it came
 * from and, when written off, the day it was. `customerId` and `issueDate` are required here:
 * without them a título cannot be placed in time.
 */
export type ReplayReceivable = ReceivableInput & {
  readonly customerId: string;
  readonly issueDate: ISODate;
  /** The sale whose credit created it; its outcome is judged by what happened to these. */
  readonly saleId?: string;
  /** The day it was written off (status `written_off`); before it, it counts as open. */
  readonly writtenOffDate?: ISODate;
};

/** One payment on a título (partial payments rebuild the open balance day by day). */
export interface ReplayPayment {
  readonly receivableId: string;
  readonly date: ISODate;
  readonly amount: MoneyInput;
}

/** The store's history. */
export interface ReplayInput {
  readonly sales: readonly ReplaySale[];
  readonly receivables: readonly ReplayReceivable[];
  readonly payments?: readonly ReplayPayment[];
  /** Customer records as `decide` takes them (limit, risk class, holds…); absent: no record. */
  readonly customers?: readonly CustomerInput[];
}

/** Options of {@link replayPolicy}. */
export interface ReplayOptions {
  readonly policy: Policy | PolicyDocument;
  /** A second policy to replay side by side (the one being considered). */
  readonly compare?: Policy | PolicyDocument;
  /** A título still open this many days after its due date at the end of the data is a loss. Default 90. */
  readonly lossAfterDays?: number;
  /**
   * Share of refused or held credit sales assumed paid at once instead (a decimal from "0" to
   * "1"). Default "0": every blocked credit sale is lost.
   */
  readonly conversion?: string;
  /** The last day of the data; default the latest date found in it. */
  readonly endDate?: ISODate;
}

/** How many sales, and how much money. */
export interface Tally {
  readonly count: number;
  readonly amount: Money;
}

/** What one policy would have done. */
export interface ReplayPolicyReport {
  readonly id: string;
  readonly version: string | number;
  readonly totals: {
    readonly sales: number;
    readonly creditSales: number;
    readonly creditAmount: Money;
    /** Credit sales by the outcome of their credit part; amounts are the credit part. */
    readonly allowed: Tally;
    readonly review: Tally;
    readonly denied: Tally;
    /** Refused or held sales whose títulos went bad; the amount is what was never paid. */
    readonly lossesAvoided: Tally;
    /** Allowed credit sales whose títulos went bad; the amount is what was never paid. */
    readonly lossesLetThrough: Tally;
    /** Refused or held sales whose títulos were all paid; the amount is their credit part. */
    readonly paidAnyway: Tally;
    /** Customers with at least one refused or held credit sale. */
    readonly customersAffected: number;
    /** Refused or held credit not recovered as sales paid at once: (review + denied) × (1 − conversion). */
    readonly creditLost: Money;
  };
  /** Every rule of the policy, in its order. */
  readonly rules: readonly { readonly rule: string; readonly fired: number; readonly deniedSales: number; readonly deniedAmount: Money }[];
  /**
   * Credit sales by the days overdue of the customer's oldest título on the sale's day
   * (`maxDaysOverdue`), in bands: how deep in debt the refused ones were.
   */
  readonly overdueDays: readonly { readonly band: string; readonly sales: number; readonly refused: number }[];
  /** The customers whose refused or held credit was largest, largest first (at most 10). */
  readonly topCustomers: readonly { readonly customerId: string; readonly refusedSales: number; readonly refused: Money; readonly losses: Money }[];
  /** By month of the sale, oldest first. */
  readonly months: readonly { readonly month: string; readonly sales: number; readonly creditAmount: Money; readonly denied: Money; readonly lossesAvoided: Money; readonly lossesLetThrough: Money }[];
}

/** What {@link replayPolicy} returns: one report per policy, and the assumptions behind them. */
export interface ReplayReport {
  readonly currency: string;
  readonly policies: readonly ReplayPolicyReport[];
  readonly assumptions: { readonly lossAfterDays: number; readonly conversion: string; readonly endDate: ISODate };
}
