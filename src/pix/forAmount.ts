/**
 * The Pix that settles exactly what a decision, a payoff quote or a reminder asks for: the
 * store's receiver, that amount, and a txid derived from the títulos it pays.
 * @module pix
 */
import { CreditBlockError, type Issue, type Money, type PixCharge, type PixReceiver, type PixWriter } from "credit-block";
import { checkPixAmount, checkPixFields, writePixPayload } from "./payload.js";
import { checkReceivableIds, txidFor, txidOfSorted } from "./txid.js";

/** A Pix charge for an amount: the payload, its txid and amount. Declared by the core (a decision carries it). */
export type { PixCharge };

/**
 * The Pix that pays `amount` to the store's `receiver`, with the txid `txidFor` derives from
 * `receivableIds` (the títulos it settles), so the payment can be matched to them when it
 * arrives. Pure and deterministic: what the engine's `regularize`, a payoff quote or a
 * collection message can carry for "pay it now". Every problem is listed in one
 * CreditBlockError: `receiver.key`, `receiver.name`, `receiver.city`, `receiver.postalCode`,
 * `amount`, `receivableIds[i]`.
 *
 * The core's decisions, payoff quotes and collection messages get the same Pix through
 * {@link pixEncoder}.
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
  const checked = checkPixFields(receiverOnly(receiver), "receiver.");
  if ("issues" in checked) issues.push(...checked.issues);
  const money = checkPixAmount(amount, "amount", issues);
  const ids = checkReceivableIds(receivableIds, "receivableIds");
  if ("issues" in ids) issues.push(...ids.issues);
  if (issues.length > 0 || "issues" in checked || "issues" in ids || money === undefined) throw new CreditBlockError("INVALID_INPUT", issues);
  const txid = txidOfSorted(ids.ids);
  return { payload: writePixPayload({ ...checked.fields, amount: money, txid }), txid, amount: money };
}

/** Only the receiver's own fields: an amount or txid in it would be ignored, so it is not read. */
function receiverOnly(receiver: PixReceiver): unknown {
  const isObject = typeof receiver === "object" && (receiver as unknown) !== null && !Array.isArray(receiver);
  return isObject ? { key: receiver.key, name: receiver.name, city: receiver.city, ...(receiver.postalCode !== undefined ? { postalCode: receiver.postalCode } : {}) } : receiver;
}

/**
 * The Pix encoder the core borrows, so that the checkout bundle does not carry the BR Code
 * writer: pass it as `{ pix: pixEncoder }`, the last argument of `createCreditGate`,
 * `quotePayoff` and `planCollection`, when the policy or the options name the store's receiver
 * (`pix: { key, name, city }`). The core calls it once, at start-up: it checks the receiver by the
 * BCB "Manual de Padrões para Iniciação do Pix" (Anexo I: the key by its kind, CPF/CNPJ check
 * digits included; field 59 name ≤ 25 and field 60 city ≤ 15 characters once folded to ASCII;
 * field 61 CEP), adding each problem to `issues` at `at.key`, `at.name`, `at.city` or
 * `at.postalCode`, and returns the writer of that receiver's Pix, which does what
 * {@link pixForAmount} does: exactly the amount asked (field 54), the txid of the títulos
 * (`txidFor`, field 62-05). The writer gives null for an amount a static BR Code cannot carry
 * (zero, or above 9999999999.99).
 *
 * @example
 * ```ts
 * const gate = createCreditGate({ ...policy, pix: { key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" } }, { pix: pixEncoder });
 * gate.decide(request).regularize?.pix?.payload; // the BR Code for exactly regularize.payAtLeast
 *
 * // Called by hand (the core does this):
 * const issues: Issue[] = [];
 * const write = pixEncoder({ key: "11.222.333/0001-81", name: "Loja do Zé", city: "São Paulo" }, "pix", issues);
 * write?.("152.37", ["t1", "t2"])?.txid === txidFor(["t2", "t1"]); // true
 * pixEncoder({ key: "11.222.333/0001-82", name: "Loja", city: "SP" }, "pix", issues); // undefined; issues[0].path === "pix.key"
 * ```
 */
export function pixEncoder(receiver: PixReceiver, at: string, issues: Issue[]): PixWriter | undefined {
  const checked = checkPixFields(receiverOnly(receiver), `${at}.`);
  if ("issues" in checked) {
    issues.push(...checked.issues);
    return undefined;
  }
  return (amount, receivableIds) => {
    const money = checkPixAmount(amount, "amount", []);
    if (money === undefined) return null;
    // The core passes the títulos it asks for: ids it has checked, so this never throws there.
    const txid = txidFor(receivableIds);
    return { payload: writePixPayload({ ...checked.fields, amount: money, txid }), txid, amount: money };
  };
}
