// gemm throughput: the wasm kernel (pointer level, pre-allocated buffers) as GFLOP/s = 2mnk/t
// and as % of the `blasPeak` multiply-add loop of the same build measured in the same run,
// beside a plain-JS i-k-j loop on Float64Array and ml-matrix's mmul; then the wrapper (with its
// copies in and out) for a few sizes. Run after a build:
//   node --experimental-wasm-relaxed-simd bench/gemm.mjs
import { Matrix as MlMatrix } from "ml-matrix";
import { gemm, init, kernels, runtime, supportedBinaries } from "../dist/benign.js";
import { printTable } from "./lib/table.mjs";
import { cpuSecondsPerRun, median, randomArray, warm } from "./lib/cpu.mjs";

const SHAPES = [
  [64, 64, 64],
  [128, 128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [1024, 1024, 1024],
  [2000, 10, 2000], // (2000×10)·(10×2000): a rank-10 outer product, C-write bound
  [2000, 2000, 10], // (2000×2000)·(2000×10): a thin right-hand side
];
const WRAPPER_SHAPES = [
  [256, 256, 256],
  [1024, 1024, 1024],
  [2000, 10, 2000],
];
const SKIP_SECONDS = 3; // plain JS / ml-matrix are skipped where one run would take longer

// Timed in process CPU time (the machine is shared): see bench/lib/cpu.mjs.
const secondsPerRun = cpuSecondsPerRun;

const label = ([m, k, n]) => `${m}×${k}·${k}×${n}`;
const gflops = ([m, k, n], seconds) => (2 * m * n * k) / seconds / 1e9;

// C = A·B, i-k-j order on row-major Float64Arrays: the fastest plain loop order in JS.
function jsGemm(m, k, n, a, b, c) {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

// --- plain JS and ml-matrix, once per shape (independent of the wasm build) -----------------
const baseline = new Map();
{
  let jsSkip = false;
  let mlSkip = false;
  for (const shape of SHAPES) {
    const [m, k, n] = shape;
    const a = randomArray(m * k, 1);
    const b = randomArray(k * n, 2);
    const c = new Float64Array(m * n);
    const flops = 2 * m * n * k;
    let js = null;
    let ml = null;
    if (!jsSkip || flops < 5e8) {
      const once = timeOnce(() => jsGemm(m, k, n, a, b, c));
      js = once > 1 ? gflops(shape, once) : gflops(shape, secondsPerRun(() => jsGemm(m, k, n, a, b, c), { minRuns: 3, warmup: 1 }));
      if (once * 8 > SKIP_SECONDS) jsSkip = true;
    }
    if (!mlSkip || flops < 5e8) {
      const am = new MlMatrix(m, k);
      const bm = new MlMatrix(k, n);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) am.set(i, p, a[i * k + p]);
      for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bm.set(p, j, b[p * n + j]);
      const once = timeOnce(() => am.mmul(bm));
      ml = once > 1 ? gflops(shape, once) : gflops(shape, secondsPerRun(() => am.mmul(bm), { minRuns: 3, warmup: 1 }));
      if (once * 8 > SKIP_SECONDS) mlSkip = true;
    }
    baseline.set(label(shape), { js, ml });
  }
}

// "median (count/rounds)" of the % peak over the rounds whose L1 kernel ran at ≥ 88% of peak.
function quietMedian(ratios, ceilings) {
  const quiet = ratios.filter((_, i) => ceilings[i] >= 0.88);
  return quiet.length ? `${(100 * median(quiet)).toFixed(1)} (${quiet.length}/${ratios.length})` : `- (0/${ratios.length})`;
}

function timeOnce(run) {
  const t0 = process.cpuUsage();
  run();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

// --- wasm builds ------------------------------------------------------------------------------
const builds = supportedBinaries().filter((b) => b !== "scalar");
const kernelRows = [];
const wrapperRows = [];
for (const binary of builds) {
  await init({ binary });
  const k = kernels();
  const { gemm: gemmKernel, gemmWorkspaceSize, blasPeak, blasPeakFlopsPerIteration } = k;
  const arena = runtime().arena;
  const px = arena.f64(8);
  px.view.fill(0.5); // blasPeak multiplies by x[0]; 0.5 keeps its chains at 1
  const peakIterations = 1e6;
  const peakFlops = blasPeakFlopsPerIteration() * peakIterations;
  // Tier up the peak loop (wasm starts in the baseline compiler and has no on-stack replacement).
  await warm(() => blasPeak(1000, px.ptr));
  const measurePeak = () => peakFlops / secondsPerRun(() => blasPeak(peakIterations, px.ptr), { minSeconds: 0.05, minRuns: 3 }) / 1e9;
  // The micro-kernel alone on L1-resident slivers: the ceiling of gemm at this moment. On this
  // shared VM it moves between ~96% and ~72% of the peak loop (the peak loop, which does no
  // loads, does not move), and gemm moves with it.
  const ka = arena.f64From(randomArray(k.blasKernelCeilingSizeA(), 3));
  const kb = arena.f64From(randomArray(k.blasKernelCeilingSizeB(), 4));
  const kt = arena.f64(64);
  const ceilingCalls = 2000;
  const ceilingFlops = k.blasKernelCeilingFlopsPerCall() * ceilingCalls;
  const runCeiling = () => k.blasKernelCeiling(ceilingCalls, ka.ptr, kb.ptr, kt.ptr);
  await warm(runCeiling);
  const measureCeiling = () => ceilingFlops / secondsPerRun(runCeiling, { minSeconds: 0.03, minRuns: 3 }) / 1e9;

  for (const shape of SHAPES) {
    const [m, k, n] = shape;
    const a = arena.f64From(randomArray(m * k, 1));
    const b = arena.f64From(randomArray(k * n, 2));
    const c = arena.f64(m * n);
    const w = arena.f64(gemmWorkspaceSize(m, n, k));
    const run = () => gemmKernel(0, 0, m, n, k, 1, a.ptr, k, b.ptr, n, 0, c.ptr, n, w.ptr);
    await warm(run);
    // Peak loop and kernel alternate, so each ratio compares runs close in time; the table
    // shows the medians of the rounds.
    const gs = [];
    const peaks = [];
    const ratios = [];
    const ceilings = [];
    for (let round = 0; round < 7; round++) {
      const p = measurePeak();
      const c0 = measureCeiling();
      const g = gflops(shape, secondsPerRun(run, { minSeconds: 0.1, minRuns: 3, warmup: 1 }));
      const c1 = measureCeiling();
      gs.push(g);
      peaks.push(p);
      ratios.push(g / p);
      ceilings.push((c0 + c1) / 2 / p);
    }
    const g = median(gs);
    const peak = median(peaks);
    const { js, ml } = baseline.get(label(shape));
    kernelRows.push({
      shape: label(shape),
      build: binary,
      "GFLOP/s": g,
      "peak GFLOP/s": peak,
      "% peak": 100 * median(ratios),
      // On the shared machine gemm alternates between a fast and a slow mode (about 80% and
      // 60% of peak for the same code, while the peak loop stays put; the L1 kernel column
      // shows which), so the best round is shown beside the median.
      "best % peak": 100 * Math.max(...ratios),
      "L1 kernel % peak": 100 * median(ceilings),
      // Rounds in which the L1 kernel ran at ≥ 88% of the peak loop (the machine's quiet mode).
      "% peak, quiet rounds": quietMedian(ratios, ceilings),
      "÷ L1 kernel": median(ratios.map((r, i) => r / ceilings[i])),
      "JS i-k-j": js ?? "skipped",
      "× JS": js ? g / js : "-",
      "ml-matrix": ml ?? "skipped",
      "× ml-matrix": ml ? g / ml : "-",
    });
    for (const buffer of [a, b, c, w]) buffer.dispose();
  }
  for (const buffer of [ka, kb, kt]) buffer.dispose();

  for (const shape of WRAPPER_SHAPES) {
    const [m, k, n] = shape;
    const A = { rows: m, cols: k, data: randomArray(m * k, 1) };
    const B = { rows: k, cols: n, data: randomArray(k * n, 2) };
    const run = () => gemm(A, B);
    await warm(run);
    const g = gflops(shape, secondsPerRun(run, { minSeconds: 0.4, minRuns: 3 }));
    const kernel = kernelRows.find((r) => r.shape === label(shape) && r.build === binary)["GFLOP/s"];
    wrapperRows.push({ shape: label(shape), build: binary, "wrapper GFLOP/s": g, "kernel GFLOP/s": kernel, "wrapper / kernel": g / kernel });
  }
  px.dispose();
}

printTable("gemm kernel on pre-allocated wasm buffers (C = A·B, median CPU time of runs; % peak = median over 7 rounds of kernel / blasPeak loop of the same build, run alternately; L1 kernel = the micro-kernel alone on L1-resident slivers in the same rounds)", kernelRows);
printTable("gemm wrapper gemm(A, B) including copies in and out", wrapperRows);
console.log(`\nplain JS / ml-matrix: "skipped" where one run would take over ~${SKIP_SECONDS} s.`);

