/**
 * What a boleto's number says, once its check digits are verified.
 * @module boleto
 */
import type { ISODate, Money } from "credit-block";

/** What {@link parseBoleto}-style readers return for a bank boleto or an arrecadação slip. */
export interface BoletoReading {
  /** `bank`: a bank boleto (Ficha de Compensação); `collection`: arrecadação (utilities, taxes: first digit 8). */
  readonly kind: "bank" | "collection";
  /** The bank's three-digit COMPE code (bank boletos only): `"001"` Banco do Brasil, `"104"` Caixa, `"237"` Bradesco, `"341"` Itaú… */
  readonly bank?: string;
  /** Bank boletos: `"BRL"` for currency code 9, `"other"` for 0 (an amount in another currency, not read). */
  readonly currency?: "BRL" | "other";
  /** Arrecadação: the segment digit (see `COLLECTION_SEGMENTS`). */
  readonly segment?: string;
  /** The amount to pay, canonical money; null when the slip leaves it to be filled in (all zeros) or gives a reference quantity. */
  readonly amount: Money | null;
  /** The due date from the due-date factor; null for factor 0000 and for arrecadação, whose numbers carry none. */
  readonly dueDate: ISODate | null;
  /** The 44-digit barcode. */
  readonly barcode: string;
  /** The linha digitável, digits only: 47 (bank) or 48 (arrecadação). */
  readonly line: string;
}

/** Canonical money from a count of centavos written in digits (leading zeros allowed). @internal */
export function moneyOfCents(digits: string): Money {
  const cents = digits.replace(/^0+/, "").padStart(3, "0");
  return `${cents.slice(0, -2)}.${cents.slice(-2)}`;
}
