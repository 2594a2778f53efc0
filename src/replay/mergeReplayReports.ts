import { CreditBlockError, issue } from "../errors/CreditBlockError.js";
import { currencyDigits } from "../money/currency.js";
import { PolicyTotals } from "./report.js";
import type { ReplayReport } from "./types.js";

/**
 * Combines the reports of two disjoint sets of customers (shards of one history, replayed on
 * different machines) into the report of their union. Associative and commutative, so shard
 * reports can be merged in any order and grouping. Both must come from the same policies, the
 * same currency and the same assumptions.
 *
 * @example
 * ```ts
 * const whole = [shard0, shard1, shard2].reduce(mergeReplayReports);
 * ```
 */
export function mergeReplayReports(a: ReplayReport, b: ReplayReport): ReplayReport {
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
  const problems = [];
  if (a.currency !== b.currency) problems.push(issue("b.currency", "invalid_value", { options: JSON.stringify(a.currency) }));
  if (!same(a.assumptions, b.assumptions)) problems.push(issue("b.assumptions", "invalid_value", { options: JSON.stringify(a.assumptions) }));
  const ids = (r: ReplayReport): string[] => r.policies.map((p) => `${p.id}@${String(p.version)}`);
  if (!same(ids(a), ids(b))) problems.push(issue("b.policies", "invalid_value", { options: JSON.stringify(ids(a)) }));
  if (problems.length > 0) throw new CreditBlockError("INVALID_INPUT", problems);
  const digits = currencyDigits(a.currency);
  return {
    currency: a.currency,
    policies: a.policies.map((p, i) => {
      const merged = PolicyTotals.fromReport(p, digits);
      const other = b.policies[i];
      if (other !== undefined) merged.add(PolicyTotals.fromReport(other, digits));
      return merged.toReport(digits, a.assumptions.conversion);
    }),
    assumptions: a.assumptions,
  };
}
