/**
 * The static BR Code ("Pix copia e cola") for a receiver and, optionally, a fixed amount: the
 * EMV® QRCPS-MPM payload of the BCB "Manual de Padrões para Iniciação do Pix" (Resolução BCB
 * nº 1/2020, Regulamento Pix, Anexo I — version 2.8.0 divulged by IN BCB nº 553/2024;
 * https://www.bcb.gov.br/estabilidadefinanceira/pix). Fields, in the manual's order:
 *
 * | ID | field | value written here |
 * | --- | --- | --- |
 * | 00 | Payload Format Indicator | `01` |
 * | 26 | Merchant Account Information – Pix (≤ 99 characters) | 00 GUI `br.gov.bcb.pix`, 01 key, 02 description (optional) |
 * | 52 | Merchant Category Code | `0000` |
 * | 53 | Transaction Currency | `986` (BRL, ISO 4217) |
 * | 54 | Transaction Amount (optional, ≤ 13 characters) | `152.37`: dot, two decimals |
 * | 58 | Country Code | `BR` |
 * | 59 | Merchant Name (≤ 25) | the receiver's name, ASCII |
 * | 60 | Merchant City (≤ 15) | the receiver's city, ASCII |
 * | 61 | Postal Code (optional) | the CEP, 8 digits |
 * | 62 | Additional Data Field Template | 05 txid: `[A-Za-z0-9]{1,25}` or `***` |
 * | 63 | CRC16 | CRC-16/CCITT-FALSE of all before it, `6304` included |
 *
 * The point-of-initiation field 01 is left out, as in the manual's static example: a static
 * code may be paid more than once.
 * @module pix
 */
import { compareMoney, CreditBlockError, issue, toMoney, type Issue, type Money, type PixReceiver } from "credit-block";
import { crc16 } from "./crc16.js";
import { emvField } from "./emv.js";
import { pixKeyOrIssue } from "./key.js";
import { asciiField } from "./text.js";

/** Who receives a Pix: the store's key, and the name and city its bank has on record. Declared by the core (a policy may name it). */
export type { PixReceiver };

/** What a static BR Code carries: the receiver, and what is asked of the payer. */
export interface PixPayloadInput extends PixReceiver {
  /** The fixed amount, a decimal string (`"152.37"`), more than zero. Absent: the payer types it. */
  readonly amount?: Money;
  /** Transaction id (field 62-05): `[A-Za-z0-9]`, 1 to 25 characters; absent or `***`: none. */
  readonly txid?: string;
  /** A message shown to the payer (field 26-02), ASCII once accents are folded. */
  readonly description?: string;
}

/** The fields of a static BR Code, as {@link pixPayload} writes them and `parsePixPayload` reads them. */
export interface PixPayloadFields {
  /** The key in its registered form (see `pixKey`). */
  readonly key: string;
  readonly name: string;
  readonly city: string;
  /** The fixed amount, canonical money (`"152.37"`); absent when the payer types it. */
  readonly amount?: Money;
  /** The transaction id, `***` when there is none. */
  readonly txid: string;
  readonly description?: string;
  readonly postalCode?: string;
}

const GUI = "br.gov.bcb.pix";
const TXID = /^(?:[A-Za-z0-9]{1,25}|\*\*\*)$/;

const received = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * A Pix amount (field 54) in canonical form: a decimal string, more than zero, of at most 13
 * characters; or undefined, with the issue added to `issues`. @internal
 */
export function checkPixAmount(value: unknown, path: string, issues: Issue[]): Money | undefined {
  if (typeof value !== "string") {
    issues.push(issue(path, "invalid_type", { expected: 'decimal string, e.g. "152.37"', received: received(value) }));
    return undefined;
  }
  let amount: Money;
  try {
    amount = toMoney(value, { path });
  } catch (error) {
    if (!(error instanceof CreditBlockError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
  if (compareMoney(amount, "0") <= 0) issues.push(issue(path, "money.not_positive", { value: amount }));
  else if (amount.length > 13) issues.push(issue(path, "too_big", { maximum: "9999999999.99 (field 54 holds 13 characters)" }));
  else return amount;
  return undefined;
}

/**
 * The fields checked and in the form they are written, or every issue found, each at
 * `prefix` + the field's name. @internal
 */
export function checkPixFields(input: unknown, prefix = ""): { fields: PixPayloadFields } | { issues: Issue[] } {
  const at = (name: string) => `${prefix}${name}`;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { issues: [issue(prefix.replace(/\.$/, ""), "invalid_type", { expected: "object { key, name, city, amount?, txid?, description?, postalCode? }", received: received(input) })] };
  }
  const o = input as Record<string, unknown>;
  const issues: Issue[] = [];
  const key = pixKeyOrIssue(o.key, at("key"));
  if ("issue" in key) issues.push(key.issue);
  const text = (name: string, maximum: number, field: string, required: boolean): string | undefined => {
    const read = asciiField(o[name], at(name), maximum, field, required);
    if ("issue" in read) {
      issues.push(read.issue);
      return undefined;
    }
    return read.text;
  };
  const name = o.name === undefined ? (issues.push(issue(at("name"), "required")), undefined) : text("name", 25, "field 59, merchant name", true);
  const city = o.city === undefined ? (issues.push(issue(at("city"), "required")), undefined) : text("city", 15, "field 60, merchant city", true);
  const description = o.description === undefined ? undefined : text("description", 99, "field 26-02, description", false);
  const amount = o.amount === undefined ? undefined : checkPixAmount(o.amount, at("amount"), issues);
  let txid = "***";
  if (o.txid !== undefined) {
    if (typeof o.txid !== "string" || !TXID.test(o.txid)) {
      issues.push(issue(at("txid"), "invalid_format", { format: "txid for a static BR Code (field 62-05): 1 to 25 letters A–Z, a–z or digits, or ***" }));
    } else txid = o.txid;
  }
  let postalCode: string | undefined;
  if (o.postalCode !== undefined) {
    const cep = typeof o.postalCode === "string" ? o.postalCode.replace(/[\s.-]/g, "") : "";
    if (!/^\d{8}$/.test(cep)) issues.push(issue(at("postalCode"), "invalid_format", { format: "CEP (field 61): 8 digits, as in 01310-100" }));
    else postalCode = cep;
  }
  if (!("issue" in key) && description) {
    // Field 26 holds the GUI, the key and the description in at most 99 characters (a key
    // alone always fits: the longest, an e-mail of 77, takes 18 + 81).
    const room = 99 - (4 + GUI.length) - (4 + key.key.length) - 4;
    if (description.length > room) {
      issues.push(issue(at("description"), "too_big", { maximum: `${room} characters with this key: field 26 holds the GUI, the key and the description in 99` }));
    }
  }
  if (issues.length > 0) return { issues };
  return {
    fields: {
      key: (key as { key: string }).key, name: name as string, city: city as string, txid,
      ...(amount !== undefined ? { amount } : {}), ...(description ? { description } : {}), ...(postalCode !== undefined ? { postalCode } : {}),
    },
  };
}

/** The payload of checked fields. @internal */
export function writePixPayload(f: PixPayloadFields): string {
  const account = emvField("00", GUI) + emvField("01", f.key) + (f.description ? emvField("02", f.description) : "");
  const body = emvField("00", "01") + emvField("26", account) + emvField("52", "0000") + emvField("53", "986")
    + (f.amount !== undefined ? emvField("54", f.amount) : "") + emvField("58", "BR") + emvField("59", f.name) + emvField("60", f.city)
    + (f.postalCode !== undefined ? emvField("61", f.postalCode) : "") + emvField("62", emvField("05", f.txid)) + "6304";
  return body + crc16(body);
}

/**
 * The static BR Code ("Pix copia e cola") that pays `key`, optionally a fixed `amount`: the
 * text to paste in a bank app or show as a QR code. Name, city and description are folded to
 * ASCII ("São Paulo" → "Sao Paulo") and must then fit fields 59 (25 characters), 60 (15) and 26
 * (99 with the key); the key is checked by its kind (see `pixKey`); the txid is `[A-Za-z0-9]`
 * up to 25 characters, or `***` (the default) for none. Every problem is listed in one
 * CreditBlockError, each at the field's name. Pure and deterministic: the same input gives the
 * same text.
 *
 * @example
 * ```ts
 * pixPayload({ key: "123e4567-e12b-12d1-a456-426655440000", name: "Fulano de Tal", city: "BRASILIA" });
 * // "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
 * // (the BCB manual's example)
 * pixPayload({ key: "+5561912345678", name: "Loja do Zé", city: "São Paulo", amount: "152.37", txid: "CB0001" });
 * // "…5406152.37…5910Loja do Ze6009Sao Paulo62100506CB00016304…"
 * pixPayload({ key: "x", name: "", city: "Brasília", amount: "0.00" });
 * // throws CreditBlockError: key (not a Pix key), name (required), amount (not positive)
 * ```
 */
export function pixPayload(input: PixPayloadInput): string {
  const checked = checkPixFields(input);
  if ("issues" in checked) throw new CreditBlockError("INVALID_INPUT", checked.issues);
  return writePixPayload(checked.fields);
}
