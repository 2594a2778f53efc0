/** `npm run fuzz`: 100,000 hostile cases over every entry point, plus 10,000 HTTP bodies. */
import { fuzzHttp, fuzzProperty, TARGETS } from "../test/fuzz/fuzz.js";

const cases = Number(process.env.FUZZ_CASES ?? 100_000);
const started = performance.now();
fuzzProperty(cases);
const http = await fuzzHttp(Math.round(cases / 10));
console.log(`fuzz: ${cases.toLocaleString("en")} cases over ${Object.keys(TARGETS).length} entry points and ${http.toLocaleString("en")} HTTP bodies, 0 failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
