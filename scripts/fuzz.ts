/** `npm run fuzz`: 100,000 hostile cases over every entry point, 10,000 HTTP bodies, and 1,000 typos sent to a real server. */
import { presets } from "../src/index.js";
import { createHandler } from "../src/adapters/http/index.js";
import { serve } from "../src/adapters/node/index.js";
import { fuzzDuplicateKeys, fuzzHttp, fuzzMisspelledKeys, fuzzProperty, TARGETS } from "../test/fuzz/fuzz.js";

const cases = Number(process.env.FUZZ_CASES ?? 100_000);
const started = performance.now();
fuzzProperty(cases);
const http = await fuzzHttp(Math.round(cases / 10));
const server = await serve({ handler: createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }), now: () => new Date("2026-11-23T15:00:00Z") }), port: 0, log: () => undefined, signals: false });
const typos = await (async () => {
  try {
    return (await fuzzMisspelledKeys(server.url, Math.round(cases / 200))) + (await fuzzDuplicateKeys(server.url, Math.round(cases / 200)));
  } finally {
    await server.close();
  }
})();
console.log(`fuzz: ${cases.toLocaleString("en")} cases over ${Object.keys(TARGETS).length} entry points, ${http.toLocaleString("en")} HTTP bodies and ${typos.toLocaleString("en")} misspelt or repeated keys, 0 failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
