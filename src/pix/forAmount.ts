/**
 * The Pix that settles exactly what a decision, a payoff quote or a reminder asks for: the
 * store's receiver, that amount, and a txid derived from the títulos it pays.
 * @module pix
 */
import { CreditBlockError, type Issue, type Money } from "credit-block";
import { checkPixAmount, checkPixFields, writePixPayload, type PixReceiver } from "./payload.js";
import { checkReceivableIds, txidOfSorted } from "./txid.js";

/** A Pix charge for an amount: the payload to show or paste, and the txid to reconcile it by. */
export interface PixCharge {
  /** The static BR Code ("Pix copia e cola"). */
  readonly payload: string;
  /** The txid in field 62-05: `txidFor(receivableIds)`. */
  readonly txid: string;
  /** The amount in field 54, canonical money. */
  readonly amount: Money;
}

/**
 * The Pix that pays `amount` to the store's `receiver`, with the txid `txidFor` derives from
 * `receivableIds` (the títulos it settles), so the payment can be matched to them when it
 * arrives. Pure and deterministic: what the engine's `regularize`, a payoff quote or a
 * collection message can carry for "pay it now". Every problem is listed in one
 * CreditBlockError: `receiver.key`, `receiver.name`, `receiver.city`, `receiver.postalCode`,
 * `amount`, `receivableIds[i]`.
 *
 * @example
 * ```ts
 * const receiver = { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" };
 * const charge = pixForAmount(receiver, "152.37", ["t-2026-001", "t-2026-002"]);
 * charge.amount;  // "152.37"
 * charge.txid;    // txidFor(["t-2026-001", "t-2026-002"]): 25 characters
 * charge.payload; // "00020126360014br.gov.bcb.pix011411222333000181…5406152.37…6304…"
 * ```
 */
export function pixForAmount(receiver: PixReceiver, amount: Money, receivableIds: readonly string[]): PixCharge {
  const issues: Issue[] = [];
  const isObject = typeof receiver === "object" && (receiver as unknown) !== null && !Array.isArray(receiver);
  // Only the receiver's own fields: an amount or txid in it would be ignored, so it is not read.
  const only = isObject ? { key: receiver.key, name: receiver.name, city: receiver.city, ...(receiver.postalCode !== undefined ? { postalCode: receiver.postalCode } : {}) } : receiver;
  const checked = checkPixFields(only, "receiver.");
  if ("issues" in checked) issues.push(...checked.issues);
  const money = checkPixAmount(amount, "amount", issues);
  const ids = checkReceivableIds(receivableIds, "receivableIds");
  if ("issues" in ids) issues.push(...ids.issues);
  if (issues.length > 0 || "issues" in checked || "issues" in ids || money === undefined) throw new CreditBlockError("INVALID_INPUT", issues);
  const txid = txidOfSorted(ids.ids);
  return { payload: writePixPayload({ ...checked.fields, amount: money, txid }), txid, amount: money };
}
