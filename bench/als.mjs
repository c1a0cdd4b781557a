// Alternating least squares for matrix completion: 10,000 × 10,000, rank 10, 1,000,000 observed
// entries at uniform random positions (seeded Rng; positions drawn with replacement, so ~0.5% are
// repeated observations, kept). Values: a rank-10 matrix plus 10% noise; λ = 0.5.
//
// Timed on pre-allocated wasm buffers (pointer level, no copies) in each build:
//   - U half-step  alsSolveRows on the CSR of Y (one r×r Gram + Cholesky per row of U),
//   - V half-step  alsSolveRows on the CSR of Yᵀ (made once by csrTranspose),
//   - iteration    both half-steps,
//   - Gram only    alsNormalEquations on the U side (the same Gram accumulation, writing G and b
//                  out instead of solving: r² + r stores per row, so a slight underestimate of
//                  the accumulation's own rate), to rate the Gram accumulation by itself,
//   - objective    csrResidualSumSquares (the data-fit term the driver monitors),
// beside a plain-JS ALS iteration (Float64Array, lower-triangle Gram, the same row-oriented
// Cholesky and triangular solves per row) and pointer-level gemm of the same flop count as one
// half-step's Gram (400×400·400×400: 2·400³ = 1.28·10⁸ flops vs nnz·(r² + 3r) = 1.3·10⁸).
//
// Flop counts (one multiply-add = 2 flops, √ and ÷ = 1):
//   Gram:      nnz·(r² + 3r)   the lower triangle of Σ VⱼVⱼᵀ (r(r+1)/2 multiply-adds per entry)
//                              and b = Σ yⱼVⱼ (r per entry): what the math needs. The SIMD kernel
//                              executes more (4×4 tiles of the (r+1)×(r+1) augmented Gram padded
//                              to a multiple of 4: 6 tiles · 16 multiply-adds = 192 flops per
//                              entry at r = 10 vs 130 counted), which this rate does not credit.
//   half-step: Gram + per non-empty row r(r+1)(2r+1)/6 (Cholesky) + 2r² (two solves) + r (λ).
// Times are process CPU time (user + system: robust to waiting for a core on the shared machine),
// median of runs within a round and median over rounds; ratios are taken per round (wasm and JS
// measured back to back) and their median is shown.
//
// Run after a build: node --experimental-wasm-relaxed-simd bench/als.mjs [--quick]
// (--quick: 2,000 × 2,000 with 100,000 entries, fewer rounds.)
import { init, kernels, runtime, supportedBinaries, Rng, cooToCsr, csrTranspose } from "../dist/benign.js";
import { printTable } from "./lib/table.mjs";
import { cpuSecondsPerRun, median, randomArray, warm } from "./lib/cpu.mjs";

const QUICK = process.argv.includes("--quick");
const M = QUICK ? 2_000 : 10_000;
const N = QUICK ? 2_000 : 10_000;
const NNZ = QUICK ? 100_000 : 1_000_000;
const R = 10;
const LAMBDA = 0.5;
const ROUNDS = QUICK ? 3 : 5;
const GEMM = 400;

// ---- timing (CPU time: bench/lib/cpu.mjs) -----------------------------------------------------

const secondsPerRun = (run, options) => cpuSecondsPerRun(run, { minSeconds: 0.2, minRuns: 3, warmup: 1, ...options });

// ---- the problem ------------------------------------------------------------------------------

await init();
const rng = new Rng(2024);
const Ustar = rng.normalArray(M * R);
const Vstar = rng.normalArray(N * R);
const row = new Int32Array(NNZ);
const col = new Int32Array(NNZ);
const value = new Float64Array(NNZ);
for (let k = 0; k < NNZ; k++) {
  const i = rng.integer(M);
  const j = rng.integer(N);
  let s = 0;
  for (let l = 0; l < R; l++) s += Ustar[i * R + l] * Vstar[j * R + l];
  row[k] = i;
  col[k] = j;
  value[k] = s / Math.sqrt(R) + 0.1 * rng.normal();
}
const Y = cooToCsr({ rows: M, cols: N, row, col, value });
const Yt = csrTranspose(Y);
const U0 = rng.normalArray(M * R);
const V0 = rng.normalArray(N * R);
const nonEmpty = (S) => {
  let c = 0;
  for (let i = 0; i < S.rows; i++) if (S.rowPtr[i + 1] > S.rowPtr[i]) c++;
  return c;
};
const gramFlops = NNZ * (R * R + 3 * R);
const rowFlops = (R * (R + 1) * (2 * R + 1)) / 6 + 2 * R * R + R;
const halfFlopsU = gramFlops + nonEmpty(Y) * rowFlops;
const halfFlopsV = gramFlops + nonEmpty(Yt) * rowFlops;

// ---- plain JS: the same ALS half-step ---------------------------------------------------------

function jsHalfStep(out, S, V, r, lambda, G, b) {
  const { rows: m, rowPtr, colIdx, value: val } = S;
  for (let i = 0; i < m; i++) {
    const p0 = rowPtr[i];
    const p1 = rowPtr[i + 1];
    const o = i * r;
    if (p0 === p1) {
      out.fill(0, o, o + r);
      continue;
    }
    G.fill(0);
    b.fill(0);
    for (let p = p0; p < p1; p++) {
      const jo = colIdx[p] * r;
      const y = val[p];
      for (let a = 0; a < r; a++) {
        const va = V[jo + a];
        b[a] += y * va;
        const ga = a * r;
        for (let c = 0; c <= a; c++) G[ga + c] += va * V[jo + c];
      }
    }
    for (let a = 0; a < r; a++) G[a * r + a] += lambda;
    for (let a = 0; a < r; a++) {
      const ga = a * r;
      for (let c = 0; c <= a; c++) {
        const gc = c * r;
        let s = G[ga + c];
        for (let k = 0; k < c; k++) s -= G[ga + k] * G[gc + k];
        if (c < a) G[ga + c] = s / G[gc + c];
        else {
          if (!(s > 0)) throw new Error(`row ${i}: not positive definite`);
          G[ga + a] = Math.sqrt(s);
        }
      }
    }
    for (let a = 0; a < r; a++) {
      let s = b[a];
      for (let k = 0; k < a; k++) s -= G[a * r + k] * b[k];
      b[a] = s / G[a * r + a];
    }
    for (let a = r - 1; a >= 0; a--) {
      let s = b[a];
      for (let k = a + 1; k < r; k++) s -= G[k * r + a] * b[k];
      b[a] = s / G[a * r + a];
    }
    for (let a = 0; a < r; a++) out[o + a] = b[a];
  }
}

const jsU = new Float64Array(M * R);
const jsV = V0.slice();
const jsG = new Float64Array(R * R);
const jsB = new Float64Array(R);
const jsIteration = () => {
  jsHalfStep(jsU, Y, jsV, R, LAMBDA, jsG, jsB);
  jsHalfStep(jsV, Yt, jsU, R, LAMBDA, jsG, jsB);
};
const jsUHalf = () => jsHalfStep(jsU, Y, V0, R, LAMBDA, jsG, jsB);
await warm(jsUHalf, 300);

// ---- wasm builds ------------------------------------------------------------------------------

const builds = supportedBinaries();
const timeRows = [];
const rateRows = [];
for (const binary of builds) {
  await init({ binary });
  const k = kernels();
  const arena = runtime().arena;
  const up = (S) => ({ rowPtr: arena.i32From(S.rowPtr), colIdx: arena.i32From(S.colIdx), value: arena.f64From(S.value) });
  const y = up(Y);
  const yt = up(Yt);
  const U = arena.f64(M * R);
  const V = arena.f64From(V0);
  const work = arena.f64(k.alsWorkspaceSize(R));
  const G = arena.f64(M * R * R);
  const B = arena.f64(M * R);
  const halfU = () => {
    if (k.alsSolveRows(U.ptr, M, R, y.rowPtr.ptr, y.colIdx.ptr, y.value.ptr, V.ptr, R, LAMBDA, work.ptr) !== 0) throw new Error("singular row");
  };
  const halfV = () => {
    if (k.alsSolveRows(V.ptr, N, R, yt.rowPtr.ptr, yt.colIdx.ptr, yt.value.ptr, U.ptr, R, LAMBDA, work.ptr) !== 0) throw new Error("singular row");
  };
  const iteration = () => {
    halfU();
    halfV();
  };
  const gramOnly = () => k.alsNormalEquations(G.ptr, B.ptr, M, R, y.rowPtr.ptr, y.colIdx.ptr, y.value.ptr, V.ptr, R, work.ptr);
  const objective = () => k.csrResidualSumSquares(M, R, U.ptr, V.ptr, y.rowPtr.ptr, y.colIdx.ptr, y.value.ptr);

  // agreement with plain JS on one U half-step from the same V
  V.view.set(V0);
  halfU();
  jsUHalf();
  let diff = 0;
  let scale = 0;
  const uv = U.view;
  for (let t = 0; t < M * R; t++) {
    diff = Math.max(diff, Math.abs(uv[t] - jsU[t]));
    scale = Math.max(scale, Math.abs(jsU[t]));
  }
  // objective decrease over three iterations (a sanity check that the loop is ALS)
  const fOf = () => {
    const rss = objective();
    const uu = k.dot(M * R, U.ptr, 1, U.ptr, 1);
    const vv = k.dot(N * R, V.ptr, 1, V.ptr, 1);
    return 0.5 * rss + 0.5 * LAMBDA * (uu + vv);
  };
  const f0 = fOf();
  for (let t = 0; t < 3; t++) iteration();
  const f3 = fOf();

  // gemm of the same flop count
  const ga = arena.f64From(randomArray(GEMM * GEMM, 1));
  const gb = arena.f64From(randomArray(GEMM * GEMM, 2));
  const gc = arena.f64(GEMM * GEMM);
  const gw = arena.f64(k.gemmWorkspaceSize(GEMM, GEMM, GEMM));
  const gemmRun = () => k.gemm(0, 0, GEMM, GEMM, GEMM, 1, ga.ptr, GEMM, gb.ptr, GEMM, 0, gc.ptr, GEMM, gw.ptr);

  for (const run of [halfU, halfV, gramOnly, objective, gemmRun]) await warm(run);

  const t = { u: [], v: [], it: [], gram: [], obj: [], gemm: [], js: [], ratio: [], gramVsGemm: [] };
  for (let round = 0; round < ROUNDS; round++) {
    V.view.set(V0);
    const tu = secondsPerRun(halfU);
    const tv = secondsPerRun(halfV);
    const tit = secondsPerRun(iteration);
    const tgram = secondsPerRun(gramOnly);
    const tobj = secondsPerRun(objective);
    const tgemm = secondsPerRun(gemmRun);
    const tjs = secondsPerRun(jsIteration, { minSeconds: 0, minRuns: 1, warmup: 0 });
    t.u.push(tu);
    t.v.push(tv);
    t.it.push(tit);
    t.gram.push(tgram);
    t.obj.push(tobj);
    t.gemm.push(tgemm);
    t.js.push(tjs);
    t.ratio.push(tjs / tit);
    t.gramVsGemm.push((gramFlops / tgram) / ((2 * GEMM ** 3) / tgemm));
  }
  const ms = (xs) => 1e3 * median(xs);
  timeRows.push({
    build: binary,
    "U half ms": ms(t.u),
    "V half ms": ms(t.v),
    "iteration ms": ms(t.it),
    "Gram only ms": ms(t.gram),
    "objective ms": ms(t.obj),
    "JS iteration ms": ms(t.js),
    "× JS": median(t.ratio),
    "max|U−U_js|/max|U|": (diff / scale).toExponential(1),
    "F after 3 it / F0": f3 / f0,
  });
  rateRows.push({
    build: binary,
    "Gram GFLOP/s": gramFlops / median(t.gram) / 1e9,
    "U half GFLOP/s": halfFlopsU / median(t.u) / 1e9,
    "V half GFLOP/s": halfFlopsV / median(t.v) / 1e9,
    "JS GFLOP/s": (halfFlopsU + halfFlopsV) / median(t.js) / 1e9,
    [`gemm ${GEMM}³ GFLOP/s`]: (2 * GEMM ** 3) / median(t.gemm) / 1e9,
    "Gram / gemm": median(t.gramVsGemm),
  });
  for (const b of [y.rowPtr, y.colIdx, y.value, yt.rowPtr, yt.colIdx, yt.value, U, V, work, G, B, ga, gb, gc, gw]) b.dispose();
}

const size = `${M.toLocaleString("en")} × ${N.toLocaleString("en")}, rank ${R}, ${NNZ.toLocaleString("en")} entries, λ = ${LAMBDA}`;
printTable(`ALS for matrix completion, ${size}: times per call (median CPU time; × JS = plain-JS iteration / wasm iteration, median over ${ROUNDS} rounds)`, timeRows);
printTable(`ALS rates: Gram = nnz·(r² + 3r) flops, half-step adds r(r+1)(2r+1)/6 + 2r² + r per non-empty row; gemm ${GEMM}³ = 2·${GEMM}³ flops (pointer level, same run)`, rateRows);
