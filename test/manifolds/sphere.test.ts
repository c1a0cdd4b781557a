import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { checkManifold, diff, norm } from "./checks.js";

beforeAll(async () => {
  await init();
});

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, ai, i) => s + ai * b[i], 0);

describe("sphere", () => {
  test("every shared property on several sizes", () => {
    for (const n of [2, 3, 10, 33]) {
      const M = sphere(n);
      expect(M.dimension).toBe(n - 1);
      checkManifold<Float64Array>({
        M,
        offManifold: (x) => Math.abs(norm(x) - 1),
        offTangent: (x, u) => Math.abs(dot(x, u)),
        secondOrder: true,
      });
    }
  });

  test("Rayleigh quotient: Hess f(x)[u] = P_x(2Au) − 2(xᵀAx)·u in closed form", () => {
    const n = 6;
    const rng = new Rng(5);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rng.normal();
    const Ax = (x: Float64Array): Float64Array => Float64Array.from({ length: n }, (_, i) => dot(A.subarray(i * n, i * n + n), x));
    const M = sphere(n);
    const x = M.random(rng);
    const u = M.randomTangent(x, rng);
    const q = dot(x, Ax(x));
    const Au = Ax(u);
    const c = dot(x, Au);
    // P_x(2Au) − 2q·u written out: 2Au − 2(xᵀAu)x − 2q·u.
    const want = Float64Array.from({ length: n }, (_, i) => 2 * Au[i] - 2 * c * x[i] - 2 * q * u[i]);
    const got = M.ehessToRhess(x, Float64Array.from(Ax(x), (v) => 2 * v), Float64Array.from(Au, (v) => 2 * v), u);
    // Each entry is a handful of roundings of O(‖A‖) values.
    expect(diff(got, want)).toBeLessThan(1e-13 * (1 + norm(want)));
    // The gradient vanishes at an eigenvector (a critical point of the Rayleigh quotient).
    const e = new Float64Array(n);
    e[0] = 1;
    const D = sphere(n);
    const g = D.egradToRgrad(e, Float64Array.from({ length: n }, (_, i) => (i === 0 ? 2 * 3 : 0)));
    expect(norm(g)).toBe(0);
  });

  test("distance closed form: arccos(xᵀy), accurate for antipodal and nearby points", () => {
    const M = sphere(3);
    const x = Float64Array.of(1, 0, 0);
    expect(M.dist!(x, Float64Array.of(0, 1, 0))).toBeCloseTo(Math.PI / 2, 15);
    expect(M.dist!(x, Float64Array.of(-1, 0, 0))).toBe(Math.PI);
    const a = 1e-9;
    // arccos(cos a) would lose half the digits; 2·asin(‖x − y‖/2) keeps them (rel. error ~ε/a·a).
    expect(Math.abs(M.dist!(x, Float64Array.of(Math.cos(a), Math.sin(a), 0)) / a - 1)).toBeLessThan(1e-7);
  });

  test("dimension 0: S⁰ has a zero tangent space", () => {
    const M = sphere(1);
    const x = M.random(new Rng(3));
    expect(Math.abs(x[0])).toBe(1);
    expect(M.randomTangent(x, new Rng(4))[0]).toBe(0);
  });

  test("bad input: clear errors", () => {
    expect(() => sphere(0)).toThrow(/invalid n: expected an integer ≥ 1, got 0/);
    expect(() => sphere("3" as never)).toThrow(TypeError);
    const M = sphere(3);
    expect(() => M.proj(new Float64Array(3), [1, 2, 3] as never)).toThrow(/invalid u: expected a Float64Array, got Array\(3\)/);
    expect(() => M.dist!(new Float64Array(3), new Float64Array(4))).toThrow(/invalid y: expected length 3, got length 4/);
    expect(() => M.ehessToRhess(new Float64Array(3), new Float64Array(3), new Float64Array(2), new Float64Array(3))).toThrow(
      /invalid ehess/,
    );
  });
});
