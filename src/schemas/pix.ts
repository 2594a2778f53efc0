/**
 * The Pix the core attaches to what it asks a customer to pay (a decision's `regularize`, a
 * payoff quote, a collection message) without carrying the BR Code writer: the store's receiver
 * is data (the policy's or the options' `pix` block, checked here for its shape only) and the
 * encoder is code lent by `credit-block/pix` (`pixEncoder`), so the checkout bundle pays for
 * it only where it is imported.
 * @module schemas
 */
import * as z from "zod/mini";
import { issue, type Issue } from "../errors/CreditBlockError.js";
import type { Money } from "../money/toMoney.js";

/**
 * Who receives a Pix: the store's key, and the name and city its bank has on record (the BCB
 * "Manual de Padrões para Iniciação do Pix", Anexo I, fields 26-01, 59, 60 and 61). Written in a
 * policy as `pix`, or in the options of `quotePayoff` and `planCollection`.
 *
 * @example
 * ```ts
 * const receiver: PixReceiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
 * definePolicy({ id: "loja", version: 1, pix: receiver, rules: [] }).pix?.city; // "São Paulo"
 * ```
 */
export interface PixReceiver {
  /** A Pix key: CPF, CNPJ, e-mail, `+55` mobile number or random key (EVP). */
  readonly key: string;
  /** Merchant name (field 59): at most 25 characters once accents are folded. */
  readonly name: string;
  /** Merchant city (field 60): at most 15 characters once accents are folded. */
  readonly city: string;
  /** CEP (field 61), 8 digits, `01310-100` or `01310100`. Optional. */
  readonly postalCode?: string;
}

/**
 * A Pix charge for an amount: the static BR Code to show or paste, and the txid to reconcile
 * the payment with the títulos it pays.
 *
 * @example
 * ```ts
 * const charge: PixCharge = pixForAmount(receiver, "152.37", ["t1", "t2"]);
 * charge.txid === txidFor(["t2", "t1"]); // true
 * ```
 */
export interface PixCharge {
  /** The static BR Code ("Pix copia e cola"). */
  readonly payload: string;
  /** The txid in field 62-05: `txidFor(receivableIds)`. */
  readonly txid: string;
  /** The amount in field 54, canonical money. */
  readonly amount: Money;
}

/**
 * The Pix for an amount and the títulos it settles, for the receiver an encoder was bound to;
 * null when that amount cannot be a static BR Code (field 54 holds at most 9999999999.99).
 *
 * @example
 * ```ts
 * const write: PixWriter | undefined = pixEncoder(receiver, "pix", []);
 * write?.("152.37", ["t1", "t2"])?.txid === txidFor(["t1", "t2"]); // true
 * ```
 */
export type PixWriter = (amount: Money, receivableIds: readonly string[]) => PixCharge | null;

/**
 * What the core calls, once, when a Pix receiver is named: it checks the receiver's fields by the
 * BCB's rules (issues added to `issues` at `at.key`, `at.name`, `at.city`, `at.postalCode`) and
 * returns the writer of its Pix, or undefined when the receiver is refused. `pixEncoder` of
 * `credit-block/pix` is the one to pass; it is injected so that the checkout bundle carries the
 * BR Code writer only where it is imported.
 *
 * @example
 * ```ts
 * import { pixEncoder } from "credit-block/pix";
 * const encode: PixEncoder = pixEncoder;
 * createCreditGate(policy, { pix: encode });
 * ```
 */
export type PixEncoder = (receiver: PixReceiver, at: string, issues: Issue[]) => PixWriter | undefined;

/**
 * Code the core borrows from a subpath, so that the bundle carries it only where it is
 * imported: the last argument of `createCreditGate`, `quotePayoff` and `planCollection`.
 * Passing it costs nothing when no Pix receiver is named.
 *
 * @example
 * ```ts
 * import { pixEncoder } from "credit-block/pix";
 * const encoders: Encoders = { pix: pixEncoder };
 * createCreditGate(policy, encoders);
 * ```
 */
export interface Encoders {
  /** The Pix encoder, `pixEncoder` of `credit-block/pix`: needed when a Pix receiver is named. */
  readonly pix?: PixEncoder;
}

/** The receiver's shape; the encoder checks its fields (key kind, lengths). @internal */
export const PixReceiverShape = z.strictObject({ key: z.string(), name: z.string(), city: z.string(), postalCode: z.optional(z.string()) });

/**
 * The writer of `receiver`'s Pix (at `at`), checked now; undefined without a receiver. A Pix is
 * in reais (field 53 = 986): another currency is an issue at `currencyAt`; a missing encoder,
 * at `encoders.pix`. @internal
 */
export function pixWriter(receiver: PixReceiver | undefined, at: string, currency: string, currencyAt: string, encoders: Encoders | null | undefined, issues: Issue[]): PixWriter | undefined {
  if (receiver === undefined) return undefined;
  if (currency !== "BRL") issues.push(issue(currencyAt, "invalid_value", { options: `"BRL" (${at})` }));
  // null: the policy alone is checked (definePolicy), without the encoder.
  if (encoders === null) return undefined;
  if (!encoders?.pix) issues.push(issue("encoders.pix", "invalid_type", { expected: "pixEncoder (credit-block/pix)", received: "undefined" }));
  return encoders?.pix?.(receiver, at, issues);
}
