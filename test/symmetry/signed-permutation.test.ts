import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { randomOrthogonal } from "../../src/data/orthogonal.js";
import { identity, type Matrix } from "../../src/matrix.js";
import { alignSignedPermutation, l4Error, signedPermutationError } from "../../src/symmetry/signed-permutation.js";
import { frob, gaussian, minus, times } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** Column j of the result is signs[j]·a[:, perm[j]] (plain loops). */
function signedColumns(a: Matrix, perm: ArrayLike<number>, signs: ArrayLike<number>): Matrix {
  const k0 = perm.length;
  const data = new Float64Array(a.rows * k0);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < k0; j++) data[i * k0 + j] = signs[j] * a.data[i * a.cols + perm[j]];
  return { rows: a.rows, cols: k0, data };
}

/** Every injective map of k0 items into 0..k−1, as arrays. */
function injections(k: number, k0: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[]): void => {
    if (prefix.length === k0) return void out.push(prefix.slice());
    for (let i = 0; i < k; i++) if (!prefix.includes(i)) walk([...prefix, i]);
  };
  walk([]);
  return out;
}

/** min over injections and all 2^k0 sign vectors of ‖signed columns − A0‖_F / ‖A0‖_F. */
function bruteForceError(a: Matrix, a0: Matrix): number {
  let best = Infinity;
  for (const perm of injections(a.cols, a0.cols)) {
    for (let mask = 0; mask < 1 << a0.cols; mask++) {
      const signs = Array.from({ length: a0.cols }, (_, j) => (mask & (1 << j) ? -1 : 1));
      best = Math.min(best, frob(minus(signedColumns(a, perm, signs), a0).data));
    }
  }
  return best / frob(a0.data);
}

function randomSignedPermutation(rng: Rng, k: number): { perm: number[]; signs: number[] } {
  const perm = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return { perm, signs: perm.map(() => (rng.uniform() < 0.5 ? -1 : 1)) };
}

describe("signedPermutationError", () => {
  test("finds the signed permutation that made A from A0 and measures the noise exactly", () => {
    const rng = new Rng(1);
    for (const n of [1, 3, 20]) {
      const A0 = randomOrthogonal(n, { seed: n });
      const { perm, signs } = randomSignedPermutation(rng, n);
      // A = A0·P·S with P moving column j of A0 to column inv[j]: column perm[j] of A is signs[j]·a0_j.
      const data = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + perm[j]] = signs[j] * A0.data[i * n + j];
      const noise = gaussian(rng, n, n).data.map((v) => 1e-3 * v);
      const A = { rows: n, cols: n, data: data.map((v, k) => v + noise[k]) };
      const m = signedPermutationError(A, A0);
      expect(Array.from(m.permutation)).toEqual(perm);
      expect(Array.from(m.signs)).toEqual(signs);
      const expected = frob(minus(signedColumns(A, perm, signs), A0).data) / frob(A0.data);
      expect(m.error).toBeCloseTo(expected, 14);
      expect(m.error).toBeGreaterThan(0);
      expect(m.error).toBeLessThan(1e-2);
    }
  });

  test("equals brute force over all signed permutations (square, k ≤ 5) and signed injections (k > k0), columns of unequal norms", () => {
    const rng = new Rng(2);
    const shapes: [number, number, number][] = [[3, 1, 1], [4, 3, 3], [6, 5, 5], [5, 4, 2], [3, 6, 3]];
    for (const [n, k, k0] of shapes) {
      for (let trial = 0; trial < 5; trial++) {
        const A = gaussian(rng, n, k);
        const A0 = gaussian(rng, n, k0);
        const m = signedPermutationError(A, A0);
        expect(m.error).toBeCloseTo(bruteForceError(A, A0), 12);
        // The reported permutation and signs achieve the reported error.
        expect(frob(minus(signedColumns(A, m.permutation, m.signs), A0).data) / frob(A0.data)).toBeCloseTo(m.error, 14);
        expect(new Set(m.permutation).size).toBe(k0);
      }
    }
  });

  test("a tiny error is measured to full relative accuracy (no cancellation through inner products)", () => {
    const A0 = randomOrthogonal(10, { seed: 3 });
    const A = { rows: 10, cols: 10, data: A0.data.slice() };
    A.data[7] += 1e-13;
    expect(signedPermutationError(A, A0).error / (1e-13 / Math.sqrt(10))).toBeCloseTo(1, 2);
    expect(signedPermutationError(A0, A0).error).toBe(0);
  });

  test("bad inputs: clear errors naming the argument", () => {
    const A = identity(3);
    expect(() => signedPermutationError(A, identity(4))).toThrow(/invalid A0: expected 3 rows/);
    expect(() => signedPermutationError({ rows: 3, cols: 2, data: new Float64Array(6) }, A)).toThrow(/invalid A: expected at least 3 columns/);
    expect(() => signedPermutationError(A, { rows: 3, cols: 3, data: new Float64Array(9).fill(NaN) })).toThrow(/invalid A0: A0\[0, 0\] = NaN/);
    expect(() => signedPermutationError({} as Matrix, A)).toThrow(TypeError);
    expect(() => alignSignedPermutation(A, A, { codes: identity(2) })).toThrow(/invalid codes: expected 3 rows/);
    expect(() => alignSignedPermutation(A, A, { code: A } as never)).toThrow(/unknown option code/);
  });
});

describe("alignSignedPermutation", () => {
  test("moves the dictionary and its codes together: the product is unchanged and both match the reference", () => {
    const rng = new Rng(4);
    const n = 8, p = 30;
    const A0 = randomOrthogonal(n, { seed: 4 });
    const X0 = gaussian(rng, n, p);
    const { perm, signs } = randomSignedPermutation(rng, n);
    // (A, X) = (A0·P·S, S·Pᵀ·X0) built by loops: A[:, perm[j]] = signs[j]·A0[:, j], X[perm[j], :] = signs[j]·X0[j, :].
    const A = { rows: n, cols: n, data: new Float64Array(n * n) };
    const X = { rows: n, cols: p, data: new Float64Array(n * p) };
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) A.data[i * n + perm[j]] = signs[j] * A0.data[i * n + j];
      for (let t = 0; t < p; t++) X.data[perm[j] * p + t] = signs[j] * X0.data[j * p + t];
    }
    const aligned = alignSignedPermutation(A, A0, { codes: X });
    expect(frob(minus(aligned.dictionary, A0).data)).toBeLessThan(1e-15);
    expect(frob(minus(aligned.codes!, X0).data)).toBeLessThan(1e-13);
    expect(frob(minus(times(aligned.dictionary, aligned.codes!), times(A, X)).data)).toBeLessThan(1e-12);
    expect(aligned.error).toBe(0);
    expect(alignSignedPermutation(A, A0).codes).toBeUndefined();
  });
});

describe("l4Error", () => {
  test("closed form for a Givens rotation: 1 − ‖Rᵀ‖₄⁴/n = sin²(2φ)/n", () => {
    const n = 5;
    for (const phi of [0, 1e-4, 0.3, Math.PI / 4, 1.2]) {
      const R = identity(n);
      const c = Math.cos(phi), s = Math.sin(phi);
      R.data[0] = c; R.data[1] = -s; R.data[n] = s; R.data[n + 1] = c;
      expect(l4Error(R, identity(n))).toBeCloseTo(Math.sin(2 * phi) ** 2 / n, 14);
    }
  });

  test("0 at every signed permutation of A0, positive elsewhere, and invariant to signed permutations", () => {
    const rng = new Rng(5);
    const n = 12;
    const A0 = randomOrthogonal(n, { seed: 6 });
    const { perm, signs } = randomSignedPermutation(rng, n);
    expect(Math.abs(l4Error(signedColumns(A0, perm, signs), A0))).toBeLessThan(1e-14);
    const Q = randomOrthogonal(n, { seed: 7 });
    const e = l4Error(Q, A0);
    expect(e).toBeGreaterThan(0.1);
    expect(e).toBeLessThan(1);
    expect(l4Error(signedColumns(Q, perm, signs), A0)).toBeCloseTo(e, 13);
  });

  test("bad inputs", () => {
    expect(() => l4Error(identity(3), identity(2))).toThrow(/invalid A0: expected 3 rows/);
    expect(() => l4Error({ rows: 2, cols: 0, data: new Float64Array(0) }, { rows: 2, cols: 0, data: new Float64Array(0) })).toThrow(/at least one column/);
  });
});
