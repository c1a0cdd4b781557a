// Sparse coding throughput on image patches: 100,000 overlapping 8×8 patches of data/camera.pgm
// (at seeded random positions among the 255,025, pixel values in [0, 1]), the columns of a
// 64×100,000 Y, against the 64×256 overcomplete DCT (overcompleteDct2dDictionary(8, 8)).
//
// 1. sparseCode end to end (the SIMD build; columns per second of process CPU time): "fista"
//    (the lasso, λ = 0.05, to a relative KKT residual ≤ 1e-6, and on the first 10,000 patches
//    ≤ 1e-8, and without G), "omp" (8 atoms) on all patches, and "cd" on the first 10,000; with
//    the iterations per column, nonzeros per code and the KKT residual reached.
// 2. One FISTA iteration on a working set of 256 patches at pointer level (buffers resident, as
//    sparseCode runs it: the step kernel, the gradient, the per-column statistics and the
//    momentum update), per build and per route of the gradient: through G over the codes'
//    nonzeros (2K·nnz flops, sparseCode's usual route), by one gemm through G = AᵀA (2K²), by two
//    gemms through A (4nK) — its time, the share spent in the gradient (gemm), and the same
//    iteration in plain JS (Float64Array loops, the same layout and route): the "× JS" ratio.
// 3. End to end against plain JS: the same FISTA (per-column momentum, restart and stop, constant
//    step 1/L; its own L and G) in plain JS on the first 1,000 patches with the gradient through G
//    over the nonzeros (sparseCode's usual route), and on the first 200 through A (the gemm-only
//    route), beside sparseCode on the same patches.
// Times are process CPU time (user + system), medians over runs and rounds: robust to waiting
// for a core on a shared machine, not to a core slowed by a busy neighbour.
// Run after a build: node --experimental-wasm-relaxed-simd bench/sparse-code.mjs [--quick]
// (--quick: 10,000 patches, 200 for plain JS, fewer rounds; --only 1, 2 or 3: one section).
import { readFileSync } from "node:fs";
import {
  init, kernels, runtime, supportedBinaries, parsePgm, overcompleteDct2dDictionary, sparseCode, Rng,
} from "../dist/benign.js";
import { printTable } from "./lib/table.mjs";
import { cpuSeconds, cpuSecondsPerRun, median, warm } from "./lib/cpu.mjs";

const QUICK = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const ONLY = onlyAt >= 0 ? Number(process.argv[onlyAt + 1]) : 0;
const section = (k) => ONLY === 0 || ONLY === k;
const PATCHES = QUICK ? 10_000 : 100_000;
const SUBSET = 10_000;
const JS_PATCHES = QUICK ? 200 : 1_000;
const ROUNDS = QUICK ? 3 : 5;
const LAMBDA = 0.05;
const W = 256; // the working set of the pointer-level iteration
const n = 64;
const K = 256;

// ---- data -------------------------------------------------------------------------------------

await init({ binary: "simd" });
const image = parsePgm(readFileSync(new URL("../data/camera.pgm", import.meta.url)));
/** The 8×8 patches at `count` distinct seeded random top-left corners, as the columns of a 64×count matrix. */
function patches(count) {
  const across = image.cols - 7;
  const positions = (image.rows - 7) * across;
  const rng = new Rng(2024);
  const order = Int32Array.from({ length: positions }, (_, i) => i);
  const Y = { rows: n, cols: count, data: new Float64Array(n * count) };
  for (let j = 0; j < count; j++) {
    const t = j + rng.integer(positions - j);
    [order[j], order[t]] = [order[t], order[j]];
    const r = Math.floor(order[j] / across);
    const c = order[j] % across;
    for (let i = 0; i < 8; i++) for (let s = 0; s < 8; s++) Y.data[(i * 8 + s) * count + j] = image.data[(r + i) * image.cols + c + s];
  }
  return Y;
}
const Y = patches(PATCHES);
const A = overcompleteDct2dDictionary(8, 8);
/** The first `count` columns of a matrix. */
const firstColumns = (M, count) => {
  const out = { rows: M.rows, cols: count, data: new Float64Array(M.rows * count) };
  for (let i = 0; i < M.rows; i++) out.data.set(M.data.subarray(i * M.cols, i * M.cols + count), i * count);
  return out;
};
const transposed = (M) => {
  const out = new Float64Array(M.rows * M.cols);
  for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[j * M.rows + i] = M.data[i * M.cols + j];
  return out;
};

// ---- 1. sparseCode end to end -----------------------------------------------------------------

const summary = (r, cpu, P) => {
  const it = Array.from(r.iterations).sort((a, b) => a - b);
  let nonzeros = 0;
  for (const v of r.codes.data) if (v !== 0) nonzeros++;
  return {
    "columns/s": P / cpu,
    "CPU s": cpu,
    "iterations mean": it.reduce((s, v) => s + v, 0) / P,
    median: it[P >> 1],
    p90: it[Math.floor(0.9 * P)],
    max: it[P - 1],
    "nonzeros/code": nonzeros / P,
    "final gradientNorm": r.result.gradientNorm.toExponential(1),
    reason: r.result.reason,
  };
};
const endToEnd = [];
const runCase = async (name, data, options) => {
  let r;
  const t0 = process.cpuUsage();
  r = await sparseCode(data, A, options);
  const d = process.cpuUsage(t0);
  endToEnd.push({ case: name, columns: data.cols, ...summary(r, (d.user + d.system) / 1e6, data.cols) });
  return r;
};
const subset = firstColumns(Y, Math.min(SUBSET, PATCHES));
if (section(1)) {
await runCase(`fista λ=${LAMBDA} KKT≤1e-6`, Y, { lambda: LAMBDA, gradientTolerance: 1e-6, maxIterations: 100_000 });
await runCase(`fista λ=${LAMBDA} KKT≤1e-8`, subset, { lambda: LAMBDA, gradientTolerance: 1e-8, maxIterations: 100_000 });
await runCase(`fista without G λ=${LAMBDA} KKT≤1e-6`, subset, { lambda: LAMBDA, gram: false, gradientTolerance: 1e-6, maxIterations: 100_000 });
await runCase(`cd λ=${LAMBDA} KKT≤1e-6`, subset, { method: "cd", lambda: LAMBDA, gradientTolerance: 1e-6, maxIterations: 100_000 });
await runCase("omp 8 atoms", Y, { method: "omp", sparsity: 8 });
printTable(
  `sparseCode on ${PATCHES.toLocaleString("en")} (or the first ${Math.min(SUBSET, PATCHES).toLocaleString("en")}) 8×8 patches of camera, 64×256 overcomplete DCT, SIMD build (process CPU time; shared machine)`,
  endToEnd,
);
}

// ---- 2. one iteration, pointer level, beside plain JS ------------------------------------------

/** λ_max(AᵀA) by the power method in plain JS (the same estimate sparseCode makes, times 1.01). */
function lipschitz() {
  const v = new Rng(1).normalArray(K);
  let rho = 0;
  for (let it = 0; it < 500; it++) {
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) t[i] += A.data[i * K + k] * v[k];
    const w = new Float64Array(K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) w[k] += A.data[i * K + k] * t[i];
    let vw = 0, ww = 0, vv = 0;
    for (let k = 0; k < K; k++) {
      vw += v[k] * w[k];
      ww += w[k] * w[k];
      vv += v[k] * v[k];
    }
    const next = vw / vv;
    for (let k = 0; k < K; k++) v[k] = w[k] / Math.sqrt(ww);
    if (Math.abs(next - rho) <= 1e-10 * next) return 1.01 * next;
    rho = next;
  }
  return 1.01 * rho;
}
let L = lipschitz();
const G = new Float64Array(K * K);
function gramOfA() {
  for (let a = 0; a < K; a++) for (let c = 0; c < K; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += A.data[i * K + a] * A.data[i * K + c];
    G[a * K + c] = s;
  }
}
gramOfA();

/** FISTA's momentum per row (Beck & Teboulle), reset where the restart test fired (O'Donoghue & Candès). */
function momentum(rows, t, beta, restart) {
  for (let r = 0; r < rows; r++) {
    if (restart[r] > 0) {
      t[r] = 1;
      beta[r] = 0;
    } else {
      const next = (1 + Math.sqrt(1 + 4 * t[r] * t[r])) / 2;
      beta[r] = (t[r] - 1) / next;
      t[r] = next;
    }
  }
}

/**
 * Plain-JS FISTA state for a block of columns stored as rows (row r = the code of one column),
 * the layout sparseCode uses; `iterate(rows)` is one iteration on rows 0 … rows−1: the momentum
 * point, gradient step and prox with the per-row restart test, the gradient at the new codes
 * through A (R = X·Aᵀ − Y, then R·A) or through G (X·G − B), and the per-row KKT violation and
 * objective.
 */
function jsFista(Yrows, rowsMax, route) {
  const x = new Float64Array(rowsMax * K), xp = new Float64Array(rowsMax * K);
  const g = new Float64Array(rowsMax * K), gp = new Float64Array(rowsMax * K);
  const b = new Float64Array(rowsMax * K), R = new Float64Array(rowsMax * n);
  const beta = new Float64Array(rowsMax), t = new Float64Array(rowsMax).fill(1);
  const restart = new Float64Array(rowsMax), violation = new Float64Array(rowsMax), objective = new Float64Array(rowsMax);
  const yy = new Float64Array(rowsMax);
  const state = { x, xp, g, gp, b, beta, t, violation, objective, yy };
  // b = Aᵀy per row, ‖y‖², and the gradient at x = 0.
  for (let r = 0; r < rowsMax; r++) {
    for (let i = 0; i < n; i++) {
      const yi = Yrows[r * n + i];
      yy[r] += yi * yi;
      for (let k = 0; k < K; k++) b[r * K + k] += A.data[i * K + k] * yi;
    }
    for (let k = 0; k < K; k++) g[r * K + k] = gp[r * K + k] = -b[r * K + k];
  }
  const gradient = (rows) => {
    const { x: X, g: Gd } = state;
    if (route !== "A") {
      const skip = route === "G sparse";
      for (let r = 0; r < rows; r++) {
        const o = r * K;
        for (let k = 0; k < K; k++) Gd[o + k] = -b[o + k];
        for (let a = 0; a < K; a++) {
          const xa = X[o + a];
          if (skip && xa === 0) continue;
          const ga = a * K;
          for (let k = 0; k < K; k++) Gd[o + k] += xa * G[ga + k];
        }
      }
      return;
    }
    for (let r = 0; r < rows; r++) {
      const o = r * K;
      for (let i = 0; i < n; i++) {
        let s = -Yrows[r * n + i];
        const ai = i * K;
        for (let k = 0; k < K; k++) s += X[o + k] * A.data[ai + k];
        R[r * n + i] = s;
      }
      for (let k = 0; k < K; k++) Gd[o + k] = 0;
      for (let i = 0; i < n; i++) {
        const ri = R[r * n + i];
        const ai = i * K;
        for (let k = 0; k < K; k++) Gd[o + k] += ri * A.data[ai + k];
      }
    }
  };
  const invL = 1 / L, thr = LAMBDA / L;
  state.iterate = (rows) => {
    const { x: X, xp: XP, g: Gd, gp: GP } = state;
    for (let r = 0; r < rows; r++) {
      const bt = beta[r];
      let dot = 0;
      for (let k = r * K; k < (r + 1) * K; k++) {
        const y = X[k] + bt * (X[k] - XP[k]);
        const z = y - invL * (Gd[k] + bt * (Gd[k] - GP[k]));
        const xn = z > thr ? z - thr : z < -thr ? z + thr : 0;
        dot += (y - xn) * (xn - X[k]);
        XP[k] = xn;
      }
      restart[r] = dot;
    }
    [state.x, state.xp] = [XP, X];
    [state.g, state.gp] = [GP, Gd];
    gradient(rows);
    const { x: Xn, g: Gn } = state;
    for (let r = 0; r < rows; r++) {
      let worst = 0, l1 = 0, q = 0;
      for (let k = r * K; k < (r + 1) * K; k++) {
        const xk = Xn[k], gk = Gn[k];
        const v = xk > 0 ? Math.abs(gk + LAMBDA) : xk < 0 ? Math.abs(gk - LAMBDA) : Math.max(Math.abs(gk) - LAMBDA, 0);
        if (v > worst) worst = v;
        l1 += Math.abs(xk);
        q += xk * (gk - b[k]);
      }
      violation[r] = worst;
      objective[r] = 0.5 * yy[r] + 0.5 * q + LAMBDA * l1;
    }
    momentum(rows, t, beta, restart);
  };
  return state;
}

if (section(2)) {
const block = transposed(firstColumns(Y, W)); // W×n, one patch per row
const ROUTES = ["A", "G dense", "G sparse"];
const js = Object.fromEntries(ROUTES.map((route) => [route, jsFista(block, W, route)]));
for (let i = 0; i < 20; i++) for (const route of ROUTES) js[route].iterate(W);
const density = js.A.x.subarray(0, W * K).filter((v) => v !== 0).length / (W * K);
const jsIteration = Object.fromEntries(ROUTES.map((route) => [route, median(Array.from({ length: 3 }, () => cpuSeconds(() => js[route].iterate(W))))]));

const BUILDS = ["simd", "relaxed-simd", "scalar"].filter((b) => supportedBinaries().includes(b));
const iterationRows = [];
for (const binary of BUILDS) {
  await init({ binary });
  const k = kernels();
  const arena = runtime().arena;
  const buf = (values) => arena.f64From(values);
  const s = js.A; // start the wasm state where plain JS is (20 iterations in: the codes are sparse)
  const st = {
    x: buf(s.x), xp: buf(s.xp), g: buf(s.g), gp: buf(s.gp), b: buf(s.b), beta: buf(s.beta),
    restart: arena.f64(W), step: arena.f64(W), violation: arena.f64(W), objective: arena.f64(W),
    yy: arena.f64(W), ys: buf(block), res: arena.f64(W * n), A: buf(A.data), G: buf(G),
    work: arena.f64(Math.max(k.gemmWorkspaceSize(W, n, K), k.gemmWorkspaceSize(W, K, n), k.gemmWorkspaceSize(W, K, K))),
  };
  const t = new Float64Array(s.t);
  const gradientA = () => {
    k.copy(W * n, st.ys.ptr, 1, st.res.ptr, 1);
    k.gemm(0, 1, W, n, K, 1, st.x.ptr, K, st.A.ptr, K, -1, st.res.ptr, n, st.work.ptr);
    k.gemm(0, 0, W, K, n, 1, st.res.ptr, n, st.A.ptr, K, 0, st.g.ptr, K, st.work.ptr);
  };
  const gradientG = () => {
    k.copy(W * K, st.b.ptr, 1, st.g.ptr, 1);
    k.gemm(0, 0, W, K, K, 1, st.x.ptr, K, st.G.ptr, K, -1, st.g.ptr, K, st.work.ptr);
  };
  const gradientSparse = () => k.lassoGramGradient(W, K, st.x.ptr, st.g.ptr, st.b.ptr, st.G.ptr);
  const gradients = { A: gradientA, "G dense": gradientG, "G sparse": gradientSparse };
  const stepKernel = () => k.lassoFistaStep(W, K, st.x.ptr, st.xp.ptr, st.g.ptr, st.gp.ptr, st.beta.ptr, 1 / L, LAMBDA, 0, st.restart.ptr, st.step.ptr);
  const statsKernel = () => k.lassoRowStats(W, K, st.x.ptr, st.g.ptr, st.b.ptr, st.yy.ptr, LAMBDA, 0, st.violation.ptr, st.objective.ptr);
  const wasmMomentum = () => momentum(W, t, st.beta.view, st.restart.view);
  const iteration = (gradient) => () => {
    stepKernel();
    [st.x, st.xp] = [st.xp, st.x];
    [st.g, st.gp] = [st.gp, st.g];
    gradient();
    statsKernel();
    wasmMomentum();
  };
  const parts = Object.fromEntries(ROUTES.map((route) => [route, iteration(gradients[route])]));
  for (const route of ROUTES) {
    await warm(parts[route], 100);
    await warm(gradients[route], 100);
  }
  await warm(stepKernel, 100);
  await warm(statsKernel, 100);
  const times = { step: [], stats: [] };
  for (const route of ROUTES) times[route] = { iteration: [], gradient: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const route of ROUTES) {
      times[route].iteration.push(cpuSecondsPerRun(parts[route], { minSeconds: 0.2 }));
      times[route].gradient.push(cpuSecondsPerRun(gradients[route], { minSeconds: 0.2 }));
    }
    times.step.push(cpuSecondsPerRun(stepKernel, { minSeconds: 0.1 }));
    times.stats.push(cpuSecondsPerRun(statsKernel, { minSeconds: 0.1 }));
  }
  const ms = (xs) => 1e3 * median(xs);
  const nonzeros = density * W * K;
  for (const route of ROUTES) {
    const flops = route === "A" ? 4 * n * K * W : route === "G dense" ? 2 * K * K * W : 2 * K * nonzeros;
    const { iteration: it, gradient: gr } = times[route];
    iterationRows.push({
      build: binary,
      gradient: route === "A" ? "A: 2 gemm" : route === "G dense" ? "G: 1 gemm" : "G over nonzeros",
      "iteration ms": ms(it),
      "gradient ms": ms(gr),
      "gradient share": median(gr) / median(it),
      "step kernel ms": ms(times.step),
      "stats kernel ms": ms(times.stats),
      "gradient GFLOP/s": flops / median(gr) / 1e9,
      "plain JS ms": 1e3 * jsIteration[route],
      "× JS": jsIteration[route] / median(it),
    });
  }
  for (const b of Object.values(st)) b.dispose();
}
await init({ binary: "simd" });
printTable(
  `One FISTA iteration on ${W} patches (K = ${K}, n = ${n}; ${(100 * density).toFixed(1)}% of the code entries nonzero, after 20 iterations) at pointer level, by gradient route, median CPU time over ${ROUNDS} rounds; gradient share = the gradient (gemm, or the sparse kernel) / the iteration; plain JS runs the same iteration and route`,
  iterationRows,
);
}

// ---- 3. end to end against plain JS -----------------------------------------------------------

/**
 * Plain-JS FISTA to the same per-column stop on a block: finished rows leave (the last row moves
 * in), as in sparseCode; it computes its own L (power method) and G, as sparseCode does.
 */
function jsSparseCode(P, tolerance, route) {
  L = lipschitz();
  gramOfA();
  const rows = transposed(firstColumns(Y, P));
  const s = jsFista(rows, P, route);
  const column = Int32Array.from({ length: P }, (_, j) => j);
  const iterations = new Int32Array(P);
  const scale = new Float64Array(P);
  for (let r = 0; r < P; r++) {
    let top = LAMBDA;
    for (let k = r * K; k < (r + 1) * K; k++) top = Math.max(top, Math.abs(s.b[k]));
    scale[r] = top;
  }
  const done = new Int32Array(P);
  const perRow = [s.beta, s.t, s.violation, s.objective, s.yy, scale, column];
  let active = P;
  while (active > 0) {
    s.iterate(active);
    for (let r = active - 1; r >= 0; r--) {
      done[column[r]]++;
      if (s.violation[r] / scale[r] > tolerance && done[column[r]] < 100_000) continue;
      iterations[column[r]] = done[column[r]];
      const last = --active;
      if (r === last) continue;
      // The state arrays are swapped by iterate(): read them from `s` each time.
      for (const a of [s.x, s.xp, s.g, s.gp, s.b]) a.copyWithin(r * K, last * K, last * K + K);
      for (const a of perRow) a[r] = a[last];
      for (let i = 0; i < n; i++) rows[r * n + i] = rows[last * n + i];
    }
  }
  return iterations;
}
if (section(3)) {
const e2e = [];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** sparseCode and plain-JS FISTA (gradient `route`) on the first P patches: one table row. */
const compare = async (P, route, label) => {
  let jsIterations;
  const jsCpu = cpuSeconds(() => (jsIterations = jsSparseCode(P, 1e-6, route)));
  let r;
  const t0 = process.cpuUsage();
  r = await sparseCode(firstColumns(Y, P), A, { lambda: LAMBDA, gradientTolerance: 1e-6, maxIterations: 100_000 });
  const d = process.cpuUsage(t0);
  const wasmCpu = (d.user + d.system) / 1e6;
  return {
    "plain JS": label,
    patches: P,
    "sparseCode columns/s": P / wasmCpu,
    "plain JS columns/s": P / jsCpu,
    "× JS": jsCpu / wasmCpu,
    "iterations/column (wasm)": mean(Array.from(r.iterations)),
    "iterations/column (JS)": mean(Array.from(jsIterations)),
  };
};
for (let round = 0; round < (QUICK ? 1 : 3); round++) e2e.push(await compare(JS_PATCHES, "G sparse", "gradient through G over the nonzeros"));
// The dense route (two products through A, as a gemm-only FISTA runs it), on a fifth of the patches.
e2e.push(await compare(JS_PATCHES / 5, "A", "gradient through A (2 products)"));
printTable(
  `FISTA end to end on the first patches, λ = ${LAMBDA}, KKT ≤ 1e-6: sparseCode (SIMD build, its own choice of route) against the same algorithm in plain JS with the route named (CPU time)`,
  e2e,
);
}
