import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { gaussianOperator, type GaussianOperator } from "../../src/sensing/gaussian-operator.js";
import { eachBinary } from "../helpers/binaries.js";

beforeAll(async () => {
  await init();
});

const EPS = Number.EPSILON;

function randomMatrix(rows: number, cols: number, rng: Rng): Matrix {
  return { rows, cols, data: rng.normalArray(rows * cols) };
}

function symmetricMatrix(n: number, rng: Rng): Matrix {
  const a = randomMatrix(n, n, rng);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[i * n + j] = a.data[j * n + i];
  return a;
}

function dotArrays(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function sumSquares(a: ArrayLike<number>): number {
  return dotArrays(a, a);
}

/** Plain-JS 𝒜(X) and the rounding scale Σₖ Σᵢⱼ |Aₖᵢⱼ·Xᵢⱼ|·|wₖ| / √count from measurement(k). */
function reference(op: GaussianOperator, X: Matrix, w?: Float64Array): { values: Float64Array; scale: number; matrices: Matrix[] } {
  const values = new Float64Array(op.count);
  const matrices: Matrix[] = [];
  let scale = 0;
  for (let k = 0; k < op.count; k++) {
    const A = op.measurement(k);
    matrices.push(A);
    let s = 0;
    let abs = 0;
    for (let i = 0; i < A.data.length; i++) {
      s += A.data[i] * X.data[i];
      abs += Math.abs(A.data[i] * X.data[i]);
    }
    values[k] = s / Math.sqrt(op.count);
    scale += (abs * (w === undefined ? 1 : Math.abs(w[k]))) / Math.sqrt(op.count);
  }
  return { values, scale, matrices };
}

function expectBitIdentical(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect.fail(`entry ${i}: ${a[i]} vs ${b[i]}`);
}

describe("gaussianOperator", () => {
  test("measurement(k) depends only on (seed, k): not on count, mode or block size; symmetric ones are sym(G)", () => {
    const a = gaussianOperator([3, 4], 10, { seed: 7, mode: "stored", blockSize: 3 });
    const b = gaussianOperator([3, 4], 25, { seed: 7, mode: "streaming" });
    const c = gaussianOperator([3, 4], 10, { seed: 8 });
    for (let k = 0; k < 10; k++) expectBitIdentical(a.measurement(k).data, b.measurement(k).data);
    expect(a.measurement(0).data).not.toEqual(c.measurement(0).data);
    expect(a.measurement(0).data).not.toEqual(a.measurement(1).data);
    const g = gaussianOperator([5, 5], 3, { seed: 7 });
    const s = gaussianOperator([5, 5], 3, { seed: 7, symmetric: true });
    for (let k = 0; k < 3; k++) {
      const G = g.measurement(k).data;
      const S = s.measurement(k).data;
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(S[i * 5 + j]).toBe((G[i * 5 + j] + G[j * 5 + i]) / 2);
    }
    for (const op of [a, b, c, g, s]) op.dispose();
  });

  test("apply matches a plain-JS ⟨Aₖ, X⟩/√count and the adjoint satisfies ⟨𝒜(X), y⟩ = ⟨X, 𝒜*(y)⟩, on every build", async () => {
    await eachBinary(() => {
      const rng = new Rng(11);
      for (const [m, n, count, symmetric] of [[6, 5, 37, false], [7, 7, 20, true], [1, 1, 3, false], [2, 9, 1, false]] as const) {
        for (const mode of ["stored", "streaming"] as const) {
          const op = gaussianOperator([m, n], count, { seed: 3, symmetric, mode, blockSize: 4 });
          const X = randomMatrix(m, n, rng);
          const y = rng.normalArray(count);
          const ref = reference(op, X, y);
          const ax = op.apply(X);
          // Each entry is a dot product of mn terms: |error| ≤ γ_mn·Σ|AₖᵢⱼXᵢⱼ|/√count, with γ_mn ≈ mn·ε.
          for (let k = 0; k < count; k++) {
            let abs = 0;
            for (let i = 0; i < m * n; i++) abs += Math.abs(ref.matrices[k].data[i] * X.data[i]);
            expect(Math.abs(ax[k] - ref.values[k])).toBeLessThanOrEqual(2 * m * n * EPS * abs / Math.sqrt(count) + 1e-300);
          }
          const aty = op.adjoint(y);
          expect([aty.rows, aty.cols]).toEqual([m, n]);
          // Both inner products sum the same count·mn terms AₖᵢⱼXᵢⱼyₖ/√count in different orders:
          // each is within (count + mn)·ε·Σ|terms| of the exact value.
          const gap = Math.abs(dotArrays(ax, y) - dotArrays(X.data, aty.data));
          expect(gap).toBeLessThanOrEqual(2 * (count + m * n) * EPS * ref.scale);
          op.dispose();
        }
      }
    });
  });

  test("stored and streaming modes agree bit for bit (apply, adjoint, both factored paths)", () => {
    const rng = new Rng(5);
    for (const [m, n, count, symmetric, blockSize] of [[9, 7, 50, false, 6], [8, 8, 33, true, undefined], [4, 6, 13, false, 13]] as const) {
      const stored = gaussianOperator([m, n], count, { seed: 21, symmetric, mode: "stored", blockSize });
      const streaming = gaussianOperator([m, n], count, { seed: 21, symmetric, mode: "streaming", blockSize });
      expect(stored.mode).toBe("stored");
      expect(streaming.mode).toBe("streaming");
      // symmetric operators store the upper triangle of each Aₖ only
      expect(stored.storedBytes).toBe(count * (symmetric ? (m * (m + 1)) / 2 : m * n) * 8);
      expect(streaming.storedBytes).toBe(0);
      const X = randomMatrix(m, n, rng);
      const y = rng.normalArray(count);
      const U = randomMatrix(m, 3, rng);
      const V = randomMatrix(n, 3, rng);
      expectBitIdentical(stored.apply(X), streaming.apply(X));
      expectBitIdentical(stored.adjoint(y).data, streaming.adjoint(y).data);
      for (const path of ["dense", "factored"] as const) {
        expectBitIdentical(stored.applyFactored(U, V, { path }), streaming.applyFactored(U, V, { path }));
        expectBitIdentical(stored.adjointTimes(y, V, { path }).data, streaming.adjointTimes(y, V, { path }).data);
      }
      stored.dispose();
      streaming.dispose();
    }
  });

  test("the factored (low-rank) paths equal the dense paths to rounding", () => {
    const rng = new Rng(6);
    for (const [m, n, count, r] of [[12, 10, 40, 3], [10, 30, 8, 1], [5, 5, 17, 5]] as const) {
      const op = gaussianOperator([m, n], count, { seed: 2, blockSize: 5 });
      const U = randomMatrix(m, r, rng);
      const V = randomMatrix(n, r, rng);
      const y = rng.normalArray(count);
      // Reference scale: Σᵢⱼ|Aₖᵢⱼ|·Σₗ|UᵢₗVⱼₗ| bounds every partial sum of both evaluations; the
      // dense and factored paths each err by at most (mn + mr + nr)·ε times it (per entry).
      const absUV: Matrix = { rows: m, cols: n, data: new Float64Array(m * n) };
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let l = 0; l < r; l++) absUV.data[i * n + j] += Math.abs(U.data[i * r + l] * V.data[j * r + l]);
      const dense = op.applyFactored(U, V, { path: "dense" });
      const factored = op.applyFactored(U, V, { path: "factored" });
      for (let k = 0; k < count; k++) {
        const A = op.measurement(k);
        let bound = 0;
        for (let i = 0; i < m * n; i++) bound += Math.abs(A.data[i]) * absUV.data[i];
        expect(Math.abs(dense[k] - factored[k])).toBeLessThanOrEqual(4 * (m * n + m * r + n * r) * EPS * bound / Math.sqrt(count));
      }
      // 𝒜*(y)V: entry (i, l) = Σₖ Σⱼ yₖAₖᵢⱼVⱼₗ/√count; both paths sum the same count·n terms.
      const d2 = op.adjointTimes(y, V, { path: "dense" });
      const f2 = op.adjointTimes(y, V, { path: "factored" });
      const scale = new Float64Array(m * r);
      for (let k = 0; k < count; k++) {
        const A = op.measurement(k);
        for (let i = 0; i < m; i++) for (let l = 0; l < r; l++) for (let j = 0; j < n; j++) scale[i * r + l] += Math.abs(y[k] * A.data[i * n + j] * V.data[j * r + l]) / Math.sqrt(count);
      }
      for (let i = 0; i < m * r; i++) expect(Math.abs(d2.data[i] - f2.data[i])).toBeLessThanOrEqual(4 * (count + n) * EPS * scale[i]);
      // and both equal 𝒜(UVᵀ) through apply, 𝒜*(y)·V through adjoint (consistency of the entry points)
      const X = { rows: m, cols: n, data: new Float64Array(m * n) };
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let l = 0; l < r; l++) X.data[i * n + j] += U.data[i * r + l] * V.data[j * r + l];
      const viaApply = op.apply(X);
      for (let k = 0; k < count; k++) expect(Math.abs(viaApply[k] - dense[k])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(dense[k])) * Math.sqrt(m * n));
      op.dispose();
    }
  });

  test("normalization: E‖𝒜(X)‖² = ‖X‖² and E‖𝒜*𝒜(X) − X‖² = (mn + 1)‖X‖²/count (E[𝒜*𝒜] = I)", () => {
    const rng = new Rng(9);
    const count = 4000;
    for (const symmetric of [false, true]) {
      const n = 10;
      const op = gaussianOperator([n, n], count, { seed: 31, symmetric });
      for (let trial = 0; trial < 3; trial++) {
        const X = symmetric ? symmetricMatrix(n, rng) : randomMatrix(n, n, rng);
        const xx = sumSquares(X.data);
        // ⟨Aₖ, X⟩ ~ N(0, ‖X‖²) (for symmetric X also when Aₖ = sym(Gₖ), as ⟨sym(G), X⟩ = ⟨G, X⟩), so
        // ‖𝒜(X)‖²/‖X‖² ~ χ²_count/count: mean 1, sd √(2/count) ≈ 0.022; allow 5 sd.
        const ratio = sumSquares(op.apply(X)) / xx;
        expect(Math.abs(ratio - 1)).toBeLessThan(5 * Math.sqrt(2 / count));
        // Aₖ⟨Aₖ, X⟩ has mean X and E‖A⟨A, X⟩ − X‖² = (d + 1)‖X‖² for d iid N(0, 1) entries
        // (E[‖g‖²(gᵀx)²] = (d + 2)‖x‖²); d = mn in the general case. In the symmetric case the same
        // holds on the symmetric subspace with d = n(n + 1)/2 coordinates of unit variance (off-diagonal
        // pairs carry variance ½ each, i.e. one unit per pair). The sum of d squared near-Gaussian
        // coordinates has relative sd ≈ √(2/d) ≤ 0.15 here: [0.5, 1.6] is beyond 3 sd.
        const d = symmetric ? (n * (n + 1)) / 2 : n * n;
        const back = op.adjoint(op.apply(X));
        let err = 0;
        for (let i = 0; i < n * n; i++) err += (back.data[i] - X.data[i]) ** 2;
        const relative = err / (((d + 1) * xx) / count);
        expect(relative).toBeGreaterThan(0.5);
        expect(relative).toBeLessThan(1.6);
      }
      op.dispose();
    }
  });

  test("auto mode stores small operators and streams large ones; dispose frees the stored matrix", () => {
    const before = runtime().arena.stats().buffersLive;
    const small = gaussianOperator([10, 10], 100);
    expect(small.mode).toBe("stored");
    expect(runtime().arena.stats().buffersLive).toBe(before + 1);
    const large = gaussianOperator([1000, 1000], 100);
    expect(large.mode).toBe("streaming");
    expect(large.blockSize).toBe(1);
    small.dispose();
    small.dispose();
    large.dispose();
    expect(runtime().arena.stats().buffersLive).toBe(before);
    expect(() => small.apply({ rows: 10, cols: 10, data: new Float64Array(100) })).toThrow("disposed");
    expect(() => small.measurement(0)).toThrow("disposed");
  });

  test("a stored operator refuses to run after init() switched builds; a streaming one follows", async () => {
    const stored = gaussianOperator([3, 3], 4, { mode: "stored" });
    const streaming = gaussianOperator([3, 3], 4, { mode: "streaming" });
    const X = { rows: 3, cols: 3, data: new Float64Array(9).fill(1) };
    const expected = streaming.apply(X);
    try {
      await init({ binary: "scalar" });
      expect(() => stored.apply(X)).toThrow("another runtime's memory");
      // Same values up to the order of summation of a 9-term dot product in the scalar build.
      const again = streaming.apply(X);
      for (let k = 0; k < 4; k++) expect(again[k]).toBeCloseTo(expected[k], 12);
    } finally {
      await init();
    }
    stored.dispose();
  });

  test("bad arguments: named errors before any work, no leak", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => gaussianOperator([3] as unknown as [number, number], 5)).toThrow(TypeError);
    expect(() => gaussianOperator([0, 3], 5)).toThrow("invalid shape[0]");
    expect(() => gaussianOperator([3, 2.5], 5)).toThrow("invalid shape[1]");
    expect(() => gaussianOperator([3, 3], 0)).toThrow("invalid count: expected an integer in [1,");
    expect(() => gaussianOperator([3, 4], 5, { symmetric: true })).toThrow("invalid shape: a symmetric operator needs rows = cols");
    expect(() => gaussianOperator([3, 3], 5, { mode: "dense" as "stored" })).toThrow("invalid mode");
    expect(() => gaussianOperator([1000, 1000], 200, { mode: "stored" })).toThrow("invalid mode: \"stored\" needs at most 134217728 stored values (1 GiB), got 200000000");
    expect(() => gaussianOperator([3, 3], 5, { seed: -1 })).toThrow("invalid seed");
    expect(() => gaussianOperator([3, 3], 5, { blockSize: 0 })).toThrow("invalid blockSize");
    expect(() => gaussianOperator([3, 3], 5, { sead: 1 } as object)).toThrow("sead");
    const op = gaussianOperator([3, 4], 5);
    const good = { rows: 3, cols: 4, data: new Float64Array(12) };
    expect(() => op.apply({ rows: 4, cols: 3, data: new Float64Array(12) })).toThrow("invalid X: expected a 3×4 matrix, got a 4×3 matrix");
    expect(() => op.apply({ rows: 3, cols: 4, data: [1] } as unknown as Matrix)).toThrow(TypeError);
    expect(() => op.adjoint(new Float64Array(4))).toThrow("invalid y: expected length 5, got length 4");
    expect(() => op.applyFactored(good, { rows: 4, cols: 2, data: new Float64Array(8) })).toThrow("invalid V: expected a 4×4 matrix");
    expect(() => op.applyFactored({ rows: 3, cols: 1, data: new Float64Array(3) }, { rows: 4, cols: 1, data: new Float64Array(4) }, { path: "lowrank" as "dense" })).toThrow("invalid path");
    expect(() => op.adjointTimes(new Float64Array(5), { rows: 3, cols: 1, data: new Float64Array(3) })).toThrow("invalid V: expected 4 rows");
    expect(() => op.measurement(5)).toThrow("invalid k");
    // NaN propagates (BLAS policy)
    expect(op.apply({ rows: 3, cols: 4, data: new Float64Array(12).fill(NaN) }).every(Number.isNaN)).toBe(true);
    op.dispose();
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
