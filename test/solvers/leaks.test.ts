import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { randomPsd } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

test("1000 solves (all four Riemannian solvers, converged, aborted, throwing) leave no wasm buffer behind", async () => {
  const problem = rankOneFactorization(randomPsd(6, 11));
  const solvers = [gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent];
  const before = runtime().arena.stats();
  const aborted = new AbortController();
  aborted.abort();
  let converged = 0;
  for (let k = 0; k < 1000; k++) {
    const solve = solvers[k % 4];
    const mode = k % 10;
    if (mode === 8) {
      const r = await solve(problem, undefined, { seed: k, signal: aborted.signal });
      expect(r.reason).toBe("aborted");
    } else if (mode === 9) {
      await expect(solve(problem, undefined, { seed: k, onIteration: (info) => {
        if (info.iteration === 2) throw new Error("callback failure");
      } })).rejects.toThrow("callback failure");
    } else {
      const r = await solve(problem, undefined, { seed: k, gradientTolerance: 1e-8, maxIterations: 2000 });
      if (r.converged) converged++;
    }
  }
  const after = runtime().arena.stats();
  expect(after.buffersLive).toBe(before.buffersLive);
  expect(after.bytesLive).toBe(before.bytesLive);
  expect(converged).toBe(800);
}, 120_000);
