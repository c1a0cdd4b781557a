// Every kernel family run once on random data from the seeded generator, each checked against an
// independent plain-JS reference or a defining identity, with its time.
import * as benign from "../dist/benign.js";
import { heading, ms, sci, table, timed } from "./format.mjs";
import { dftBinsError, sampledProductError, softThresholdError } from "./reference.mjs";

const rng = new benign.Rng(2026);
const randomMatrix = (rows, cols) => benign.matrix(rows, cols, rng.normalArray(rows * cols));

function frobenius(data) {
  let s = 0;
  for (const v of data) s += v * v;
  return Math.sqrt(s);
}

/** ‖A − B‖_F / ‖A‖_F */
function relativeDifference(a, b) {
  const diff = a.data.map((v, i) => v - b.data[i]);
  return frobenius(diff) / frobenius(a.data);
}

function checkGemm() {
  const n = 512;
  const a = randomMatrix(n, n);
  const b = randomMatrix(n, n);
  const [c, time] = timed(() => benign.gemm(a, b));
  // Plain-JS dot products for 64 random entries.
  let worst = 0;
  for (let t = 0; t < 64; t++) {
    const i = rng.integer(n);
    const j = rng.integer(n);
    let s = 0;
    for (let k = 0; k < n; k++) s += a.data[i * n + k] * b.data[k * n + j];
    worst = Math.max(worst, Math.abs(s - c.data[i * n + j]) / Math.sqrt(n));
  }
  return { kernel: "gemm", problem: "512×512 · 512×512", time: ms(time), rate: `${((2 * n ** 3) / time / 1e6).toFixed(1)} GFLOP/s`, check: "64 entries vs JS dot products", error: sci(worst) };
}

function checkFft() {
  const n = 1 << 16;
  const re = rng.normalArray(n);
  const im = rng.normalArray(n);
  const [out, time] = timed(() => benign.fft(re, im));
  const worst = dftBinsError(re, im, out, [0, 1, 7, 4096, 40000, n - 1]);
  return { kernel: "fft", problem: "complex, n = 65,536", time: ms(time), rate: `${((5 * n * 16) / time / 1e6).toFixed(1)} GFLOP/s`, check: "6 bins vs a direct DFT", error: sci(worst) };
}

function checkFftAwkward() {
  const n = 100_003; // prime: Bluestein
  const x = rng.normalArray(n);
  const [spectrum, time] = timed(() => benign.rfft(x));
  const back = benign.irfft(spectrum, n);
  const err = frobenius(back.map((v, i) => v - x[i])) / frobenius(x);
  return { kernel: "rfft / irfft", problem: "real, n = 100,003 (prime)", time: ms(time), rate: "", check: "‖irfft(rfft x) − x‖/‖x‖", error: sci(err) };
}

function checkEigh() {
  const n = 200;
  const g = randomMatrix(n, n);
  const a = benign.gemm(g, g, { transB: true, alpha: 1 / n });
  const [{ values, vectors }, time] = timed(() => benign.eigh(a));
  const av = benign.gemm(a, vectors);
  const vl = benign.matrix(n, n, vectors.data.map((v, idx) => v * values[idx % n]));
  return { kernel: "eigh", problem: "200×200 symmetric", time: ms(time), rate: "", check: "‖AV − VΛ‖/‖A‖", error: sci(relativeDifference(av, vl) * frobenius(vl.data) / frobenius(a.data)) };
}

function checkSvd() {
  const a = randomMatrix(2000, 50);
  const [{ U, S, V }, time] = timed(() => benign.svd(a));
  const us = benign.matrix(U.rows, U.cols, U.data.map((v, idx) => v * S[idx % U.cols]));
  return { kernel: "svd", problem: "2000×50", time: ms(time), rate: "", check: "‖A − UΣVᵀ‖/‖A‖", error: sci(relativeDifference(a, benign.gemm(us, V, { transB: true }))) };
}

function checkQr() {
  const a = randomMatrix(1000, 40);
  const [{ Q, R }, time] = timed(() => benign.qr(a));
  return { kernel: "qr", problem: "1000×40 Householder", time: ms(time), rate: "", check: "‖A − QR‖/‖A‖", error: sci(relativeDifference(a, benign.gemm(Q, R))) };
}

function checkSolve() {
  const n = 300;
  const a = randomMatrix(n, n);
  const b = rng.normalArray(n);
  const [x, time] = timed(() => benign.solve(a, b));
  const r = benign.gemv(a, x).map((v, i) => v - b[i]);
  return { kernel: "solve", problem: "300×300 LU, 1 rhs", time: ms(time), rate: "", check: "‖Ax − b‖/‖b‖", error: sci(frobenius(r) / frobenius(b)) };
}

function checkSoftThreshold() {
  const n = 1_000_000;
  const x = rng.normalArray(n);
  const [out, time] = timed(() => benign.softThreshold(x, 0.5));
  const worst = softThresholdError(x, 0.5, out);
  return { kernel: "softThreshold", problem: "10⁶ entries (with copies)", time: ms(time), rate: "", check: "vs the JS formula", error: sci(worst) };
}

function checkSampled() {
  const [m, n, r, nnz] = [2000, 1500, 10, 200_000];
  const U = randomMatrix(m, r);
  const V = randomMatrix(n, r);
  const row = Int32Array.from({ length: nnz }, () => rng.integer(m));
  const col = Int32Array.from({ length: nnz }, () => rng.integer(n));
  const [out, time] = timed(() => benign.sampledProduct(U, V, row, col));
  const worst = sampledProductError(U, V, row, col, out);
  return { kernel: "sampledProduct", problem: "P_Ω(UVᵀ), 2·10⁵ entries, r = 10", time: ms(time), rate: "", check: "vs JS dot products", error: sci(worst) };
}

export function kernelsReport() {
  heading("Kernels: each run once and checked against an independent reference");
  table([checkGemm(), checkFft(), checkFftAwkward(), checkEigh(), checkSvd(), checkQr(), checkSolve(), checkSoftThreshold(), checkSampled()]);
  console.log("  (first calls include warm-up; `npm run bench` measures speed properly)");
}
