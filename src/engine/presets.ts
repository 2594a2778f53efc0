import { MoneyDecimal, safeText } from "../money/decimal.js";
import { fail } from "../errors/CreditBlockError.js";
import type { PolicyDocument, Rule } from "./policy/index.js";

function checkDays(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 3650) fail(path, "not_integer");
  return value;
}

/**
 * The seeds' rule, "block a prazo, allow à vista": deny every deferred tender while the customer
 * has a título overdue past the grace period. Sales paid at once are never refused
 * (CDC art. 39 IX).
 *
 * @example
 * ```ts
 * const policy = definePolicy(presets.blockCreditWhenOverdue({ graceDays: 5, ignoreBelow: "1.00" }));
 * ```
 */
function blockCreditWhenOverdue(options: { readonly graceDays?: number; readonly ignoreBelow?: string; readonly id?: string } = {}): PolicyDocument {
  return {
    id: options.id ?? "block-credit-when-overdue",
    version: 1,
    graceDays: checkDays(options.graceDays ?? 0, "graceDays"),
    ...(options.ignoreBelow !== undefined ? { ignoreOverdueBelow: options.ignoreBelow } : {}),
    rules: [
      {
        id: "overdue",
        description: "A título overdue past the grace period blocks new credit",
        when: { fact: "overdueCount", op: "gt", value: 0 },
        scope: "credit",
        action: "deny",
      },
    ],
  };
}

/**
 * Risk classes: class A is never blocked; B, C and D are blocked for credit once a título is more
 * than their own number of days overdue; E is always blocked for credit.
 *
 * @example
 * ```ts
 * presets.riskClasses({ daysByClass: { B: 30, C: 15, D: 5 } });
 * ```
 */
function riskClasses(options: { readonly daysByClass?: Readonly<Record<string, number>>; readonly alwaysBlock?: readonly string[]; readonly graceDays?: number; readonly id?: string } = {}): PolicyDocument {
  const daysByClass = options.daysByClass ?? { B: 30, C: 15, D: 5 };
  const alwaysBlock = options.alwaysBlock ?? ["E"];
  const rules: Rule[] = Object.entries(daysByClass).map(([riskClass, days]) => ({
    id: `risk-${riskClass}-overdue`,
    description: `Class ${riskClass}: credit blocked past ${days} days overdue`,
    when: { all: [{ fact: "riskClass", op: "eq", value: riskClass }, { fact: "maxDaysOverdue", op: "gt", value: checkDays(days, `daysByClass.${riskClass}`) }] },
    scope: "credit",
    action: "deny",
  }));
  if (alwaysBlock.length > 0) {
    rules.push({ id: "risk-always-blocked", description: `Classes ${alwaysBlock.join(", ")}: credit always blocked`, when: { fact: "riskClass", op: "in", value: alwaysBlock }, scope: "credit", action: "deny" });
  }
  return { id: options.id ?? "risk-classes", version: 1, graceDays: checkDays(options.graceDays ?? 0, "graceDays"), rules };
}

/**
 * Credit limit: a sale whose credit part takes the exposure (open balance + pending + this sale's
 * deferred amount) above the limit plus a tolerance goes to a supervisor (`review`), and so does
 * any credit sale once the limit's review date has passed (an expired limit counts as zero).
 *
 * @example
 * ```ts
 * presets.creditLimit({ tolerancePercent: 10 });
 * ```
 */
function creditLimit(options: { readonly tolerancePercent?: number | string; readonly action?: "review" | "deny"; readonly id?: string } = {}): PolicyDocument {
  const tolerance = options.tolerancePercent ?? 0;
  if ((typeof tolerance !== "number" && typeof tolerance !== "string") || !/^\d{1,3}(\.\d{1,2})?$/.test(String(tolerance))) fail("tolerancePercent", "decimal.format", { value: safeText(tolerance) });
  const times = new MoneyDecimal(100).plus(String(tolerance)).div(100).toString();
  const action = options.action ?? "review";
  return {
    id: options.id ?? "credit-limit",
    version: 1,
    rules: [
      {
        id: "over-limit",
        description: `Exposure after the sale above the limit${tolerance === 0 ? "" : ` + ${String(tolerance)}%`}`,
        when: { all: [{ fact: "saleCreditAmount", op: "gt", value: "0.00" }, { fact: "exposureAfterSale", op: "gt", value: { fact: "creditLimit", times } }] },
        scope: "credit",
        action,
      },
      {
        id: "limit-expired",
        description: "Credit limit past its review date",
        when: { fact: "creditLimitExpired", op: "eq", value: true },
        scope: "credit",
        action,
      },
    ],
  };
}

/**
 * Ready-made policies, as JSON you can edit, merge and pass to `definePolicy`.
 *
 * @example
 * ```ts
 * const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 3 }));
 * ```
 */
export const presets = { blockCreditWhenOverdue, riskClasses, creditLimit };
