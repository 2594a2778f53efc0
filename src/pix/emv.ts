/**
 * EMV® QRCPS-MPM data objects, the BR Code's syntax: each field is a two-digit ID, a two-digit
 * length and that many characters of value; a template's value is itself a list of fields
 * (BCB, "Manual de Padrões para Iniciação do Pix", Anexo I; EMV® QRCPS-MPM v1.0 §4.1 "Data
 * Objects"). Lengths count characters, so a value has at most 99 of them.
 * @internal
 * @module pix
 */
import { CreditBlockError, issue } from "credit-block";

/** One data object read from a payload or a template. */
export interface EmvField {
  readonly id: string;
  readonly value: string;
  /** Where the field starts in the text it was read from (0-based). */
  readonly at: number;
}

/** A field as written: ID, length in two digits, value. The value is ASCII and ≤ 99 characters. */
export function emvField(id: string, value: string): string {
  return `${id}${String(value.length).padStart(2, "0")}${value}`;
}

/**
 * Reads `text` as a list of data objects. A field whose ID or length is not two digits, or that
 * runs past the end of the text, is a CreditBlockError at `path` saying where.
 */
export function readEmvFields(text: string, path: string, what: string): EmvField[] {
  const fields: EmvField[] = [];
  let at = 0;
  while (at < text.length) {
    const head = text.slice(at, at + 4);
    if (!/^\d{4}$/.test(head)) {
      throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_format", { format: `${what}: a field at character ${at + 1} starts with a 2-digit ID and a 2-digit length, not "${head}"` })]);
    }
    const length = Number(head.slice(2));
    if (at + 4 + length > text.length) {
      throw new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_format", { format: `${what}: field ${head.slice(0, 2)} at character ${at + 1} says ${length} characters, and only ${text.length - at - 4} follow` })]);
    }
    fields.push({ id: head.slice(0, 2), value: text.slice(at + 4, at + 4 + length), at });
    at += 4 + length;
  }
  return fields;
}
