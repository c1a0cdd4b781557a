// What one machine handles, through the public API (docs/scale.md quotes this script's output):
//   1. one core: completeMatrix (ALS, rank 10, spectral start, λ = 0) on m×n matrices with |Ω|
//      entries at uniform random positions (powerLawSample with exponent 0: uniform, no repeats)
//      of a rank-10 matrix plus Gaussian noise σ = 0.1·RMS(M); 10% of the entries are held out.
//      Reported: wall and CPU time of the call (spectral start included; CPU time, user + system of
//      the process, leaves out waiting for a core on a shared machine), ALS sweeps, CPU time per sweep, the
//      test RMSE over σ (≈ 1 at the noise floor), and the wasm arena's peak bytes per observed
//      entry — what bounds one runtime, whose wasm32 memory tops out at 4 GiB;
//   2. all cores: the 10⁴×10⁴, 10⁶-entry solve run by k worker threads at once (k = 1 … cores),
//      each its own runtime — how the cores are used today (independent solves: folds, λ grids,
//      sweeps), started together once every worker has built its problem; reported as solves
//      per minute from the slowest solve;
//   3. kernel rates on one core: gemm 1024×1024 (GFLOP/s), a complex FFT of 2²⁰ points, the
//      sampled product P_Ω(UVᵀ) at r = 10 (entries per second).
// Times are wall-clock medians on a machine other jobs share: read them as orders of magnitude.
// Usage: node --experimental-wasm-relaxed-simd bench/scale.mjs [--quick]
import { availableParallelism } from "node:os";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import {
  init, runtime, randomLowRank, powerLawSample, observedFromFactors, splitObserved, completeMatrix, testRmse,
  gemm, fft, sampledProduct, matrix, Rng,
} from "../dist/benign.js";
import { printTable } from "./lib/table.mjs";
import { median } from "./lib/cpu.mjs";

const QUICK = process.argv.includes("--quick");
const RANK = 10;
const SIZES = QUICK
  ? [[1_000, 1_000, 50_000]]
  : [[1_000, 1_000, 50_000], [10_000, 10_000, 1_000_000], [30_000, 30_000, 4_000_000]];
const PARALLEL_SIZE = QUICK ? [1_000, 1_000, 50_000] : [10_000, 10_000, 1_000_000];
const MAX_SWEEPS = 25;

/** A completion problem: a rank-10 m×n matrix, |Ω| noisy entries split 90/10 into train and test. */
function problem([m, n, count], seed) {
  const truth = randomLowRank(m, n, RANK, { seed, condition: 2 });
  const scale = Math.sqrt(truth.singularValues.reduce((s, v) => s + v * v, 0) / (m * n)); // RMS(M) = ‖M‖_F/√(mn)
  const positions = powerLawSample(m, n, count, { exponent: 0, seed: seed + 1 });
  const sigma = 0.1 * scale;
  const observed = observedFromFactors(truth.U, truth.V, positions, { noise: sigma, seed: seed + 2 });
  const { train, test } = splitObserved(observed, { testFraction: 0.1, seed: seed + 3 });
  return { train, test, sigma };
}

/** One completeMatrix solve of a prepared problem: wall ms, sweeps, reason, test RMSE/σ, peak arena bytes. */
async function solve({ train, test, sigma }, seed) {
  const { arena } = runtime();
  arena.resetPeak();
  const base = arena.stats().bytesLive;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const fit = await completeMatrix(train, { rank: RANK, maxIterations: MAX_SWEEPS, gradientTolerance: 1e-8, seed });
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return {
    ms, cpuMs: (user + system) / 1000, sweeps: fit.result.iterations, reason: fit.result.reason,
    rmseOverSigma: testRmse(fit.U, fit.V, test) / sigma,
    peakBytes: arena.stats().peakBytes - base, entries: train.value.length,
  };
}

if (!isMainThread) {
  // A worker prepares its problem, says so, and solves when the main thread says "go".
  await init();
  const prepared = problem(workerData.size, workerData.seed);
  parentPort.postMessage("ready");
  await new Promise((resolve) => parentPort.once("message", resolve));
  parentPort.postMessage(await solve(prepared, workerData.seed));
} else {
  const features = await init();
  console.log(`benign scale: ${features.binary} build, ${availableParallelism()} cores reported${QUICK ? " (quick)" : ""}`);

  // 1. One core, growing sizes.
  const rows = [];
  for (const size of SIZES) {
    const r = await solve(problem(size, 7), 7);
    rows.push({
      "m × n": `${size[0]} × ${size[1]}`, "|Ω| train": r.entries, "wall s": r.ms / 1000, "CPU s": r.cpuMs / 1000,
      sweeps: r.sweeps, "CPU ms / sweep": r.cpuMs / Math.max(1, r.sweeps), "test RMSE / σ": r.rmseOverSigma,
      "peak MiB": r.peakBytes / 2 ** 20, "bytes / entry": r.peakBytes / r.entries, reason: r.reason,
    });
  }
  printTable("completeMatrix, ALS rank 10, one core (times include the spectral start)", rows);

  // 2. All cores: k independent solves at once, each in its own worker (its own runtime).
  const parallel = [];
  for (let k = 1; k <= availableParallelism(); k++) {
    const workers = Array.from({ length: k }, (_, i) => new Worker(new URL(import.meta.url), { workerData: { size: PARALLEL_SIZE, seed: 11 + i } }));
    const next = (worker) => new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await Promise.all(workers.map(next)); // every problem prepared
    const results = workers.map(next);
    for (const worker of workers) worker.postMessage("go");
    const ms = (await Promise.all(results)).map((r) => r.ms);
    await Promise.all(workers.map((worker) => worker.terminate()));
    const slowest = Math.max(...ms) / 1000;
    parallel.push({ workers: k, "slowest solve s": slowest, "median solve s": median(ms) / 1000, "solves / min": (60 * k) / slowest });
  }
  printTable(`independent solves of ${PARALLEL_SIZE[0]} × ${PARALLEL_SIZE[1]}, ${PARALLEL_SIZE[2]} entries, in k worker threads at once`, parallel);

  // 3. Kernel rates (median of 5 runs after one warm-up).
  const timed = (run) => {
    run();
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      run();
      times.push(performance.now() - t);
    }
    return median(times) / 1000;
  };
  const rng = new Rng(3);
  const N = 1024;
  const A = matrix(N, N, rng.normalArray(N * N)), B = matrix(N, N, rng.normalArray(N * N));
  const gemmSeconds = timed(() => gemm(A, B));
  const F = 2 ** 20;
  const re = rng.normalArray(F), im = rng.normalArray(F);
  const fftSeconds = timed(() => fft(re, im));
  const m = 100_000, n = 100_000, count = 1_000_000;
  const U = matrix(m, RANK, rng.normalArray(m * RANK)), V = matrix(n, RANK, rng.normalArray(n * RANK));
  const row = Int32Array.from({ length: count }, () => rng.integer(m));
  const col = Int32Array.from({ length: count }, () => rng.integer(n));
  const sampledSeconds = timed(() => sampledProduct(U, V, row, col));
  printTable("kernel rates, one core (copies in and out of wasm memory included)", [
    { kernel: "gemm 1024 × 1024", time_ms: gemmSeconds * 1000, rate: `${((2 * N ** 3) / gemmSeconds / 1e9).toFixed(1)} GFLOP/s` },
    { kernel: "fft 2^20 complex", time_ms: fftSeconds * 1000, rate: `${((5 * F * Math.log2(F)) / fftSeconds / 1e9).toFixed(1)} GFLOP/s (5n·log₂n)` },
    { kernel: "sampledProduct r = 10", time_ms: sampledSeconds * 1000, rate: `${(count / sampledSeconds / 1e6).toFixed(0)} M entries/s` },
  ]);
}
