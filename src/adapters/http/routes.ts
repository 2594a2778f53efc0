/**
 * The routes that take a JSON body (`POST /v1/…`): one typed entry each, saying which library
 * function answers it, how its arguments are read out of the body, and which keys the body (and
 * each part the adapter itself reads) may carry.
 * @internal
 */
import {
  ageReceivables, computeCharges, CreditBlockError, evaluateProposal, issue, MAX_ISSUES, planInstallments, quotePayoff,
  type AgingOptions, type CreditGate, type Encoders, type Issue, type Policy,
} from "credit-block";
import { agingDefaultsOf } from "../agingPolicy.js";
import { bodyObject, objectOrEmpty, partOf } from "./bodyParts.js";
import type { CustomerLoader } from "./customerLoader.js";
import { callSelfValidating, type Unchecked } from "./selfValidating.js";

/** A route that takes a JSON body: the parsed body in, the result to answer as JSON out (a throw of CreditBlockError is a 422). */
export type BodyRoute = (body: unknown) => unknown;

/** What the routes read at each request: the gate in use (it changes on reload), today, the loader. */
export interface BodyRouteContext {
  readonly gate: () => CreditGate;
  readonly today: () => string;
  readonly loader: CustomerLoader;
  /** The encoders the payoff route hands to `quotePayoff` (the Pix of `options.pix`). */
  readonly encoders?: Encoders | undefined;
  /** Given, `POST /v1/pix/svg` draws a BR Code's QR code. */
  readonly pixSvg?: ((payload: string) => string) | undefined;
}

/**
 * Every key of `T`, listed once: `keysOf<AgingOptions>()("asOf", …)` does not compile while a
 * key of the type is missing from the list, so a new library option cannot be refused as unknown.
 */
const keysOf = <T>() => <const K extends readonly (keyof T & string)[]>(...keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { readonly missing: Exclude<keyof T, K[number]> })): readonly string[] => keys;

/** The keys of the aging options: the library reads these and ignores others, so the route refuses others. */
const AGING_OPTION_KEYS = keysOf<AgingOptions>()("asOf", "buckets", "by", "locale", "graceDays", "calendar", "ignoreBelow", "includeDisputed", "currency");

/** The keys a body (or the part of it at `path`) may carry, and the parts inside it the adapter checks the same way. */
interface Shape {
  readonly keys: readonly string[];
  readonly parts?: Readonly<Record<string, readonly string[]>>;
}

/**
 * An `unknown_key` issue for each key of `value` (an object; anything else is judged elsewhere)
 * not in `keys`, at its path under `base`.
 */
function unknownKeysOf(value: unknown, keys: readonly string[], base: string, out: Issue[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (out.length > MAX_ISSUES) return;
    if (!keys.includes(key)) out.push(issue(base === "" ? key : `${base}.${key}`, "unknown_key", { key }));
  }
}

/** The keys of `body` that `shape` does not know, top level and in its parts. */
function unknownKeys(body: unknown, shape: Shape): Issue[] {
  const out: Issue[] = [];
  unknownKeysOf(body, shape.keys, "", out);
  for (const [part, keys] of Object.entries(shape.parts ?? {})) unknownKeysOf(objectOrEmpty(objectOrEmpty(body)[part]), keys, part, out);
  return out;
}

/**
 * A route answered by `fn`: `readArguments` picks `fn`'s arguments out of the body, one per
 * parameter, unchecked, and `fn` validates them (see {@link callSelfValidating}). Given a
 * `shape`, a body with a key it does not know is refused at its path, with whatever else `fn` finds wrong: a
 * typo (`options.asof`) must not quietly answer as if the key were absent.
 */
function route<Args extends readonly unknown[]>(fn: (...args: Args) => unknown, readArguments: (body: unknown) => Unchecked<Args>, shape?: Shape): BodyRoute {
  return (body) => {
    const unknown = shape ? unknownKeys(body, shape) : [];
    let result: unknown;
    try {
      result = callSelfValidating(fn, readArguments(body));
    } catch (error) {
      if (unknown.length > 0 && error instanceof CreditBlockError) throw new CreditBlockError(error.code, [...unknown, ...error.issues]);
      throw error;
    }
    if (unknown.length > 0) throw new CreditBlockError("INVALID_INPUT", unknown);
    return result;
  };
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

/** `debt` with `asOf` today when it is an object that sends none (a sent one, `null` included, is the schema's to judge). */
const debtAsOf = (debt: unknown, today: () => string): unknown =>
  typeof debt === "object" && debt !== null && !Array.isArray(debt) && !Object.hasOwn(debt, "asOf") ? { ...debt, asOf: today() } : debt;

/**
 * The body routes by path. Only an absent `asOf` means today (the spreads keep a sent one,
 * `null` included, for the schema to judge): a contradiction is refused, not guessed.
 * `/v1/decide` and `/v1/plan` hand the whole body to a strict schema, which refuses unknown keys
 * itself; the other routes name the keys of their body here.
 */
export function bodyRoutes({ gate, today, loader, encoders, pixSvg }: BodyRouteContext): Readonly<Record<string, BodyRoute>> {
  return {
    ...(pixSvg === undefined ? {} : {
      "/v1/pix/svg": route((payload: unknown) => {
        if (typeof payload !== "string") throw new CreditBlockError("INVALID_INPUT", [issue("payload", "invalid_type", { expected: "string", received: payload === null ? "null" : typeof payload })]);
        return { svg: pixSvg(payload) };
      }, (body) => [bodyObject(body).payload], { keys: ["payload"] }),
    }),
    "/v1/decide": (body) => {
      const request = bodyObject(body);
      return loader.decide(request, Object.hasOwn(request, "asOf") ? request.asOf : today());
    },
    "/v1/aging": route(ageReceivables, (body) => [bodyObject(body).receivables, agingOptionsUnder(partOf(body, "options"), gate().policy, today())],
      { keys: ["receivables", "options"], parts: { options: AGING_OPTION_KEYS } }),
    "/v1/charges": route(computeCharges, (body) => [bodyObject(body).receivable, { asOf: today(), ...partOf(body, "terms") }], { keys: ["receivable", "terms"] }),
    "/v1/payoff": route(quotePayoff, (body) => [bodyObject(body).receivables, { asOf: today(), ...partOf(body, "options") }, encoders ?? {}], { keys: ["receivables", "options"] }),
    // The plan's terms are the whole body: planInstallments judges it (keys included), object or not.
    "/v1/plan": route(planInstallments, (body) => [body]),
    "/v1/proposal": route(evaluateProposal, (body) => {
      const { proposal, debt, policy } = bodyObject(body);
      return [proposal, debtAsOf(debt, today), policy];
    }, { keys: ["proposal", "debt", "policy"] }),
  };
}
