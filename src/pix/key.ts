/**
 * Pix keys (chaves de endereçamento), by kind, as the DICT registers them and a BR Code carries
 * them in field 26, sub-field 01 (BCB, "Manual de Padrões para Iniciação do Pix", Anexo I;
 * "Manual Operacional do DICT", chapter "Tipos de chave"):
 *
 * - CPF: 11 digits, no punctuation; CNPJ: 14 characters, no punctuation (alphanumeric from July
 *   2026, IN RFB 2.229/2024). Both with their mod-11 check digits (Receita Federal).
 * - e-mail: at most 77 characters, written in lower case.
 * - phone: `+55`, the two-digit DDD and the nine-digit mobile number (`+5561912345678`).
 * - random key (EVP): a UUID, 36 characters in lower case.
 *
 * Formatted input (`529.982.247-25`, `+55 (61) 91234-5678`, upper-case e-mail or UUID) is
 * accepted and written in the registered form.
 * @module pix
 */
import { CreditBlockError, issue, type Issue } from "credit-block";

/** The kinds of Pix key. */
export type PixKeyKind = "cpf" | "cnpj" | "email" | "phone" | "evp";

/** A Pix key in the form the DICT registers it, with its kind. */
export interface PixKey {
  readonly kind: PixKeyKind;
  readonly key: string;
}

const EMAIL = /^[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const PHONE = /^\+55[1-9]{2}9\d{8}$/;
const EVP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CNPJ_W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const CNPJ_W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const KINDS = "a CPF or CNPJ (digits only), an e-mail, a +55 mobile number or a random key (UUID)";

/**
 * Mod-11 check digit of `body` (each character worth its code − 48, so A = 17 in an
 * alphanumeric CNPJ): the Receita Federal's rule, as the core's tax-id check applies it.
 */
function mod11(body: string, weights: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += (body.charCodeAt(i) - 48) * (weights[i] ?? 0);
  const rest = total % 11;
  return rest < 2 ? 0 : 11 - rest;
}

function taxIdIssue(id: string, kind: "CPF" | "CNPJ", path: string): Issue | null {
  if (/^(.)\1*$/.test(id)) return issue(path, "tax_id.repeated", { kind });
  const n = kind === "CPF" ? 9 : 12;
  const w1 = kind === "CPF" ? [10, 9, 8, 7, 6, 5, 4, 3, 2] : CNPJ_W1;
  const w2 = kind === "CPF" ? [11, 10, 9, 8, 7, 6, 5, 4, 3, 2] : CNPJ_W2;
  const d1 = mod11(id.slice(0, n), w1);
  const d2 = mod11(id.slice(0, n) + String(d1), w2);
  return id.endsWith(`${d1}${d2}`) ? null : issue(path, "tax_id.check_digit", { kind });
}

/**
 * Reads a Pix key: its kind and its registered form, or the issue at `path` that says why it is
 * not one. @internal
 */
export function pixKeyOrIssue(value: unknown, path: string): PixKey | { issue: Issue } {
  if (typeof value !== "string") {
    return { issue: issue(path, "invalid_type", { expected: "string (a Pix key)", received: value === null ? "null" : Array.isArray(value) ? "array" : typeof value }) };
  }
  const text = value.trim();
  if (text === "") return { issue: issue(path, "required") };
  if (text.includes("@")) {
    const email = text.toLowerCase();
    if (!EMAIL.test(email)) return { issue: issue(path, "invalid_format", { format: "e-mail Pix key (name@domain.tld)" }) };
    if (email.length > 77) return { issue: issue(path, "too_big", { maximum: `77 characters (an e-mail Pix key); this one has ${email.length}` }) };
    return { kind: "email", key: email };
  }
  if (text.startsWith("+")) {
    const phone = text.replace(/[\s().-]/g, "");
    if (!PHONE.test(phone)) return { issue: issue(path, "invalid_format", { format: "phone Pix key: +55, the 2-digit DDD and the 9-digit mobile number, as in +5561912345678" }) };
    return { kind: "phone", key: phone };
  }
  const lower = text.toLowerCase();
  if (EVP.test(lower)) return { kind: "evp", key: lower };
  const id = text.replace(/[\s./-]/g, "").toUpperCase();
  if (/^\d{11}$/.test(id)) {
    const problem = taxIdIssue(id, "CPF", path);
    return problem ? { issue: problem } : { kind: "cpf", key: id };
  }
  if (/^[0-9A-Z]{12}\d{2}$/.test(id)) {
    const problem = taxIdIssue(id, "CNPJ", path);
    return problem ? { issue: problem } : { kind: "cnpj", key: id };
  }
  return { issue: issue(path, "invalid_format", { format: `Pix key: ${KINDS}` }) };
}

/**
 * Checks a Pix key by its kind and returns it in the form the DICT registers (and a BR Code
 * must carry): CPF/CNPJ without punctuation and with valid check digits, e-mail in lower case,
 * `+55` mobile number without spaces, random key (EVP) in lower case. Anything else is a
 * CreditBlockError at `key` (or `path`) saying which kind it looked like and why it is not one.
 *
 * @example
 * ```ts
 * pixKey("529.982.247-25");         // { kind: "cpf", key: "52998224725" }
 * pixKey("+55 (61) 91234-5678");    // { kind: "phone", key: "+5561912345678" }
 * pixKey("Caixa@Loja.com.br");      // { kind: "email", key: "caixa@loja.com.br" }
 * pixKey("123e4567-e12b-12d1-a456-426655440000"); // { kind: "evp", key: "123e4567-…" }
 * pixKey("529.982.247-24");         // throws CreditBlockError: key: the CPF check digits do not match
 * ```
 */
export function pixKey(value: string, path = "key"): PixKey {
  const read = pixKeyOrIssue(value, path);
  if ("issue" in read) throw new CreditBlockError("INVALID_INPUT", [read.issue]);
  return read;
}
