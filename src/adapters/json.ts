import { CreditBlockError, issue, type Issue } from "credit-block";

/**
 * JSON for money: `JSON.parse`, then a refusal of every number literal that a double cannot hold
 * exactly. `JSON.parse('{"amount": 250.0000000000000001}')` gives `250`, `12345678901234567`
 * gives `12345678901234568` and `1e400` gives `Infinity`: after that, nothing downstream can
 * tell that the caller sent something else. Such a literal is refused with its path, so a POS
 * that serialises money as a float learns it at once instead of being charged a rounded amount.
 * (Money with more decimals than the currency, `250.001`, survives the double and is refused by
 * the money schema with its own message.)
 *
 * @example
 * ```ts
 * parseJsonExact('{"amount": 250.10}');                 // { amount: 250.1 }
 * parseJsonExact('{"a": [1, 250.0000000000000001]}');   // throws CreditBlockError at "a[1]"
 * ```
 * @internal
 */
export function parseJsonExact(text: string): unknown {
  const value: unknown = JSON.parse(text); // syntax errors stay SyntaxError: the caller's 400
  // Any decimal of at most 15 significant digits round-trips through a double, so only long
  // digit runs or exponents can be lossy; most bodies never reach the scan.
  if (!MAYBE_LOSSY.test(text)) return value;
  const lossy = lossyNumbers(text);
  if (lossy.length > 0) throw new CreditBlockError("INVALID_INPUT", lossy);
  return value;
}

const MAYBE_LOSSY = /\d[eE]|[\d.+-]{16,}/;

/** Number literals of `text` (valid JSON) that a double does not hold exactly, with their paths. */
function lossyNumbers(text: string): Issue[] {
  const issues: Issue[] = [];
  // Path of the value being read: keys and indexes, one frame per open container.
  const frames: { array: boolean; key: string | number }[] = [];
  const pathOf = (): string => {
    let out = "";
    for (const f of frames) out += typeof f.key === "number" ? `[${f.key}]` : out === "" ? f.key : `.${f.key}`;
    return out;
  };
  let i = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (expectKey) {
        (frames[frames.length - 1] as { key: string | number }).key = JSON.parse(text.slice(i, end)) as string;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      frames.push({ array: false, key: "" });
      expectKey = true;
      i++;
    } else if (c === 0x5b /* [ */) {
      frames.push({ array: true, key: 0 });
      i++;
    } else if (c === 0x7d || c === 0x5d /* } ] */) {
      frames.pop();
      expectKey = false; // `{}` closes with no key read: the next string is a value, not a key
      i++;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.array) top.key = (top.key as number) + 1;
      else expectKey = true;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHAR.test(text[end] as string)) end++;
      const literal = text.slice(i, end);
      if (!exact(literal)) issues.push(issue(pathOf(), "json.lossy_number", { literal, read: String(Number(literal)) }));
      i = end;
    } else i++;
  }
  return issues;
}

const NUMBER_CHAR = /[\d.eE+-]/;

/** Index just past the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

/** Whether a JSON number literal is exactly the double it parses to. */
function exact(literal: string): boolean {
  const n = Number(literal);
  if (!Number.isFinite(n)) return false;
  const a = decimalOf(literal);
  const b = decimalOf(String(n));
  return a.digits === b.digits && (a.digits === "" || (a.exponent === b.exponent && a.negative === b.negative));
}

/** A decimal literal as sign, significant digits (no leading or trailing zeros) and exponent. */
function decimalOf(literal: string): { negative: boolean; digits: string; exponent: number } {
  const negative = literal.startsWith("-");
  const body = negative ? literal.slice(1) : literal;
  const e = body.search(/[eE]/);
  const mantissa = e === -1 ? body : body.slice(0, e);
  let exponent = e === -1 ? 0 : Number(body.slice(e + 1));
  const dot = mantissa.indexOf(".");
  let digits = mantissa;
  if (dot !== -1) {
    digits = mantissa.slice(0, dot) + mantissa.slice(dot + 1);
    exponent -= mantissa.length - dot - 1;
  }
  digits = digits.replace(/^0+/, "");
  const trimmed = digits.replace(/0+$/, "");
  exponent += digits.length - trimmed.length;
  return { negative, digits: trimmed, exponent };
}
