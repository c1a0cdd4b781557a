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

test("Procrustes on SO(n): from every random rotation, the solvers reach Kabsch's rotation", async () => {
  // 20 instances (n = 4); in about half of them the minimizer over O(n) is a reflection, so the
  // best rotation is a different point (Kabsch: the pair of the smallest singular value flipped).
  // On O(n) half of the random starts lie in the other component than the rotation minimizer;
  // on SO(n) every start is a rotation and, as tr(QᵀAᵀB) has no other local maximum there, every
  // run must end at Kabsch's rotation.
  const n = 4;
  let reflections = 0;
  for (let seed = 0; seed < 20; seed++) {
    const rng = new Rng(100 + seed);
    const A = { rows: 7, cols: n, data: rng.normalArray(7 * n) };
    const B = { rows: 7, cols: n, data: rng.normalArray(7 * n) };
    const rotation = procrustesSolution(A, B, { special: true });
    expect(Math.abs(det(rotation) - 1)).toBeLessThan(1e-12);
    if (det(procrustesSolution(A, B)) < 0) reflections++;
    const problem = procrustes(A, B, { special: true });
    for (const solve of [trustRegions, gradientDescent]) {
      const result = await solve(problem, undefined, { seed, gradientTolerance: 1e-9, maxIterations: 5000 });
      expect(result.reason).toBe("gradient-tolerance");
      let err = 0;
      for (let i = 0; i < n * n; i++) err = Math.max(err, Math.abs(result.point.data[i] - rotation.data[i]));
      // The Hessian at the rotation minimizer is positive definite (its eigenvalues σ̃ₐ + σ̃_b,
      // σ̃ the singular values with the last one signed by det(UVᵀ)): ‖Q − Q*‖ ≲ ‖grad‖/(σ̃ₐ + σ̃_b)min.
      expect(err).toBeLessThan(1e-7);
    }
  }
  expect(reflections).toBeGreaterThanOrEqual(5);
}, 60_000);
