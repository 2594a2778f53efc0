/**
 * Duplicate names in a JSON object. `JSON.parse` keeps the last of `{"asOf": "2026-01-01",
 * "asOf": "2026-11-23"}` without a word, another reader (a proxy, a log, the POS's own copy) may
 * keep the first: the two then disagree on what was asked. The sidecar refuses such a body,
 * naming the path of each repeated key.
 * @internal
 */
import { issue, MAX_ISSUES, type Issue } from "credit-block";

/** A container being read: an object's keys so far (a list while short, then a set), or an array's index. */
interface Frame {
  readonly array: boolean;
  /** The key or index of the value being read, for paths. */
  key: string | number;
  keys: string[] | Set<string> | null;
}

/** Past this many keys an object's names move from a list (faster when short) to a set. */
const LIST_KEYS = 12;

/** The path of the value being read, written as the library writes paths (`receivables[2].amount`). */
function pathOf(frames: readonly Frame[]): string {
  let out = "";
  for (const f of frames) out += typeof f.key === "number" ? `[${f.key}]` : out === "" ? f.key : `.${f.key}`;
  return out;
}

/** Index of the quote that closes the string opening at `start` (a quote preceded by an odd run of backslashes is escaped). */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    if (end === -1) return text.length; // not JSON.parse's text: stop rather than loop
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 0x5c /* \ */) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/** Whether `keys` already holds `key`, adding it if not. */
function seenBefore(frame: Frame, key: string): boolean {
  const keys = frame.keys;
  if (keys === null) {
    frame.keys = [key];
    return false;
  }
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return true;
    keys.push(key);
    if (keys.length > LIST_KEYS) frame.keys = new Set(keys);
    return false;
  }
  if (keys.has(key)) return true;
  keys.add(key);
  return false;
}

/**
 * A `json.duplicate_key` issue at the path of every key that repeats a name already given in
 * the same object, compared as JSON reads them (`"a"` and `"\u0061"` are one name). `text` must
 * be JSON that `JSON.parse` accepted: this is no parser, only a walk over its strings and
 * brackets. At most {@link MAX_ISSUES} + 1 issues (the error caps the list anyway).
 *
 * @example
 * ```ts
 * duplicateKeyIssues('{"customer": {"id": "c1", "id": "c2"}}'); // [{ path: "customer.id", code: "json.duplicate_key", ... }]
 * ```
 */
export function duplicateKeyIssues(text: string): Issue[] {
  const issues: Issue[] = [];
  const frames: Frame[] = [];
  let expectKey = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const top = frames[frames.length - 1] as Frame;
        top.key = key;
        if (seenBefore(top, key)) {
          issues.push(issue(pathOf(frames), "json.duplicate_key", { key }));
          if (issues.length > MAX_ISSUES) return issues;
        }
        expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b /* { */) {
      frames.push({ array: false, key: "", keys: null });
      expectKey = true;
      i++;
    } else if (c === 0x5b /* [ */) {
      frames.push({ array: true, key: 0, keys: null });
      i++;
    } else if (c === 0x7d || c === 0x5d /* } ] */) {
      frames.pop();
      expectKey = false;
      i++;
    } else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1] as Frame;
      if (top.array) top.key = (top.key as number) + 1;
      else expectKey = true;
      i++;
    } else i++;
  }
  return issues;
}
