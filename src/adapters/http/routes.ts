/**
 * The routes that take a JSON body (`POST /v1/…`): one typed entry each, saying which library
 * function answers it and how its arguments are read out of the body.
 * @internal
 */
import { ageReceivables, computeCharges, evaluateProposal, planInstallments, quotePayoff, type CreditGate, type Policy } from "credit-block";
import { agingDefaultsOf } from "../agingPolicy.js";
import { bodyObject, partOf } from "./bodyParts.js";
import type { CustomerLoader } from "./customerLoader.js";
import { callSelfValidating, type Unchecked } from "./selfValidating.js";

/** A route that takes a JSON body: the parsed body in, the result to answer as JSON out (a throw of CreditBlockError is a 422). */
export type BodyRoute = (body: unknown) => unknown;

/** What the routes read at each request: the gate in use (it changes on reload), today, the loader. */
export interface BodyRouteContext {
  readonly gate: () => CreditGate;
  readonly today: () => string;
  readonly loader: CustomerLoader;
}

/**
 * A route answered by `fn`: `readArguments` picks `fn`'s arguments out of the body, one per
 * parameter, unchecked, and `fn` validates them (see {@link callSelfValidating}).
 */
function route<Args extends readonly unknown[]>(fn: (...args: Args) => unknown, readArguments: (body: unknown) => Unchecked<Args>): BodyRoute {
  return (body) => callSelfValidating(fn, readArguments(body));
}

/**
 * The options `POST /v1/aging` ages with, counting overdue as `decide` does: the policy in use
 * (the one after the last reload) gives graceDays, calendar, ignoreBelow and currency, and each
 * key the request sends (`null` included, for the schema to judge) wins. The policy's threshold
 * is an amount in its currency, so it is left out when the request ages in another one.
 */
function agingOptionsUnder(sent: Record<string, unknown>, policy: Policy, today: string): Record<string, unknown> {
  const { ignoreBelow, ...defaults } = agingDefaultsOf(policy);
  const inPolicyCurrency = !Object.hasOwn(sent, "currency") || sent.currency === policy.currency;
  return { asOf: today, ...defaults, ...(inPolicyCurrency && ignoreBelow !== undefined ? { ignoreBelow } : {}), ...sent };
}

/**
 * The body routes by path. Only an absent `asOf` means today (the spreads keep a sent one,
 * `null` included, for the schema to judge): a contradiction is refused, not guessed.
 */
export function bodyRoutes({ gate, today, loader }: BodyRouteContext): Readonly<Record<string, BodyRoute>> {
  return {
    "/v1/decide": (body) => {
      const request = bodyObject(body);
      return loader.decide(request, Object.hasOwn(request, "asOf") ? request.asOf : today());
    },
    "/v1/aging": route(ageReceivables, (body) => [bodyObject(body).receivables, agingOptionsUnder(partOf(body, "options"), gate().policy, today())]),
    "/v1/charges": route(computeCharges, (body) => [bodyObject(body).receivable, { asOf: today(), ...partOf(body, "terms") }]),
    "/v1/payoff": route(quotePayoff, (body) => [bodyObject(body).receivables, { asOf: today(), ...partOf(body, "options") }]),
    // The plan's terms are the whole body: planInstallments judges it, object or not.
    "/v1/plan": route(planInstallments, (body) => [body]),
    "/v1/proposal": route(evaluateProposal, (body) => {
      const { proposal, debt, policy } = bodyObject(body);
      return [proposal, debt, policy];
    }),
  };
}
