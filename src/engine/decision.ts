import type { ISODate } from "../calendar/isoDate.js";
import type { Money } from "../money/toMoney.js";
import type { CheckoutRequestInput, PaymentMethod, Term } from "../schemas/checkout.js";
import type { PixCharge } from "../schemas/pix.js";
import type { Facts } from "./facts/index.js";
import type { Policy, RuleAction } from "./policy/types.js";

/** Outcome of a tender, an option or a sale. Order: deny > review > allow. */
export type Outcome = "allow" | "review" | "deny";

/**
 * The customer's grade at checkout. `blocked` only when nothing can be paid at once (every
 * immediate option refused or held); `restricted` when some option is refused or held but the
 * sale can still be paid at once; `warning` when only warnings fired; `clear` otherwise.
 */
export type CustomerStatus = "clear" | "warning" | "restricted" | "blocked";

/** Why a rule fired, for the operator. */
export interface Reason {
  readonly rule: string;
  readonly code: string;
  readonly action: RuleAction;
  readonly message: string;
}

/** The verdict on one tender of the sale. */
export interface TenderDecision {
  readonly method: PaymentMethod;
  readonly term: Term;
  readonly amount: Money;
  readonly installments?: number;
  readonly outcome: Outcome;
  readonly reasons: Reason[];
}

/** What the cashier may offer now: one entry per method × term. */
export interface OptionDecision {
  readonly method: PaymentMethod;
  readonly term: Term;
  readonly outcome: Outcome;
}

/** The answer to a checkout. */
export interface Decision {
  /** Worst outcome over the sale's tenders; `allow` for a request without a sale. */
  readonly outcome: Outcome;
  readonly tenders: TenderDecision[];
  readonly options: OptionDecision[];
  /** Every fired rule once, deny first, then review, then warn (supervisor releases are warns). */
  readonly reasons: Reason[];
  readonly status: CustomerStatus;
  /**
   * What the cashier collects to lift every deny/review on credit tenders: whole títulos, oldest
   * first, each with its multa and juros at `asOf` when the policy carries `charges`. Null when
   * nothing on credit is blocked, or when no payment would lift it all (a risk class, a hold).
   */
  readonly regularize: null | Regularize;
  /** The first future date on which, with nothing paid, the status worsens. */
  readonly nextChange: null | { readonly date: ISODate; readonly status: CustomerStatus; readonly rule: string };
  readonly facts: Facts;
  readonly policy: { readonly id: string; readonly version: string | number };
  readonly asOf: ISODate;
  /**
   * A neutral text for customer-facing screens and receipts: it never mentions the debt
   * (CDC art. 42: no exposure to ridicule or embarrassment). Null when nothing is restricted.
   */
  readonly customerMessage: string | null;
}

/** One título that `regularize` asks for, and why. */
export interface RegularizeItem {
  readonly id: string;
  /** Its open balance. */
  readonly open: Money;
  /** Multa at `asOf` under the policy's `charges` ("0.00" without them or before it is due). */
  readonly fine: Money;
  /** Juros de mora at `asOf` under the policy's `charges`. */
  readonly interest: Money;
  /** open + fine + interest. */
  readonly total: Money;
  /** `overdue`: it is itself overdue; `limit`: it is paid to free credit limit or exposure. */
  readonly because: "overdue" | "limit";
}

/** The payment that lifts a block on credit: whole títulos, oldest first. */
export interface Regularize {
  /** Σ items' totals: the amount to collect. */
  readonly payAtLeast: Money;
  readonly receivableIds: string[];
  readonly items: RegularizeItem[];
  /**
   * The static Pix BR Code for exactly `payAtLeast`, txid `txidFor(receivableIds)`: present
   * exactly when the policy names the store's receiver (`pix`; the gate then needs the encoder,
   * see `createCreditGate`). Null when the amount does not fit a static BR Code (field 54 holds
   * at most 9999999999.99).
   */
  readonly pix?: PixCharge | null;
}

/** A compiled policy: decide checkouts with it, as many times as needed. */
export interface CreditGate {
  readonly policy: Policy;
  /** Synchronous and pure: no clock, no I/O, no shared mutable state; the request is not touched. */
  decide(request: CheckoutRequestInput): Decision;
}
