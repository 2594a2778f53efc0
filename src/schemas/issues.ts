import * as z from "zod/mini";
import { CreditBlockError, issue, type Issue } from "../errors/CreditBlockError.js";
import { MESSAGES, type IssueCode, type MessageParams } from "../errors/messages.js";

/**
 * Formats a zod path as the library writes paths: `receivables[3].amount`.
 * @internal
 */
export function formatPath(path: readonly PropertyKey[], base = ""): string {
  let out = base;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

const isIssueCode = (code: unknown): code is IssueCode => typeof code === "string" && Object.hasOwn(MESSAGES, code);

function describeReceived(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && !Number.isFinite(input)) return String(input);
  return typeof input;
}

/**
 * `safeParse` whose issues keep the offending value (`reportInput`), so "wrong type" and
 * "missing" differ. Keeping it costs zod time on every parse, failed or not, so the input is
 * parsed plainly first and again, reporting, only when there is something to report.
 * @internal
 */
export function safeParseReporting<S extends z.core.$ZodType>(schema: S, input: unknown): z.core.util.SafeParseResult<z.output<S>> {
  const plain = z.safeParse(schema, input);
  return plain.success ? plain : z.safeParse(schema, input, { reportInput: true });
}

/** Converts zod issues to the library's {@link Issue}s. @internal */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[], base = ""): Issue[] {
  const out: Issue[] = [];
  for (const zi of zodIssues) {
    const path = formatPath(zi.path, base);
    switch (zi.code) {
      case "invalid_type":
        out.push(zi.input === undefined ? issue(path, "required") : issue(path, "invalid_type", { expected: zi.expected, received: describeReceived(zi.input) }));
        break;
      case "unrecognized_keys":
        for (const key of zi.keys) out.push(issue(formatPath([key], path), "unknown_key", { key }));
        break;
      case "invalid_value":
        out.push(issue(path, "invalid_value", { options: zi.values.map((v) => JSON.stringify(v)).join(", ") }));
        break;
      case "too_small":
        out.push(issue(path, "too_small", { minimum: `${String(zi.minimum)}${zi.origin === "array" ? " items" : zi.origin === "string" ? " characters" : ""}` }));
        break;
      case "too_big":
        out.push(issue(path, "too_big", { maximum: `${String(zi.maximum)}${zi.origin === "array" ? " items" : zi.origin === "string" ? " characters" : ""}` }));
        break;
      case "invalid_format":
        out.push(issue(path, "invalid_format", { format: zi.format === "regex" && "pattern" in zi ? `value matching ${String(zi.pattern)}` : zi.format }));
        break;
      case "invalid_union": {
        if (zi.input === undefined) {
          out.push(issue(path, "required"));
          break;
        }
        // Report the branch that got furthest into the value (e.g. the object form of a scope
        // whose method is misspelt), not a bare "invalid input".
        const branches = "errors" in zi ? zi.errors : [];
        const depth = (list: readonly z.core.$ZodIssue[]): number => Math.max(0, ...list.map((i) => i.path.length + (i.code === "invalid_type" || i.code === "invalid_value" ? 0 : 1)));
        const best = [...branches].sort((a, b) => depth(b) - depth(a))[0];
        if (best && depth(best) > 0) out.push(...fromZodIssues(best, path));
        else out.push(issue(path, "invalid_type", { expected: zi.message === "Invalid input" ? "one of the allowed forms" : zi.message, received: describeReceived(zi.input) }));
        break;
      }
      case "custom": {
        const params = (zi.params ?? {}) as { code?: unknown; params?: MessageParams };
        if (isIssueCode(params.code)) out.push(issue(path, params.code, params.params ?? {}));
        else out.push(issue(path, "invalid_format", { format: "value" }));
        break;
      }
      default:
        out.push(issue(path, "invalid_format", { format: "value" }));
    }
  }
  return out;
}

/**
 * Parses `input` with a schema and returns the parsed copy, or throws one
 * {@link CreditBlockError} listing every issue. The caller's object is never modified.
 *
 * @example
 * ```ts
 * const receivable = parseInput(ReceivableSchema, { id: "t1", amount: 100, dueDate: "2026-11-10" });
 * receivable.amount; // "100.00"
 * ```
 */
export function parseInput<S extends z.core.$ZodType>(schema: S, input: unknown, path = ""): z.output<S> {
  const result = safeParseReporting(schema, input);
  if (result.success) return result.data;
  throw new CreditBlockError("INVALID_INPUT", fromZodIssues(result.error.issues, path));
}

/** What zod hands a refinement or a transform: the value under check and the issues so far. @internal */
export interface IssueSink {
  readonly value: unknown;
  readonly issues: z.core.$ZodRawIssue[];
}

/**
 * Adds one library issue from inside a zod refinement. Later checks still run (`continue`), so
 * one parse lists every problem, as zod's own refinements do.
 * @internal
 */
export function addIssue(ctx: IssueSink, code: IssueCode, params: MessageParams = {}, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: "custom", message: code, params: { code, params }, input: ctx.value, path, continue: true });
}

/**
 * Rejects the value inside a zod transform. zod/mini's transforms have no `addIssue`, so the
 * issue goes onto the payload; it aborts, so the parent's refinements never see a value that
 * failed to transform.
 * @internal
 */
export function rejectValue(ctx: IssueSink, code: IssueCode, params: MessageParams = {}): void {
  ctx.issues.push({ code: "custom", message: code, params: { code, params }, input: ctx.value, path: [] });
}
