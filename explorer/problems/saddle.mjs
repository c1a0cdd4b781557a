// The solvers started at a strict saddle of the rank-one landscape ¼‖X − uuᵀ‖²: the gradient is
// zero there, so plain gradient descent stays while the second-order methods (trust regions,
// curvilinear search) and perturbed gradient descent leave along negative curvature for ±√λ₁v₁.
import { seedField } from "../fields.mjs";
import { planeHeatmap, planeMarks, randomPsd, topEigenpairs } from "../landscapes/rank-one-slice.mjs";
import { summaryOf } from "./summary.mjs";

const SOLVERS = {
  "trust-regions": "trustRegions",
  "curvilinear-search": "curvilinearSearch",
  "perturbed-gradient-descent": "perturbedGradientDescent",
  "gradient-descent": "gradientDescent",
};

/** min(‖u − u⋆‖, ‖u + u⋆‖) / ‖u⋆‖: the error modulo the sign symmetry u ↦ −u. */
function signedError(benign, u, star) {
  let minus = 0, plus = 0;
  for (let k = 0; k < u.length; k++) {
    minus += (u[k] - star[k]) ** 2;
    plus += (u[k] + star[k]) ** 2;
  }
  return Math.sqrt(Math.min(minus, plus)) / benign.nrm2(star);
}

export default {
  id: "saddle",
  kind: "problem",
  title: "Solvers from a saddle",
  description:
    "The rank-one landscape ¼‖X − uuᵀ‖²_F of a random PSD n×n X, started at the strict saddle " +
    "√λ₂v₂ (+ an optional offset ε·v₁). There the gradient vanishes: gradient descent reports " +
    "convergence on the spot, the saddle-escaping solvers follow negative curvature to the " +
    "minimizers ±√λ₁v₁. The error is taken modulo the sign: min ‖u ∓ √λ₁v₁‖ / √λ₁; the path is " +
    "drawn in the plane of v₁, v₂ over the landscape.",
  fields: [
    { name: "n", label: "size n", type: "integer", value: 20, min: 2, max: 500 },
    { name: "method", label: "solver", type: "select", value: "trust-regions", options: Object.keys(SOLVERS) },
    { name: "offset", label: "offset ε along v₁", type: "number", value: 0, min: -10, max: 10 },
    { name: "maxIterations", label: "max iterations", type: "integer", value: 2000, min: 1, max: 1e6 },
    seedField(3),
  ],
  errorLabel: "min ‖u ∓ √λ₁v₁‖ / √λ₁",

  async run(benign, p, { signal, observe, setup }) {
    const X = randomPsd(benign, p.n, new benign.Rng(p.seed));
    const top = topEigenpairs(benign, X);
    const star = top.v1.map((v) => v * Math.sqrt(top.lambda1));
    const start = top.v2.map((v, k) => v * Math.sqrt(top.lambda2) + p.offset * top.v1[k]);
    setup({
      heatmap: await planeHeatmap(benign, X, top, 1.6 * Math.sqrt(top.lambda1), 101, signal),
      marks: planeMarks(benign, X, top),
    });
    const problem = benign.rankOneFactorization(X);
    const result = await benign[SOLVERS[p.method]](problem, start, {
      maxIterations: p.maxIterations,
      gradientTolerance: 1e-10,
      seed: p.seed,
      signal,
      onIteration: observe((u) => ({
        error: signedError(benign, u, star),
        plane: [benign.dot(u, top.v1), benign.dot(u, top.v2)],
      })),
    });
    return summaryOf(result, signedError(benign, result.point, star), [
      ["λ₁, λ₂", `${top.lambda1.toPrecision(6)}, ${top.lambda2.toPrecision(6)}`],
      ["final class", benign.classifyCriticalPoint(problem, result.point).kind],
      ["converged", String(result.converged)],
    ]);
  },
};
