import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { goldenLines } from "./golden/decisions.js";

const expected = readFileSync(new URL("./golden/decide.jsonl", import.meta.url), "utf8").trimEnd().split("\n");

/**
 * The golden file was written before the restructure, and before the fact added to show what
 * adding one takes (`daysSinceLastPayment`): that fact is taken out, everything else must match
 * byte for byte. The new fact's values are tested in test/engine/daysSinceLastPayment.test.ts.
 */
function withoutNewFacts(line: string): string {
  const parsed = JSON.parse(line) as { decision?: { facts: Record<string, unknown> } };
  if (parsed.decision === undefined) return line;
  delete parsed.decision.facts.daysSinceLastPayment;
  return JSON.stringify(parsed);
}

describe("decide: byte-identical to the golden decisions", () => {
  const actual = goldenLines().map(withoutNewFacts);

  it("decides as many cases as the golden file holds, valid and invalid", () => {
    expect(actual.length).toBe(expected.length);
    const errors = expected.filter((line) => line.includes('"error":')).length;
    expect(errors).toBeGreaterThan(40);
    expect(expected.length - errors).toBeGreaterThan(300);
  });

  it.each(expected.map((line, i) => [i, line] as const))("line %i", (i, line) => {
    expect(actual[i]).toBe(line);
  });
});
