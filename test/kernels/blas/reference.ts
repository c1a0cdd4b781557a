// Plain-loop references for the BLAS-2/3 tests: the triple loop and its error bound.
import { expect } from "vitest";
import type { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";

export const EPS = 2 ** -52;

export function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return { rows, cols, data: rng.normalArray(rows * cols) };
}

const at = (a: Matrix, i: number, j: number, t: boolean) => (t ? a.data[j * a.cols + i] : a.data[i * a.cols + j]);

// Plain triple loop: alpha·op(A)·op(B) + beta·C, and Σ|terms| for the error bound.
export function gemmReference(a: Matrix, b: Matrix, tA: boolean, tB: boolean, alpha: number, beta: number, c?: Matrix) {
  const m = tA ? a.cols : a.rows;
  const k = tA ? a.rows : a.cols;
  const n = tB ? b.rows : b.cols;
  const value = new Float64Array(m * n);
  const bound = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        const x = at(a, i, p, tA) * at(b, p, j, tB);
        s += x;
        t += Math.abs(x);
      }
      const cij = beta === 0 || c === undefined ? 0 : beta * c.data[i * n + j];
      value[i * n + j] = alpha * s + cij;
      bound[i * n + j] = Math.abs(alpha) * t + Math.abs(cij);
    }
  }
  return { m, n, k, value, bound };
}

// Any summation order of k products: |error| ≤ (k + 2)·eps·Σ|terms| (first-order bound).
export function expectClose(got: Float64Array, ref: { k: number; value: Float64Array; bound: Float64Array }) {
  expect(got.length).toBe(ref.value.length);
  for (let i = 0; i < got.length; i++) {
    const tol = (ref.k + 3) * EPS * ref.bound[i] + 1e-300;
    if (!(Math.abs(got[i] - ref.value[i]) <= tol)) {
      throw new Error(`entry ${i}: got ${got[i]}, want ${ref.value[i]} (tol ${tol})`);
    }
  }
}
