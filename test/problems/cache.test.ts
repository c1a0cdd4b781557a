import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { PointCache } from "../../src/problems/cache.js";
import type { Problem } from "../../src/problems/problem.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { euclidean } from "../../src/manifolds/euclidean.js";

beforeAll(async () => {
  await init();
});

/** f(x) = Σ xᵢ³/3 on ℝ³ with call counters, optionally with costAndGrad. */
function counted(withBoth: boolean) {
  const calls = { cost: 0, egrad: 0, both: 0, hess: 0 };
  const problem: Problem<Float64Array> = {
    manifold: euclidean(3),
    cost: (x) => (calls.cost++, x.reduce((s, v) => s + v ** 3 / 3, 0)),
    egrad: (x) => (calls.egrad++, x.map((v) => v * v)),
    ehessVec: (x, u) => (calls.hess++, x.map((v, i) => 2 * v * u[i])),
    ...(withBoth ? { costAndGrad: (x: Float64Array) => (calls.both++, { cost: x.reduce((s, v) => s + v ** 3 / 3, 0), egrad: x.map((v) => v * v) }) } : {}),
  };
  return { problem, calls };
}

describe("PointCache", () => {
  test("each quantity is evaluated once per point object", () => {
    const { problem, calls } = counted(false);
    const cache = new PointCache(problem);
    const x = Float64Array.of(1, 2, 3);
    for (let i = 0; i < 3; i++) {
      expect(cache.cost(x)).toBeCloseTo(12, 14);
      expect([...cache.egrad(x)]).toEqual([1, 4, 9]);
      expect(cache.gradientNorm(x)).toBeCloseTo(Math.sqrt(98), 14);
    }
    expect(calls).toMatchObject({ cost: 1, egrad: 1 });
    expect(cache.counts).toEqual({ cost: 1, gradient: 1, hessian: 0 });
    // A different object with equal contents is a different point.
    cache.cost(Float64Array.of(1, 2, 3));
    expect(calls.cost).toBe(2);
  });

  test("costAndGrad fills in the cost with the gradient; cost alone calls only cost", () => {
    const { problem, calls } = counted(true);
    const cache = new PointCache(problem);
    const x = Float64Array.of(1, 1, 1);
    cache.egrad(x);
    expect(cache.cost(x)).toBe(1);
    expect(calls).toMatchObject({ both: 1, cost: 0, egrad: 0 });
    const y = Float64Array.of(2, 0, 0);
    cache.cost(y);
    cache.egrad(y);
    expect(calls).toMatchObject({ both: 2, cost: 1 });
  });

  test("hessVec uses the Riemannian conversion and the cached gradient", () => {
    // On the sphere, Hess f(x)[u] = P_x(∇²f̄ u) − (xᵀ∇f̄)u (see sphere.ts).
    const { problem, calls } = counted(false);
    const onSphere = new PointCache({ ...problem, manifold: sphere(3) });
    const x = Float64Array.of(1, 0, 0);
    const u = Float64Array.of(0, 1, 0);
    const h1 = onSphere.hessVec(x, u);
    onSphere.hessVec(x, u);
    // ∇f̄(x) = (1, 0, 0), xᵀ∇f̄ = 1, ∇²f̄(x)[u] = 2·diag(x)u = 0: Hess[u] = −u.
    expect([...h1]).toEqual([0, -1, 0]);
    expect(calls.egrad).toBe(1);
    expect(calls.hess).toBe(2);
  });

  test("bad problems and points are rejected", () => {
    expect(() => new PointCache({ cost: () => 0 } as never)).toThrow(/invalid problem: expected a Problem/);
    const { problem } = counted(false);
    expect(() => new PointCache({ ...problem, costAndGrad: 1 } as never)).toThrow(/invalid problem.costAndGrad/);
    expect(() => new PointCache(problem).cost(3 as never)).toThrow(/invalid point/);
    const noHess = new PointCache({ manifold: euclidean(1), cost: () => 0, egrad: (x) => x });
    expect(noHess.hasHessian).toBe(false);
    expect(() => noHess.hessVec(Float64Array.of(1), Float64Array.of(1))).toThrow(/no ehessVec/);
  });
});
