import { renderMessage, type IssueCode, type Locale, type MessageParams } from "./messages.js";
import { IdTable } from "./idTable.js";

/**
 * One problem found in an input: where (`path`, e.g. `receivables[2].amount`), what (`message`),
 * and a stable `code` with its `params` for callers that render their own text.
 * Plain data: it survives `JSON.stringify` unchanged.
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
  readonly code: IssueCode;
  readonly params?: MessageParams;
}

/**
 * The most issues a {@link CreditBlockError} lists. Past it, one `too_many_issues` issue says how
 * many more were found (and how many items were left unchecked when checking stopped early), so
 * 50,000 bad rows give a short answer, not megabytes of the same message.
 *
 * @example
 * ```ts
 * const error = new CreditBlockError("INVALID_INPUT", Array.from({ length: 250 }, (_, i) => issue(`values[${i}]`, "required")));
 * error.issues.length;              // 101 (MAX_ISSUES + 1)
 * error.issues[MAX_ISSUES]?.params; // { shown: 100, count: 150, unchecked: 0 }
 * ```
 */
export const MAX_ISSUES = 100;

/** Stable error codes of {@link CreditBlockError}. */
export type ErrorCode = "INVALID_INPUT" | "INVALID_POLICY" | "SALE_BLOCKED";

/**
 * The one error class the library throws for bad input. It lists every issue found, not just
 * the first, each naming the field and the reason.
 *
 * @example
 * ```ts
 * try {
 *   toMoney("12.345");
 * } catch (error) {
 *   if (error instanceof CreditBlockError) {
 *     error.code;              // "INVALID_INPUT"
 *     error.issues[0]?.path;   // "value"
 *     error.localized("pt-BR")[0]?.message;
 *   }
 * }
 * ```
 */
export class CreditBlockError extends Error {
  override readonly name: string = "CreditBlockError";
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, issues: readonly Issue[], summary?: string) {
    const listed = capIssues(issues);
    super(summary ?? summarize(code, listed));
    this.code = code;
    this.issues = Object.freeze(listed.map((issue) => Object.freeze({ ...issue })));
  }

  /** The same issues with messages in another locale. */
  localized(locale: Locale): Issue[] {
    return localizeIssues(this.issues, locale);
  }

  /** Serialisable form, e.g. for an HTTP problem body. */
  toJSON(): { name: string; code: ErrorCode; message: string; issues: readonly Issue[] } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}

/**
 * The first {@link MAX_ISSUES} issues, then one `too_many_issues` issue whose `count` is the
 * number of issues not listed. A producer that stopped checking early leaves a
 * `checking_stopped` issue (not itself counted); its `unchecked` count of items nobody looked at
 * is carried into the summary issue. A `too_many_issues` among the rest (an error rebuilt from
 * another's issues) adds its own counts, so nothing is counted twice or lost: a producer may
 * cap a part of its issues early (so the list stays small enough to spread) and the error
 * still counts them all.
 * @internal
 */
export function capIssues(issues: readonly Issue[]): readonly Issue[] {
  // Cheap when nothing is over: most errors have a handful of issues.
  let over = issues.length > MAX_ISSUES;
  for (let i = 0; !over && i < issues.length; i++) over = (issues[i] as Issue).code === "too_many_issues" || (issues[i] as Issue).code === "checking_stopped";
  if (!over) return issues;
  const listed: Issue[] = [];
  let count = 0;
  let unchecked: number | "?" = 0; // "?": a stream that stopped does not know how much was left
  for (const item of issues) {
    const marker = item.code === "too_many_issues" || item.code === "checking_stopped";
    if (item.code === "too_many_issues") count += Number(item.params?.count ?? 0);
    else if (!marker && listed.length < MAX_ISSUES) listed.push(item);
    else if (!marker) count++;
    const left = marker ? item.params?.unchecked : undefined;
    if (left === "?" || unchecked === "?") unchecked = left === undefined ? unchecked : "?";
    else if (typeof left === "number") unchecked += left;
  }
  if (count === 0 && unchecked === 0) return listed;
  return [...listed, issue("", "too_many_issues", { shown: listed.length, count, unchecked })];
}

/**
 * True once a producer has found more issues than a {@link CreditBlockError} lists: it may stop
 * checking and record `checking_stopped` with the count of items it did not look at.
 * @internal
 */
export const issuesFull = (issues: readonly Issue[]): boolean => issues.length > MAX_ISSUES;

/**
 * The one check for an id listed twice in a list of títulos (decide, the checkout schema, aging,
 * facts, payoff, profile, collection): a título counted twice would double a balance, a payoff
 * or a reminder. `check` remembers where each id was first seen and gives, for each repeat, the
 * `duplicate_id` issue at `<path>[index].id` naming the first occurrence.
 *
 * @example
 * ```ts
 * const ids = new DuplicateIds("receivables");
 * ids.check("t1", 0); // undefined
 * ids.check("t1", 2); // { path: "receivables[2].id", code: "duplicate_id", params: { id: "t1", first: "receivables[0]" }, ... }
 * ```
 * @internal
 */
export class DuplicateIds {
  /** A checkout's few títulos stay in a Map; a ledger moves to the packed table past SMALL ids. */
  private small: Map<string, number> | undefined = new Map();
  private table: IdTable | undefined;
  private static readonly SMALL = 4096;

  constructor(private readonly path: string) {}

  /** Undefined the first time `id` is seen (then remembered at `index`); its issue after that. */
  check(id: string, index: number): Issue | undefined {
    let first: number;
    if (this.small !== undefined) {
      const seen = this.small.get(id);
      if (seen === undefined) {
        this.small.set(id, index);
        if (this.small.size > DuplicateIds.SMALL) this.pack(this.small);
        return undefined;
      }
      first = seen;
    } else {
      first = (this.table as IdTable).firstIndex(id, index);
      if (first === -1) return undefined;
    }
    return issue(`${this.path}[${index}].id`, "duplicate_id", { id, first: `${this.path}[${first}]` });
  }

  private pack(small: Map<string, number>): void {
    const table = new IdTable();
    for (const [id, index] of small) table.firstIndex(id, index);
    this.table = table;
    this.small = undefined;
  }
}

function summarize(code: ErrorCode, issues: readonly Issue[]): string {
  const head = code === "INVALID_POLICY" ? "Invalid policy" : code === "SALE_BLOCKED" ? "Sale blocked" : "Invalid input";
  const listed = issues.slice(0, 5).map((i) => `${i.path || "(root)"}: ${i.message}`);
  const last = issues[issues.length - 1];
  const total = last?.code === "too_many_issues" ? issues.length - 1 + Number(last.params?.count ?? 0) : issues.length;
  const more = total > 5 ? `; and ${total - 5} more` : "";
  return `${head}: ${listed.join("; ")}${more}`;
}

/**
 * Builds an {@link Issue}, rendering its message from the catalogue.
 *
 * @example
 * ```ts
 * issue("receivables[0].dueDate", "date.impossible", { value: "2026-02-30" });
 * // { path: "receivables[0].dueDate", code: "date.impossible", message: "2026-02-30 does not exist in the calendar", ... }
 * ```
 */
export function issue(path: string, code: IssueCode, params: MessageParams = {}, locale: Locale = "en"): Issue {
  return { path, code, params, message: renderMessage(code, params, locale) };
}

/**
 * Re-renders issues in another locale (their `code` and `params` are kept).
 *
 * @example
 * ```ts
 * localizeIssues(error.issues, "pt-BR");
 * ```
 */
export function localizeIssues(issues: readonly Issue[], locale: Locale): Issue[] {
  return issues.map((i) => ({ ...i, message: renderMessage(i.code, i.params ?? {}, locale) }));
}

/**
 * Throws a {@link CreditBlockError} with one issue. Internal convenience for the primitives.
 * @internal
 */
export function fail(path: string, code: IssueCode, params: MessageParams = {}): never {
  throw new CreditBlockError("INVALID_INPUT", [issue(path, code, params)]);
}
