// CPU-time measurement for benchmarks on a shared machine: process CPU time (user + system)
// leaves out the time the thread waits for a core. Same scheme as bench/lib/measure.mjs (warm up,
// repeat until minSeconds, report the median run), plus the helpers the CPU-timed benches share.

/** CPU seconds (user + system) spent by one call of `run`. */
export function cpuSeconds(run) {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

/** Median CPU seconds per run: `warmup` untimed runs, then at least `minRuns` runs and `minSeconds` of CPU time. */
export function cpuSecondsPerRun(run, { minSeconds = 0.3, minRuns = 5, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i++) run();
  const times = [];
  let spent = 0;
  while (times.length < minRuns || spent < minSeconds) {
    const t = cpuSeconds(run);
    times.push(t);
    spent += t;
  }
  return median(times);
}

/** Awaits `run()` once: { value, wall (ms), cpu (ms of process CPU time) }. */
export async function timed(run) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await run();
  const c = process.cpuUsage(c0);
  return { value, wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** The median (upper middle for an even count) of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Runs `run` repeatedly for `ms`, then yields so the optimized (tiered-up) code gets installed. */
export async function warm(run, ms = 150) {
  const start = performance.now();
  while (performance.now() - start < ms) run();
  await new Promise((resolve) => setTimeout(resolve, 50));
  run();
}

/** A deterministic Float64Array of values in [−1, 1) from a 32-bit LCG (no dependence on the library). */
export function randomArray(length, seed) {
  const out = new Float64Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
