/**
 * Reading a route's JSON body, and the parts of it a route passes on, as objects: before any
 * schema sees them, so nothing here trusts what it reads.
 * @internal
 */
import { CreditBlockError, issue } from "credit-block";

/** Whether `value` is a JSON object (not `null`, not a list). */
const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `value` if it is a JSON object, else `{}`: for peeking at what a schema judges later. */
export const objectOrEmpty = (value: unknown): Record<string, unknown> => (isJsonObject(value) ? value : {});

/**
 * A route's body, or one of its parts (`options`, `terms`), as an object. Only an absent part is
 * `{}`: `null`, a list or a string is refused at its path (`""` for the body), not read as
 * absent, so `"options": null` never quietly means "today and the defaults".
 */
function objectAt(value: unknown, path: string, optional = true): Record<string, unknown> {
  if (isJsonObject(value)) return value;
  if (value === undefined && optional) return {};
  const received = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  throw new CreditBlockError("INVALID_INPUT", [issue(path, value === undefined ? "required" : "invalid_type", { expected: "object", received })]);
}

/** The body itself, which must be an object (refused at path `""` otherwise). */
export const bodyObject = (body: unknown): Record<string, unknown> => objectAt(body, "", false);

/** `body[key]` as an object, absent meaning `{}` (see {@link objectAt}). */
export const partOf = (body: unknown, key: string): Record<string, unknown> => objectAt(bodyObject(body)[key], key);
