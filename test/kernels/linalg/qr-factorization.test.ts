import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { qrFactorization } from "../../../src/kernels/linalg/qr-factorization.js";
import { qr } from "../../../src/kernels/linalg/qr.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { U, frob, mat, matmul, randn, sub, transposeOf } from "./solve-fixtures.js";

beforeAll(async () => {
  await init();
});

// Applying k reflectors is backward stable: fl(QᵀB) = Qᵀ(B + ΔB), ‖ΔB‖_F ≤ γ̃_{mk}‖B‖_F
// (Higham Lemma 19.3); 8·(m + n)·u as in the QR tests.
const tol = (m: number, n: number): number => 8 * (m + n + 1) * U;

describe("qrFactorization", () => {
  test("applyQt / applyQ agree with the formed Q, preserve norms and invert each other", async () => {
    const rng = new Rng(61);
    for (const [m, n] of [[1, 1], [5, 3], [9, 9], [33, 8], [64, 17], [4, 9], [0, 0]]) {
      const a = randn(rng, m, n);
      const b = randn(rng, m, 5);
      const bv = rng.normalArray(m);
      await eachBinary((binary) => {
        const label = `${binary} ${m}×${n}`;
        const f = qrFactorization(a);
        expect([f.rows, f.cols]).toEqual([m, n]);
        const k = Math.min(m, n);
        const { Q, R } = qr(a);
        expect(f.Q().data).toEqual(Q.data);
        expect(f.R().data).toEqual(R.data);
        const c = f.applyQt(b);
        expect([c.rows, c.cols]).toEqual([m, 5]);
        const qtb = matmul(transposeOf(Q), b);
        const scale = frob(b) || 1;
        expect(frob(sub(mat(k, 5, c.data.slice(0, k * 5)), qtb)) / scale, label).toBeLessThanOrEqual(tol(m, n));
        expect(Math.abs(frob(c) - frob(b)) / scale, label).toBeLessThanOrEqual(tol(m, n));
        expect(frob(sub(f.applyQ(c), b)) / scale, label).toBeLessThanOrEqual(tol(m, n));
        const cv = f.applyQt(bv);
        expect(cv).toBeInstanceOf(Float64Array);
        expect(frob(sub(mat(m, 1, f.applyQ(cv)), mat(m, 1, bv))) / (frob(bv) || 1), label).toBeLessThanOrEqual(tol(m, n));
      });
    }
  });

  test("the tail of Qᵀb is the least-squares residual", () => {
    const rng = new Rng(62);
    const a = randn(rng, 20, 6);
    const b = rng.normalArray(20);
    const f = qrFactorization(a);
    const c = f.applyQt(b);
    // x = R⁻¹(Qᵀb)(0:n) by back substitution here, residual ‖Ax − b‖ = ‖(Qᵀb)(n:m)‖.
    const r = f.R();
    const x = new Float64Array(6);
    for (let i = 5; i >= 0; i--) {
      let s = c[i];
      for (let j = i + 1; j < 6; j++) s -= r.data[i * 6 + j] * x[j];
      x[i] = s / r.data[i * 6 + i];
    }
    const res = sub(matmul(a, mat(6, 1, x)), mat(20, 1, b));
    expect(Math.abs(frob(res) - frob(c.subarray(6)))).toBeLessThanOrEqual(1e3 * U * frob(b));
  });

  test("rejects bad input and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => qrFactorization(mat(1, 1, Float64Array.of(NaN)))).toThrow(/invalid A: entry 0 is NaN/);
    const f = qrFactorization(randn(new Rng(63), 3, 2));
    expect(() => f.applyQt(new Float64Array(2))).toThrow(/invalid B: expected length 3/);
    expect(() => f.applyQ(mat(2, 2))).toThrow(/invalid B: expected 3 rows/);
    expect(() => f.applyQt(Float64Array.of(1, Infinity, 0))).toThrow(/invalid B: entry 1 is Infinity/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
