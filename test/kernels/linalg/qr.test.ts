import { beforeAll, describe, expect, test } from "vitest";
import { QrDecomposition, Matrix as MlMatrix } from "ml-matrix";
import { init, runtime } from "../../../src/runtime/init.js";
import { qr } from "../../../src/kernels/linalg/qr.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import { U, eye, frob, mat, matmul, maxBelowDiagonal, randn, sub, transposeOf, withCondition } from "./solve-fixtures.js";

beforeAll(async () => {
  await init();
});

// Householder QR is backward stable: ‖A − QR‖_F ≤ γ̃_{mn}·‖A‖_F and ‖QᵀQ − I‖_F ≤ γ̃_{mn}
// (Higham, ASNA 2nd ed., Thm 19.4 and §19.3) whatever cond(A) is. The worst-case constant is
// linear in m·n; rounding errors add up like a random walk in practice, so 8·(m + n)·u leaves
// a margin of 10–100 over what we observe while any algebraic slip gives O(1).
function tol(m: number, n: number): number {
  return 8 * (m + n + 1) * U;
}

function checkFactors(a: Matrix, label: string): { Q: Matrix; R: Matrix } {
  const { Q, R } = qr(a);
  const m = a.rows;
  const n = a.cols;
  const k = Math.min(m, n);
  expect([Q.rows, Q.cols, R.rows, R.cols], label).toEqual([m, k, k, n]);
  const an = frob(a) || 1;
  expect(frob(sub(a, matmul(Q, R))) / an, `${label} ‖A − QR‖/‖A‖`).toBeLessThanOrEqual(tol(m, n));
  expect(frob(sub(matmul(transposeOf(Q), Q), eye(k))), `${label} ‖QᵀQ − I‖`).toBeLessThanOrEqual(tol(m, n));
  expect(maxBelowDiagonal(R), `${label} R upper`).toBe(0);
  for (let i = 0; i < k; i++) expect(R.data[i * n + i], `${label} R[${i}][${i}] ≥ 0`).toBeGreaterThanOrEqual(0);
  return { Q, R };
}

describe("qr", () => {
  test("tall, square and wide random matrices on every build", async () => {
    const rng = new Rng(1);
    const shapes: [number, number][] = [
      [0, 0], [1, 1], [3, 0], [0, 3], [1, 4], [2, 2], [3, 2], [5, 3], [7, 7], [8, 5], [9, 9], [17, 4], [33, 17],
      [64, 64], [100, 37], [4, 9], [2, 17],
    ];
    for (const [m, n] of shapes) {
      const a = randn(rng, m, n);
      await eachBinary((binary) => {
        checkFactors(a, `${binary} ${m}×${n}`);
      });
    }
  });

  test("the builds agree within rounding", async () => {
    const a = randn(new Rng(2), 40, 30);
    const results = [...(await resultsByBinary(() => qr(a))).values()];
    for (const r of results.slice(1)) {
      // R is accurate to about cond(A)·u·‖A‖ (cond ≈ 10 for a 40×30 Gaussian matrix).
      expect(frob(sub(r.R, results[0].R)) / frob(results[0].R)).toBeLessThanOrEqual(1e3 * U);
      expect(frob(sub(r.Q, results[0].Q))).toBeLessThanOrEqual(1e3 * U);
    }
  });

  test("R matches ml-matrix's Householder QR after fixing the signs (uniqueness)", () => {
    const rng = new Rng(3);
    const a = randn(rng, 30, 12);
    const { Q, R } = qr(a);
    const ref = new QrDecomposition(new MlMatrix(Array.from({ length: 30 }, (_, i) => Array.from(a.data.subarray(i * 12, i * 12 + 12)))));
    const rr = ref.upperTriangularMatrix.to2DArray();
    const qr_ = ref.orthogonalMatrix.to2DArray();
    for (let i = 0; i < 12; i++) {
      const sign = Math.sign(rr[i][i]);
      for (let j = 0; j < 12; j++) expect(Math.abs(R.data[i * 12 + j] - sign * rr[i][j])).toBeLessThanOrEqual(1e3 * U * frob(R));
      for (let r = 0; r < 30; r++) expect(Math.abs(Q.data[r * 12 + i] - sign * qr_[r][i])).toBeLessThanOrEqual(1e3 * U);
    }
  });

  test("ill-conditioned (cond 1e10), graded and rank-deficient matrices stay backward stable", async () => {
    const rng = new Rng(4);
    const ill = withCondition(rng, 40, 20, 10);
    const graded = randn(rng, 30, 30);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) graded.data[i * 30 + j] *= 10 ** (-(12 * j) / 29);
    const deficient = matmul(randn(rng, 25, 3), randn(rng, 3, 10));
    const zeroColumn = randn(rng, 6, 4);
    for (let i = 0; i < 6; i++) zeroColumn.data[i * 4 + 1] = 0;
    await eachBinary((binary) => {
      checkFactors(ill, `${binary} cond 1e10`);
      const { R } = checkFactors(graded, `${binary} graded`);
      // Column-graded A: each column is reduced at its own scale, so R's last diagonal entry is
      // still accurate relative to that column (≈ 1e-12 here), not lost in ‖A‖·u.
      expect(Math.abs(R.data[29 * 30 + 29])).toBeGreaterThan(1e-16);
      checkFactors(deficient, `${binary} rank 3`);
      checkFactors(zeroColumn, `${binary} zero column`);
    });
  });

  test("negative and tiny/huge pivots: diagonal made non-negative, no over/underflow", () => {
    const neg = mat(3, 3, Float64Array.from([-2, 1, 0, 0, -3, 1, 0, 0, -4]));
    const { Q, R } = checkFactors(neg, "upper triangular with negative diagonal");
    expect([R.data[0], R.data[4], R.data[8]]).toEqual([2, 3, 4]);
    expect(Math.abs(Q.data[0])).toBe(1);
    for (const scale of [1e-300, 1e-160, 1e160, 1e300]) {
      const a = randn(new Rng(5), 6, 4);
      for (let i = 0; i < a.data.length; i++) a.data[i] *= scale;
      checkFactors(a, `scaled by ${scale}`);
    }
    // a column whose tail is far below rounding relative to its head
    const tiny = mat(3, 2, Float64Array.from([1, 1, 1e-30, 2, 1e-30, 3]));
    checkFactors(tiny, "negligible tail");
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => qr({ rows: 2, cols: 2, data: Float64Array.of(1, 2, NaN, 4) })).toThrow(/invalid A: entry 2 is NaN/);
    expect(() => qr({ rows: 1, cols: 2, data: Float64Array.of(1, Infinity) })).toThrow(RangeError);
    expect(() => qr({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/invalid A: data has length 3/);
    expect(() => qr([[1]] as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
