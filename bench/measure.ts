/** Minimal timing helpers: warm-up, then the median of several runs, from the same process. */
export interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number[];
}

export function measure(name: string, fn: () => unknown, runs = 5, warmup = 2): Measurement {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { name, medianMs: sorted[Math.floor(sorted.length / 2)] as number, runs: times };
}

export function report(baseline: Measurement, subject: Measurement, targets: { maxRatio?: number; maxMs?: number } = {}): void {
  const ratio = subject.medianMs / baseline.medianMs;
  console.log(`  ${baseline.name.padEnd(40)} ${baseline.medianMs.toFixed(1).padStart(9)} ms (baseline)`);
  console.log(`  ${subject.name.padEnd(40)} ${subject.medianMs.toFixed(1).padStart(9)} ms  = ${ratio.toFixed(2)}× baseline`);
  const verdicts: string[] = [];
  if (targets.maxRatio !== undefined) verdicts.push(`ratio ≤ ${targets.maxRatio}×: ${ratio <= targets.maxRatio ? "met" : "MISSED"}`);
  if (targets.maxMs !== undefined) verdicts.push(`time ≤ ${targets.maxMs} ms: ${subject.medianMs <= targets.maxMs ? "met" : "MISSED"}`);
  if (verdicts.length > 0) console.log(`  targets: ${verdicts.join("; ")}`);
}
