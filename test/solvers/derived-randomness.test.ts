import { beforeAll, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { derivedRng } from "../../src/data/derived-rng.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { column, randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The Rayleigh problem recording the directions of its Hessian-vector products and the points of its gradients. */
function recorded(): { problem: Problem<Float64Array>; directions: Float64Array[]; points: Float64Array[] } {
  const base = rayleighQuotient(randomSymmetric(12, 3));
  const directions: Float64Array[] = [];
  const points: Float64Array[] = [];
  return {
    problem: {
      ...base,
      egrad: (x) => (points.push(x.slice()), base.egrad(x)),
      ehessVec: (x, u) => (directions.push(u.slice()), base.ehessVec!(x, u)),
    },
    directions,
    points,
  };
}

test("the solvers' own randomness at a given x0 comes from derivedRng(seed, solver), not from new Rng(seed)", async () => {
  const A = randomSymmetric(12, 3);
  const saddle = column(eigh(A).vectors, 5); // gradient 0: every solver draws at x0 first
  const S = rayleighQuotient(A).manifold;
  for (const seed of [1, 2, 3]) {
    // Lanczos start vectors: the first Hessian-vector product's direction at x0.
    for (const [solve, purpose] of [[trustRegions, "trust-regions"], [curvilinearSearch, "curvilinear-search"]] as const) {
      const { problem, directions } = recorded();
      await solve(problem, saddle, { seed, maxIterations: 1, gradientTolerance: 1e-6 });
      expect(directions[0]).toEqual(S.randomTangent(saddle, derivedRng(seed, purpose)));
      expect(directions[0]).not.toEqual(S.randomTangent(saddle, new Rng(seed)));
    }
    // The perturbation: the first point after x0 whose gradient is evaluated.
    const { problem, points } = recorded();
    await perturbedGradientDescent(problem, saddle, { seed, maxIterations: 1, gradientTolerance: 1e-6 });
    // The default radius 1e-3·π, drawn as r·u^(1/dim) before the direction (dimension 11).
    const perturbed = (rng: Rng): Float64Array => {
      const radius = 1e-3 * Math.PI * rng.uniform() ** (1 / 11);
      return S.retract(saddle, S.randomTangent(saddle, rng), radius);
    };
    expect(points[1]).toEqual(perturbed(derivedRng(seed, "perturbed-gradient-descent")));
    expect(points[1]).not.toEqual(perturbed(new Rng(seed)));
  }
});
