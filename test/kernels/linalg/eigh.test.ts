import { beforeAll, describe, expect, test } from "vitest";
import { Matrix as MlMatrix, EigenvalueDecomposition } from "ml-matrix";
import { init, kernels, runtime } from "../../../src/runtime/init.js";
import { eigh } from "../../../src/kernels/linalg/eigh.js";
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import {
  EPS, argmaxAbsCol, frob, mat, matmul, orthError, randomOrthonormal, randomSymmetric, scaleCols, sub, transposed,
} from "./eigh-svd-helpers.js";

beforeAll(async () => {
  await init();
});

// Checks A·V = V·Λ, VᵀV = I, ascending order and the sign convention. Backward stability gives
// residuals ≈ ε‖A‖ times a modest polynomial in n (Householder + rotation error bounds grow
// like n); 10·n·ε in the Frobenius norm leaves room without hiding an O(1) error.
function checkEigh(a: Matrix, r: { values: Float64Array; vectors: Matrix }): void {
  const n = a.rows;
  const v = r.vectors;
  expect(r.values.length).toBe(n);
  expect([v.rows, v.cols]).toEqual([n, n]);
  const tol = 10 * Math.max(n, 1) * EPS;
  const anorm = Math.max(frob(a), Number.MIN_VALUE);
  expect(frob(sub(matmul(a, v), scaleCols(v, r.values))) / anorm).toBeLessThanOrEqual(tol);
  expect(orthError(v)).toBeLessThanOrEqual(tol);
  for (let i = 1; i < n; i++) expect(r.values[i]).toBeGreaterThanOrEqual(r.values[i - 1]);
  for (let j = 0; j < n; j++) expect(v.data[argmaxAbsCol(v, j) * n + j]).toBeGreaterThan(0);
}

describe("eigh", () => {
  test("random symmetric matrices: residual, orthogonality, order, signs on every build", async () => {
    const rng = new Rng(1);
    for (const n of [1, 2, 3, 4, 5, 8, 17, 64, 150]) {
      const a = randomSymmetric(rng, n);
      await eachBinary(() => checkEigh(a, eigh(a)));
    }
  });

  test("prescribed spectra: graded 1 … 1e-12, repeated, negative, rank-deficient", async () => {
    const rng = new Rng(2);
    const n = 40;
    const spectra: number[][] = [
      Array.from({ length: n }, (_, i) => 10 ** (-12 * i / (n - 1))),
      Array.from({ length: n }, (_, i) => (i < 15 ? 3 : i < 30 ? -1 : 0.5)),
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1)),
      Array.from({ length: n }, (_, i) => (i < 5 ? i + 1 : 0)),
    ];
    for (const lambda of spectra) {
      const q = randomOrthonormal(rng, n, n);
      const a = matmul(scaleCols(q, lambda), transposed(q));
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j]; // exact symmetry
      const want = [...lambda].sort((x, y) => x - y);
      const norm2 = Math.max(...lambda.map(Math.abs));
      await eachBinary(() => {
        const r = eigh(a);
        checkEigh(a, r);
        // Absolute error ≈ ε‖A‖₂ per eigenvalue (Weyl), plus the O(nε) error of forming A itself.
        for (let i = 0; i < n; i++) expect(Math.abs(r.values[i] - want[i])).toBeLessThanOrEqual(10 * n * EPS * norm2);
      });
    }
  });

  test("eigenvectors are accurate to ≈ ε‖A‖/gap (distinct prescribed spectrum)", async () => {
    const rng = new Rng(7);
    const n = 40;
    // λ = ±1, ±2, …: after sorting the gaps are ≥ 2 except around 0 (3); ‖A‖₂ = n.
    const lambda = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1));
    const q = randomOrthonormal(rng, n, n);
    const a = matmul(scaleCols(q, lambda), transposed(q));
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j];
    const order = lambda.map((x, i) => [x, i]).sort((x, y) => x[0] - y[0]).map(([, i]) => i);
    await eachBinary(() => {
      const { vectors } = eigh(a);
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += vectors.data[i * n + j] * q.data[i * q.cols + order[j]];
        const sign = Math.sign(dot);
        let err = 0;
        for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(vectors.data[i * n + j] - sign * q.data[i * q.cols + order[j]]));
        // sin∠ ≲ ‖E‖/gap with ‖E‖ ≈ 10·n·ε·‖A‖₂ (growth factor as in the residual bound), gap ≥ 2.
        expect(err).toBeLessThanOrEqual((10 * n * EPS * n) / 2);
      }
    });
  });

  test("1-D Laplacian tridiag(−1, 2, −1): λ_k = 2 − 2cos(kπ/(n+1))", async () => {
    for (const n of [1, 2, 7, 50, 200]) {
      const a = mat(n, n);
      for (let i = 0; i < n; i++) {
        a.data[i * n + i] = 2;
        if (i > 0) a.data[i * n + i - 1] = a.data[(i - 1) * n + i] = -1;
      }
      await eachBinary(() => {
        const r = eigh(a);
        checkEigh(a, r);
        for (let k = 1; k <= n; k++) {
          // ‖A‖₂ < 4; absolute error bound 10·n·ε·4.
          expect(Math.abs(r.values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(40 * n * EPS);
        }
      });
    }
  });

  test("diagonal, zero, 0×0 and 1×1 matrices", () => {
    const d = [3, -1, 2, 0, -5];
    const a = mat(5, 5);
    d.forEach((x, i) => (a.data[i * 5 + i] = x));
    const r = eigh(a);
    expect(Array.from(r.values)).toEqual([-5, -1, 0, 2, 3]);
    // The eigenvectors are the unit vectors, in the sorted order, with +1 entries.
    const order = [4, 1, 3, 2, 0];
    for (let j = 0; j < 5; j++) for (let i = 0; i < 5; i++) expect(r.vectors.data[i * 5 + j]).toBe(i === order[j] ? 1 : 0);

    const z = eigh(mat(4, 4));
    expect(Array.from(z.values)).toEqual([0, 0, 0, 0]);
    expect(orthError(z.vectors)).toBe(0);

    const e = eigh(mat(0, 0));
    expect(e.values.length).toBe(0);
    expect(e.vectors).toMatchObject({ rows: 0, cols: 0 });

    const one = eigh(mat(1, 1, Float64Array.of(-7.5)));
    expect(Array.from(one.values)).toEqual([-7.5]);
    expect(Array.from(one.vectors.data)).toEqual([1]);
  });

  test("extreme scales: exact power-of-two scaling keeps huge and tiny matrices accurate", () => {
    const rng = new Rng(3);
    const base = randomSymmetric(rng, 12);
    const ref = eigh(base);
    for (const s of [2 ** 600, 2 ** -600, 1e300, 1e-300]) {
      const a = mat(12, 12, base.data.map((x) => x * s));
      const r = eigh(a);
      for (let i = 0; i < 12; i++) expect(Math.abs(r.values[i] / s - ref.values[i])).toBeLessThanOrEqual(200 * EPS);
      checkEigh(mat(12, 12, base.data), { values: r.values.map((x) => x / s), vectors: r.vectors });
    }
  });

  test("agrees with ml-matrix EigenvalueDecomposition (independent JS code)", () => {
    const rng = new Rng(4);
    const n = 30;
    const a = randomSymmetric(rng, n);
    const rows = Array.from({ length: n }, (_, i) => Array.from(a.data.subarray(i * n, (i + 1) * n)));
    const ml = new EigenvalueDecomposition(new MlMatrix(rows), { assumeSymmetric: true });
    const want = [...ml.realEigenvalues].sort((x, y) => x - y);
    const got = eigh(a).values;
    const norm = frob(a);
    for (let i = 0; i < n; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(10 * n * EPS * norm);
  });

  test("the builds agree to rounding: eigenvalues to nε‖A‖, well-separated vectors to nε‖A‖/gap", async () => {
    const rng = new Rng(5);
    const n = 24;
    const lambda = Array.from({ length: n }, (_, i) => i + 1); // gaps of 1, ‖A‖₂ = n
    const q = randomOrthonormal(rng, n, n);
    const a = matmul(scaleCols(q, lambda), transposed(q));
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j];
    const results = [...(await resultsByBinary(() => eigh(a))).values()];
    const tol = 10 * n * EPS * n;
    for (const r of results.slice(1)) {
      for (let i = 0; i < n; i++) expect(Math.abs(r.values[i] - results[0].values[i])).toBeLessThanOrEqual(tol);
      for (let i = 0; i < n * n; i++) expect(Math.abs(r.vectors.data[i] - results[0].vectors.data[i])).toBeLessThanOrEqual(tol);
    }
  });

  test("reads the lower triangle within the symmetry tolerance", () => {
    const rng = new Rng(6);
    const a = randomSymmetric(rng, 6);
    const skewed = mat(6, 6, a.data.slice());
    skewed.data[1] += 1e-3; // upper entry (0, 1)
    const r = eigh(skewed, { symmetryTolerance: 1 });
    const ref = eigh(a);
    expect(Array.from(r.values)).toEqual(Array.from(ref.values));
    expect(Array.from(r.vectors.data)).toEqual(Array.from(ref.vectors.data));
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => eigh({ rows: 2, cols: 2, data: [1, 2, 3, 4] } as never)).toThrow(TypeError);
    expect(() => eigh(mat(2, 3))).toThrow(/invalid a: expected a square matrix, got a 2×3 matrix/);
    expect(() => eigh(mat(2, 2, Float64Array.of(1, 0, 0, NaN)))).toThrow(RangeError);
    expect(() => eigh(mat(2, 2, Float64Array.of(1, 0, 0, NaN)))).toThrow(/invalid a: entry 3 is NaN/);
    expect(() => eigh(mat(2, 2, Float64Array.of(1, Infinity, Infinity, 1)))).toThrow(/invalid a: entry 1 is Infinity/);
    const asym = mat(3, 3, Float64Array.of(1, 2, 3, 2, 1, 4, 3, 4.5, 1));
    expect(() => eigh(asym)).toThrow(RangeError);
    expect(() => eigh(asym)).toThrow(/a\[1\]\[2\] = 4 and a\[2\]\[1\] = 4\.5/);
    expect(() => eigh(mat(2, 2), { tolerance: 1 } as never)).toThrow(/unknown option tolerance/);
    expect(() => eigh(mat(2, 2), { symmetryTolerance: -1 })).toThrow(/invalid symmetryTolerance/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("the kernel reports non-convergence (NaN input) instead of looping or returning garbage", async () => {
    await eachBinary(() => {
      const k = kernels<{ eigh(...args: number[]): number; eighWorkspaceSize(n: number): number }>();
      const n = 5;
      runtime().arena.scope((s) => {
        const a = s.f64(n * n);
        for (let i = 0; i < n; i++) a.view[i * n + i] = i;
        a.view[2 * n + 1] = NaN;
        const info = k.eigh(s.f64(n).ptr, s.f64(n * n).ptr, n, a.ptr, n, s.f64(k.eighWorkspaceSize(n)).ptr);
        expect(info).toBeGreaterThan(0);
      });
    });
  });
});
