/**
 * The one place the HTTP adapter hands JSON it has not checked to a typed library function.
 * @internal
 */

/** A function's arguments as read out of a JSON body: the right number of them, none checked yet. */
export type Unchecked<Args extends readonly unknown[]> = { readonly [K in keyof Args]: unknown };

/**
 * Calls a library function with arguments read from a request body, unchecked. The adapter's only
 * cast from `unknown` to a library input type, and why it is safe: every function called through
 * it (`gate.decide`, `ageReceivables`, `computeCharges`, `quotePayoff`, `planInstallments`,
 * `evaluateProposal`) parses each argument with its zod schema before reading it and throws a
 * `CreditBlockError` (`INVALID_INPUT`, every issue at its path) for anything that does not fit,
 * which the handler answers as a 422. Its parameter types describe what it accepts, not what it
 * trusts; only such a function may be passed here.
 *
 * The arity is still checked: `args` must have one entry per parameter of `fn`.
 */
export function callSelfValidating<Args extends readonly unknown[], Result>(fn: (...args: Args) => Result, args: NoInfer<Unchecked<Args>>): Result {
  return fn(...(args as Args));
}
