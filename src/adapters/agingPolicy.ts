/**
 * The aging options a credit policy implies, shared by the adapters that age receivables for a
 * store (`POST /v1/aging` of the sidecar, `credit-block aging --policy`), so the aging list a
 * clerk reads counts overdue exactly as the checkout decision does.
 * @internal
 */
import type { AgingOptions, Policy } from "credit-block";

/**
 * The {@link AgingOptions} a validated policy (`definePolicy`, or a gate's `policy`) sets, as
 * `decide` applies them: its `graceDays` (carência), its business-day `calendar`, its residue
 * threshold `ignoreOverdueBelow` (as `ignoreBelow`: like `decide`, the aging then leaves any open
 * balance under it out, reporting it in `excluded.belowThreshold`) and its `currency`. Keys the
 * policy leaves unset are absent, so the aging defaults still apply to them.
 *
 * Spread it before the caller's own options, which then win key by key. `ignoreBelow` is an
 * amount in the policy's currency: a caller that ages in another currency should drop it.
 *
 * @example
 * ```ts
 * const policy = definePolicy({ id: "loja", version: 1, graceDays: 5, ignoreOverdueBelow: "1.00", rules: [] });
 * agingDefaultsOf(policy); // { currency: "BRL", graceDays: 5, ignoreBelow: "1.00" }
 * ageReceivables(receivables, { asOf: "2026-11-23", ...agingDefaultsOf(policy), ...requestOptions });
 * ```
 */
export function agingDefaultsOf(policy: Policy): Pick<AgingOptions, "currency" | "graceDays" | "calendar" | "ignoreBelow"> {
  return {
    currency: policy.currency,
    graceDays: policy.graceDays,
    ...(policy.calendar === undefined ? {} : { calendar: policy.calendar }),
    ...(policy.ignoreOverdueBelow === undefined ? {} : { ignoreBelow: policy.ignoreOverdueBelow }),
  };
}
