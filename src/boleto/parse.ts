/**
 * Reading what a customer types or scans at the collection desk: a bank boleto's linha
 * digitável (47 digits) or an arrecadação line (48), with or without its dots and spaces, or
 * either's 44-digit barcode.
 * @module boleto
 */
import { CreditBlockError, isISODate, issue, type ISODate } from "credit-block";
import { bankBarcodeIssues, bankBarcodeOfLine, bankLineIssues, readBankBarcode } from "./bank.js";
import { collectionBarcodeOfLine, collectionIssues, readCollectionBarcode } from "./collection.js";
import type { BoletoReading } from "./reading.js";

/** Options of {@link parseBoleto}. */
export interface ParseBoletoOptions {
  /** Today, `YYYY-MM-DD`: picks the due-date factor's cycle (see `dueDateOfFactor`). */
  readonly asOf: ISODate;
}

const fail = (path: string, format: string): never => {
  throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_format", { format })]);
};

/**
 * Reads a boleto's number, verified: a bank boleto's 47-digit linha digitável or an arrecadação
 * slip's 48-digit line (first digit 8: utilities, taxes), dots, spaces and hyphens allowed, or
 * either's 44-digit barcode. Every check digit is verified first (linha digitável: módulo 10 of
 * fields 1–3 and módulo 11 of field 4; arrecadação: each block's and the general digit by the
 * module its value identifier names); then the bank, the amount in centavos and the due date
 * from the due-date factor, in the cycle nearest to `asOf` (the factor restarted at 1000 on
 * 2025-02-22, after 9999 on 2025-02-21; see `dueDateOfFactor`). Arrecadação slips carry no due
 * date.
 *
 * Wrong length, a character that is not a digit, or a wrong check digit is a CreditBlockError
 * naming where: `line` (length, characters), `line.field1`…`line.field4` (the field whose check
 * digit does not match; a typo in field 5 shows in field 4), `line.block1`…`line.block4` and
 * `line.checkDigit` (arrecadação), `barcode.checkDigit`; every wrong digit is listed.
 *
 * @example
 * ```ts
 * parseBoleto("10492.00650 61000.100042 00997.263900 9 89810000021403", { asOf: "2022-05-02" });
 * // { kind: "bank", bank: "104", currency: "BRL", amount: "214.03", dueDate: "2022-05-10",
 * //   barcode: "10499898100000214032006561000100040099726390", line: "10492006506100010004200997263900989810000021403" }
 * parseBoleto("83860000005-0 09600019000-9 00080178230-9 00034306271-2", { asOf: "2026-11-23" });
 * // { kind: "collection", segment: "3", amount: "509.60", dueDate: null, … }
 * parseBoleto("10492.00650 61000.100043 00997.263900 9 89810000021403", { asOf: "2022-05-02" });
 * // throws CreditBlockError: line.field2 (its check digit is 3, módulo 10 gives 2)
 * ```
 */
export function parseBoleto(lineOrBarcode: string, options: ParseBoletoOptions): BoletoReading {
  const asOf: unknown = (options as Partial<ParseBoletoOptions> | undefined)?.asOf;
  if (typeof asOf !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    throw new CreditBlockError("INVALID_INPUT", [asOf === undefined ? issue("options.asOf", "required") : issue("options.asOf", "date.format", { value: typeof asOf === "string" ? asOf.slice(0, 40) : typeof asOf })]);
  }
  if (!isISODate(asOf)) throw new CreditBlockError("INVALID_INPUT", [issue("options.asOf", "date.impossible", { value: asOf })]);
  const input: unknown = lineOrBarcode;
  if (typeof input !== "string") {
    throw new CreditBlockError("INVALID_INPUT", [issue("line", "invalid_type", { expected: "string (a linha digitável or barcode)", received: input === null ? "null" : typeof input })]);
  }
  const digits = lineOrBarcode.replace(/[\s.-]/g, "");
  const bad = /\D/.exec(digits);
  if (bad) fail("line", `linha digitável or barcode: digits only (dots, spaces and hyphens allowed), and "${bad[0]}" is not one`);
  if (digits.length === 47) {
    const issues = bankLineIssues(digits);
    if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
    return readBankBarcode(bankBarcodeOfLine(digits), asOf);
  }
  if (digits.length === 48) {
    if (!digits.startsWith("8")) fail("line", "arrecadação line: 48 digits starting with 8 (a bank boleto's linha digitável has 47)");
    const issues = collectionIssues(digits);
    if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
    return readCollectionBarcode(collectionBarcodeOfLine(digits));
  }
  if (digits.length === 44) {
    const issues = digits.startsWith("8") ? collectionIssues(digits) : bankBarcodeIssues(digits);
    if (issues.length > 0) throw new CreditBlockError("INVALID_INPUT", issues);
    return digits.startsWith("8") ? readCollectionBarcode(digits) : readBankBarcode(digits, asOf);
  }
  return fail("line", `boleto number: 47 digits (linha digitável), 48 (arrecadação) or 44 (barcode); this one has ${digits.length}`);
}
