import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { svd } from "../../src/kernels/linalg/svd.js";
import { principalAngles } from "../../src/symmetry/subspace.js";
import { matrixOperator, sparseOperator, sparsePlusLowRank } from "../../src/completion/linear-operator.js";
import { resolveTruncatedSvdOptions, truncatedSvd, truncatedSvdSteps, type SteppedOperator } from "../../src/completion/truncated-svd.js";
import { runSteps, type Steps } from "../../src/completion/steps.js";
import type { CooMatrix } from "../../src/kernels/sparse/types.js";
import { eachBinary } from "../helpers/binaries.js";
import { frob, gaussian, minus, plus, randomOrthogonal, times, timesT, transposed } from "../symmetry/fixtures.js";

beforeAll(async () => {
  await init();
});

/** Q₁·diag(s)·Q₂ᵀ with random orthogonal Q₁ (m×m), Q₂ (n×n): a matrix with the singular values s. */
function withSpectrum(rng: Rng, m: number, n: number, s: number[]): Matrix {
  const q1 = randomOrthogonal(rng, m);
  const q2 = randomOrthogonal(rng, n);
  const d = new Float64Array(m * n);
  s.forEach((v, i) => (d[i * n + i] = v));
  return times(times(q1, { rows: m, cols: n, data: d }), transposed(q2));
}

/** The first k columns. */
function cols(A: Matrix, k: number): Matrix {
  const data = new Float64Array(A.rows * k);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < k; j++) data[i * k + j] = A.data[i * A.cols + j];
  return { rows: A.rows, cols: k, data };
}

/** A random sparse matrix with `nnz` distinct positions and Gaussian values, and its dense form. */
function randomSparse(rng: Rng, m: number, n: number, nnz: number): { S: CooMatrix; dense: Matrix } {
  const seen = new Set<number>();
  const row = new Int32Array(nnz), col = new Int32Array(nnz), value = new Float64Array(nnz);
  const dense = new Float64Array(m * n);
  for (let k = 0; k < nnz; ) {
    const i = rng.integer(m), j = rng.integer(n);
    if (seen.has(i * n + j)) continue;
    seen.add(i * n + j);
    row[k] = i; col[k] = j; value[k] = rng.normal();
    dense[i * n + j] = value[k];
    k++;
  }
  return { S: { rows: m, cols: n, row, col, value }, dense: { rows: m, cols: n, data: dense } };
}

/** Checks a truncated SVD of the dense matrix A against the dense svd. */
function expectMatchesDense(A: Matrix, got: ReturnType<typeof truncatedSvd>, k: number, valueTol: number, angleTol: number): void {
  const ref = svd(A);
  for (let i = 0; i < k; i++) expect(Math.abs(got.S[i] - ref.S[i]) / ref.S[0]).toBeLessThan(valueTol);
  expect(Math.max(...principalAngles(got.U, cols(ref.U, k)))).toBeLessThan(angleTol);
  expect(Math.max(...principalAngles(got.V, cols(ref.V, k)))).toBeLessThan(angleTol);
  // Orthonormal columns (Householder QR and the SVD: ≈ kε).
  const gram = times(transposed(got.U), got.U);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(Math.abs(gram.data[i * k + j] - (i === j ? 1 : 0))).toBeLessThan(1e-13);
}

describe("truncatedSvd", () => {
  test("matches the dense svd on explicit matrices (tall and wide), on every build", async () => {
    const rng = new Rng(1);
    // Geometric spectrum 1 … 1e-3 with gaps ≈ 10 % between neighbours.
    const spectrum = (p: number) => Array.from({ length: p }, (_, i) => 0.9 ** i);
    const cases: [number, number][] = [[60, 40], [35, 70]];
    for (const [m, n] of cases) {
      const A = withSpectrum(rng, m, n, spectrum(Math.min(m, n)));
      await eachBinary(() => {
        const got = truncatedSvd(matrixOperator(A), 5, { tolerance: 1e-12, powerIterations: 300 });
        expect(got.converged).toBe(true);
        // Residual ρ ≤ 1e-12·σ₁: each σᵢ is within ρ²/gap of the truth (gap ≈ 0.06 here), and the
        // subspaces within ≈ ρ/gap ≈ 2e-11 (Wedin); the dense svd itself errs by ≈ 1e-15.
        expectMatchesDense(A, got, 5, 1e-10, 1e-9);
      });
    }
  });

  test("the reported residuals are ‖A·vᵢ − σᵢ·uᵢ‖ and Aᵀuᵢ = σᵢvᵢ holds by construction", () => {
    const rng = new Rng(2);
    const A = gaussian(rng, 30, 25);
    const got = truncatedSvd(matrixOperator(A), 4, { powerIterations: 2, tolerance: 0 });
    expect(got.iterations).toBe(3);
    const AV = times(A, got.V);
    const AtU = times(transposed(A), got.U);
    for (let i = 0; i < 4; i++) {
      let r1 = 0, r2 = 0;
      for (let p = 0; p < 30; p++) r1 += (AV.data[p * 4 + i] - got.S[i] * got.U.data[p * 4 + i]) ** 2;
      for (let p = 0; p < 25; p++) r2 += (AtU.data[p * 4 + i] - got.S[i] * got.V.data[p * 4 + i]) ** 2;
      // Both are rounding-level computations of the same quantity (entries of size ≈ ‖A‖ ≈ 10).
      expect(Math.abs(Math.sqrt(r1) - got.residuals[i])).toBeLessThan(1e-12);
      expect(Math.sqrt(r2)).toBeLessThan(1e-12);
    }
    expect(got.residual).toBeCloseTo(Math.max(...got.residuals) / got.S[0], 14);
    expect(got.converged).toBe(false);
  });

  test("the sparse operator: products and truncated SVD match the dense matrix", async () => {
    const rng = new Rng(3);
    const { S, dense } = randomSparse(rng, 90, 70, 900);
    const live = runtime().arena.stats().buffersLive;
    const op = sparseOperator(S, { scale: 2 });
    const X = gaussian(rng, 70, 3), Y = gaussian(rng, 90, 3);
    const twice = { ...dense, data: dense.data.map((x) => 2 * x) };
    // Sums of ≈ 10 products of O(1) numbers: rounding ≈ 1e-15.
    expect(frob(minus(op.apply(X), times(twice, X)).data)).toBeLessThan(1e-12);
    expect(frob(minus(op.applyTranspose(Y), times(transposed(twice), Y)).data)).toBeLessThan(1e-12);
    // New values in CSR order, then the transpose refreshed: both products follow.
    const v = op.csr.value.view;
    for (let p = 0; p < v.length; p++) v[p] = -v[p];
    op.refreshTranspose();
    expect(frob(plus(op.apply(X), times(twice, X)).data)).toBeLessThan(1e-12);
    expect(frob(plus(op.applyTranspose(Y), times(transposed(twice), Y)).data)).toBeLessThan(1e-12);
    op.dispose();
    expect(runtime().arena.stats().buffersLive).toBe(live);
    await eachBinary(() => {
      const sop = sparseOperator(S);
      try {
        const got = truncatedSvd(sop, 6, { tolerance: 1e-11, powerIterations: 500 });
        expect(got.converged).toBe(true);
        // A random sparse matrix has small gaps (≈ 1 % of σ₁ here): ρ = 1e-11 gives σ to ≈ ρ²/gap and
        // subspaces to ≈ ρ/gap ≈ 1e-9.
        expectMatchesDense(dense, got, 6, 1e-10, 1e-7);
      } finally {
        sop.dispose();
      }
    });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });

  test("the sparse + low rank operator S + A·Bᵀ matches the dense matrix", () => {
    const rng = new Rng(4);
    const { S, dense } = randomSparse(rng, 80, 60, 700);
    const A = gaussian(rng, 80, 3), B = gaussian(rng, 60, 3);
    const full = plus(dense, timesT(A, B));
    const sop = sparseOperator(S);
    try {
      const op = sparsePlusLowRank(sop, A, B);
      const X = gaussian(rng, 60, 4), Y = gaussian(rng, 80, 4);
      // Entries of size ≈ 30 summed over ≤ 80 terms: rounding ≈ 1e-12.
      expect(frob(minus(op.apply(X), times(full, X)).data)).toBeLessThan(1e-11);
      expect(frob(minus(op.applyTranspose(Y), times(transposed(full), Y)).data)).toBeLessThan(1e-11);
      const got = truncatedSvd(op, 4, { tolerance: 1e-12, powerIterations: 300 });
      expect(got.converged).toBe(true);
      expectMatchesDense(full, got, 4, 1e-10, 1e-8);
    } finally {
      sop.dispose();
    }
  });

  test("a warm start with the exact singular vectors converges in one iteration; seeds give reproducible results", () => {
    const rng = new Rng(5);
    const A = withSpectrum(rng, 40, 30, Array.from({ length: 30 }, (_, i) => 0.8 ** i));
    const ref = svd(A);
    const warm = truncatedSvd(matrixOperator(A), 3, { start: cols(ref.V, 3), tolerance: 1e-12 });
    expect(warm.iterations).toBe(1);
    const a = truncatedSvd(matrixOperator(A), 3, { seed: 9, powerIterations: 1, tolerance: 0 });
    const b = truncatedSvd(matrixOperator(A), 3, { seed: 9, powerIterations: 1, tolerance: 0 });
    expect(Array.from(a.S)).toEqual(Array.from(b.S));
  });

  test("threshold: only the triplets above it must converge", () => {
    const rng = new Rng(6);
    // σ₁..σ₃ well separated from a flat tail: the 4th triplet (in the tail) converges slowly.
    const s = [10, 8, 6, ...Array.from({ length: 27 }, (_, i) => 1 - 0.001 * i)];
    const A = withSpectrum(rng, 40, 30, s);
    const all = truncatedSvd(matrixOperator(A), 4, { oversampling: 0, tolerance: 1e-10, powerIterations: 40 });
    const top = truncatedSvd(matrixOperator(A), 4, { oversampling: 0, tolerance: 1e-10, powerIterations: 40, threshold: 2 });
    expect(all.converged).toBe(false);
    expect(top.converged).toBe(true);
    expect(top.iterations).toBeLessThan(all.iterations);
    for (let i = 0; i < 3; i++) expect(Math.abs(top.S[i] - s[i])).toBeLessThan(1e-9);
  });

  test("estimates are lower bounds; stopAbove stops as soon as σ_k's estimate passes it", () => {
    const rng = new Rng(8);
    const s = [10, 8, 6, ...Array.from({ length: 27 }, (_, i) => 1 - 0.001 * i)];
    const A = withSpectrum(rng, 40, 30, s);
    for (let seed = 1; seed <= 5; seed++) {
      const rough = truncatedSvd(matrixOperator(A), 4, { oversampling: 0, powerIterations: 0, tolerance: 0, seed });
      // Interlacing: σᵢ(QᵀA) ≤ σᵢ(A), up to rounding (≈ 1e-15·σ₁).
      for (let i = 0; i < 4; i++) expect(rough.S[i]).toBeLessThanOrEqual(s[i] + 1e-13);
    }
    const early = truncatedSvd(matrixOperator(A), 3, { oversampling: 2, tolerance: 1e-14, stopAbove: 5 });
    expect(early.converged).toBe(false);
    expect(early.S[2]).toBeGreaterThan(5);
    expect(early.S[2]).toBeLessThanOrEqual(6 + 1e-13);
    const full = truncatedSvd(matrixOperator(A), 3, { oversampling: 2, tolerance: 1e-14, powerIterations: 100 });
    expect(early.iterations).toBeLessThan(full.iterations);
  });

  test("measureLast: false gives the same factors with one product with A fewer, and no residual", () => {
    const rng = new Rng(12);
    const A = withSpectrum(rng, 50, 35, Array.from({ length: 35 }, (_, i) => 1 / (1 + i)));
    const dense = matrixOperator(A);
    let products = 0;
    const op: SteppedOperator = {
      rows: 50,
      cols: 35,
      *apply(X): Steps<Matrix> {
        products++;
        return dense.apply(X);
      },
      *applyTranspose(Y): Steps<Matrix> {
        return dense.applyTranspose(Y);
      },
    };
    for (const powerIterations of [0, 1, 3]) {
      const options = resolveTruncatedSvdOptions({ oversampling: 3, powerIterations, tolerance: 1e-12, seed: 4 });
      products = 0;
      const full = runSteps(truncatedSvdSteps(op, 4, options));
      const withAll = products;
      products = 0;
      const lean = runSteps(truncatedSvdSteps(op, 4, options, undefined, false));
      expect(full.iterations).toBe(powerIterations + 1); // the loose spectrum does not converge sooner
      expect(products).toBe(withAll - 1);
      expect(withAll).toBe(powerIterations + 2);
      expect(Array.from(lean.S)).toEqual(Array.from(full.S));
      expect(Array.from(lean.U.data)).toEqual(Array.from(full.U.data));
      expect(Array.from(lean.V.data)).toEqual(Array.from(full.V.data));
      expect(lean.residual).toBeNaN();
      expect(lean.converged).toBe(false);
    }
  });

  test("bad arguments are rejected before any work", () => {
    const A = matrixOperator(gaussian(new Rng(7), 6, 5));
    expect(() => truncatedSvd({} as never, 1)).toThrow(/invalid op/);
    expect(() => truncatedSvd(A, 0)).toThrow(/invalid k/);
    expect(() => truncatedSvd(A, 6)).toThrow(/invalid k/);
    expect(() => truncatedSvd(A, 2, { tolerance: -1 })).toThrow(/invalid tolerance/);
    expect(() => truncatedSvd(A, 2, { stopAbove: NaN })).toThrow(/invalid stopAbove/);
    expect(() => truncatedSvd(A, 2, { oversampling: 1.5 })).toThrow(/invalid oversampling/);
    expect(() => truncatedSvd(A, 2, { start: gaussian(new Rng(1), 4, 2) })).toThrow(/invalid start/);
    expect(() => truncatedSvd(A, 2, { bogus: 1 } as never)).toThrow(/bogus/);
    const wrong = { ...A, applyTranspose: (Y: Matrix) => times(transposed(gaussian(new Rng(1), 6, 4)), Y) };
    expect(() => truncatedSvd(wrong, 2)).toThrow(/invalid op: op\.applyTranspose returned .*expected a 5×5 matrix/);
    expect(() => sparseOperator({ rows: 2, cols: 2, row: Int32Array.of(0), col: Int32Array.of(5), value: Float64Array.of(1) })).toThrow(/invalid col: col\[0\] = 5/);
  });
});
