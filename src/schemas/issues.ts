import * as z from "zod/mini";
import { capIssues, CreditBlockError, issue, MAX_ISSUES, type Issue } from "../errors/CreditBlockError.js";
import { MESSAGES, type IssueCode, type MessageParams } from "../errors/messages.js";

/**
 * Formats a zod path as the library writes paths: `receivables[3].amount`.
 * @internal
 */
function formatPath(path: readonly PropertyKey[], base = ""): string {
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
  try {
    const plain = z.safeParse(schema, input);
    return plain.success ? plain : z.safeParse(schema, input, { reportInput: true });
  } catch (error) {
    // zod hands a list's issues up with one `push(...issues)`: past ~10^5 of them (50,000 bad
    // receivables in a CheckoutRequestSchema) that overflows the stack, as does a value nested
    // thousands deep. The caller still gets issues, and only a CreditBlockError.
    if (!(error instanceof RangeError)) throw error;
    const issues: z.core.$ZodIssue[] = [];
    boundedIssues(schema, input, [], issues, 0);
    if (issues.length === 0) issues.push({ code: "custom", message: "too_complex", params: { code: "too_complex", params: {} }, input: undefined, path: [] });
    // A plain { issues } rather than `new z.core.$ZodError`: naming zod's core namespace as a
    // value pulls all of it into every bundle (+60 kB brotli); callers read `error.issues` only.
    return { success: false, error: { issues } } as unknown as z.core.util.SafeParseResult<z.output<S>>;
  }
}

/** How deep {@link boundedIssues} walks objects and lists before giving up on a value. */
const MAX_WALK_DEPTH = 32;

/**
 * The issues of `input` found by walking the schema: a list item by item (stopping with
 * `checking_stopped` once an error is full), any other value parsed whole, and an object whose
 * whole parse overflows key by key. What still overflows, or lies deeper than
 * {@link MAX_WALK_DEPTH}, is one `too_complex` issue. The cross-field checks of an object walked
 * through are skipped: the list of issues is full anyway.
 */
function boundedIssues(schema: z.core.$ZodType, input: unknown, path: PropertyKey[], out: z.core.$ZodIssue[], depth: number): void {
  const marker = (code: "checking_stopped" | "too_complex", at: PropertyKey[], params: MessageParams = {}): void => {
    out.push({ code: "custom", message: code, params: { code, params }, input: undefined, path: at });
  };
  let node = schema;
  let def = node._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; getter?: () => z.core.$ZodType };
  // Wrappers around the value's own schema: an absent optional value has nothing to check.
  for (;;) {
    if ((def.type === "optional" && input === undefined) || (def.type === "nullable" && input === null)) return;
    const inner = def.type === "optional" || def.type === "nullable" ? def.innerType : def.type === "pipe" ? def.in : def.type === "lazy" ? def.getter?.() : undefined;
    if (inner === undefined) break;
    node = inner;
    def = node._zod.def;
  }
  const deepest = depth >= MAX_WALK_DEPTH;
  if (!deepest && def.type === "array" && Array.isArray(input)) {
    const element = (def as unknown as { element: z.core.$ZodType }).element;
    for (let i = 0; i < input.length; i++) {
      if (out.length > MAX_ISSUES) {
        marker("checking_stopped", [...path, i], { unchecked: input.length - i });
        return;
      }
      boundedIssues(element, input[i], [...path, i], out, depth + 1);
    }
    return;
  }
  // The root is known to overflow; below it, most values parse whole at once.
  if (depth > 0) {
    try {
      const result = z.safeParse(node, input, { reportInput: true });
      if (!result.success) for (const found of result.error.issues) out.push({ ...found, path: [...path, ...found.path] });
      return;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
  }
  if (!deepest && def.type === "object" && typeof input === "object" && input !== null && !Array.isArray(input)) {
    const shape = (def as unknown as { shape: Record<string, z.core.$ZodType> }).shape;
    for (const key of Object.keys(shape)) {
      if (out.length > MAX_ISSUES) {
        if (out.at(-1)?.message !== "checking_stopped") marker("checking_stopped", [...path, key], { unchecked: "?" });
        return;
      }
      boundedIssues(shape[key] as z.core.$ZodType, (input as Record<string, unknown>)[key], [...path, key], out, depth + 1);
    }
    return;
  }
  marker("too_complex", path);
}

/**
 * Converts zod issues to the library's {@link Issue}s: at most {@link MAX_ISSUES} and one
 * `too_many_issues` counting the rest (an object with 10^5 unknown keys is one zod issue but
 * 10^5 of ours), so callers can spread the result and the error still counts every one.
 * @internal
 */
export function fromZodIssues(zodIssues: readonly z.core.$ZodIssue[], base = ""): Issue[] {
  const out = zodToIssues(zodIssues, base);
  return out.length > MAX_ISSUES ? [...capIssues(out)] : out;
}

function zodToIssues(zodIssues: readonly z.core.$ZodIssue[], base: string): Issue[] {
  const out: Issue[] = [];
  for (const zi of zodIssues) {
    const path = formatPath(zi.path, base);
    switch (zi.code) {
      case "invalid_type":
        out.push(zi.input === undefined ? issue(path, "required") : issue(path, "invalid_type", { expected: zi.expected, received: describeReceived(zi.input) }));
        break;
      case "unrecognized_keys": {
        // Each key is an issue of ours; past what an error lists, only their count is kept.
        const room = Math.max(0, MAX_ISSUES + 1 - out.length);
        for (const key of zi.keys.slice(0, room)) out.push(issue(formatPath([key], path), "unknown_key", { key }));
        if (zi.keys.length > room) out.push(issue(path, "too_many_issues", { shown: 0, count: zi.keys.length - room, unchecked: 0 }));
        break;
      }
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
        // A loop, not Math.max(...list): a branch may hold 10^5 issues (a long list), more
        // arguments than a call takes; each branch is measured once.
        const branches = "errors" in zi ? zi.errors : [];
        const depth = (list: readonly z.core.$ZodIssue[]): number => {
          let deepest = 0;
          for (const i of list) deepest = Math.max(deepest, i.path.length + (i.code === "invalid_type" || i.code === "invalid_value" ? 0 : 1));
          return deepest;
        };
        let best: readonly z.core.$ZodIssue[] | undefined;
        let bestDepth = 0;
        for (const branch of branches) {
          const d = depth(branch);
          if (best === undefined || d > bestDepth) [best, bestDepth] = [branch, d];
        }
        if (best && bestDepth > 0) for (const found of zodToIssues(best, path)) out.push(found);
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
