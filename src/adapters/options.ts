/**
 * Checking an adapter's options where they are given, at start-up: a POS integrator who passes
 * `maxBodyBytes: "1mb"` or a misspelt zone learns it from an error naming the option, not from a
 * limit that silently never applies or a 500 on every checkout.
 * @internal
 */
import { CreditBlockError, issue, type Issue } from "credit-block";

/** What a value is, for an issue's `received`. */
export const kind = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** The error for one argument of the wrong type. */
export const invalidType = (path: string, expected: string, value: unknown): CreditBlockError =>
  new CreditBlockError("INVALID_INPUT", [issue(path, "invalid_type", { expected, received: kind(value) })]);

/** Whether this runtime's Intl knows `zone` as an IANA time zone. */
export function isTimeZone(zone: unknown): boolean {
  if (typeof zone !== "string") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Collects the problems of one options object, then throws them together. */
export class OptionsCheck {
  private readonly issues: Issue[] = [];
  readonly values: Readonly<Record<string, unknown>>;

  constructor(options: unknown, private readonly path = "options") {
    if (typeof options !== "object" || options === null || Array.isArray(options)) throw invalidType(path, "object", options);
    this.values = options as Record<string, unknown>;
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** `key` absent (unless required) or passing `ok`; else an issue expecting `expected`. */
  is(key: string, expected: string, ok: (value: unknown) => boolean, required = false): this {
    const value = this.values[key];
    if (value === undefined ? required : !ok(value)) {
      this.issues.push(value === undefined ? issue(this.at(key), "required") : issue(this.at(key), "invalid_type", { expected, received: kind(value) }));
    }
    return this;
  }

  function(key: string, required = false): this {
    return this.is(key, "function", (v) => typeof v === "function", required);
  }

  string(key: string): this {
    return this.is(key, "string", (v) => typeof v === "string");
  }

  boolean(key: string): this {
    return this.is(key, "boolean", (v) => typeof v === "boolean");
  }

  integer(key: string, minimum: number, maximum: number): this {
    const value = this.values[key];
    if (value === undefined) return this;
    if (typeof value !== "number" || Number.isNaN(value)) this.issues.push(issue(this.at(key), "invalid_type", { expected: "number", received: kind(value) }));
    else if (!Number.isInteger(value)) this.issues.push(issue(this.at(key), "not_integer"));
    else if (value < minimum) this.issues.push(issue(this.at(key), "too_small", { minimum }));
    else if (value > maximum) this.issues.push(issue(this.at(key), "too_big", { maximum }));
    return this;
  }

  oneOf(key: string, options: readonly string[]): this {
    const value = this.values[key];
    if (value !== undefined && !options.includes(value as string)) this.issues.push(issue(this.at(key), "invalid_value", { options: options.map((o) => `"${o}"`).join(", ") }));
    return this;
  }

  /** An IANA zone that this runtime's Intl knows. */
  timeZone(key: string): this {
    const value = this.values[key];
    if (value !== undefined && !isTimeZone(value)) this.issues.push(issue(this.at(key), "invalid_format", { format: "IANA time zone (e.g. America/Sao_Paulo)" }));
    return this;
  }

  /** Throws every problem found, if any. */
  done(): void {
    if (this.issues.length > 0) throw new CreditBlockError("INVALID_INPUT", this.issues);
  }
}
