import { describe, expect, it } from "vitest";
import { fuzzHttp, fuzzProperty, TARGETS } from "./fuzz.js";

/** A sample of the nightly fuzz (`npm run fuzz` runs 100,000 cases). */
describe("fuzzing every public entry point with hostile input", () => {
  it(`${Object.keys(TARGETS).length} entry points answer a result or a CreditBlockError, never mutate, never pollute`, () => {
    expect(fuzzProperty(3_000)).toBe(3_000);
  });

  it("the HTTP handler never answers 5xx", async () => {
    expect(await fuzzHttp(500)).toBe(500);
  });
});
