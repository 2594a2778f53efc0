import type { ISODate } from "../calendar/isoDate.js";
import { fromDayNumber } from "../calendar/isoDate.js";
import type { Money } from "../money/toMoney.js";
import { minorToMoney } from "../money/toMoney.js";

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
 * Facts in the form conditions compare: money in integer minor units, percent in hundredths,
 * so every comparison is an exact integer comparison.
 * @internal
 */
export interface FactValues {
  openBalance: number;
  overdueBalance: number;
  overduePercent: number;
  overdueCount: number;
  maxDaysOverdue: number;
  oldestOverdueDueDay: number;
  creditLimit: number | null;
  creditLimitExpired: boolean;
  availableCredit: number | null;
  saleTotal: number;
  saleCreditAmount: number;
  exposureAfterSale: number;
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
  const money = (m: number): Money => minorToMoney(m, digits);
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
