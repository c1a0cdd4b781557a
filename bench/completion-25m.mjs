// Matrix completion at MovieLens-25M size, phase by phase: the whole pipeline a user runs on
// ratings-shaped data of 162,541 users × 59,047 items with 25,000,095 ratings (the shape of
// ml-25m), and the event loop's largest gap while completeMatrix runs.
//
// Data (seeded): positions from powerLawSample (exponent 0.7 for users and items); rating =
// 3.5 + user bias N(0, 0.3²) + item bias N(0, 0.4²) + rank-10 signal (RMS 0.8, condition 2,
// randomLowRank) + noise N(0, 0.5²) (observedFromFactors). Then splitObserved (10% held out) and
// completeMatrix: ALS, rank 10, center + bias "both", the default λ, exactly 10 sweeps
// (costTolerance 0, gradientTolerance 0), spectral start.
//
// Phases, each timed as wall clock and as process CPU time (user + system; robust to waiting for
// a core on the shared machine, which the wall clock is not): positions, values, split, the setup
// of completeMatrix (from the call to the start's evaluation: validation into wasm, baseline,
// default λ, spectral start), the 10 sweeps, and the final training RMSE; then the test RMSE.
// Event loop: a 1 ms interval timer runs during completeMatrix; the largest gap between its
// ticks, in wall time and in process CPU time, is the longest the loop was blocked (plus the
// timer's slack). On a loaded machine the wall gap also counts the time the process waited for
// a core; the CPU gap counts only work.
//
// Memory: about 3 GB (the entries, the split copies, the wasm copy by rows and by columns).
// Run after a build: node bench/completion-25m.mjs [--quick]   (--quick: a tenth of the size)
import { cpus, loadavg } from "node:os";
import {
  init, Rng, completeMatrix, randomLowRank, observedFromFactors, powerLawSample, splitObserved,
} from "../dist/benign.js";
import { printTable } from "./lib/table.mjs";

const QUICK = process.argv.includes("--quick");
const SCALE = QUICK ? 0.1 : 1;
const M = Math.round(162_541 * SCALE), N = Math.round(59_047 * SCALE), COUNT = Math.round(25_000_095 * SCALE);
const R = 10, NOISE = 0.5, SWEEPS = 10;

const { binary } = await init();
const load0 = loadavg()[0];
const rows = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Runs `f`, records its wall and CPU seconds under `phase`, returns its value. */
async function timed(phase, f) {
  const w0 = performance.now(), c0 = cpuNow();
  const value = await f();
  rows.push({ phase, "wall s": (performance.now() - w0) / 1000, "CPU s": (cpuNow() - c0) / 1000 });
  return value;
}

const positions = await timed("positions (powerLawSample)", () => powerLawSample(M, N, COUNT, { exponent: 0.7, seed: 1 }));
const ratings = await timed("values (randomLowRank, observedFromFactors, biases)", () => {
  const shape = Array.from({ length: R }, (_, k) => 1 - k / (2 * R));
  const scale = (0.8 * Math.sqrt(M * N)) / Math.sqrt(shape.reduce((s, x) => s + x * x, 0));
  const { U, V } = randomLowRank(M, N, R, { seed: 2, singularValues: shape.map((x) => x * scale) });
  const o = observedFromFactors(U, V, positions, { noise: NOISE, seed: 3 });
  const rng = new Rng(4);
  const userBias = rng.normalArray(M), itemBias = rng.normalArray(N);
  for (let k = 0; k < o.value.length; k++) o.value[k] += 3.5 + 0.3 * userBias[o.row[k]] + 0.4 * itemBias[o.col[k]];
  return o;
});
const { train, test } = await timed("split (splitObserved, 10% test)", () => splitObserved(ratings, { testFraction: 0.1, seed: 5 }));

// completeMatrix with a 1 ms timer measuring the event loop's gaps.
let last = performance.now(), lastCpu = cpuNow(), largestGap = 0, largestCpuGap = 0;
const timer = setInterval(() => {
  const t = performance.now(), c = cpuNow();
  largestGap = Math.max(largestGap, t - last);
  largestCpuGap = Math.max(largestCpuGap, c - lastCpu);
  last = t;
  lastCpu = c;
}, 1);
const sweepTimes = [];
let setupWall = 0, setupCpu = 0, sweepsCpu0 = 0;
const c0 = cpuNow();
const started = performance.now();
const fit = await completeMatrix(train, {
  rank: R, bias: "both", maxIterations: SWEEPS, gradientTolerance: 0, costTolerance: 0,
  onIteration: (info) => {
    if (info.iteration === 0) {
      setupWall = (performance.now() - started) / 1000;
      setupCpu = (cpuNow() - c0) / 1000;
      sweepsCpu0 = cpuNow();
    } else sweepTimes.push(info.time);
  },
});
const endWall = performance.now(), endCpu = cpuNow();
clearInterval(timer);
const sweepsWall = (sweepTimes[sweepTimes.length - 1] - fit.result.history.time[0]) / 1000;
rows.push({ phase: "completeMatrix: setup (validation, baseline, λ, spectral start, start evaluation)", "wall s": setupWall, "CPU s": setupCpu });
rows.push({ phase: `completeMatrix: ${fit.result.iterations} ALS sweeps`, "wall s": sweepsWall, "CPU s": (endCpu - sweepsCpu0) / 1000 });
rows.push({ phase: "completeMatrix: in all", "wall s": (endWall - started) / 1000, "CPU s": (endCpu - c0) / 1000 });

let ss = 0;
const prediction = fit.predictAll(test.row, test.col);
for (let k = 0; k < prediction.length; k++) ss += (prediction[k] - test.value[k]) ** 2;
const total = rows.filter((r) => !r.phase.startsWith("completeMatrix: s") && !r.phase.includes("sweeps"));
const sum = (key) => total.reduce((s, r) => s + r[key], 0);
rows.push({ phase: "pipeline (positions + values + split + completeMatrix)", "wall s": sum("wall s"), "CPU s": sum("CPU s") });

printTable(
  `MovieLens-25M-shaped completion: ${M} × ${N}, ${COUNT} ratings (train ${train.value.length}), ALS rank ${R}, ` +
    `λ = ${fit.lambda.toFixed(3)} (default), center + biases, ${binary} build`,
  rows,
);
console.log(
  `\nLargest event-loop gap during completeMatrix (1 ms timer): ${largestCpuGap.toFixed(0)} ms of CPU time, ` +
    `${largestGap.toFixed(0)} ms of wall time. ` +
    `Per sweep: ${(sweepsWall / Math.max(1, fit.result.iterations)).toFixed(2)} s wall. ` +
    `Train RMSE ${fit.trainRmse.toFixed(4)}, test RMSE ${Math.sqrt(ss / prediction.length).toFixed(4)} (noise σ = ${NOISE}). ` +
    `Node ${process.versions.node}, ${cpus().length} cores, load average ${load0.toFixed(1)} at start, ` +
    `${loadavg()[0].toFixed(1)} at end (shared machine: the CPU times are the robust figures).`,
);
