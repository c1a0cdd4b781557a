// FFT benchmarks: complex FFT, real FFT and circular convolution of benign (simd and
// relaxed-simd builds) next to fft.js, timed on pre-allocated wasm buffers with plans made
// once (as the wrappers' plan cache does). GFLOP/s use the conventional counts 5·n·log2(n)
// per complex transform and 2.5·n·log2(n) per real one; a convolution is counted as three
// real transforms (7.5·n·log2(n)). Awkward lengths are compared by time per n·log2(n) with
// the nearest power of two. The last table measures the direct/FFT crossover of the
// convolution cost model (src/kernels/fft/cost.ts).
// Run: node --experimental-wasm-relaxed-simd bench/fft.mjs   (after node scripts/build.mjs)
// Flags: --quick (fewer sizes), --crossover (only the crossover tables), --awkward (only the
// awkward-length table, with plan creation times).
import FFT from "fft.js";
import { init, runtime, supportedBinaries } from "../dist/benign.js";
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

const quick = process.argv.includes("--quick");
const onlyCrossover = process.argv.includes("--crossover");
const onlyAwkward = process.argv.includes("--awkward");
const builds = supportedBinaries().filter((b) => b !== "scalar");
const runtimes = {};
for (const binary of builds) {
  await init({ binary });
  runtimes[binary] = runtime();
}

// V8 first runs wasm in its baseline compiler and tiers hot functions up later; a code path
// called only a few times (a Bluestein transform, a large n) would be timed unoptimized.
// Run each case for 0.25 s before timing it.
function timed(run) {
  const start = performance.now();
  do run();
  while (performance.now() - start < 250);
  return secondsPerRun(run);
}

// Paired timing of two runs under the same machine load: both warmed up, then single runs
// alternated for `seconds`; returns the median and the fastest time of each. On an
// oversubscribed machine the median of a run lasting a few ms is inflated by preemption more
// than that of a shorter one, which skews ratios between lengths; the fastest run is the
// undisturbed time, so both are reported.
function paired(runA, runB, seconds = 1.5) {
  for (const run of [runA, runB]) {
    const start = performance.now();
    do run();
    while (performance.now() - start < 250);
  }
  const a = [];
  const b = [];
  const start = performance.now();
  while (a.length < 10 || performance.now() - start < seconds * 1000) {
    for (const [run, times] of [[runA, a], [runB, b]]) {
      const t0 = performance.now();
      run();
      times.push((performance.now() - t0) / 1000);
    }
  }
  const stats = (times) => {
    times.sort((x, y) => x - y);
    return { median: times[times.length >> 1], fastest: times[0] };
  };
  return [stats(a), stats(b)];
}

function filled(rt, length) {
  const buf = rt.arena.f64(length);
  const v = buf.view;
  for (let i = 0; i < length; i++) v[i] = Math.sin(i * 0.7) + 0.1 * (i % 7);
  return buf;
}

function plan(rt, kind, n) {
  const e = rt.exports;
  const bytes = kind === "complex" ? e.fftPlanSize(n) : e.rfftPlanSize(n);
  const buf = rt.arena.f64(Math.ceil(bytes / 8));
  if (kind === "complex") e.fftPlanInit(buf.ptr, n);
  else e.rfftPlanInit(buf.ptr, n);
  return buf;
}

function timeComplex(rt, n) {
  const p = plan(rt, "complex", n);
  const inp = filled(rt, 2 * n);
  const out = rt.arena.f64(2 * n);
  const t = timed(() => rt.exports.fft(out.ptr, inp.ptr, p.ptr, 0));
  for (const b of [p, inp, out]) b.dispose();
  return t;
}

// Transforms of lengths n and m timed side by side (see paired).
function timeComplexPair(rt, n, m) {
  const buffers = [];
  const runs = [n, m].map((len) => {
    const p = plan(rt, "complex", len);
    const inp = filled(rt, 2 * len);
    const out = rt.arena.f64(2 * len);
    buffers.push(p, inp, out);
    return () => rt.exports.fft(out.ptr, inp.ptr, p.ptr, 0);
  });
  const result = paired(runs[0], runs[1]);
  for (const b of buffers) b.dispose();
  return result;
}

function timeReal(rt, n) {
  const p = plan(rt, "real", n);
  const inp = filled(rt, n);
  const out = rt.arena.f64(2 * ((n >> 1) + 1));
  const t = timed(() => rt.exports.rfft(out.ptr, inp.ptr, p.ptr));
  for (const b of [p, inp, out]) b.dispose();
  return t;
}

function timeConvolveFft(rt, n, na) {
  const e = rt.exports;
  const p = plan(rt, "real", n);
  const x = filled(rt, n);
  const a = filled(rt, na);
  const out = rt.arena.f64(n);
  const work = rt.arena.f64(Math.ceil(e.circularConvolveFftWorkspaceSize(n) / 8));
  const t = timed(() => e.circularConvolveFft(out.ptr, x.ptr, a.ptr, na, p.ptr, work.ptr, 0));
  for (const b of [p, x, a, out, work]) b.dispose();
  return t;
}

function timeConvolveDirect(rt, n, na) {
  const e = rt.exports;
  const x = filled(rt, n);
  const a = filled(rt, na);
  const out = rt.arena.f64(n);
  const work = rt.arena.f64(Math.ceil(e.circularConvolveDirectWorkspaceSize(1, n, 1, na) / 8));
  const t = timed(() => e.circularConvolveDirect(out.ptr, x.ptr, a.ptr, 1, n, 1, na, work.ptr, 0));
  for (const b of [x, a, out, work]) b.dispose();
  return t;
}

function timeConvolve2d(rt, size, k, useFft) {
  const e = rt.exports;
  const x = filled(rt, size * size);
  const a = filled(rt, k * k);
  const out = rt.arena.f64(size * size);
  const bytes = useFft ? e.circularConvolve2dFftWorkspaceSize(size, size) : e.circularConvolveDirectWorkspaceSize(size, size, k, k);
  const work = rt.arena.f64(Math.ceil(bytes / 8));
  const p = plan(rt, "complex", size);
  const t = timed(() =>
    useFft
      ? e.circularConvolve2dFft(out.ptr, x.ptr, a.ptr, size, size, k, k, p.ptr, p.ptr, work.ptr, 0)
      : e.circularConvolveDirect(out.ptr, x.ptr, a.ptr, size, size, k, k, work.ptr, 0),
  );
  for (const b of [x, a, out, work, p]) b.dispose();
  return t;
}

function fftjs(n, real) {
  const f = new FFT(n);
  const out = f.createComplexArray();
  const data = real ? new Array(n).fill(0).map((_, i) => Math.sin(i * 0.7)) : f.createComplexArray().map((_, i) => Math.sin(i * 0.7));
  return timed(() => (real ? f.realTransform(out, data) : f.transform(out, data)));
}

const gflops = (flops, seconds) => flops / seconds / 1e9;
const nlogn = (n) => n * Math.log2(n);
const logs = quick ? [10, 14, 16] : [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

if (!onlyCrossover && !onlyAwkward) {
const complexRows = [];
for (const log of logs) {
  const n = 1 << log;
  const row = { n: `2^${log}` };
  const js = fftjs(n, false);
  for (const b of builds) {
    const t = timeComplex(runtimes[b], n);
    row[`${b} GF/s`] = gflops(5 * nlogn(n), t);
    row[`${b} ×fft.js`] = js / t;
  }
  row["fft.js GF/s"] = gflops(5 * nlogn(n), js);
  complexRows.push(row);
}
printTable("Complex FFT, f64 (GFLOP/s = 5·n·log2 n / time; ×fft.js = fft.js time / benign time)", complexRows);

const realRows = [];
for (const log of logs) {
  const n = 1 << log;
  const row = { n: `2^${log}` };
  const js = fftjs(n, true);
  for (const b of builds) {
    const t = timeReal(runtimes[b], n);
    row[`${b} GF/s`] = gflops(2.5 * nlogn(n), t);
    row[`${b} ×fft.js`] = js / t;
  }
  row["fft.js GF/s"] = gflops(2.5 * nlogn(n), js);
  realRows.push(row);
}
printTable("Real FFT, f64 (GFLOP/s = 2.5·n·log2 n / time; fft.js realTransform fills half the spectrum)", realRows);
}

// Which algorithm the plan of complex length n uses (plan header: kind at i32 1, Bluestein's
// convolution length at i32 5; see assembly/fft/plan.ts) and that length (0 unless Bluestein).
function planPath(rt, n) {
  const buf = plan(rt, "complex", n);
  const header = new Int32Array(buf.view.buffer, buf.view.byteOffset, 16);
  const bluestein = header[1] === 1;
  const result = { path: bluestein ? `Bluestein m=${header[5]}` : "Stockham/Rader", m: bluestein ? header[5] : 0 };
  buf.dispose();
  return result;
}

// Plan creation time in ms (fftPlanSize + fftPlanInit, first build), median of a few.
function planMs(rt, n) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    plan(rt, "complex", n).dispose();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1];
}

if (!onlyCrossover) {

const awkward = quick ? [10000, 100003] : [1000, 10000, 44100, 65537, 100000, 100003, 131074, 1000003];
const awkwardRows = [];
for (const n of awkward) {
  const p2 = 2 ** Math.round(Math.log2(n));
  const { path, m } = planPath(runtimes[builds[0]], n);
  const row = { n, "nearest 2^k": p2, path, "plan ms": planMs(runtimes[builds[0]], n) };
  for (const b of builds) {
    const [t, ref] = timeComplexPair(runtimes[b], n, p2);
    row[`${b} GF/s`] = gflops(5 * nlogn(n), t.median);
    if (b === builds[0]) {
      row[`${b} cost ÷ 2^k (median)`] = t.median / nlogn(n) / (ref.median / nlogn(p2));
      row[`${b} cost ÷ 2^k (fastest)`] = t.fastest / nlogn(n) / (ref.fastest / nlogn(p2));
      // Bluestein cannot cost less than its two FFTs of length m ≥ 2n − 1: their time alone,
      // on the same scale, is the floor of any Bluestein implementation with these FFTs.
      if (m > 0) {
        const [tm, refm] = timeComplexPair(runtimes[b], m, p2);
        row[`${b} two FFT(m) ÷ 2^k`] = (2 * tm.median) / nlogn(n) / (refm.median / nlogn(p2));
      } else row[`${b} two FFT(m) ÷ 2^k`] = "-";
    }
  }
  awkwardRows.push(row);
}
printTable(
  "Awkward lengths: complex FFT (cost = time per n·log2 n; target ≤ 3× the nearest power of two; median and fastest run; for Bluestein, the cost of its two length-m FFTs alone)",
  awkwardRows,
);
}

if (!onlyCrossover && !onlyAwkward) {
const convRows = [];
for (const n of quick ? [1 << 12, 1 << 16] : [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, 10000, 100003]) {
  const row = { n };
  for (const b of builds) {
    const t = timeConvolveFft(runtimes[b], n, n);
    row[`${b} ms`] = t * 1e3;
    row[`${b} GF/s`] = gflops(7.5 * nlogn(n), t);
  }
  convRows.push(row);
}
printTable("Circular convolution, FFT path, full-length kernel (GFLOP/s = 7.5·n·log2 n / time)", convRows);

}

if (!onlyAwkward) {
const crossRows = [];
const rt = runtimes[builds[0]];
for (const n of quick ? [4096] : [256, 4096, 65536, 10000, 10007]) {
  const tf = timeConvolveFft(rt, n, 8);
  let crossover = null;
  for (const na of [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]) {
    if (na > n) break;
    const td = timeConvolveDirect(rt, n, na);
    crossRows.push({
      n, na, "direct ms": td * 1e3, "fft ms": tf * 1e3,
      "direct ns/(n·na)": (td * 1e9) / (n * na), "fft ns/(n·log2 n)": (tf * 1e9) / nlogn(n),
    });
    if (crossover === null && td > tf) crossover = na;
  }
  crossRows.push({ n, na: `crossover ≈ ${crossover ?? "> 1024"}`, "direct ms": "", "fft ms": "", "direct ns/(n·na)": "", "fft ns/(n·log2 n)": "" });
}
printTable(`Convolution crossover (${builds[0]} build): direct vs FFT path`, crossRows);

const cross2d = [];
for (const size of quick ? [128] : [64, 256, 512, 100]) {
  const tf = timeConvolve2d(rt, size, 4, true);
  const total = size * size;
  let crossover = null;
  for (const k of [2, 3, 4, 6, 8, 11, 16, 23, 32]) {
    if (k > size) break;
    const td = timeConvolve2d(rt, size, k, false);
    cross2d.push({
      "R×C": `${size}×${size}`, "kernel": `${k}×${k}`, "direct ms": td * 1e3, "fft ms": tf * 1e3,
      "direct ns/(RC·k²)": (td * 1e9) / (total * k * k), "fft ns/(RC·log2 RC)": (tf * 1e9) / nlogn(total),
    });
    if (crossover === null && td > tf) crossover = `${k}×${k}`;
  }
  cross2d.push({ "R×C": `${size}×${size}`, kernel: `crossover ≈ ${crossover ?? "> 32×32"}`, "direct ms": "", "fft ms": "", "direct ns/(RC·k²)": "", "fft ns/(RC·log2 RC)": "" });
}
printTable(`2-D convolution crossover (${builds[0]} build): direct vs FFT path`, cross2d);
}
