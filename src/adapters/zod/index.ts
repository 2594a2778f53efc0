/**
 * `credit-block/zod`: plug the credit check into a backend's own zod schemas.
 * @module adapters/zod
 */
import { CreditBlockError, issue, type CheckoutRequestInput, type CreditGate, type Decision, type Issue } from "credit-block";
import type { z } from "zod";
import { invalidType } from "../options.js";

/** Options of {@link creditCheck}. */
export interface CreditCheckOptions {
  /** Where the order keeps its tenders, for the issue paths; default `["tenders"]`. */
  readonly tendersPath?: readonly (string | number)[];
  /** A `review` outcome as an issue (default) or as a pass (the backend routes it to a supervisor). */
  readonly review?: "issue" | "pass";
  /** Called with every decision, e.g. to audit it or attach it to the order. */
  readonly onDecision?: (decision: Decision) => void;
}

function blockedIssues(decision: Decision, review: "issue" | "pass"): { index: number; message: string; code: string }[] {
  return decision.tenders.flatMap((t, index) => {
    if (t.outcome === "allow" || (t.outcome === "review" && review === "pass")) return [];
    const reason = t.reasons.find((r) => r.action === t.outcome) ?? t.reasons[0];
    return [{ index, message: reason?.message ?? t.outcome, code: reason?.code ?? t.outcome.toUpperCase() }];
  });
}

/** The arguments as given, checked: plain JavaScript callers can pass anything. */
function readArguments(gate: unknown, options: unknown): { readonly review: "issue" | "pass" } {
  if (typeof (gate as Partial<CreditGate> | null)?.decide !== "function") throw invalidType("gate", "CreditGate", gate);
  if (typeof options !== "object" || options === null) throw invalidType("options", "object", options);
  const review: unknown = (options as { review?: unknown }).review ?? "issue";
  if (review !== "issue" && review !== "pass") throw new CreditBlockError("INVALID_INPUT", [issue("options.review", "invalid_value", { options: '"issue", "pass"' })]);
  return { review };
}

const isThenable = (value: unknown): value is PromiseLike<CheckoutRequestInput> =>
  typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";

/**
 * A zod refinement that runs the credit check on a parsed order: each blocked tender becomes a
 * zod issue on that tender's path, with the reason's message and code (`params.code`). The
 * mapping to a checkout request may be async (to load the customer), then parse with
 * `parseAsync`/`safeParseAsync`.
 *
 * @example
 * ```ts
 * const Order = z.object({ customerId: z.string(), tenders: z.array(z.object({ method: z.string(), amount: z.string() })) })
 *   .superRefine(creditCheck(gate, async (order) => ({
 *     asOf: today(), customer: await db.customer(order.customerId), receivables: await db.openTitles(order.customerId),
 *     sale: { tenders: order.tenders },
 *   })));
 * const result = await Order.safeParseAsync(body); // result.error.issues[0].path → ["tenders", 0]
 * ```
 */
export function creditCheck<T>(gate: CreditGate, toRequest: (order: T) => CheckoutRequestInput | PromiseLike<CheckoutRequestInput>, options: CreditCheckOptions = {}) {
  const { review } = readArguments(gate, options);
  if (typeof toRequest !== "function") throw invalidType("toRequest", "function", toRequest);
  const base = options.tendersPath ?? ["tenders"];
  if (!Array.isArray(base) || !base.every((key) => typeof key === "string" || typeof key === "number")) throw invalidType("options.tendersPath", "array of keys", base);
  const onDecision: unknown = options.onDecision;
  if (onDecision !== undefined && typeof onDecision !== "function") throw invalidType("options.onDecision", "function", onDecision);
  const apply = (decision: Decision, ctx: z.RefinementCtx) => {
    options.onDecision?.(decision);
    for (const b of blockedIssues(decision, review)) {
      ctx.addIssue({ code: "custom", message: b.message, path: [...base, b.index], params: { code: b.code, outcome: decision.tenders[b.index]?.outcome } });
    }
  };
  return (order: T, ctx: z.RefinementCtx): void | Promise<void> => {
    const request = toRequest(order);
    // Any thenable, not only this realm's Promise (a query builder, a promise from a vm or jsdom
    // context); zod waits only for a native Promise, so the answer is one.
    if (isThenable(request)) return Promise.resolve(request).then((r) => { apply(gate.decide(r), ctx); });
    apply(gate.decide(request), ctx);
  };
}

/**
 * The error {@link assertSaleAllowed} throws: a CreditBlockError with code `SALE_BLOCKED`, one
 * issue per blocked tender, and the whole decision (for the options the cashier may offer).
 *
 * @example
 * ```ts
 * try {
 *   assertSaleAllowed(gate, request);
 * } catch (error) {
 *   if (error instanceof SaleBlockedError) showCashier(error.decision.options.filter((o) => o.outcome === "allow"));
 * }
 * ```
 */
export class SaleBlockedError extends CreditBlockError {
  override readonly name = "SaleBlockedError";
  constructor(readonly decision: Decision, issues: readonly Issue[]) {
    super("SALE_BLOCKED", issues);
  }
}

/**
 * Decides and returns the decision when every tender is allowed (or, with `review: "pass"`,
 * allowed or under review); otherwise throws a {@link SaleBlockedError} carrying the decision,
 * with one issue per blocked tender (`sale.tenders[i]`).
 *
 * @example
 * ```ts
 * try {
 *   assertSaleAllowed(gate, request);
 * } catch (error) {
 *   if (error instanceof SaleBlockedError) return reply.status(409).send(error.decision.reasons);
 *   throw error;
 * }
 * ```
 */
export function assertSaleAllowed(gate: CreditGate, request: CheckoutRequestInput, options: { readonly review?: "issue" | "pass" } = {}): Decision {
  const { review } = readArguments(gate, options);
  const decision = gate.decide(request);
  const blocked = blockedIssues(decision, review);
  if (blocked.length === 0) return decision;
  throw new SaleBlockedError(decision, blocked.map((b) => {
    const t = decision.tenders[b.index];
    return issue(`sale.tenders[${b.index}]`, "sale.blocked", { method: t?.method ?? "", term: t?.term ?? "", outcome: t?.outcome ?? "", reason: b.message });
  }));
}
