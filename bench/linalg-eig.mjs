// eigh and svd (wasm kernels through the public wrappers, copies included) against ml-matrix's
// EigenvalueDecomposition / SingularValueDecomposition (plain JS, JAMA algorithms) on the same
// random matrices. Run after a build: node --experimental-wasm-relaxed-simd bench/linalg-eig.mjs
import { Matrix, EigenvalueDecomposition, SingularValueDecomposition } from "ml-matrix";
import { init, eigh, eighValues, svd, svdValues, supportedBinaries, Rng } from "../dist/benign.js";
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

const rng = new Rng(2024);
const builds = supportedBinaries().filter((b) => b !== "scalar").reverse(); // simd, relaxed-simd

function symmetric(n) {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = rng.normal();
  return { rows: n, cols: n, data };
}
const general = (m, n) => ({ rows: m, cols: n, data: rng.normalArray(m * n) });
const toMl = (a) => new Matrix(Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols))));
// Fewer repetitions for the multi-second cases.
const opts = (size) => (size >= 200 * 200 ? { minSeconds: 0, minRuns: 3, warmup: 1 } : { minSeconds: 0.3 });

async function timeBuilds(run, size) {
  const out = {};
  for (const b of builds) {
    await init({ binary: b });
    out[b] = secondsPerRun(run, opts(size));
  }
  await init();
  return out;
}

const ms = (s) => s * 1000;
const rows = [];
for (const n of [50, 100, 200, 500]) {
  const a = symmetric(n);
  const t = await timeBuilds(() => eigh(a), n * n);
  const ml = toMl(a);
  const tm = secondsPerRun(() => new EigenvalueDecomposition(ml, { assumeSymmetric: true }), opts(n * n));
  const row = { case: `eigh ${n}×${n}` };
  for (const b of builds) row[`${b} ms`] = ms(t[b]);
  row["ml-matrix ms"] = ms(tm);
  for (const b of builds) row[`speed-up ${b}`] = tm / t[b];
  rows.push(row);
}
for (const [m, n] of [[50, 50], [100, 100], [200, 200], [500, 500], [2000, 50]]) {
  const a = general(m, n);
  const t = await timeBuilds(() => svd(a), m * n);
  const ml = toMl(a);
  const tm = secondsPerRun(() => new SingularValueDecomposition(ml, { autoTranspose: true }), opts(m * n));
  const row = { case: `svd ${m}×${n}` };
  for (const b of builds) row[`${b} ms`] = ms(t[b]);
  row["ml-matrix ms"] = ms(tm);
  for (const b of builds) row[`speed-up ${b}`] = tm / t[b];
  rows.push(row);
}
printTable("eigh / svd: median ms per call (wrapper, copies included) and speed-up over ml-matrix", rows);

// Values only (no vectors): what a Hessian spectrum needs. ml-matrix has no values-only mode.
const valueRows = [];
for (const n of [100, 200, 500]) {
  const a = symmetric(n);
  const b = general(n, n);
  const te = await timeBuilds(() => eighValues(a), n * n);
  const ts = await timeBuilds(() => svdValues(b), n * n);
  const row = { case: `${n}×${n}` };
  for (const bld of builds) row[`eighValues ${bld} ms`] = ms(te[bld]);
  for (const bld of builds) row[`svdValues ${bld} ms`] = ms(ts[bld]);
  valueRows.push(row);
}
printTable("values only: median ms per call", valueRows);
