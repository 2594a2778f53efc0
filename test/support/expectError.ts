import { expect } from "vitest";
import { CreditBlockError, type Issue } from "credit-block";

/** Runs `fn` and returns the error it throws, after checking it is a CreditBlockError (or `kind`). */
export function errorOf<E extends CreditBlockError = CreditBlockError>(fn: () => unknown, kind?: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CreditBlockError);
    if (kind) expect(error).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error("expected a CreditBlockError, but the call returned");
}

/** Runs `fn`, expects a CreditBlockError and returns its issues. */
export function issuesOf(fn: () => unknown): readonly Issue[] {
  return errorOf(fn).issues;
}

/** Expects a CreditBlockError with an issue at `path` (and with `code`, when given). */
export function expectIssue(fn: () => unknown, path: string, code?: string): void {
  const issues = issuesOf(fn);
  const match = issues.find((i) => i.path === path && (code === undefined || i.code === code));
  expect(match, `no issue at ${path}${code ? ` with ${code}` : ""} in ${JSON.stringify(issues)}`).toBeDefined();
}

/** A deep, structure-preserving snapshot for "not mutated" checks. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
