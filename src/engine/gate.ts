import { FactsTable } from "../aging/internal.js";
import { compileCalendar } from "../calendar/businessDays.js";
import { checkoutSchemas, type CheckoutRequestInput } from "../schemas/checkout.js";
import type { CreditGate, Decision } from "./decision.js";
import { publicFacts, type RenderContext } from "./facts/index.js";
import { nextChangeOf, regularizeOf, type Evaluator } from "./forecast.js";
import { checkPolicy } from "./policy/check.js";
import type { CheckedPolicy, Policy, PolicyDocument } from "./policy/types.js";
import { contextOf, parseRequest, type RequestSetup } from "./request.js";
import { compileRules, evaluate, type CompiledRule } from "./rules.js";
import { customerText, gradeOf, STATUS_RANK, verdictOf } from "./verdict.js";

/**
 * Compiles a policy once into plain closures and returns a gate that decides checkouts. Pass
 * the result of {@link definePolicy} or the policy JSON itself (it is validated either way).
 *
 * @example
 * ```ts
 * const gate = createCreditGate(presets.blockCreditWhenOverdue({ graceDays: 5 }));
 * const decision = gate.decide({
 *   asOf: "2026-11-23",
 *   customer: { id: "c1" },
 *   receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }],
 *   sale: { tenders: [{ method: "store_credit", amount: "150.00" }] },
 * });
 * decision.outcome;  // "deny"
 * decision.options.find((o) => o.method === "pix" && o.term === "immediate")?.outcome; // "allow"
 * decision.regularize; // { payAtLeast: "389.90", receivableIds: ["t1"] }
 * ```
 */
export function createCreditGate(policy: Policy | PolicyDocument): CreditGate {
  return new Gate(checkPolicy(policy));
}

/**
 * The pipeline of one decision: parse the request → read its context → evaluate the rules →
 * the verdict → the forecast (what to pay now, when it gets worse).
 */
class Gate implements CreditGate {
  readonly policy: Policy;
  private readonly rules: readonly CompiledRule[];
  private readonly setup: RequestSetup;
  private readonly render: RenderContext;
  /** Scratch columns for the evaluations, reused: a decision is synchronous. */
  private readonly table = new FactsTable(1);
  /** The worst grade this policy can give, so `nextChange` stops early when already there. */
  private readonly worstStatus: number;

  constructor(private readonly checked: CheckedPolicy) {
    const policy = checked.policy;
    this.policy = policy;
    this.setup = {
      currency: policy.currency,
      digits: checked.digits,
      graceDays: policy.graceDays,
      calendar: compileCalendar(policy.calendar, "policy.calendar"),
      headSchema: checkoutSchemas(policy.currency).checkoutHead,
    };
    this.render = { locale: policy.locale, digits: checked.digits, currency: policy.currency };
    this.rules = compileRules(checked.rules);
    // The grade only worsens as more rules fire, so the worst one is with every rule fired.
    this.worstStatus = STATUS_RANK[gradeOf(this.rules.map((rule) => ({ rule, released: null })))];
  }

  decide(input: CheckoutRequestInput): Decision {
    const ctx = contextOf(parseRequest(input, this.setup), this.setup);
    const evaluateAt: Evaluator = (day, paid) => evaluate(this.rules, this.table, this.checked.ignoreBelowMinor, ctx, day, paid);
    const now = evaluateAt(ctx.asOfDay, 0);
    const verdict = verdictOf(now, ctx.request.tenders, this.render);
    return {
      outcome: verdict.outcome,
      tenders: verdict.tenders,
      options: verdict.options,
      reasons: verdict.reasons,
      status: verdict.status,
      regularize: regularizeOf(ctx, now, evaluateAt, this.checked.charges, this.checked.digits),
      nextChange: nextChangeOf(ctx, now, verdict.status, evaluateAt, this.rules, this.checked.ignoreBelowMinor, this.worstStatus),
      facts: publicFacts(now.sources, this.checked.digits),
      policy: { id: this.policy.id, version: this.policy.version },
      asOf: ctx.request.asOf,
      customerMessage: customerText(verdict.status, verdict.options, this.render.locale),
    };
  }
}
