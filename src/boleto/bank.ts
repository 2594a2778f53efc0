/**
 * Bank boletos (boleto de cobrança, Ficha de Compensação): the 44-digit barcode and the 47-digit
 * linha digitável that rewrites it in five fields (Banco Central, Carta-Circular nº 2.926/2000;
 * FEBRABAN; e.g. Banco do Brasil, "Especificações Técnicas para Confecção de Boleto de
 * Cobrança", Anexos: código de barras, linha digitável, módulos 10 e 11).
 *
 * | barcode positions | content |
 * | --- | --- |
 * | 1–3 | bank (COMPE code) |
 * | 4 | currency: 9 real, 0 other |
 * | 5 | general check digit, módulo 11 of the 43 others |
 * | 6–9 | due-date factor |
 * | 10–19 | amount in centavos |
 * | 20–44 | free field (the bank's) |
 *
 * Linha digitável: field 1 = barcode 1–4 + 20–24 and its módulo-10 digit (positions 1–10);
 * field 2 = barcode 25–34 + digit (11–21); field 3 = barcode 35–44 + digit (22–32); field 4 =
 * the general digit (33); field 5 = factor and amount (34–47), with no digit of its own: a typo
 * there shows in field 4.
 * @module boleto
 */
import { issue, type ISODate, type Issue } from "credit-block";
import { mod10, mod11Bank } from "./digits.js";
import { dueDateOfFactor } from "./factor.js";
import { moneyOfCents, type BoletoReading } from "./reading.js";

const FIELDS = [
  { n: 1, from: 0, to: 9 },
  { n: 2, from: 10, to: 20 },
  { n: 3, from: 21, to: 31 },
] as const;

/** The barcode a 47-digit linha digitável rewrites. @internal */
export function bankBarcodeOfLine(line: string): string {
  return line.slice(0, 4) + line.slice(32, 47) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31);
}

/** The 47-digit linha digitável of a 44-digit bank barcode. @internal */
export function bankLineOfBarcode(barcode: string): string {
  const f1 = barcode.slice(0, 4) + barcode.slice(19, 24);
  const f2 = barcode.slice(24, 34);
  const f3 = barcode.slice(34, 44);
  return `${f1}${mod10(f1)}${f2}${mod10(f2)}${f3}${mod10(f3)}${barcode.slice(4, 19)}`;
}

const generalFormat = (written: string, computed: number, where: string) =>
  `general check digit (${where}, módulo 11 of the barcode's other 43 digits): ${written} is written and the digits give ${computed}`;

/** The issues of a 47-digit bank linha digitável's check digits, each at `line.fieldN`. @internal */
export function bankLineIssues(line: string): Issue[] {
  const issues: Issue[] = [];
  for (const f of FIELDS) {
    const body = line.slice(f.from, f.to);
    const written = line.charAt(f.to);
    const computed = mod10(body);
    if (written !== String(computed)) {
      issues.push(issue(`line.field${f.n}`, "invalid_format", {
        format: `field ${f.n} of a linha digitável (positions ${f.from + 1}–${f.to + 1}): its check digit is ${written}, and módulo 10 of the ${f.to - f.from} digits before it gives ${computed}`,
      }));
    }
  }
  const barcode = bankBarcodeOfLine(line);
  const computed = mod11Bank(barcode.slice(0, 4) + barcode.slice(5));
  if (line.charAt(32) !== String(computed)) {
    issues.push(issue("line.field4", "invalid_format", {
      format: `${generalFormat(line.charAt(32), computed, "field 4, position 33")}; a wrong digit in field 5 (due-date factor and amount, positions 34–47), which has no check digit of its own, shows here too`,
    }));
  }
  return issues;
}

/** The issue of a 44-digit bank barcode's general check digit, at `barcode.checkDigit`. @internal */
export function bankBarcodeIssues(barcode: string): Issue[] {
  const computed = mod11Bank(barcode.slice(0, 4) + barcode.slice(5));
  return barcode.charAt(4) === String(computed) ? [] : [issue("barcode.checkDigit", "invalid_format", { format: generalFormat(barcode.charAt(4), computed, "position 5") })];
}

/** What a verified bank barcode says. @internal */
export function readBankBarcode(barcode: string, asOf: ISODate): BoletoReading {
  const brl = barcode.charAt(3) === "9";
  const cents = barcode.slice(9, 19);
  return {
    kind: "bank",
    bank: barcode.slice(0, 3),
    currency: brl ? "BRL" : "other",
    amount: brl && /[1-9]/.test(cents) ? moneyOfCents(cents) : null,
    dueDate: dueDateOfFactor(Number(barcode.slice(5, 9)), asOf),
    barcode,
    line: bankLineOfBarcode(barcode),
  };
}
