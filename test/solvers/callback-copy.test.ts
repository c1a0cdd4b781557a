import { beforeAll, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Problem } from "../../src/problems/problem.js";
import { brockett } from "../../src/problems/brockett.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { l1 } from "../../src/solvers/regularizers.js";
import { alternatingMinimization } from "../../src/solvers/alternating-minimization.js";
import type { IterationInfo, SolverResult } from "../../src/solvers/result.js";
import { randomPsd, randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** Overwrites every entry of a point (vector, matrix, array of those, or a record of them). */
function vandalize(p: unknown): void {
  if (p instanceof Float64Array) p.fill(1e3);
  else if (Array.isArray(p)) p.forEach(vandalize);
  else if (p !== null && typeof p === "object") Object.values(p).forEach(vandalize);
}

/**
 * Runs `solve` twice, with a callback that only looks and with one that writes into every array
 * of the record's point: the runs must be identical (the callback gets a copy), and the record is
 * frozen.
 */
async function expectUntouchable<P>(solve: (onIteration: (info: IterationInfo<P>) => void) => Promise<SolverResult<P>>): Promise<void> {
  const clean = await solve(() => undefined);
  let frozen = true;
  const vandalized = await solve((info) => {
    frozen &&= Object.isFrozen(info);
    vandalize(info.point);
  });
  expect(frozen).toBe(true);
  expect(vandalized.point).toEqual(clean.point);
  expect(vandalized.history.cost).toEqual(clean.history.cost);
  expect(vandalized.iterations).toBe(clean.iterations);
}

test("onIteration cannot change the run: every solver gives it a copy of the point", async () => {
  const rankOne = rankOneFactorization(randomPsd(8, 2));
  const stiefelProblem = brockett(randomSymmetric(6, 3), 2);
  for (const solve of [gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent]) {
    await expectUntouchable<Float64Array>((onIteration) => solve(rankOne, undefined, { seed: 3, maxIterations: 15, gradientTolerance: 0, onIteration }));
    await expectUntouchable<Matrix>((onIteration) => solve(stiefelProblem, undefined, { seed: 4, maxIterations: 15, gradientTolerance: 0, onIteration }));
  }
  const rng = new Rng(5);
  const P = randomPsd(10, 6);
  const b = rng.normalArray(10);
  const smooth: Problem<Float64Array> = {
    manifold: euclidean(10),
    cost: (x) => x.reduce((s, xi, i) => s + 0.5 * xi * P.data.slice(i * 10, i * 10 + 10).reduce((t, pij, j) => t + pij * x[j], 0) - b[i] * xi, 0),
    egrad: (x) => x.map((_, i) => P.data.slice(i * 10, i * 10 + 10).reduce((t, pij, j) => t + pij * x[j], 0) - b[i]),
  };
  await expectUntouchable<Float64Array>((onIteration) => proximalGradient({ smooth, regularizer: l1(0.05) }, undefined, { maxIterations: 15, gradientTolerance: 0, onIteration }));
  // Alternating minimization on a state of arrays: min ‖u − v‖² + ‖u − 1‖², each block exact.
  type S = { u: Float64Array; v: Float64Array };
  const problem = {
    blocks: [
      { name: "u" as const, update: (s: Readonly<S>) => s.v.map((vi) => (vi + 1) / 2) },
      { name: "v" as const, update: (s: Readonly<S>) => s.u.slice() },
    ],
    cost: (s: Readonly<S>) => s.u.reduce((t, ui, i) => t + (ui - s.v[i]) ** 2 + (ui - 1) ** 2, 0),
  };
  await expectUntouchable<S>((onIteration) => alternatingMinimization(problem, { u: new Float64Array(3), v: Float64Array.of(5, -2, 0) }, { maxIterations: 10, gradientTolerance: 0, onIteration }));
});
