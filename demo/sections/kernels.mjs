// Every kernel family run once on random data from the seeded generator, each checked against an
// independent plain-JS reference or a defining identity, with its time.
import * as benign from "../../dist/benign.js";
import { dftBinsError, sampledProductError, softThresholdError } from "../reference.mjs";
import { ms, sci } from "../terminal.mjs";

const rng = new benign.Rng(2026);
const randomMatrix = (rows, cols) => benign.matrix(rows, cols, rng.normalArray(rows * cols));

/** Runs fn once and returns [result, milliseconds]. */
function timed(fn) {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

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

function checkGemm({ gemm: n }) {
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
  return { kernel: "gemm", problem: `${n}×${n} · ${n}×${n}`, time: ms(time), rate: `${((2 * n ** 3) / time / 1e6).toFixed(1)} GFLOP/s`, check: "64 entries vs JS dot products", error: worst };
}

function checkFft({ fft: n }) {
  const re = rng.normalArray(n);
  const im = rng.normalArray(n);
  const [out, time] = timed(() => benign.fft(re, im));
  const worst = dftBinsError(re, im, out, [0, 1, 7, n >> 4, Math.floor(0.61 * n), n - 1]);
  return { kernel: "fft", problem: `complex, n = ${n.toLocaleString("en")}`, time: ms(time), rate: `${((5 * n * 16) / time / 1e6).toFixed(1)} GFLOP/s`, check: "6 bins vs a direct DFT", error: worst };
}

function checkFftAwkward({ prime: n }) {
  const x = rng.normalArray(n);
  const [spectrum, time] = timed(() => benign.rfft(x));
  const back = benign.irfft(spectrum, n);
  const err = frobenius(back.map((v, i) => v - x[i])) / frobenius(x);
  return { kernel: "rfft / irfft", problem: `real, n = ${n.toLocaleString("en")} (prime)`, time: ms(time), rate: "", check: "‖irfft(rfft x) − x‖/‖x‖", error: err };
}

function checkEigh({ eigh: n }) {
  const g = randomMatrix(n, n);
  const a = benign.gemm(g, g, { transB: true, alpha: 1 / n });
  const [{ values, vectors }, time] = timed(() => benign.eigh(a));
  const av = benign.gemm(a, vectors);
  const vl = benign.matrix(n, n, vectors.data.map((v, idx) => v * values[idx % n]));
  return { kernel: "eigh", problem: `${n}×${n} symmetric`, time: ms(time), rate: "", check: "‖AV − VΛ‖/‖A‖", error: relativeDifference(av, vl) * frobenius(vl.data) / frobenius(a.data) };
}

function checkSvd({ svd: [m, n] }) {
  const a = randomMatrix(m, n);
  const [{ U, S, V }, time] = timed(() => benign.svd(a));
  const us = benign.matrix(U.rows, U.cols, U.data.map((v, idx) => v * S[idx % U.cols]));
  return { kernel: "svd", problem: `${m}×${n}`, time: ms(time), rate: "", check: "‖A − UΣVᵀ‖/‖A‖", error: relativeDifference(a, benign.gemm(us, V, { transB: true })) };
}

function checkQr({ qr: [m, n] }) {
  const a = randomMatrix(m, n);
  const [{ Q, R }, time] = timed(() => benign.qr(a));
  return { kernel: "qr", problem: `${m}×${n} Householder`, time: ms(time), rate: "", check: "‖A − QR‖/‖A‖", error: relativeDifference(a, benign.gemm(Q, R)) };
}

function checkSolve({ solve: n }) {
  const a = randomMatrix(n, n);
  const b = rng.normalArray(n);
  const [x, time] = timed(() => benign.solve(a, b));
  const r = benign.gemv(a, x).map((v, i) => v - b[i]);
  return { kernel: "solve", problem: `${n}×${n} LU, 1 rhs`, time: ms(time), rate: "", check: "‖Ax − b‖/‖b‖", error: frobenius(r) / frobenius(b) };
}

function checkSoftThreshold({ soft: n }) {
  const x = rng.normalArray(n);
  const [out, time] = timed(() => benign.softThreshold(x, 0.5));
  const worst = softThresholdError(x, 0.5, out);
  return { kernel: "softThreshold", problem: `${n.toLocaleString("en")} entries (with copies)`, time: ms(time), rate: "", check: "vs the JS formula", error: worst };
}

function checkSampled({ sampled: [m, n, r, nnz] }) {
  const U = randomMatrix(m, r);
  const V = randomMatrix(n, r);
  const row = Int32Array.from({ length: nnz }, () => rng.integer(m));
  const col = Int32Array.from({ length: nnz }, () => rng.integer(n));
  const [out, time] = timed(() => benign.sampledProduct(U, V, row, col));
  const worst = sampledProductError(U, V, row, col, out);
  return { kernel: "sampledProduct", problem: `P_Ω(UVᵀ), ${m}×${n}, ${nnz.toLocaleString("en")} entries, r = ${r}`, time: ms(time), rate: "", check: "vs JS dot products", error: worst };
}

/** The problem sizes, and smaller ones for --quick. */
const SIZES = {
  full: { gemm: 512, fft: 1 << 16, prime: 100_003, eigh: 200, svd: [2000, 50], qr: [1000, 40], solve: 300, soft: 1_000_000, sampled: [2000, 1500, 10, 200_000] },
  quick: { gemm: 128, fft: 1 << 12, prime: 10_007, eigh: 60, svd: [400, 20], qr: [200, 20], solve: 100, soft: 100_000, sampled: [400, 300, 5, 20_000] },
};

/**
 * Tolerances of the checks: a few ulps times the accumulation length on unit-scale data (the
 * errors are already divided by √n where they grow with it); ‖Ax − b‖/‖b‖ also grows with the
 * condition number of a random n×n matrix (≈ n); soft-thresholding is exact.
 */
const TOLERANCE = { gemm: 1e-12, fft: 1e-12, "rfft / irfft": 1e-12, eigh: 1e-12, svd: 1e-12, qr: 1e-12, solve: 1e-10, softThreshold: 0, sampledProduct: 1e-12 };

export default {
  id: "kernels",
  title: "Kernels: each run once and checked against an independent reference",
  async run(report) {
    const sizes = report.quick ? SIZES.quick : SIZES.full;
    const checks = [checkGemm, checkFft, checkFftAwkward, checkEigh, checkSvd, checkQr, checkSolve, checkSoftThreshold, checkSampled];
    const rows = checks.map((check) => check(sizes));
    const within = rows.filter((row) => row.error <= TOLERANCE[row.kernel]);
    report.table(
      rows.map((row) => ({ ...row, error: sci(row.error), tolerance: TOLERANCE[row.kernel] === 0 ? "exact" : sci(TOLERANCE[row.kernel]) })),
      "First calls include warm-up (`npm run bench` measures speed properly); errors of gemm, fft and sampledProduct are per entry, divided by √n for the sums.",
    );
    report.check(within.length === rows.length, `${within.length} of ${rows.length} kernels agree with their references within tolerance`);
  },
};
