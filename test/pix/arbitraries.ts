/** fast-check generators of valid Pix inputs: keys of every kind (check digits computed here), texts, amounts, txids. */
import fc from "fast-check";

/** Mod-11 check digit of the Receita Federal (character value = code − 48). */
function mod11(body: string, weights: readonly number[]): number {
  const total = Array.from(body).reduce((sum, c, i) => sum + (c.charCodeAt(0) - 48) * (weights[i] ?? 0), 0);
  return total % 11 < 2 ? 0 : 11 - (total % 11);
}

/** A CPF with valid check digits (never one repeated digit). */
export function cpfOf(nine: string): string {
  const d1 = mod11(nine, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return nine + String(d1) + String(mod11(nine + String(d1), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
}

/** A CNPJ (numeric or alphanumeric base) with valid check digits. */
export function cnpjOf(twelve: string): string {
  const d1 = mod11(twelve, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return twelve + String(d1) + String(mod11(twelve + String(d1), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
}

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...Array.from("0123456789")), minLength: n, maxLength: n });
const notRepeated = (s: string) => !/^(.)\1*$/.test(s);
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...Array.from("0123456789abcdef")), minLength: n, maxLength: n });
const lowerAlnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...Array.from("abcdefghijklmnopqrstuvwxyz0123456789")), minLength: min, maxLength: max });

/** Pix keys in their registered form, of every kind. */
export const pixKeys = fc.oneof(
  digits(9).map(cpfOf).filter(notRepeated),
  fc.string({ unit: fc.constantFrom(...Array.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")), minLength: 12, maxLength: 12 }).map(cnpjOf).filter(notRepeated),
  fc.tuple(lowerAlnum(1, 30), lowerAlnum(1, 20), fc.constantFrom("com", "com.br", "org")).map(([user, domain, tld]) => `${user}@${domain}.${tld}`),
  fc.tuple(fc.integer({ min: 11, max: 99 }).filter((d) => d % 10 !== 0), digits(8)).map(([ddd, rest]) => `+55${ddd}9${rest}`),
  fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join("-")),
);

/** Printable-ASCII texts as the payload writes them: words of visible characters joined by single spaces. */
export const asciiText = (max: number) =>
  fc.array(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: Math.ceil(max / 2) }), { minLength: 1, maxLength: 3 })
    .map((words) => words.join(" "))
    .filter((t) => t.length <= max);

/** Canonical positive amounts that fit field 54 (≤ 13 characters). */
export const amounts = fc.bigInt({ min: 1n, max: 999_999_999_999n }).map((cents) => {
  const text = cents.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
});

export const txids = fc.oneof(fc.constant("***"), fc.string({ unit: fc.constantFrom(...Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")), minLength: 1, maxLength: 25 }));

/** Whole valid inputs of pixPayload, in their written form (so parse gives them back as they are). */
export const pixInputs = fc.record({
  key: pixKeys,
  name: asciiText(25),
  city: asciiText(15),
  amount: fc.option(amounts, { nil: undefined }),
  txid: txids,
  description: fc.option(asciiText(12), { nil: undefined }),
  postalCode: fc.option(digits(8), { nil: undefined }),
}).map((input) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as {
  key: string; name: string; city: string; txid: string; amount?: string; description?: string; postalCode?: string;
});
