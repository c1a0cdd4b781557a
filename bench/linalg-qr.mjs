// QR (Householder, and with column pivoting as leastSquares uses it), Cholesky and LU (partial
// pivoting) factorization time for n×n matrices:
// the wasm kernels on pre-allocated arena buffers (relaxed SIMD, SIMD and scalar builds) beside
// a compact plain-JS implementation of the same algorithm with the same memory layout.
// GFLOP/s use the classical counts: QR 2mn² − 2n³/3 (= 4n³/3 square, also for the pivoted QR,
// whose norm updates are O(n²)), Cholesky n³/3, LU 2n³/3.
// Every timed run first copies the input into the work array (O(n²), both sides alike).
// Run after a build: node --experimental-wasm-relaxed-simd bench/linalg-qr.mjs
import { init, runtime, supportedBinaries, Rng } from "../dist/benign.js";
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

const SIZES = (process.env.SIZES ?? "50,100,200,500").split(",").map(Number);
const rng = new Rng(7);

// ---- plain-JS references ------------------------------------------------------------------

// Step j of Householder QR on column-major f (column j at j·m), GVL Algorithm 5.1.1 / 5.2.1:
// the reflector of f(j:m, j), applied to columns j+1…n−1 (random data: a zero tail occurs only
// in the last column of a square matrix, where nothing follows).
function jsHouseholderStep(f, m, n, j, tau) {
  const cj = j * m;
  let sigma = 0;
  for (let i = j + 1; i < m; i++) sigma += f[cj + i] * f[cj + i];
  const x1 = f[cj + j];
  if (sigma === 0) {
    tau[j] = x1 >= 0 ? 0 : 2;
    if (x1 < 0) f[cj + j] = -x1;
    return;
  }
  const mu = Math.sqrt(x1 * x1 + sigma);
  const v1 = x1 <= 0 ? x1 - mu : -sigma / (x1 + mu);
  const t = (2 * v1 * v1) / (sigma + v1 * v1);
  for (let i = j + 1; i < m; i++) f[cj + i] /= v1;
  f[cj + j] = mu;
  tau[j] = t;
  for (let c = j + 1; c < n; c++) {
    const cc = c * m;
    let s = f[cc + j];
    for (let i = j + 1; i < m; i++) s += f[cj + i] * f[cc + i];
    s *= t;
    f[cc + j] -= s;
    for (let i = j + 1; i < m; i++) f[cc + i] -= s * f[cj + i];
  }
}

function jsQr(f, m, n, tau) {
  for (let j = 0; j < Math.min(m, n); j++) jsHouseholderStep(f, m, n, j, tau);
}

// The same with column pivoting (GVL Algorithm 5.4.1): largest remaining norm first, norms
// downdated after each step and recomputed when they cancel, as the wasm qrPivotFactor.
function jsQrPivot(f, m, n, tau, perm, norms) {
  const k = Math.min(m, n);
  const colNorm = (c, from) => { let s = 0; for (let i = from; i < m; i++) s += f[c * m + i] ** 2; return Math.sqrt(s); };
  for (let c = 0; c < n; c++) { perm[c] = c; norms[c] = norms[n + c] = colNorm(c, 0); }
  for (let j = 0; j < k; j++) {
    let p = j;
    for (let c = j + 1; c < n; c++) if (norms[c] > norms[p]) p = c;
    if (p !== j) {
      for (let i = 0; i < m; i++) { const t = f[p * m + i]; f[p * m + i] = f[j * m + i]; f[j * m + i] = t; }
      [perm[p], perm[j]] = [perm[j], perm[p]];
      norms[p] = norms[j];
      norms[n + p] = norms[n + j];
    }
    jsHouseholderStep(f, m, n, j, tau);
    for (let c = j + 1; c < n; c++) {
      if (norms[c] === 0) continue;
      const rest = Math.max(1 - (Math.abs(f[c * m + j]) / norms[c]) ** 2, 0);
      if (rest * (norms[c] / norms[n + c]) ** 2 <= 1.4901161193847656e-8) norms[c] = norms[n + c] = colNorm(c, j + 1);
      else norms[c] *= Math.sqrt(rest);
    }
  }
}

// Row-oriented Cholesky–Crout, row-major, lower triangle.
function jsCholesky(a, n) {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (j < i) a[ri + j] = s / a[rj + j];
      else {
        if (!(s > 0)) return i + 1;
        a[ri + i] = Math.sqrt(s);
      }
    }
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
  }
  return 0;
}

// Right-looking LU with partial pivoting, row-major.
function jsLu(a, n, piv) {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    piv[k] = p;
    if (best === 0) continue;
    if (p !== k) for (let j = 0; j < n; j++) { const t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t; }
    const pivot = a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const l = a[i * n + k] / pivot;
      a[i * n + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= l * a[k * n + j];
    }
  }
}

// ---- problems -------------------------------------------------------------------------------

function problems(n) {
  const g = rng.normalArray(n * n);
  const spd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      spd[i * n + j] = s;
      spd[j * n + i] = s;
    }
  }
  return { general: rng.normalArray(n * n), spd };
}

// All builds stay instantiated side by side; each cell is the median of ROUNDS measurements
// taken in interleaved order (JS, then each build, per round), so a burst of load from other
// processes on this shared machine hits all columns alike.
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const runtimes = {};
for (const binary of supportedBinaries()) {
  await init({ binary });
  runtimes[binary] = runtime();
}
const kinds = Object.keys(runtimes);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function jsRunners(n, general, spd) {
  const work = new Float64Array(n * n);
  const tau = new Float64Array(n);
  const piv = new Int32Array(n);
  const norms = new Float64Array(2 * n);
  return {
    qr: () => { work.set(general); jsQr(work, n, n, tau); },
    "qr-pivoted": () => { work.set(general); jsQrPivot(work, n, n, tau, piv, norms); },
    cholesky: () => { work.set(spd); jsCholesky(work, n); },
    lu: () => { work.set(general); jsLu(work, n, piv); },
    dispose() {},
  };
}

function wasmRunners(rt, n, general, spd) {
  const { arena, exports: k } = rt;
  const work = arena.f64(n * n);
  const src = arena.f64From(general);
  const srcSpd = arena.f64From(spd);
  const tau = arena.f64(n);
  const piv = arena.i32(n);
  const norms = arena.f64(2 * n);
  const copy = (from) => new Float64Array(rt.memory.buffer).copyWithin(work.ptr / 8, from.ptr / 8, from.ptr / 8 + n * n);
  return {
    qr: () => { copy(src); k.qrFactor(work.ptr, n, n, tau.ptr); },
    "qr-pivoted": () => { copy(src); k.qrPivotFactor(work.ptr, n, n, tau.ptr, piv.ptr, norms.ptr); },
    cholesky: () => { copy(srcSpd); k.choleskyFactor(work.ptr, n, n); },
    lu: () => { copy(src); k.luFactor(work.ptr, n, n, piv.ptr); },
    dispose() { for (const b of [work, src, srcSpd, tau, piv, norms]) b.dispose(); },
  };
}

const rows = [];
for (const n of SIZES) {
  const { general, spd } = problems(n);
  const flops = { qr: (4 * n ** 3) / 3, "qr-pivoted": (4 * n ** 3) / 3, cholesky: n ** 3 / 3, lu: (2 * n ** 3) / 3 };
  const impls = { JS: jsRunners(n, general, spd) };
  for (const binary of kinds) impls[binary] = wasmRunners(runtimes[binary], n, general, spd);
  for (const op of ["qr", "qr-pivoted", "cholesky", "lu"]) {
    const times = Object.fromEntries(Object.keys(impls).map((name) => [name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, impl] of Object.entries(impls)) times[name].push(secondsPerRun(impl[op], { minSeconds: 0.15 }));
    }
    const t = Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
    const row = { kernel: op, n, "JS ms": t.JS * 1e3, "JS GF/s": flops[op] / t.JS / 1e9 };
    for (const binary of kinds) {
      row[`${binary} ms`] = t[binary] * 1e3;
      row[`${binary} GF/s`] = flops[op] / t[binary] / 1e9;
    }
    for (const binary of kinds) row[`JS/${binary}`] = t.JS / t[binary];
    rows.push(row);
  }
  for (const impl of Object.values(impls)) impl.dispose();
}
await init();
printTable("Dense factorizations, n×n f64 (median time per factorization; JS/x = speed-up over plain JS)", rows);
