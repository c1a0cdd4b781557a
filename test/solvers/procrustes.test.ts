import { beforeAll, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { procrustes, procrustesSolution } from "../../src/problems/procrustes.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

test("Procrustes on O(n): every solver reaches the polar factor of AᵀB", async () => {
  const n = 5;
  for (const seed of [1, 2, 3]) {
    const rng = new Rng(seed);
    const A = { rows: 8, cols: n, data: rng.normalArray(8 * n) };
    const B = { rows: 8, cols: n, data: rng.normalArray(8 * n) };
    const Qstar = procrustesSolution(A, B);
    for (const retraction of ["qr", "polar"] as const) {
      const problem = procrustes(A, B, { retraction });
      // O(n) has two components (det ±1) and retractions never leave one: start in Q*'s.
      const x0 = problem.manifold.random(rng);
      if (Math.sign(det(x0)) !== Math.sign(det(Qstar))) for (let i = 0; i < n; i++) x0.data[i * n] = -x0.data[i * n];
      for (const solve of [gradientDescent, trustRegions, curvilinearSearch]) {
        const result = await solve(problem, x0, { seed, gradientTolerance: 1e-9, maxIterations: 5000 });
        expect(result.reason).toBe("gradient-tolerance");
        // The Hessian at Q* has eigenvalues σₐ + σ_b ≥ 2σ_min(AᵀB) (≳ 0.1 for these Gaussian
        // sizes), so ‖Q − Q*‖ ≤ ‖grad‖/(2σ_min) ≲ 1e-8; within Q*'s component the landscape has
        // no other local minimizer, so every run must find it.
        let err = 0;
        for (let i = 0; i < n * n; i++) err = Math.max(err, Math.abs(result.point.data[i] - Qstar.data[i]));
        expect(err).toBeLessThan(1e-7);
      }
    }
  }
}, 60_000);
