/**
 * Arrecadação slips (utilities, taxes, fines: "boletos de convênio"), whose barcode starts with
 * 8: 44 digits, and a linha digitável of four blocks of 11 digits each followed by its check
 * digit, 48 in all (FEBRABAN, "Layout Padrão de Arrecadação/Recebimento com Utilização do
 * Código de Barras", versão 04, §§ 04–10).
 *
 * | barcode positions | content |
 * | --- | --- |
 * | 1 | product: 8 (arrecadação) |
 * | 2 | segment (see {@link COLLECTION_SEGMENTS}) |
 * | 3 | value identifier: 6 or 7 → módulo 10; 8 or 9 → módulo 11; 6 and 8 an amount in reais, 7 and 9 a reference quantity |
 * | 4 | general check digit over the 43 others |
 * | 5–15 | value (centavos for 6 and 8) |
 * | 16–44 | company or agency id, and its free field |
 *
 * No due-date factor: where a slip states a due date in its free field, each agency places it
 * its own way, so it is not read.
 * @module boleto
 */
import { issue, type Issue } from "credit-block";
import { mod10, mod11Collection } from "./digits.js";
import { moneyOfCents, type BoletoReading } from "./reading.js";

/** The arrecadação segments (barcode position 2), FEBRABAN Layout de Arrecadação v04 § 05. */
export const COLLECTION_SEGMENTS: Readonly<Record<string, string>> = {
  "1": "Prefeituras",
  "2": "Saneamento",
  "3": "Energia elétrica e gás",
  "4": "Telecomunicações",
  "5": "Órgãos governamentais",
  "6": "Carnês e assemelhados, ou empresas identificadas pelo CNPJ",
  "7": "Multas de trânsito",
  "9": "Uso exclusivo do banco",
};

/** Módulo 10 or 11, as the value identifier says; undefined for a digit that names neither. */
function checkOf(valueIdentifier: string): ((digits: string) => number) | undefined {
  return valueIdentifier === "6" || valueIdentifier === "7" ? mod10 : valueIdentifier === "8" || valueIdentifier === "9" ? mod11Collection : undefined;
}

const moduleName = (valueIdentifier: string) => (valueIdentifier === "6" || valueIdentifier === "7" ? "módulo 10" : "módulo 11");

/** The barcode of a 48-digit arrecadação line: its four blocks without their check digits. @internal */
export function collectionBarcodeOfLine(line: string): string {
  return line.slice(0, 11) + line.slice(12, 23) + line.slice(24, 35) + line.slice(36, 47);
}

/** The 48-digit line of a verified arrecadação barcode. @internal */
export function collectionLineOfBarcode(barcode: string): string {
  const check = checkOf(barcode.charAt(2)) ?? mod10;
  let line = "";
  for (let i = 0; i < 44; i += 11) line += barcode.slice(i, i + 11) + String(check(barcode.slice(i, i + 11)));
  return line;
}

/**
 * The issues of an arrecadação barcode (44 digits) or line (48): the segment and value
 * identifier, each block's digit (`line.blockN`) and the general one (`line.checkDigit` or
 * `barcode.checkDigit`). @internal
 */
export function collectionIssues(digits: string): Issue[] {
  const root = digits.length === 48 ? "line" : "barcode";
  const barcode = digits.length === 48 ? collectionBarcodeOfLine(digits) : digits;
  const valueIdentifier = barcode.charAt(2);
  const check = checkOf(valueIdentifier);
  const issues: Issue[] = [];
  if (barcode.charAt(1) === "0" || barcode.charAt(1) === "8") {
    issues.push(issue(`${root}.segment`, "invalid_format", { format: `arrecadação segment (position 2): 1–7 or 9, not ${barcode.charAt(1)}` }));
  }
  if (check === undefined) {
    issues.push(issue(`${root}.valueIdentifier`, "invalid_format", { format: `arrecadação value identifier (position 3): 6, 7, 8 or 9, which say how the check digits are computed; not ${valueIdentifier}` }));
    return issues;
  }
  if (digits.length === 48) {
    for (let b = 0; b < 4; b++) {
      const body = digits.slice(12 * b, 12 * b + 11);
      const written = digits.charAt(12 * b + 11);
      const computed = check(body);
      if (written !== String(computed)) {
        issues.push(issue(`line.block${b + 1}`, "invalid_format", {
          format: `block ${b + 1} of an arrecadação line (positions ${12 * b + 1}–${12 * b + 12}): its check digit is ${written}, and ${moduleName(valueIdentifier)} of the 11 digits before it gives ${computed}`,
        }));
      }
    }
  }
  const computed = check(barcode.slice(0, 3) + barcode.slice(4));
  if (barcode.charAt(3) !== String(computed)) {
    issues.push(issue(`${root}.checkDigit`, "invalid_format", {
      format: `general check digit of an arrecadação barcode (position 4, ${moduleName(valueIdentifier)} of the other 43 digits): ${barcode.charAt(3)} is written and the digits give ${computed}`,
    }));
  }
  return issues;
}

/** What a verified arrecadação barcode says. @internal */
export function readCollectionBarcode(barcode: string): BoletoReading {
  const effective = barcode.charAt(2) === "6" || barcode.charAt(2) === "8";
  const value = barcode.slice(4, 15);
  return {
    kind: "collection",
    segment: barcode.charAt(1),
    amount: effective && /[1-9]/.test(value) ? moneyOfCents(value) : null,
    dueDate: null,
    barcode,
    line: collectionLineOfBarcode(barcode),
  };
}
