import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets } from "credit-block";
import { createHandler } from "credit-block/http";
import { serve, type RunningServer } from "credit-block/node";
import { FULL_BODIES, fuzzDuplicateKeys, fuzzHttp, fuzzMisspelledKeys, fuzzProperty, TARGETS } from "./fuzz.js";

/** A sample of the nightly fuzz (`npm run fuzz` runs 100,000 cases). */
describe("fuzzing every public entry point with hostile input", () => {
  it(`${Object.keys(TARGETS).length} entry points answer a result or a CreditBlockError, never mutate, never pollute`, () => {
    expect(fuzzProperty(3_000)).toBe(3_000);
  });

  it("the HTTP handler never answers 5xx", async () => {
    expect(await fuzzHttp(500)).toBe(500);
  });
});

describe("fuzzing the real server with typos: a key misspelt or repeated at any depth is a 422 naming it (#22)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const handler = createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z") });
    server = await serve({ handler, port: 0, log: () => undefined, signals: false });
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(Object.keys(FULL_BODIES))("the full body of %s, with an object wherever it takes one, answers 200", async (route) => {
    const r = await fetch(`${server.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(FULL_BODIES[route]) });
    expect([r.status, r.status === 200 ? "" : await r.text()]).toEqual([200, ""]);
  });

  it("a misspelt key at any depth of any route: 422 with unknown_key at its path", async () => {
    expect(await fuzzMisspelledKeys(server.url, 400)).toBe(400);
  });

  it("a key given twice in any object of any route (escaped or not): 422 with json.duplicate_key at its path", async () => {
    expect(await fuzzDuplicateKeys(server.url, 300)).toBe(300);
  });
});
