import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { product } from "../../src/manifolds/product.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { stiefel } from "../../src/manifolds/stiefel.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Matrix } from "../../src/matrix.js";
import { checkManifold, diff, norm, type Case } from "./checks.js";
import { euclideanCase, obliqueCase, sphereCase, stiefelCase } from "./cases.js";

beforeAll(async () => {
  await init();
});

/** The product case: the largest residual of the factors. */
function productCase(cases: Case<any>[]): Case<unknown[]> {
  return {
    M: product(cases.map((c) => c.M)) as never,
    offManifold: (x) => Math.max(...cases.map((c, i) => c.offManifold(x[i]))),
    offTangent: (x, u) => Math.hypot(...cases.map((c, i) => c.offTangent(x[i], u[i]))),
    secondOrder: cases.every((c) => c.secondOrder),
  };
}

describe("product", () => {
  test("every shared property on several products (with and without dist)", () => {
    const combos: Case<any>[][] = [
      [sphereCase(3), euclideanCase(2)],
      [stiefelCase(stiefel(5, 2), "qr"), sphereCase(4), obliqueCase(3, 2)],
      [stiefelCase(stiefel(4, 2, { retraction: "polar" }), "polar"), stiefelCase(stiefel(3, 3, { retraction: "polar" }), "polar")],
    ];
    for (const cases of combos) {
      const c = productCase(cases);
      expect(c.M.dimension).toBe(cases.reduce((s, k) => s + k.M.dimension, 0));
      checkManifold(c, [1, 2]);
    }
  });

  test("nested products and the product metric, dist and typicalDistance", () => {
    const S = sphere(3), E = euclidean([2, 2]);
    const inner = product([S, E]);
    const M = product([inner, S]);
    const rng = new Rng(8);
    const x = M.random(rng), y = M.random(rng);
    const u = M.randomTangent(x, rng), v = M.randomTangent(x, rng);
    const want = S.inner(x[0][0], u[0][0], v[0][0]) + E.inner(x[0][1], u[0][1], v[0][1]) + S.inner(x[1], u[1], v[1]);
    expect(Math.abs(M.inner(x, u, v) - want)).toBeLessThan(1e-15);
    const d = Math.hypot(S.dist!(x[0][0], y[0][0]), E.dist!(x[0][1], y[0][1]), S.dist!(x[1], y[1]));
    expect(Math.abs(M.dist!(x, y) - d)).toBeLessThan(1e-14);
    expect(M.typicalDistance).toBeCloseTo(Math.hypot(Math.PI, 2, Math.PI), 14);
    expect(M.name).toBe("Product(Product(Sphere(3) × Euclidean(2×2)) × Sphere(3))");
    expect(product([stiefel(3, 2), S]).dist).toBeUndefined();
  });

  test("randomTangent is isotropic: each factor gets its share dimᵢ/dim of E‖u‖²", () => {
    // E‖uᵢ‖² = dimᵢ/dim for a uniform unit tangent vector; 2000 draws give a standard error
    // ≈ 0.01 on each share (variance of ‖uᵢ‖² ≤ 1/4 in these dimensions).
    const M = product([sphere(2), euclidean(5)]); // dimensions 1 and 5
    const rng = new Rng(21);
    const x = M.random(rng);
    let s0 = 0;
    const draws = 2000;
    for (let i = 0; i < draws; i++) s0 += norm(M.randomTangent(x, rng)[0]) ** 2;
    expect(Math.abs(s0 / draws - 1 / 6)).toBeLessThan(0.04);
  });

  test("points are plain arrays of the factors' points", () => {
    const M = product([sphere(3), stiefel(4, 2)] as const);
    const x = M.random(new Rng(3));
    const p: Float64Array = x[0];
    const q: Matrix = x[1];
    expect(p.length).toBe(3);
    expect(q.rows).toBe(4);
    expect(diff(M.proj(x, x)[0], new Float64Array(3))).toBeLessThan(1e-15);
  });

  test("bad input: clear errors", () => {
    expect(() => product([])).toThrow(/invalid factors: expected at least one manifold, got Array\(0\)/);
    expect(() => product("S" as never)).toThrow(/invalid factors: expected an array of manifolds, got "S"/);
    expect(() => product([sphere(2), {} as never])).toThrow(/invalid factors\[1\]: expected a manifold, got an object/);
    const M = product([sphere(2), sphere(3)]);
    const x = M.random(new Rng(1));
    expect(() => M.proj(x, [x[0]] as never)).toThrow(/invalid u: expected 2 factors, got Array\(1\)/);
    expect(() => M.inner(x, x, x[0] as never)).toThrow(/invalid v: expected an array of 2 factor points/);
    expect(() => M.proj(x, [x[0], new Float64Array(2)])).toThrow(/invalid u: expected length 3, got length 2/);
    expect(() => M.retract(x, x, Number.NaN)).toThrow(/invalid t/);
  });
});
