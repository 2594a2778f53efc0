/**
 * The texts of a BR Code (merchant name, city, description) are EMV "ans" values: printable
 * ASCII, and their lengths count characters (EMV® QRCPS-MPM v1.0 §4.2 "Data Object Format").
 * Names and cities are written in Portuguese, so accents are folded first: "São João" → "Sao
 * Joao" (Unicode compatibility decomposition, then the combining marks dropped).
 * @internal
 * @module pix
 */
import { issue, type Issue } from "credit-block";

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** `text` with accents folded and runs of white space made one space, trimmed. */
export function foldToAscii(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
}

/**
 * A text field folded to ASCII and checked against its length limit, or the issue at `path`
 * that says what is wrong: not a string, empty (when required), a character with no ASCII
 * letter under its accent, or too long.
 */
export function asciiField(value: unknown, path: string, maximum: number, field: string, required: boolean): { text: string } | { issue: Issue } {
  if (typeof value !== "string") {
    return { issue: issue(path, "invalid_type", { expected: "string", received: value === null ? "null" : Array.isArray(value) ? "array" : typeof value }) };
  }
  const text = foldToAscii(value);
  if (text === "" && required) return { issue: issue(path, "required") };
  if (!PRINTABLE_ASCII.test(text)) {
    const bad = /[^\x20-\x7e]/u.exec(text)?.[0] ?? "";
    return { issue: issue(path, "invalid_format", { format: `text for ${field}: printable ASCII once accents are folded, and "${bad}" is not` }) };
  }
  if (text.length > maximum) return { issue: issue(path, "too_big", { maximum: `${maximum} characters (${field}); "${text}" has ${text.length}` }) };
  return { text };
}
