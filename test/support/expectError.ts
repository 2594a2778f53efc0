import { expect } from "vitest";
import { CreditBlockError, type Issue } from "credit-block";

/** Runs `fn`, expects a CreditBlockError and returns its issues. */
export function issuesOf(fn: () => unknown): readonly Issue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CreditBlockError);
    return (error as CreditBlockError).issues;
  }
  throw new Error("expected a CreditBlockError, but the call returned");
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
