/**
 * Independent references for the boleto tests, written from the FEBRABAN texts rather than
 * from the library: módulo 10 and 11 by arrays and reduce, and the due-date factor by `Date`
 * in UTC.
 */
const digitsOf = (text: string) => Array.from(text, Number);

/** Módulo 10: weights 2,1,2,1… from the right, products' digits summed; 10 − total mod 10, 10 → 0. */
export function refMod10(text: string): number {
  const total = digitsOf(text).reverse().reduce((sum, d, i) => {
    const p = d * (i % 2 === 0 ? 2 : 1);
    return sum + Math.floor(p / 10) + (p % 10);
  }, 0);
  return total % 10 === 0 ? 0 : 10 - (total % 10);
}

/** The total of módulo 11: weights 2…9 from the right, cycling. */
export const refWeighted11 = (text: string) => digitsOf(text).reverse().reduce((sum, d, i) => sum + d * (2 + (i % 8)), 0);

/** Bank general digit: 11 − total mod 11; 0, 10 and 11 become 1. */
export function refMod11Bank(text: string): number {
  const dv = 11 - (refWeighted11(text) % 11);
  return [0, 10, 11].includes(dv) ? 1 : dv;
}

/** Arrecadação módulo 11: remainder 0 or 1 → 0; else 11 − remainder. */
export function refMod11Collection(text: string): number {
  const rest = refWeighted11(text) % 11;
  return rest === 0 || rest === 1 ? 0 : 11 - rest;
}

/** The date `days` after `from`, ISO, by UTC milliseconds. */
export function refAddDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `a` to `b`. */
export const refDaysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The factor FEBRABAN prints for a due date: days since 1997-10-07, from 1000 again every 9000 days after 9999. */
export function refFactorOf(dueDate: string): number {
  const days = refDaysBetween("1997-10-07", dueDate);
  return days < 1000 ? days : ((days - 1000) % 9000) + 1000;
}

/** A bank barcode from its parts, with its general digit computed here. */
export function refBankBarcode(bank: string, currency: string, factor: string, cents: string, free: string): string {
  const without = bank + currency + factor + cents + free;
  return without.slice(0, 4) + String(refMod11Bank(without)) + without.slice(4);
}

/** The linha digitável of a bank barcode, every check digit computed here. */
export function refBankLine(barcode: string): string {
  const f1 = barcode.slice(0, 4) + barcode.slice(19, 24);
  const f2 = barcode.slice(24, 34);
  const f3 = barcode.slice(34, 44);
  return f1 + String(refMod10(f1)) + f2 + String(refMod10(f2)) + f3 + String(refMod10(f3)) + barcode.charAt(4) + barcode.slice(5, 19);
}

/**
 * Published vectors, their check digits recomputed by the tests:
 * - mrmgomes/boleto-utils, test/test.js (github.com/mrmgomes/boleto-utils): a Caixa (104) boleto
 *   of R$ 214,03 due 2022-05-10 (factor 8981); a Bradesco (237) credit-card bill boleto with
 *   factor and amount zero; arrecadação slips of energy (segment 3, value identifier 6), a
 *   government agency (5, identifier 8: módulo 11) and telecom (4, identifier 6).
 * - FEBRABAN, "Manual Operacional do Fator de Vencimento da Cobrança Bancária" v01 (2012): the
 *   factor table 1000 = 03/07/2000, 1001 = 04/07/2000, 5316 = 27/04/2012, 9998 = 20/02/2025,
 *   9999 = 21/02/2025; and the restart at 1000 on 22/02/2025 (next 13/10/2049).
 */
export const BOLETOS = {
  caixa: { line: "10492006506100010004200997263900989810000021403", barcode: "10499898100000214032006561000100040099726390" },
  bradescoCard: { line: "23794150099001980167035000211405700000000000000", barcode: "23797000000000000004150090019801673500021140" },
  energy: { line: "838600000050096000190009000801782309000343062712", barcode: "83860000005096000190000008017823000034306271" },
  government: { line: "858200000007572503282030560708202107539591904460", barcode: "85820000000572503282035607082021053959190446" },
  telecom: { line: "846300000003299902962024004101360008002006441147", barcode: "84630000000299902962020041013600000200644114" },
} as const;

export const FACTOR_TABLE: readonly (readonly [number, string])[] = [
  [1000, "2000-07-03"], [1001, "2000-07-04"], [5316, "2012-04-27"], [9998, "2025-02-20"], [9999, "2025-02-21"],
];
