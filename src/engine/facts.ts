import type { ISODate } from "../calendar/isoDate.js";
import { fromDayNumber } from "../calendar/isoDate.js";
import type { Money } from "../money/toMoney.js";
import { minorToMoney } from "../money/toMoney.js";
import type { Minor } from "../money/minor.js";

/** The kinds of fact a condition can compare. */
export type FactType = "money" | "count" | "percent" | "boolean" | "string" | "list" | "attribute";

/**
 * Every fact a policy condition can name, with its type. Money facts compare as exact decimals;
 * `attributes.<name>` reads `customer.attributes`.
 */
export const FACT_TYPES = {
  openBalance: "money",
  overdueBalance: "money",
  overduePercent: "percent",
  overdueCount: "count",
  maxDaysOverdue: "count",
  creditLimit: "money",
  creditLimitExpired: "boolean",
  availableCredit: "money",
  saleTotal: "money",
  saleCreditAmount: "money",
  exposureAfterSale: "money",
  riskClass: "string",
  segment: "string",
  dunningLevel: "count",
  onHold: "boolean",
  bouncedChecks: "count",
  negativated: "boolean",
  tags: "list",
} as const satisfies Record<string, FactType>;

/** A fact name from {@link FACT_TYPES}. */
export type FactName = keyof typeof FACT_TYPES;

/**
 * Facts that speak of the customer's debts or credit standing: balances, overdue counts and
 * days, exposure, limits, collection step, negativação, payment profile and risk grade. A
 * consumer policy may never refuse or hold a sale paid at once on them (CDC art. 39 IX,
 * https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm). Not debt facts: `onHold`
 * and `tags` (fraud holds), the sale's own amounts, `bouncedChecks` (the reliability of a
 * payment instrument, so a store may refuse cheques from an issuer of bounced ones) and custom
 * `attributes` (the caller answers for what they mean).
 * @internal
 */
export const DEBT_FACTS: ReadonlySet<string> = new Set<FactName>([
  "openBalance", "overdueBalance", "overduePercent", "overdueCount", "maxDaysOverdue",
  "creditLimit", "creditLimitExpired", "availableCredit", "exposureAfterSale",
  "riskClass", "segment", "dunningLevel", "negativated",
]);

/** Type of a fact name, including `attributes.<name>`; undefined when unknown. @internal */
export function factType(name: string): FactType | undefined {
  if (name.startsWith("attributes.") && /^attributes\.[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return "attribute";
  return Object.hasOwn(FACT_TYPES, name) ? FACT_TYPES[name as FactName] : undefined;
}

/**
 * The facts of a checkout at `asOf`, as the decision reports them (money as decimal strings).
 * `creditLimit` and `availableCredit` are null when the customer has no limit configured; an
 * expired limit counts as `"0.00"`.
 */
export interface Facts {
  readonly openBalance: Money;
  readonly overdueBalance: Money;
  readonly overduePercent: string;
  readonly overdueCount: number;
  readonly maxDaysOverdue: number;
  readonly oldestOverdueDueDate: ISODate | null;
  readonly creditLimit: Money | null;
  readonly creditLimitExpired: boolean;
  readonly availableCredit: Money | null;
  readonly saleTotal: Money;
  readonly saleCreditAmount: Money;
  readonly exposureAfterSale: Money;
  readonly riskClass: string | null;
  readonly segment: Segment;
  readonly dunningLevel: number;
  readonly onHold: boolean;
  readonly holdReason: string | null;
  readonly bouncedChecks: number;
  readonly negativated: boolean;
  readonly tags: readonly string[];
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

/** Payment-behaviour segment of a customer. */
export type Segment = "punctual" | "occasional" | "chronic" | "new";

/**
 * Facts in the form conditions compare: money in integer minor units (a BigInt past 2^53, so a
 * sum of big amounts is never rounded), percent in hundredths, so every comparison is an exact
 * integer comparison.
 * @internal
 */
export interface FactValues {
  openBalance: Minor;
  overdueBalance: Minor;
  overduePercent: number;
  overdueCount: number;
  maxDaysOverdue: number;
  oldestOverdueDueDay: number;
  creditLimit: Minor | null;
  creditLimitExpired: boolean;
  availableCredit: Minor | null;
  saleTotal: Minor;
  saleCreditAmount: Minor;
  exposureAfterSale: Minor;
  riskClass: string | null;
  segment: Segment;
  dunningLevel: number;
  onHold: boolean;
  holdReason: string | null;
  bouncedChecks: number;
  negativated: boolean;
  tags: readonly string[];
  attributes: Readonly<Record<string, string | number | boolean>>;
}

/** Public facts from internal values. @internal */
export function publicFacts(v: FactValues, digits: number): Facts {
  const money = (m: Minor): Money => minorToMoney(m, digits);
  return {
    openBalance: money(v.openBalance),
    overdueBalance: money(v.overdueBalance),
    overduePercent: minorToMoney(v.overduePercent, 2),
    overdueCount: v.overdueCount,
    maxDaysOverdue: v.maxDaysOverdue,
    oldestOverdueDueDate: Number.isFinite(v.oldestOverdueDueDay) ? fromDayNumber(v.oldestOverdueDueDay) : null,
    creditLimit: v.creditLimit === null ? null : money(v.creditLimit),
    creditLimitExpired: v.creditLimitExpired,
    availableCredit: v.availableCredit === null ? null : money(v.availableCredit),
    saleTotal: money(v.saleTotal),
    saleCreditAmount: money(v.saleCreditAmount),
    exposureAfterSale: money(v.exposureAfterSale),
    riskClass: v.riskClass,
    segment: v.segment,
    dunningLevel: v.dunningLevel,
    onHold: v.onHold,
    holdReason: v.holdReason,
    bouncedChecks: v.bouncedChecks,
    negativated: v.negativated,
    tags: v.tags,
    attributes: v.attributes,
  };
}
