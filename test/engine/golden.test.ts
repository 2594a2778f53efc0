import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { goldenLines } from "./golden/decisions.js";

const expected = readFileSync(new URL("./golden/decide.jsonl", import.meta.url), "utf8").trimEnd().split("\n");

describe("decide: byte-identical to the golden decisions", () => {
  const actual = goldenLines();

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
