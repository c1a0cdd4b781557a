import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { eighValues } from "../../src/kernels/linalg/index.js";
import { alignFactors, procrustesAlign } from "../../src/symmetry/index.js";
import type { Matrix } from "../../src/matrix.js";
import { frob, gaussian, inverse, minus, plus, randomOrthogonal, scale, times, transposed } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const eye = (n: number): Matrix => ({ rows: n, cols: n, data: Float64Array.from({ length: n * n }, (_, t) => (t % (n + 1) === 0 ? 1 : 0)) });

describe("procrustesAlign", () => {
  test("undoes a rotation exactly: Q = Q₀ᵀ, distance ≈ 0", () => {
    const rng = new Rng(1);
    const U0 = gaussian(rng, 15, 4);
    const Q0 = randomOrthogonal(rng, 4);
    const { Q, aligned, distance, relative } = procrustesAlign(times(U0, Q0), U0);
    expect(frob(minus(Q, transposed(Q0)).data)).toBeLessThan(1e-13);
    expect(distance).toBeLessThan(1e-13);
    expect(relative).toBeLessThan(1e-14);
    expect(frob(minus(aligned, U0).data)).toBeCloseTo(distance, 15);
  });

  test("with noise, Q is orthogonal and optimal: QᵀUᵀU₀ is symmetric positive semidefinite, no random rotation does better", () => {
    const rng = new Rng(2);
    const U0 = gaussian(rng, 20, 3);
    const U = plus(times(U0, randomOrthogonal(rng, 3)), scale(gaussian(rng, 20, 3), 0.3));
    const { Q, distance } = procrustesAlign(U, U0);
    expect(frob(minus(times(transposed(Q), Q), eye(3)).data)).toBeLessThan(1e-14);
    const H = times(transposed(Q), times(transposed(U), U0));
    expect(frob(minus(H, transposed(H)).data)).toBeLessThan(1e-12 * frob(H.data));
    expect(eighValues(plus(H, transposed(H)))[0]).toBeGreaterThan(-1e-12);
    expect(distance).toBeCloseTo(frob(minus(times(U, Q), U0).data), 13);
    for (let t = 0; t < 20; t++) expect(frob(minus(times(U, randomOrthogonal(rng, 3)), U0).data)).toBeGreaterThanOrEqual(distance);
  });

  test("rejects mismatched shapes", () => {
    const rng = new Rng(3);
    expect(() => procrustesAlign(gaussian(rng, 5, 2), gaussian(rng, 5, 3))).toThrow(/invalid U0: expected 2 columns \(the columns of U\)/);
    expect(() => procrustesAlign(gaussian(rng, 5, 2), gaussian(rng, 4, 2))).toThrow(/invalid U0: expected 5 rows/);
  });
});

describe("alignFactors", () => {
  test("factors that differ by an invertible map: the product matches, the naive factor error does not", () => {
    const { U: U0, V: V0 } = randomLowRank(30, 25, 3, { seed: 4, condition: 5 });
    const rng = new Rng(5);
    const G0 = plus(gaussian(rng, 3, 3), scale(eye(3), 2));
    const U = times(U0, G0);
    const V = times(V0, transposed(inverse(G0))); // UVᵀ = U₀G₀G₀⁻¹V₀ᵀ = U₀V₀ᵀ
    const a = alignFactors(U, V, U0, V0);
    expect(a.productError).toBeLessThan(1e-13);
    expect(a.naiveError.U).toBeGreaterThan(0.3);
    expect(a.naiveError.V).toBeGreaterThan(0.3);
    // G recovers G₀⁻¹ and the aligned factors the truth, to ≈ ε·κ(G₀)² (a few 1e-14 here).
    expect(frob(minus(a.G, inverse(G0)).data)).toBeLessThan(1e-12);
    expect(a.alignedError.U).toBeLessThan(1e-12);
    expect(a.alignedError.V).toBeLessThan(1e-12);
    expect(a.rcond).toBeGreaterThan(1e-3);
    // The aligned pair has the same product (checked densely).
    expect(frob(minus(times(a.U, transposed(a.V)), times(U, transposed(V))).data)).toBeLessThan(1e-12);
  });

  test("different products: the alignment error stays of the size of the product error", () => {
    const { U: U0, V: V0 } = randomLowRank(30, 25, 3, { seed: 6 });
    const rng = new Rng(7);
    const U = plus(U0, scale(gaussian(rng, 30, 3), 1e-3));
    const V = plus(V0, scale(gaussian(rng, 25, 3), 1e-3));
    const a = alignFactors(U, V, U0, V0);
    expect(a.productError).toBeGreaterThan(1e-4);
    expect(a.productError).toBeLessThan(1e-2);
    expect(a.alignedError.U).toBeLessThan(1e-2);
    expect(a.alignedError.V).toBeLessThan(1e-2);
  });

  test("rejects rank-deficient U, a singular map and bad shapes", () => {
    const rng = new Rng(8);
    const U0 = gaussian(rng, 6, 2), V0 = gaussian(rng, 5, 2);
    const dep = { rows: 6, cols: 2, data: new Float64Array(12) };
    for (let i = 0; i < 6; i++) dep.data[2 * i] = dep.data[2 * i + 1] = i + 1;
    expect(() => alignFactors(dep, V0, U0, V0)).toThrow(/invalid U: numerically rank deficient/);
    const single = { rows: 6, cols: 2, data: new Float64Array(12) };
    for (let i = 0; i < 6; i++) single.data[2 * i] = U0.data[2 * i]; // second column zero: G singular
    expect(() => alignFactors(U0, V0, single, V0)).toThrow(/invalid U0: the least-squares map G from U to U0 is singular/);
    expect(() => alignFactors(U0, V0, gaussian(rng, 6, 3), V0)).toThrow(/invalid U0: expected 2 columns/);
    expect(() => alignFactors(gaussian(rng, 1, 2), gaussian(rng, 5, 2), gaussian(rng, 1, 2), V0)).toThrow(/more columns than rows/);
  });
});
