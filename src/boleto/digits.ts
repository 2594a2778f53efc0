/**
 * The check digits of boleto numbers (FEBRABAN; Banco Central, Carta-Circular nº 2.926/2000 and
 * the banks' "Especificações técnicas" of the Ficha de Compensação that follow it; for
 * arrecadação, FEBRABAN "Layout Padrão de Arrecadação/Recebimento com Utilização do Código de
 * Barras", versão 04, §§ 07–10). Digits are weighted from the right.
 * @internal
 * @module boleto
 */

/**
 * Módulo 10: weights 2, 1, 2, 1… from the right; a product above 9 counts as the sum of its
 * digits; the check digit is what takes the total to the next multiple of 10 (0 when it is one).
 * The fields of a linha digitável (bank and arrecadação alike).
 */
export function mod10(digits: string): number {
  let total = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = 3 - weight) {
    const product = (digits.charCodeAt(i) - 48) * weight;
    total += product > 9 ? product - 9 : product;
  }
  return (10 - (total % 10)) % 10;
}

/** The weighted sum with weights 2…9 from the right, cycling. */
function weighted(digits: string): number {
  let total = 0;
  for (let i = digits.length - 1, weight = 2; i >= 0; i--, weight = weight === 9 ? 2 : weight + 1) total += (digits.charCodeAt(i) - 48) * weight;
  return total;
}

/**
 * Módulo 11 of the bank barcode's general digit (position 5): weights 2…9 from the right over
 * the 43 other digits; the digit is 11 − (total mod 11), and 1 when that is 0, 10 or 11 (the
 * barcode never carries a 0 there).
 */
export function mod11Bank(digits: string): number {
  const digit = 11 - (weighted(digits) % 11);
  return digit === 0 || digit > 9 ? 1 : digit;
}

/**
 * Módulo 11 of arrecadação (value identifiers 8 and 9): weights 2…9 from the right; the digit is
 * 11 − (total mod 11), and 0 when the remainder is 0 or 1 (FEBRABAN, Layout de Arrecadação v04, § 10).
 */
export function mod11Collection(digits: string): number {
  const rest = weighted(digits) % 11;
  return rest < 2 ? 0 : 11 - rest;
}
