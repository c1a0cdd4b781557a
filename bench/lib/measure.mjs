// Timing for benchmarks: warm up, then repeat a run until enough time has passed, and report
// the median seconds per run (robust to a stray slow run on a shared machine).
import { median } from "./cpu.mjs";

export function secondsPerRun(run, { minSeconds = 0.3, minRuns = 5, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) run();
  const times = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start) / 1000 < minSeconds) {
    const t0 = performance.now();
    run();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}
