/**
 * Brazilian taxpayer numbers: CPF (people) and CNPJ (companies), checked by their mod-11 digits.
 *
 * - CPF: 11 digits; mod-11 check digits with weights 10..2, then 11..2 (Receita Federal). A CPF
 *   of one repeated digit (000.000.000-00 … 999.999.999-99) passes the arithmetic but is never
 *   issued: refused.
 * - CNPJ: 14 characters; check digits with weights 5..2,9..2 then 6..2,9..2. Since July 2026 the
 *   first 12 characters may be letters (alphanumeric CNPJ: IN RFB 2.229/2024, which adds arts.
 *   3º-A and 3º-B to IN RFB 2.119/2022 — http://normas.receita.fazenda.gov.br/sijut2consulta/link.action?idAto=141222):
 *   each character counts as its ASCII code − 48 (0–9 → 0–9, A → 17 … Z → 42); the two check
 *   digits stay numeric. A CNPJ of one repeated digit (00.000.000/0000-00) is refused as well.
 *
 * Input may be formatted (`.`, `/`, `-`, as in `11.222.333/0001-81`) and surrounding spaces are
 * ignored. Letters may be typed in lowercase: they are read as the uppercase letter, which is
 * the form the Receita Federal prints (a lowercase letter's own ASCII code would give different
 * check digits, so reading it as uppercase is the only sensible reading).
 *
 * @module schemas
 */

/** Why a tax id is invalid. @internal */
export type TaxIdProblem =
  | { readonly code: "tax_id.length"; readonly params: { readonly length: number } }
  | { readonly code: "tax_id.characters"; readonly params: { readonly kind: "CPF" | "CNPJ" } }
  | { readonly code: "tax_id.repeated"; readonly params: { readonly kind: "CPF" | "CNPJ" } }
  | { readonly code: "tax_id.check_digit"; readonly params: { readonly kind: "CPF" | "CNPJ" } };

const SEPARATORS = /[./-]/g;
const CPF_SHAPE = /^\d{11}$/;
const CNPJ_SHAPE = /^[0-9A-Z]{12}\d{2}$/;
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Strips the usual punctuation and reads letters as uppercase. */
function canonical(value: string): string {
  return value.trim().replace(SEPARATORS, "").toUpperCase();
}

/** Mod-11 check digit of `body` with `weights` (one per character, value = code − 48). */
function checkDigit(body: string, weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += (body.charCodeAt(i) - 48) * (weights[i] ?? 0);
  const rest = total % 11;
  return rest < 2 ? 0 : 11 - rest;
}

const repeated = (text: string): boolean => text.split("").every((c) => c === text[0]);

function cpfProblem(id: string): TaxIdProblem | null {
  if (!CPF_SHAPE.test(id)) return { code: "tax_id.characters", params: { kind: "CPF" } };
  if (repeated(id)) return { code: "tax_id.repeated", params: { kind: "CPF" } };
  const d1 = checkDigit(id.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = checkDigit(id.slice(0, 9) + String(d1), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return id.endsWith(`${d1}${d2}`) ? null : { code: "tax_id.check_digit", params: { kind: "CPF" } };
}

function cnpjProblem(id: string): TaxIdProblem | null {
  if (!CNPJ_SHAPE.test(id)) return { code: "tax_id.characters", params: { kind: "CNPJ" } };
  if (repeated(id)) return { code: "tax_id.repeated", params: { kind: "CNPJ" } };
  const d1 = checkDigit(id.slice(0, 12), CNPJ_W1);
  const d2 = checkDigit(id.slice(0, 12) + String(d1), CNPJ_W2);
  return id.endsWith(`${d1}${d2}`) ? null : { code: "tax_id.check_digit", params: { kind: "CNPJ" } };
}

/**
 * Why `value` is not a valid CPF or CNPJ (chosen by its length once punctuation is stripped:
 * 11 → CPF, 14 → CNPJ), or `null` when it is one.
 * @internal
 */
export function taxIdProblem(value: unknown): TaxIdProblem | null {
  if (typeof value !== "string") return { code: "tax_id.length", params: { length: 0 } };
  const id = canonical(value);
  if (id.length === 11) return cpfProblem(id);
  if (id.length === 14) return cnpjProblem(id);
  return { code: "tax_id.length", params: { length: id.length } };
}

/**
 * True when `value` is a CPF with valid check digits (mod 11, weights 10..2 then 11..2). Accepts
 * the formatted `529.982.247-25` and the bare `52998224725`; a CPF of one repeated digit
 * (`111.111.111-11`) is refused, as the Receita Federal never issues it.
 *
 * @example
 * ```ts
 * isValidCpf("529.982.247-25"); // true
 * isValidCpf("52998224725");    // true
 * isValidCpf("529.982.247-24"); // false (check digit)
 * isValidCpf("111.111.111-11"); // false (repeated digit)
 * ```
 */
export function isValidCpf(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const id = canonical(value);
  return id.length === 11 && cpfProblem(id) === null;
}

/**
 * True when `value` is a CNPJ with valid check digits, numeric or alphanumeric (IN RFB
 * 2.229/2024, from July 2026: the first 12 characters may be `A`–`Z`, each worth its ASCII code
 * − 48 in the mod-11 weights 5..2,9..2 and 6..2,9..2; the two check digits stay numeric).
 * Formatted (`11.222.333/0001-81`) or bare input; lowercase letters read as uppercase.
 *
 * @example
 * ```ts
 * isValidCnpj("11.222.333/0001-81"); // true
 * isValidCnpj("00.000.000/0001-91"); // true (Banco do Brasil)
 * isValidCnpj("12.ABC.345/01DE-35"); // true (alphanumeric, the Receita Federal's example)
 * isValidCnpj("11.222.333/0001-80"); // false (check digit)
 * ```
 */
export function isValidCnpj(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const id = canonical(value);
  return id.length === 14 && cnpjProblem(id) === null;
}

/**
 * True when `value` is a valid CPF (11 characters once `.`, `/` and `-` are stripped) or CNPJ
 * (14 characters, numeric or alphanumeric): what a collection document must show of the
 * creditor (CDC art. 42-A — https://www.planalto.gov.br/ccivil_03/leis/l8078compilado.htm).
 *
 * @example
 * ```ts
 * isValidTaxId("529.982.247-25");     // true (CPF)
 * isValidTaxId("12.ABC.345/01DE-35"); // true (CNPJ)
 * isValidTaxId("1234");               // false
 * ```
 */
export function isValidTaxId(value: unknown): boolean {
  return taxIdProblem(value) === null;
}
