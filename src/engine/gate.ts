import { FactsTable } from "../aging/internal.js";
import { compileCalendar } from "../calendar/businessDays.js";
import { checkoutSchemas, type CheckoutRequestInput } from "../schemas/checkout.js";
import type { Encoders } from "../schemas/pix.js";
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
 *
 * **Pay on the spot.** A policy that names the store's Pix receiver (`pix: { key, name, city }`)
 * makes `regularize.pix` the static BR Code ("Pix copia e cola") for exactly `payAtLeast`, with
 * the txid `txidFor(receivableIds)` so the store matches the payment to its títulos (BCB, "Manual
 * de Padrões para Iniciação do Pix", Anexo I, fields 54 and 62-05). The writer is not in the
 * checkout bundle: pass it, `createCreditGate(policy, { pix: pixEncoder })` from
 * `credit-block/pix`. Without it such a policy is refused here, at start-up — a
 * {@link PolicyError} at `encoders.pix` — rather than deciding without the Pix the store asked
 * for; the receiver's fields are checked here too (`pix.key`, `pix.name`, `pix.city`,
 * `pix.postalCode`), never at the counter. Passing the encoder with a policy that names no
 * receiver changes nothing.
 *
 * @example
 * ```ts
 * import { parsePixPayload, pixEncoder, txidFor } from "credit-block/pix";
 * const gate = createCreditGate(
 *   { ...presets.blockCreditWhenOverdue({ graceDays: 5 }), pix: { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" } },
 *   { pix: pixEncoder },
 * );
 * const { regularize } = gate.decide({
 *   asOf: "2026-11-23", customer: { id: "c1" },
 *   receivables: [{ id: "t1", amount: "389.90", dueDate: "2026-10-07" }],
 *   sale: { tenders: [{ method: "store_credit", amount: "150.00" }] },
 * });
 * regularize?.pix?.payload;                                // "00020126…5406389.90…6304…"
 * parsePixPayload(regularize?.pix?.payload ?? "").amount; // "389.90"
 * regularize?.pix?.txid === txidFor(["t1"]);              // true
 * ```
 */
export function createCreditGate(policy: Policy | PolicyDocument, encoders?: Encoders): CreditGate {
  return new Gate(checkPolicy(policy, encoders));
}

/**
 * A gate that leaves `regularize.pix` out whatever the policy says, for callers that read only
 * outcomes (replay). @internal
 */
export const gateWithoutPix = (policy: Policy | PolicyDocument): CreditGate => new Gate(checkPolicy(policy, null));

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
    const regularize = regularizeOf(ctx, now, evaluateAt, this.checked.charges, this.checked.digits);
    return {
      outcome: verdict.outcome,
      tenders: verdict.tenders,
      options: verdict.options,
      reasons: verdict.reasons,
      status: verdict.status,
      regularize: regularize && this.checked.pix ? { ...regularize, pix: this.checked.pix(regularize.payAtLeast, regularize.receivableIds) } : regularize,
      nextChange: nextChangeOf(ctx, now, verdict.status, evaluateAt, this.rules, this.checked.ignoreBelowMinor, this.worstStatus),
      facts: publicFacts(now.sources, this.checked.digits),
      policy: { id: this.policy.id, version: this.policy.version },
      asOf: ctx.request.asOf,
      customerMessage: customerText(verdict.status, verdict.options, this.render.locale),
    };
  }
}
