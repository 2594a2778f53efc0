/**
 * Reading a static BR Code back into its fields, verified: the CRC first (a typo anywhere is
 * caught before any field is believed), then the syntax, the mandatory fields and each field's
 * limits, as {@link pixPayload} writes them (BCB, "Manual de Padrões para Iniciação do Pix",
 * Anexo I; EMV® QRCPS-MPM v1.0 §4). Lenient where the manual and the EMV standard are:
 *
 * - the GUI in any case (`BR.GOV.BCB.PIX` is common), in any template 26–51;
 * - fields in any order between 00 (first) and 63 (last); templates the Pix does not use
 *   (27–51 of other schemes, 64, 80–99) ignored, and so are sub-fields other than 01/02 (26)
 *   and 05 (62);
 * - point of initiation 01 absent, `11` (reusable) or `12` (single use);
 * - the CRC's hexadecimal digits in either case.
 *
 * A dynamic BR Code (sub-field 25: the URL of a charge held by the receiver's PSP) is refused:
 * its amount and txid live at that URL, and only the PSP's API can read them.
 * @module pix
 */
import { CreditBlockError, issue, toMoney, type Issue } from "credit-block";
import { crc16 } from "./crc16.js";
import { readEmvFields, type EmvField } from "./emv.js";
import { pixKeyOrIssue } from "./key.js";
import type { PixPayloadFields } from "./payload.js";

const fail = (path: string, format: string): never => {
  throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_format", { format })]);
};

/** The value of each field, by ID; a field given twice is an error. */
function byId(fields: readonly EmvField[], path: string, what: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of fields) {
    if (map.has(f.id)) fail(path, `${what}: field ${f.id} appears twice (again at character ${f.at + 1})`);
    map.set(f.id, f.value);
  }
  return map;
}

/**
 * Reads and verifies a static BR Code ("Pix copia e cola"): the CRC16 of field 63, the EMV
 * syntax, the mandatory fields (00, 26 with GUI `br.gov.bcb.pix` and a key, 52, 53 = 986, 58 =
 * BR, 59, 60, 62 with a txid, 63 last) and each one's limits (name ≤ 25, city ≤ 15, amount a
 * positive decimal of ≤ 13 characters, txid `[A-Za-z0-9]{1,25}` or `***`, the key valid for its
 * kind). Surrounding white space (a pasted line break) is ignored. What is wrong is a
 * CreditBlockError at `payload.<field>`: `payload.crc`, `payload.key`, `payload.amount`, … The
 * inverse of `pixPayload`: `parsePixPayload(pixPayload(x))` gives back `x`'s fields in their
 * written form.
 *
 * @example
 * ```ts
 * parsePixPayload("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D");
 * // { key: "123e4567-e12b-12d1-a456-426655440000", name: "Fulano de Tal", city: "BRASILIA", txid: "***" }
 * parsePixPayload("…63041D3E"); // throws CreditBlockError: payload.crc (the text was changed)
 * ```
 */
export function parsePixPayload(text: string): PixPayloadFields {
  const input: unknown = text;
  if (typeof input !== "string") {
    throw new CreditBlockError("INVALID_INPUT", [issue("payload", "invalid_type", { expected: "string (a BR Code)", received: input === null ? "null" : typeof input })]);
  }
  const payload = text.trim();
  if (payload === "") throw new CreditBlockError("INVALID_INPUT", [issue("payload", "required")]);
  if (!payload.startsWith("000201")) fail("payload.formatIndicator", 'BR Code: it starts with field 00 = "01" (000201)');
  const crcAt = payload.length - 8;
  if (crcAt < 0 || payload.slice(crcAt, crcAt + 4) !== "6304") fail("payload.crc", "BR Code: it ends with field 63, the CRC16 (6304 and four hexadecimal digits)");
  const written = payload.slice(crcAt + 4);
  const computed = crc16(payload.slice(0, crcAt + 4));
  if (written.toUpperCase() !== computed) fail("payload.crc", `CRC16 of this BR Code: ${written} is written and the text gives ${computed}, so a character was changed or lost`);
  const fields = byId(readEmvFields(payload.slice(0, crcAt), "payload", "BR Code"), "payload", "BR Code");
  if (fields.has("63")) fail("payload.crc", "BR Code: field 63 comes once, last");

  const issues: Issue[] = [];
  const at = (name: string, format: string) => issues.push(issue(`payload.${name}`, "invalid_format", { format }));
  const initiation = fields.get("01");
  if (initiation !== undefined && initiation !== "11" && initiation !== "12") at("pointOfInitiation", `point of initiation (field 01): 11 or 12, not "${initiation}"`);

  let account: Map<string, string> | undefined;
  for (let id = 26; id <= 51 && account === undefined; id++) {
    const template = fields.get(String(id));
    if (template === undefined) continue;
    const sub = byId(readEmvFields(template, "payload.merchantAccount", `field ${id}`), "payload.merchantAccount", `field ${id}`);
    if (sub.get("00")?.toLowerCase() === "br.gov.bcb.pix") account = sub;
  }
  let key: string | undefined;
  if (account === undefined) {
    issues.push(issue("payload.merchantAccount", "invalid_format", { format: "Pix merchant account: a template 26–51 whose GUI (sub-field 00) is br.gov.bcb.pix" }));
  } else if (account.get("01") === undefined) {
    if (account.get("25") !== undefined) at("key", `static BR Code: this one is dynamic (sub-field 25 is the URL ${account.get("25") ?? ""}), and only the receiver's PSP can read its amount`);
    else issues.push(issue("payload.key", "required"));
  } else {
    const read = pixKeyOrIssue(account.get("01"), "payload.key");
    if ("issue" in read) issues.push(read.issue);
    else key = read.key;
  }
  const description = account?.get("02");

  const mcc = fields.get("52");
  if (mcc === undefined) issues.push(issue("payload.merchantCategoryCode", "required"));
  else if (!/^\d{4}$/.test(mcc)) at("merchantCategoryCode", `merchant category code (field 52): 4 digits, 0000 for Pix, not "${mcc}"`);
  const currency = fields.get("53");
  if (currency === undefined) issues.push(issue("payload.currency", "required"));
  else if (currency !== "986") at("currency", `currency (field 53): 986 (BRL), not "${currency}"`);
  const country = fields.get("58");
  if (country === undefined) issues.push(issue("payload.country", "required"));
  else if (country !== "BR") at("country", `country (field 58): BR, not "${country}"`);

  const text25 = (id: string, name: string, maximum: number, label: string): string | undefined => {
    const value = fields.get(id);
    if (value === undefined || value.trim() === "") issues.push(issue(`payload.${name}`, "required"));
    else if (value.length > maximum) issues.push(issue(`payload.${name}`, "too_big", { maximum: `${maximum} characters (field ${id}, ${label}); it has ${value.length}` }));
    else return value;
    return undefined;
  };
  const name = text25("59", "name", 25, "merchant name");
  const city = text25("60", "city", 15, "merchant city");
  const postalCode = fields.get("61");

  let amount: string | undefined;
  const amountText = fields.get("54");
  if (amountText !== undefined) {
    if (!/^\d{1,13}(?:\.\d{1,2})?$/.test(amountText) || amountText.length > 13) at("amount", `amount (field 54): a decimal with a dot and at most 2 decimals, up to 13 characters, not "${amountText}"`);
    else if (/^[0.]+$/.test(amountText)) issues.push(issue("payload.amount", "money.not_positive", { value: amountText }));
    else amount = toMoney(amountText, { path: "payload.amount" });
  }

  let txid: string | undefined;
  const additional = fields.get("62");
  if (additional === undefined) {
    issues.push(issue("payload.txid", "required"));
  } else {
    const reference = byId(readEmvFields(additional, "payload.additionalData", "field 62"), "payload.additionalData", "field 62").get("05");
    if (reference === undefined) issues.push(issue("payload.txid", "required"));
    else if (!/^(?:[A-Za-z0-9]{1,25}|\*\*\*)$/.test(reference)) at("txid", `txid of a static BR Code (field 62-05): 1 to 25 letters or digits, or ***, not "${reference}"`);
    else txid = reference;
  }

  if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
  return {
    key: key as string, name: name as string, city: city as string, txid: txid as string,
    ...(amount !== undefined ? { amount } : {}), ...(description !== undefined && description !== "" ? { description } : {}),
    ...(postalCode !== undefined ? { postalCode } : {}),
  };
}
