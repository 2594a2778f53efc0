/**
 * `npm run bench`: every benchmark, each printing its baseline from the same run.
 * Run with --expose-gc to also print memory figures.
 */
import { benchAging } from "./aging.js";
import { benchCsv } from "./csv.js";
import { benchEngine } from "./engine.js";
import { benchHttp } from "./http.js";
import { benchReplay } from "./replay.js";
import { benchSource } from "./source.js";

console.log(`credit-block benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
const only = process.argv[2];
if (!only || only === "aging") benchAging(Number(process.env.BENCH_AGING_ROWS ?? 1_000_000));
if (!only || only === "csv") await benchCsv(Number(process.env.BENCH_CSV_ROWS ?? 1_000_000));
if (!only || only === "engine") await benchEngine();
if (!only || only === "http") await benchHttp();
if (!only || only === "source") await benchSource();
if (!only || only === "replay") await benchReplay(Number(process.env.BENCH_REPLAY_SALES ?? 1_000_000), Number(process.env.BENCH_REPLAY_CUSTOMERS ?? 100_000));
