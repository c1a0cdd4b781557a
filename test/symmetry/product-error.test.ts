import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { productError, relativeError } from "../../src/symmetry/index.js";
import { eachBinary } from "../helpers/binaries.js";
import { frob, gaussian, inverse, minus, plus, scale, times, timesT, transposed } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** ‖UVᵀ − U₀V₀ᵀ‖_F and ‖U₀V₀ᵀ‖_F from the dense products. */
function dense(U: ReturnType<typeof gaussian>, V: typeof U, U0: typeof U, V0: typeof U) {
  const M0 = timesT(U0, V0);
  return { absolute: frob(minus(timesT(U, V), M0).data), reference: frob(M0.data) };
}

/** The Gram-matrix expansion tr(UᵀU·VᵀV) − 2tr(U₀ᵀU·VᵀV₀) + tr(U₀ᵀU₀·V₀ᵀV₀), squared error. */
function gramSquared(U: ReturnType<typeof gaussian>, V: typeof U, U0: typeof U, V0: typeof U): number {
  const tr = (a: typeof U, b: typeof U) => a.data.reduce((s, x, k) => s + x * transposed(b).data[k], 0);
  const g = (a: typeof U, b: typeof U) => times(transposed(a), b);
  return tr(g(U, U), g(V, V)) - 2 * tr(g(U0, U), g(V, V0)) + tr(g(U0, U0), g(V0, V0));
}

describe("productError / relativeError", () => {
  test("match the dense formula on random factors of several shapes (also r ≠ r₀ and m < r + r₀), on every build", async () => {
    const rng = new Rng(1);
    for (const [m, n, r, r0] of [[9, 7, 2, 2], [20, 5, 3, 1], [3, 11, 2, 2], [1, 1, 1, 1], [15, 15, 4, 6]]) {
      const U = gaussian(rng, m, r), V = gaussian(rng, n, r), U0 = gaussian(rng, m, r0), V0 = gaussian(rng, n, r0);
      const want = dense(U, V, U0, V0);
      await eachBinary(() => {
        const got = productError(U, V, U0, V0);
        // Both sides are backward stable to ≈ ε‖U‖‖V‖; with errors of the order of ‖M‖ that is ~1e-15 relative.
        expect(got.absolute).toBeCloseTo(want.absolute, 12);
        expect(Math.abs(got.reference / want.reference - 1)).toBeLessThan(1e-13);
        expect(relativeError(U, V, U0, V0)).toBeCloseTo(want.absolute / want.reference, 12);
      });
    }
  });

  test("tiny errors (1e-10, 1e-13 relative) are resolved where the Gram formula fails", () => {
    const rng = new Rng(2);
    const { U: U0, V: V0 } = randomLowRank(40, 30, 4, { seed: 3, condition: 10 });
    for (const delta of [1e-10, 1e-13]) {
      const U = plus(U0, scale(gaussian(rng, 40, 4), delta));
      const V = plus(V0, scale(gaussian(rng, 30, 4), delta));
      // Exact reference without cancellation: ΔU = U − U₀ and ΔV = V − V₀ are computed exactly
      // (Sterbenz), and UVᵀ − U₀V₀ᵀ = ΔU·V₀ᵀ + U₀·ΔVᵀ + ΔU·ΔVᵀ has no catastrophic cancellation.
      const dU = minus(U, U0), dV = minus(V, V0);
      const diff = plus(plus(timesT(dU, V0), timesT(U0, dV)), timesT(dU, dV));
      const exact = frob(diff.data) / frob(timesT(U0, V0).data);
      const got = relativeError(U, V, U0, V0);
      // The QR form errs by ≈ c·ε·‖U‖‖V‖ ≈ c·ε·‖M‖ absolutely (c a small dimension factor; c·ε ≤ 1e-14
      // allows c ≈ 50), i.e. relatively by 1e-14/exact: 1e-5 at exact ≈ 1e-9, 1e-2 at exact ≈ 1e-12.
      // (Measured: 7e-8 and 1e-5.)
      const bound = 1e-14 / exact;
      expect(Math.abs(got / exact - 1)).toBeLessThan(bound);
      // The dense formula (subtracting the two products) has the same ε‖M‖ floor.
      const denseRel = dense(U, V, U0, V0);
      expect(Math.abs(denseRel.absolute / denseRel.reference / exact - 1)).toBeLessThan(bound);
      // The Gram expansion loses everything below √ε: its error² is ≈ ε‖M‖² ≫ (1e-10‖M‖)².
      const gram = gramSquared(U, V, U0, V0);
      const gramRel = Math.sqrt(Math.max(gram, 0)) / frob(timesT(U0, V0).data);
      expect(Math.abs(gramRel / exact - 1)).toBeGreaterThan(0.5);
    }
  });

  test("equal products give ≈ 0; a zero reference gives Infinity (0 when both are zero)", () => {
    const rng = new Rng(3);
    const U = gaussian(rng, 8, 3), V = gaussian(rng, 6, 3);
    expect(relativeError(U, V, U, V)).toBeLessThan(1e-15);
    const Z = { rows: 8, cols: 3, data: new Float64Array(24) };
    expect(relativeError(U, V, Z, V)).toBe(Infinity);
    expect(relativeError(Z, V, Z, V)).toBe(0);
    expect(productError(U, V, Z, V).absolute).toBeCloseTo(frob(timesT(U, V).data), 12);
  });

  test("invariant under (U, V) → (UG, VG⁻ᵀ) and (U, V) → (UQ, VQ)", () => {
    const rng = new Rng(4);
    const U = gaussian(rng, 12, 3), V = gaussian(rng, 10, 3), U0 = gaussian(rng, 12, 3), V0 = gaussian(rng, 10, 3);
    const G = plus(gaussian(rng, 3, 3), scale({ rows: 3, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) }, 3));
    const before = productError(U, V, U0, V0);
    const after = productError(times(U, G), times(V, transposed(inverse(G))), U0, V0);
    expect(after.absolute).toBeCloseTo(before.absolute, 11);
    const near = productError(times(U0, G), times(V0, transposed(inverse(G))), U0, V0);
    expect(near.relative).toBeLessThan(1e-13);
  });

  test("rejects bad shapes and non-finite factors, naming the argument; leaks nothing", () => {
    const rng = new Rng(5);
    const U = gaussian(rng, 4, 2), V = gaussian(rng, 3, 2);
    const live = runtime().arena.stats().buffersLive;
    expect(() => relativeError(U, gaussian(rng, 3, 3), U, V)).toThrow(/invalid V: expected 2 columns \(the columns of U\), got a 3×3 matrix/);
    expect(() => relativeError(U, V, gaussian(rng, 5, 2), V)).toThrow(/invalid U0: expected 4 rows \(the rows of U\)/);
    expect(() => relativeError(U, V, U, gaussian(rng, 3, 1))).toThrow(/invalid V0: expected 2 columns \(the columns of U0\)/);
    const bad = { rows: 4, cols: 2, data: U.data.slice() };
    bad.data[3] = NaN;
    expect(() => relativeError(bad, V, U, V)).toThrow(/invalid U: U\[1, 1\] = NaN; expected finite values/);
    expect(() => relativeError(U, V, U, null as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
