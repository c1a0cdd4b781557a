// Sparse kernels for matrix completion on a 10,000 × 10,000 problem, rank 10, 1,000,000 observed
// entries (uniform, then ratings-shaped with power-law row and column counts): the sampled
// residual P_Ω(UVᵀ) − M, S·V and Sᵀ·U in COO and CSR, timed on pre-allocated wasm buffers in the
// scalar, SIMD and relaxed-SIMD builds beside plain JS loops of the same algorithms.
// GFLOP/s counts 2·nnz·r flops. GB/s counts the bytes each loop touches: the index and value
// streams, r·8 bytes per gathered factor row and 2·r·8 per scattered output row (read + write);
// the factor rows mostly hit cache, so this is an effective, not a DRAM, bandwidth.
// Also: Sᵀ·U as a gather on the CSR of Sᵀ (made once by csrTranspose), and the COO→CSR / CSR
// transpose times.
// Run: node --experimental-wasm-relaxed-simd bench/sparse.mjs
import { init, kernels, runtime, supportedBinaries, Rng, cooToCsr, csrTranspose } from "../dist/benign.js";
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

const M = 10_000;
const N = 10_000;
const R = 10;
const NNZ = 1_000_000;

// ---- problems ---------------------------------------------------------------------------------

function uniformProblem(rng) {
  const row = new Int32Array(NNZ);
  const col = new Int32Array(NNZ);
  for (let k = 0; k < NNZ; k++) {
    row[k] = rng.integer(M);
    col[k] = rng.integer(N);
  }
  return { name: "uniform", row, col };
}

// Ratings-shaped: index = perm[floor(size·u^p)], a power-law count profile (a few heavy users and
// items, a long tail), positions kept unique as in a ratings matrix, in random order.
function ratingsProblem(rng) {
  const permOf = (n) => {
    const p = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  const pr = permOf(M);
  const pc = permOf(N);
  const seen = new Set();
  const row = new Int32Array(NNZ);
  const col = new Int32Array(NNZ);
  for (let k = 0; k < NNZ; ) {
    const i = pr[Math.floor(M * rng.uniform() ** 2.5)];
    const j = pc[Math.floor(N * rng.uniform() ** 1.8)];
    const key = i * N + j;
    if (seen.has(key)) continue;
    seen.add(key);
    row[k] = i;
    col[k] = j;
    k++;
  }
  return { name: "ratings", row, col };
}

function maxCount(idx, n) {
  const c = new Int32Array(n);
  for (const i of idx) c[i]++;
  return c.reduce((a, b) => Math.max(a, b), 0);
}

// ---- plain JS loops (the same algorithms as the kernels) ---------------------------------------

function jsResidual(out, U, V, row, col, value, r) {
  for (let k = 0; k < row.length; k++) {
    const i = row[k] * r;
    const j = col[k] * r;
    let s = 0;
    for (let l = 0; l < r; l++) s += U[i + l] * V[j + l];
    out[k] = s - value[k];
  }
}

function jsCsrResidual(out, U, V, rowPtr, colIdx, value, r, m) {
  for (let i = 0; i < m; i++) {
    const a = i * r;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const j = colIdx[p] * r;
      let s = 0;
      for (let l = 0; l < r; l++) s += U[a + l] * V[j + l];
      out[p] = s - value[p];
    }
  }
}

// out = S·B (β = 0, α = 1) by COO scatter; dst/src exchanged gives Sᵀ·B.
function jsCooTimes(out, dst, src, value, B, r) {
  out.fill(0);
  for (let k = 0; k < dst.length; k++) {
    const o = dst[k] * r;
    const b = src[k] * r;
    const s = value[k];
    for (let l = 0; l < r; l++) out[o + l] += s * B[b + l];
  }
}

function jsCsrTimes(out, rowPtr, colIdx, value, V, r, m) {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const o = i * r;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const b = colIdx[p] * r;
      const s = value[p];
      for (let l = 0; l < r; l++) out[o + l] += s * V[b + l];
    }
  }
}

function jsCsrTransposeTimes(out, rowPtr, colIdx, value, U, r, m) {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const a = i * r;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
      const o = colIdx[p] * r;
      const s = value[p];
      for (let l = 0; l < r; l++) out[o + l] += s * U[a + l];
    }
  }
}

// Counting sort by key (stable), the algorithm of the cooToCsr / csrTranspose kernels.
function jsCountingSort(ptr, outIdx, outValue, key, idx, value, m) {
  ptr.fill(0);
  for (let k = 0; k < key.length; k++) ptr[key[k] + 1]++;
  for (let i = 0; i < m; i++) ptr[i + 1] += ptr[i];
  for (let k = 0; k < key.length; k++) {
    const p = ptr[key[k]]++;
    outIdx[p] = idx[k];
    outValue[p] = value[k];
  }
  for (let i = m; i > 0; i--) ptr[i] = ptr[i - 1];
  ptr[0] = 0;
}

// The row index of every CSR entry (memoized per matrix).
const rowsCache = new WeakMap();
function csrRowsOf(csr) {
  let rows = rowsCache.get(csr);
  if (rows === undefined) {
    rows = new Int32Array(csr.colIdx.length);
    for (let i = 0; i < csr.rows; i++) rows.fill(i, csr.rowPtr[i], csr.rowPtr[i + 1]);
    rowsCache.set(csr, rows);
  }
  return rows;
}

function relError(got, want) {
  let err = 0;
  let scale = 0;
  for (let k = 0; k < want.length; k++) {
    err = Math.max(err, Math.abs(got[k] - want[k]));
    scale = Math.max(scale, Math.abs(want[k]));
  }
  return err / (1 + scale);
}

// ---- the run ----------------------------------------------------------------------------------

const rng = new Rng(2026);
const U = rng.normalArray(M * R);
const V = rng.normalArray(N * R);
const builds = ["scalar", "simd", "relaxed-simd"].filter((b) => supportedBinaries().includes(b));
const flops = 2 * NNZ * R;
const idx = 8; // row + col (COO) bytes per entry; CSR reads 4 + rowPtr (amortized)
const bytes = {
  "residual COO": NNZ * (idx + 8 + 8 + 2 * R * 8),
  "residual CSR": NNZ * (4 + 8 + 8 + R * 8) + M * R * 8,
  "S·V COO": NNZ * (idx + 8 + R * 8 + 2 * R * 8),
  "S·V CSR": NNZ * (4 + 8 + R * 8) + M * R * 16,
  "Sᵀ·U COO": NNZ * (idx + 8 + R * 8 + 2 * R * 8),
  "Sᵀ·U CSR": NNZ * (4 + 8 + 2 * R * 8) + M * R * 8,
  "Sᵀ·U CSRᵀ": NNZ * (4 + 8 + R * 8) + N * R * 16,
};

const ROUNDS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// Short timing windows, interleaved JS / builds per round: on a shared machine the load changes
// from second to second, so each round's ratio compares runs made within a fraction of a second.
const quick = (run) => secondsPerRun(run, { minSeconds: 0.08, minRuns: 3, warmup: 1 });

for (const problem of [uniformProblem(rng), ratingsProblem(rng)]) {
  const value = rng.normalArray(NNZ);
  await init({ binary: "simd" });
  const S = { rows: M, cols: N, row: problem.row, col: problem.col, value };
  const csr = cooToCsr(S);
  const csrT = csrTranspose(csr);
  console.log(
    `\n${problem.name}: ${M}×${N}, rank ${R}, nnz ${NNZ}; largest row count ${maxCount(problem.row, M)}, ` +
      `largest column count ${maxCount(problem.col, N)}`,
  );

  const outNnz = new Float64Array(NNZ);
  const outM = new Float64Array(M * R);
  const outN = new Float64Array(N * R);
  const jsRuns = {
    "residual COO": [() => jsResidual(outNnz, U, V, S.row, S.col, value, R), outNnz],
    "residual CSR": [() => jsCsrResidual(outNnz, U, V, csr.rowPtr, csr.colIdx, csr.value, R, M), outNnz],
    "S·V COO": [() => jsCooTimes(outM, S.row, S.col, value, V, R), outM],
    "S·V CSR": [() => jsCsrTimes(outM, csr.rowPtr, csr.colIdx, csr.value, V, R, M), outM],
    "Sᵀ·U COO": [() => jsCooTimes(outN, S.col, S.row, value, U, R), outN],
    "Sᵀ·U CSR": [() => jsCsrTransposeTimes(outN, csr.rowPtr, csr.colIdx, csr.value, U, R, M), outN],
    "Sᵀ·U CSRᵀ": [() => jsCsrTimes(outN, csrT.rowPtr, csrT.colIdx, csrT.value, U, R, N), outN],
  };

  // One set of buffers per build (each build has its own memory), allocated once.
  const contexts = {};
  for (const binary of builds) {
    await init({ binary });
    const k = kernels();
    const arena = runtime().arena;
    const ub = arena.f64From(U);
    const vb = arena.f64From(V);
    const row = arena.i32From(S.row);
    const col = arena.i32From(S.col);
    const val = arena.f64From(value);
    const rowPtr = arena.i32From(csr.rowPtr);
    const colIdx = arena.i32From(csr.colIdx);
    const cval = arena.f64From(csr.value);
    const tPtr = arena.i32From(csrT.rowPtr);
    const tIdx = arena.i32From(csrT.colIdx);
    const tVal = arena.f64From(csrT.value);
    const oNnz = arena.f64(NNZ);
    const oM = arena.f64(M * R);
    const oN = arena.f64(N * R);
    contexts[binary] = {
      buffers: [ub, vb, row, col, val, rowPtr, colIdx, cval, tPtr, tIdx, tVal, oNnz, oM, oN],
      runs: {
        "residual COO": [() => k.sampledResidual(oNnz.ptr, NNZ, R, ub.ptr, vb.ptr, row.ptr, col.ptr, val.ptr), oNnz],
        "residual CSR": [() => k.csrSampledResidual(oNnz.ptr, M, R, ub.ptr, vb.ptr, rowPtr.ptr, colIdx.ptr, cval.ptr), oNnz],
        "S·V COO": [() => k.cooTimesDense(oM.ptr, M, R, NNZ, row.ptr, col.ptr, val.ptr, vb.ptr, 1, 0), oM],
        "S·V CSR": [() => k.csrTimesDense(oM.ptr, M, R, rowPtr.ptr, colIdx.ptr, cval.ptr, vb.ptr, 1, 0), oM],
        "Sᵀ·U COO": [() => k.cooTransposeTimesDense(oN.ptr, N, R, NNZ, row.ptr, col.ptr, val.ptr, ub.ptr, 1, 0), oN],
        "Sᵀ·U CSR": [() => k.csrTransposeTimesDense(oN.ptr, M, N, R, rowPtr.ptr, colIdx.ptr, cval.ptr, ub.ptr, 1, 0), oN],
        "Sᵀ·U CSRᵀ": [() => k.csrTimesDense(oN.ptr, N, R, tPtr.ptr, tIdx.ptr, tVal.ptr, ub.ptr, 1, 0), oN],
        "COO→CSR": [() => k.cooToCsr(rowPtr.ptr, colIdx.ptr, cval.ptr, 0, M, NNZ, row.ptr, col.ptr, val.ptr), cval],
        "CSR transpose": [() => k.csrTranspose(tPtr.ptr, tIdx.ptr, tVal.ptr, 0, M, N, rowPtr.ptr, colIdx.ptr, cval.ptr), tVal],
      },
    };
  }

  const jsPtr = new Int32Array(M + 1);
  const jsIdx = new Int32Array(NNZ);
  const jsVal = new Float64Array(NNZ);
  const jsTPtr = new Int32Array(N + 1);
  const jsTIdx = new Int32Array(NNZ);
  const jsTVal = new Float64Array(NNZ);
  const csrRows = csrRowsOf(csr);
  jsRuns["COO→CSR"] = [() => jsCountingSort(jsPtr, jsIdx, jsVal, S.row, S.col, value, M), jsVal];
  // The JS transpose scans CSR entries in order with their expanded row index (same result).
  jsRuns["CSR transpose"] = [() => jsCountingSort(jsTPtr, jsTIdx, jsTVal, csr.colIdx, csrRows, csr.value, N), jsTVal];

  const rows = [];
  for (const [op, [jsRun, jsOut]] of Object.entries(jsRuns)) {
    jsRun();
    const ref = jsOut.slice();
    const times = { js: [] };
    const ratios = {};
    let err = 0;
    for (const binary of builds) {
      await init({ binary });
      const [run, out] = contexts[binary].runs[op];
      run();
      err = Math.max(err, relError(out.view, ref));
      times[binary] = [];
      ratios[binary] = [];
    }
    for (let round = 0; round < ROUNDS; round++) {
      const tjs = quick(jsRun);
      times.js.push(tjs);
      for (const binary of builds) {
        await init({ binary });
        const t = quick(contexts[binary].runs[op][0]);
        times[binary].push(t);
        ratios[binary].push(tjs / t);
      }
    }
    const row = { kernel: op, "JS ms": median(times.js) * 1e3 };
    for (const b of builds) row[`${b} ms`] = median(times[b]) * 1e3;
    for (const b of builds.filter((b) => b !== "scalar")) {
      const t = median(times[b]);
      row[`${b} GFLOP/s`] = op in bytes ? flops / t / 1e9 : "-";
      row[`${b} GB/s`] = op in bytes ? bytes[op] / t / 1e9 : "-";
    }
    for (const b of builds) row[`JS/${b}`] = median(ratios[b]);
    row["max rel err"] = err.toExponential(1);
    rows.push(row);
  }
  for (const binary of builds) {
    await init({ binary });
    for (const b of contexts[binary].buffers) b.dispose();
  }
  printTable(`${problem.name}: medians over ${ROUNDS} interleaved rounds (JS/build = median of per-round time ratios)`, rows);
}
