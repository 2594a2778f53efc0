/**
 * `POST /v1/decide` with a `customerId`: completing the request from the POS's database through
 * `loadCustomer`, and the fail-safe answer when that database fails, times out or returns rows
 * that are not a customer and receivables.
 * @internal
 */
import {
  createCreditGate, CreditBlockError, defaultTerm, IdSchema, issue, parseInput, PAYMENT_METHODS, scopeReaches,
  type CheckoutRequestInput, type CreditGate, type Decision, type PaymentMethod, type Policy, type Term,
} from "credit-block";
import { objectOrEmpty } from "./bodyParts.js";
import { withDeadline } from "./deadline.js";
import type { HandlerOptions } from "./handlerOptions.js";
import { callSelfValidating } from "./selfValidating.js";

/** The options of the handler that concern loading a customer (`loadTimeoutMs` comes resolved). */
export type LoaderOptions = Pick<HandlerOptions, "loadCustomer" | "failSafeAction" | "onLoadError">;

/**
 * The gate that answers when the customer's data is missing. It speaks the store policy's
 * currency and locale and is rebuilt with it on reload; it keeps its own id so the log tells a
 * fail-safe answer apart.
 */
function failSafeGateFor(policy: Policy, action: "review" | "deny"): CreditGate {
  return createCreditGate({
    id: "fail-safe", version: 1, currency: policy.currency, locale: policy.locale,
    rules: [{
      id: "data-source-unavailable", code: "DATA_SOURCE_UNAVAILABLE",
      when: { fact: "attributes.dataSourceUnavailable", op: "eq", value: true },
      scope: "credit", action,
      message: { "pt-BR": "Cadastro do cliente indisponível no momento: venda a prazo sujeita a aprovação; à vista liberado", en: "Customer data unavailable right now: credit sales need approval; sales paid at once are allowed" },
    }],
  });
}

/** The `method/term` pairs a deny or review rule of the policy reaches: the sales that need the customer's data. */
function tendersNeedingDataUnder(policy: Policy): ReadonlySet<string> {
  const reached = new Set<string>();
  for (const rule of policy.rules) {
    if (rule.action === "warn") continue;
    for (const method of PAYMENT_METHODS) for (const term of ["immediate", "deferred"] as const) if (scopeReaches(rule.scope, method, term)) reached.add(`${method}/${term}`);
  }
  return reached;
}

const isPaymentMethod = (value: unknown): value is PaymentMethod => typeof value === "string" && (PAYMENT_METHODS as readonly string[]).includes(value);

/** `gate.decide` on a request assembled from the body and the loaded rows: the gate validates all of it. */
const decideUnchecked = (gate: CreditGate, request: Record<string, unknown>): Decision =>
  callSelfValidating((input: CheckoutRequestInput) => gate.decide(input), [request]);

/**
 * Decides checkouts for the handler: a request that carries its customer and receivables is
 * decided as is; one that names its customer by `customerId` is completed through
 * `loadCustomer`, or answered fail-safe when the data cannot be had in time.
 */
export class CustomerLoader {
  private failSafeGate: CreditGate;
  private tendersNeedingData: ReadonlySet<string>;

  /**
   * `timeoutMs` bounds each load. `currentGate` is read at each decision, so a reload while a
   * load is pending decides with the new policy.
   */
  constructor(private readonly options: LoaderOptions, private readonly timeoutMs: number, private readonly currentGate: () => CreditGate) {
    const policy = currentGate().policy;
    this.failSafeGate = failSafeGateFor(policy, options.failSafeAction ?? "review");
    this.tendersNeedingData = tendersNeedingDataUnder(policy);
  }

  /** Rebuilds what depends on the policy; call before the new policy starts serving (a throw changes nothing). */
  followPolicy(policy: Policy): void {
    const failSafeGate = failSafeGateFor(policy, this.options.failSafeAction ?? "review");
    this.tendersNeedingData = tendersNeedingDataUnder(policy);
    this.failSafeGate = failSafeGate;
  }

  /** Whether some tender of the sale could be refused or held: read before validation, so anything unreadable counts as reachable. */
  private needsData(tenders: unknown): boolean {
    if (!Array.isArray(tenders)) return true;
    return tenders.some((t: unknown) => {
      const { method, term } = objectOrEmpty(t);
      if (!isPaymentMethod(method)) return true;
      const effective: Term = term === "immediate" || term === "deferred" ? term : defaultTerm(method);
      return this.tendersNeedingData.has(`${method}/${effective}`);
    });
  }

  /** The decision on a `POST /v1/decide` body, `asOf` already defaulted (it is judged, not trusted). */
  async decide(request: Record<string, unknown>, asOf: unknown): Promise<Decision> {
    const options = this.options;
    const loadCustomer = options.loadCustomer;
    const customerId = request.customerId;
    const rest: Record<string, unknown> = { ...request };
    delete rest.customerId;
    if (customerId === undefined || !loadCustomer) return decideUnchecked(this.currentGate(), { ...(loadCustomer ? rest : request), asOf });
    // Both ways of naming the customer at once is a contradiction, refused rather than guessed.
    if (Object.hasOwn(rest, "customer") || Object.hasOwn(rest, "receivables")) {
      throw new CreditBlockError("INVALID_INPUT", [issue("customerId", "conflicting_value", { value: JSON.stringify(customerId), other: Object.hasOwn(rest, "customer") ? "customer" : "receivables", otherValue: "(sent too)" })]);
    }
    const id: string = parseInput(IdSchema, customerId, "customerId");
    // A supervisor's releases given at the counter travel beside the id and join the loaded
    // customer's own (the fail-safe answer too: a release of data-source-unavailable lifts it).
    const counterOverrides: unknown = rest.overrides;
    delete rest.overrides;
    // A release from the counter names its rule: a blanket one would also lift what the store's
    // own records hold against the customer (fraud, a manual hold). Those come from the database.
    if (Array.isArray(counterOverrides)) {
      const blanket = counterOverrides.flatMap((o: unknown, i) => (objectOrEmpty(o).rule === undefined ? [issue(`overrides[${i}].rule`, "required")] : []));
      if (blanket.length > 0) throw new CreditBlockError("INVALID_INPUT", blanket);
    }
    const withOverrides = (customer: unknown): unknown => {
      if (counterOverrides === undefined) return customer;
      const own: unknown = objectOrEmpty(customer).overrides;
      return { ...objectOrEmpty(customer), overrides: [...(Array.isArray(own) ? own as unknown[] : []), ...(Array.isArray(counterOverrides) ? counterOverrides as unknown[] : [counterOverrides])] };
    };
    // No rule could refuse or hold any tender of this sale: it never waits on the database.
    if (!this.needsData(objectOrEmpty(request.sale).tenders ?? [])) return decideUnchecked(this.currentGate(), { ...rest, asOf, customer: withOverrides({ id }), receivables: [] });
    try {
      const loaded = await withDeadline((signal) => loadCustomer.call(options, id, signal), this.timeoutMs, `the data source took longer than ${this.timeoutMs} ms`);
      const customer: unknown = objectOrEmpty(loaded).customer;
      const receivables: unknown = objectOrEmpty(loaded).receivables;
      if (objectOrEmpty(customer).id !== id) throw new Error("the data source answered for another customer than the one asked for");
      if (!Array.isArray(receivables)) throw new Error("the data source returned no receivables list (data missing, not \"no debts\")");
      return decideUnchecked(this.currentGate(), { ...rest, asOf, customer: withOverrides(customer), receivables });
    } catch (error) {
      // The POS's own part (sale, asOf) is checked again here: if it is at fault, that is the
      // 422. Otherwise the hook is (it threw, timed out, or returned rows that are not a
      // customer and receivables): the fail-safe answer, and the reason to whoever monitors.
      const decision = decideUnchecked(this.failSafeGate, { ...rest, asOf, customer: withOverrides({ id, attributes: { dataSourceUnavailable: true } }), receivables: [] });
      try {
        options.onLoadError?.(error, id);
      } catch {
        // A monitoring callback that throws must not turn the checkout's answer into a 500.
      }
      return decision;
    }
  }
}
