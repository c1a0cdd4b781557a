// Matrix sensing, live: X = U₀V₀ᵀ (or U₀U₀ᵀ ⪰ 0) measured by a seeded Gaussian operator,
// recovered by senseLowRank, with the error modulo the symmetry of the factorization.
import { seedField } from "../fields.mjs";
import { summaryOf } from "./summary.mjs";

/** The degrees of freedom of an n×n rank-r matrix: r(2n − r), or nr − r(r − 1)/2 when PSD. */
function degreesOfFreedom(n, r, symmetric) {
  return symmetric ? n * r - (r * (r - 1)) / 2 : r * (2 * n - r);
}

/** An n×r Gaussian factor. */
function gaussianFactor(benign, n, r, rng) {
  return benign.matrix(n, r, rng.normalArray(n * r));
}

export default {
  id: "sensing",
  kind: "problem",
  title: "Matrix sensing",
  description:
    "A random rank-r n×n matrix X = U₀V₀ᵀ (or U₀U₀ᵀ ⪰ 0 with symmetric measurements) observed " +
    "through count = oversampling × (degrees of freedom) Gaussian measurements yₖ = ⟨Aₖ, X⟩/√count, " +
    "recovered by senseLowRank (Burer–Monteiro; Procrustes flow in the general case). The error is " +
    "taken modulo the symmetry of the factors: ‖UVᵀ − X‖_F / ‖X‖_F.",
  fields: [
    { name: "n", label: "size n", type: "integer", value: 40, min: 2, max: 200 },
    { name: "rank", label: "rank r", type: "integer", value: 2, min: 1, max: 20 },
    { name: "symmetric", label: "X ⪰ 0 (symmetric)", type: "boolean", value: true },
    {
      name: "oversampling", label: "oversampling", type: "number", value: 3, min: 0.1, max: 100,
      hint: "measurements per degree of freedom",
    },
    { name: "lambda", label: "λ", type: "number", value: 0, min: 0, max: 1e6 },
    { name: "method", label: "method", type: "select", value: "trust-regions", options: ["trust-regions", "gradient-descent"] },
    { name: "init", label: "start", type: "select", value: "random", options: ["spectral", "random"] },
    { name: "maxIterations", label: "max iterations", type: "integer", value: 1000, min: 1, max: 1e6 },
    seedField(1),
  ],
  errorLabel: "‖UVᵀ − X‖ / ‖X‖",

  async run(benign, p, { signal, observe }) {
    const rng = new benign.Rng(p.seed);
    const U0 = gaussianFactor(benign, p.n, p.rank, rng);
    const V0 = p.symmetric ? U0 : gaussianFactor(benign, p.n, p.rank, rng);
    const count = Math.max(1, Math.round(p.oversampling * degreesOfFreedom(p.n, p.rank, p.symmetric)));
    const operator = benign.gaussianOperator([p.n, p.n], count, { seed: p.seed + 1, symmetric: p.symmetric });
    try {
      const y = operator.applyFactored(U0, V0);
      const errorOf = (point) => {
        const [U, V] = Array.isArray(point) ? point : [point, point];
        return benign.relativeError(U, V, U0, V0);
      };
      const fit = await benign.senseLowRank(y, {
        operator,
        rank: p.rank,
        lambda: p.lambda,
        method: p.method,
        init: p.init,
        maxIterations: p.maxIterations,
        gradientTolerance: 1e-10,
        seed: p.seed,
        signal,
        onIteration: observe((point) => ({ error: errorOf(point) })),
      });
      return summaryOf(fit.result, benign.relativeError(fit.U, fit.V, U0, V0), [
        ["measurements", `${count} (${degreesOfFreedom(p.n, p.rank, p.symmetric)} degrees of freedom)`],
        ["‖𝒜(UVᵀ) − y‖", fit.residualNorm],
        ["operator storage", operator.mode],
      ]);
    } finally {
      operator.dispose();
    }
  },
};
