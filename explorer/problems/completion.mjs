// Matrix completion, live: a random rank-r matrix M = U₀V₀ᵀ, a uniform sample of its entries,
// completeMatrix by the chosen method, and the error modulo the rotation (U, V) ↦ (UG, VG⁻ᵀ).
import { seedField } from "../fields.mjs";
import { summaryOf } from "./summary.mjs";

/** (row, col) of the observed cells of a row-major 0/1 mask over a rows×cols matrix. */
function positionsOf(mask, cols) {
  let count = 0;
  for (let k = 0; k < mask.length; k++) count += mask[k];
  const row = new Int32Array(count), col = new Int32Array(count);
  for (let k = 0, e = 0; k < mask.length; k++) {
    if (mask[k] === 0) continue;
    row[e] = Math.floor(k / cols);
    col[e++] = k % cols;
  }
  return { row, col };
}

/** The factors of a completion iterate: [U, V] for ALS, GD and trust regions, { U, V } for soft-impute. */
function factorsOf(point) {
  return Array.isArray(point) ? { U: point[0], V: point[1] } : point;
}

export default {
  id: "completion",
  kind: "problem",
  title: "Matrix completion",
  description:
    "A random incoherent rank-r m×n matrix M = U₀V₀ᵀ with condition number κ, a uniform sample of a " +
    "fraction p of its entries (plus Gaussian noise σ), completed by completeMatrix with the chosen " +
    "method from a spectral or random start. The error is taken modulo the symmetry " +
    "(U, V) ↦ (UG, VG⁻ᵀ): ‖UVᵀ − M‖_F / ‖M‖_F.",
  fields: [
    { name: "rows", label: "rows m", type: "integer", value: 300, min: 2, max: 5000 },
    { name: "cols", label: "columns n", type: "integer", value: 200, min: 2, max: 5000 },
    { name: "rank", label: "rank r", type: "integer", value: 5, min: 1, max: 50 },
    { name: "condition", label: "condition κ", type: "number", value: 2, min: 1, max: 1e6 },
    { name: "fraction", label: "observed fraction p", type: "number", value: 0.2, min: 0.001, max: 1 },
    { name: "noise", label: "noise σ", type: "number", value: 0, min: 0, max: 10 },
    {
      name: "lambda", label: "λ", type: "number", value: 0, min: 0, max: 1e6,
      hint: "nuclear-norm weight; 0 with soft-impute means its default 1e-3·σ₁",
    },
    { name: "method", label: "method", type: "select", value: "als", options: ["als", "gd", "riemannian", "soft-impute"] },
    { name: "init", label: "start", type: "select", value: "spectral", options: ["spectral", "random"] },
    { name: "maxIterations", label: "max iterations", type: "integer", value: 500, min: 1, max: 1e6 },
    seedField(1),
  ],
  errorLabel: "‖UVᵀ − M‖ / ‖M‖",

  async run(benign, p, { signal, observe }) {
    const truth = benign.randomLowRank(p.rows, p.cols, p.rank, { seed: p.seed, condition: p.condition });
    const positions = positionsOf(benign.uniformMask(p.rows, p.cols, p.fraction, p.seed + 1), p.cols);
    const observed = benign.observedFromFactors(truth.U, truth.V, positions, { noise: p.noise, seed: p.seed + 2 });
    const errorOf = (point) => {
      const { U, V } = factorsOf(point);
      return benign.relativeError(U, V, truth.U, truth.V);
    };
    const fit = await benign.completeMatrix(observed, {
      rank: p.rank,
      lambda: p.method === "soft-impute" && p.lambda === 0 ? undefined : p.lambda,
      method: p.method,
      init: p.init,
      maxIterations: p.maxIterations,
      gradientTolerance: 1e-9,
      seed: p.seed,
      signal,
      onIteration: observe((point) => ({ error: errorOf(point) })),
    });
    return summaryOf(fit.result, benign.relativeError(fit.U, fit.V, truth.U, truth.V), [
      ["observed entries", `${observed.value.length} of ${p.rows * p.cols}`],
      ["λ used", fit.lambda],
      ["training RMSE", fit.trainRmse],
    ]);
  },
};
