/**
 * Sidecar load test: the HTTP server on loopback, N checkout decisions at a given concurrency,
 * through Node's fetch. Prints throughput and latency percentiles.
 */
import { presets } from "../src/index.js";
import { createHandler } from "../src/adapters/http/index.js";
import { serve } from "../src/adapters/node/index.js";
import { benchRequest } from "./engine.js";

export async function benchHttp(total = 10_000, concurrency = 50): Promise<void> {
  console.log(`\n## HTTP sidecar: ${total.toLocaleString("en")} decisions, ${concurrency} concurrent, loopback`);
  const running = await serve({ handler: createHandler({ policy: presets.blockCreditWhenOverdue({ graceDays: 5 }) }), port: 0, log: () => undefined, signals: false });
  const body = JSON.stringify(benchRequest());
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const started = performance.now();
      const r = await fetch(`${running.url}/v1/decide`, { method: "POST", headers: { "content-type": "application/json" }, body });
      await r.arrayBuffer();
      if (r.status !== 200) failures++;
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  await running.close();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2);
  console.log(`  ${(total / seconds).toFixed(0)} requests/s; latency p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms; ${failures} failures`);
}
