// Orthogonal dictionary learning on the sphere S²: for Y = A₀X with A₀ a random orthogonal 3×3
// dictionary and X Bernoulli–Gaussian BG(θ) codes, a heat map over a latitude–longitude grid of
//   ℓ⁴:       f(q) = −(1/p)‖qᵀY‖₄⁴                    (Zhai, Yang, Liao, Wright & Ma 2020), or
//   log cosh: f(q) = (1/p)Σⱼ μ·log cosh(qᵀyⱼ / μ)       (Sun, Qu & Wright 2017, the smooth ℓ¹ surrogate),
// with the critical points of the population objective marked: both objectives are invariant under
// the signed permutations of the columns aᵢ of A₀, so the points fixed by a subgroup of them are
// critical — the minimizers ±aᵢ (a sparse qᵀY recovers a row of X), the saddles (±aᵢ ± aⱼ)/√2 and
// the maximizers (±a₁ ± a₂ ± a₃)/√3. The grid's best point is refined by Riemannian gradient
// descent on the sphere and compared with the nearest ±aᵢ.
import { seedField } from "../fields.mjs";

const DEGREES = 180 / Math.PI;

/** μ·log cosh(s/μ), stable for large |s|/μ: |s| + μ·log1p(e^{−2|s|/μ}) − μ·log 2. */
function logCosh(s, mu) {
  const a = Math.abs(s);
  return a + mu * (Math.log1p(Math.exp((-2 * a) / mu)) - Math.LN2);
}

/** The per-sample loss h(s) and its derivative h′(s) of each objective. */
const OBJECTIVES = {
  l4: { loss: (s) => -(s ** 4), slope: (s) => -4 * s ** 3, label: "−(1/p)‖qᵀY‖₄⁴" },
  "log-cosh": {
    loss: (s, mu) => logCosh(s, mu),
    slope: (s, mu) => Math.tanh(s / mu),
    label: "(1/p)Σ μ log cosh(qᵀyⱼ/μ)",
  },
};

/** [latitude, longitude] in degrees of a unit q ∈ ℝ³. */
function latLong(q) {
  return [Math.asin(Math.max(-1, Math.min(1, q[2]))) * DEGREES, Math.atan2(q[1], q[0]) * DEGREES];
}

/** The unit vector at latitude φ, longitude λ (degrees). */
function unitAt(latitude, longitude) {
  const phi = latitude / DEGREES, lambda = longitude / DEGREES;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

/** The population critical points Σᵢ sᵢaᵢ/√k over sign patterns s ∈ {0, ±1}³ with k nonzeros. */
export function populationCriticalPoints(A) {
  const kinds = ["minimizer", "saddle", "maximizer"];
  const points = [];
  for (let code = 1; code < 27; code++) {
    const s = [code % 3, Math.floor(code / 3) % 3, Math.floor(code / 9)].map((d) => (d === 2 ? -1 : d));
    const k = s.filter((v) => v !== 0).length;
    const q = [0, 1, 2].map((r) => (s[0] * A.data[r * 3] + s[1] * A.data[r * 3 + 1] + s[2] * A.data[r * 3 + 2]) / Math.sqrt(k));
    const sign = (v) => (v > 0 ? "+" : "−");
    const label = s.map((v, i) => (v === 0 ? "" : `${sign(v)}a${"₁₂₃"[i]}`)).join("");
    points.push({ q, kind: kinds[k - 1], label: k === 1 ? label : `(${label})/√${k}` });
  }
  return points;
}

/** f and its Euclidean gradient at q, for the samples Y (3×p, row-major). */
function objective(Y, { loss, slope }, mu) {
  const p = Y.cols, y = Y.data;
  return {
    cost(q) {
      let f = 0;
      for (let j = 0; j < p; j++) f += loss(q[0] * y[j] + q[1] * y[p + j] + q[2] * y[2 * p + j], mu);
      return f / p;
    },
    egrad(q) {
      const g = new Float64Array(3);
      for (let j = 0; j < p; j++) {
        const d = slope(q[0] * y[j] + q[1] * y[p + j] + q[2] * y[2 * p + j], mu) / p;
        g[0] += d * y[j];
        g[1] += d * y[p + j];
        g[2] += d * y[2 * p + j];
      }
      return g;
    },
  };
}

/**
 * f on a height×width grid of cell centres (latitude 90° → −90° down the rows, longitude −180° →
 * 180° across), evaluated as (1/p)Σⱼ h(qᵀyⱼ) with the products qᵀY of a block of grid points taken
 * by one gemm. Yields between blocks; an aborted `signal` stops it with an AbortError.
 */
export async function sphereHeatmap(benign, Y, h, mu, width, signal) {
  const height = Math.ceil(width / 2);
  const p = Y.cols;
  const values = new Float64Array(width * height);
  const block = Math.max(1, Math.floor(2 ** 18 / p));
  for (let start = 0; start < values.length; start += block) {
    const count = Math.min(block, values.length - start);
    const Q = benign.matrix(count, 3);
    for (let k = 0; k < count; k++) {
      const i = Math.floor((start + k) / width), j = (start + k) % width;
      Q.data.set(unitAt(90 - (180 * (i + 0.5)) / height, -180 + (360 * (j + 0.5)) / width), 3 * k);
    }
    const S = benign.gemm(Q, Y).data; // count×p: row k is qₖᵀY
    for (let k = 0; k < count; k++) {
      let f = 0;
      for (let j = k * p; j < (k + 1) * p; j++) f += h.loss(S[j], mu);
      values[start + k] = f / p;
    }
    await benign.yieldToEventLoop();
    signal?.throwIfAborted();
  }
  return {
    width, height, values, x1: -180, x2: 180, y1: 90, y2: -90,
    xLabel: "longitude (°)", yLabel: "latitude (°)", label: h.label,
  };
}

export default {
  id: "sphere-dictionary",
  kind: "landscape",
  title: "Orthogonal dictionary learning on S²",
  description:
    "Y = A₀X with A₀ a random orthogonal 3×3 dictionary and X a 3×p Bernoulli–Gaussian BG(θ) code; " +
    "the objective over q ∈ S² (ℓ⁴: −(1/p)‖qᵀY‖₄⁴, or the smooth ℓ¹ surrogate (1/p)Σ μ log cosh(qᵀyⱼ/μ)) " +
    "on a latitude–longitude grid. Marked: the population critical points — minimizers ±aᵢ (the " +
    "columns of A₀), saddles (±aᵢ ± aⱼ)/√2 and maximizers (±a₁ ± a₂ ± a₃)/√3.",
  fields: [
    { name: "samples", label: "samples p", type: "integer", value: 2000, min: 10, max: 100000 },
    { name: "theta", label: "sparsity θ", type: "number", value: 0.3, min: 0.01, max: 1 },
    { name: "objective", label: "objective", type: "select", value: "l4", options: Object.keys(OBJECTIVES) },
    { name: "mu", label: "μ (log cosh)", type: "number", value: 0.05, min: 1e-4, max: 10 },
    { name: "grid", label: "longitude points", type: "integer", value: 180, min: 8, max: 720 },
    seedField(1),
  ],

  async compute(benign, p, { signal } = {}) {
    const A = benign.randomOrthogonal(3, { seed: p.seed });
    const X = benign.bernoulliGaussian(3, p.samples, p.theta, { seed: p.seed + 1 });
    const Y = benign.gemm(A, X);
    const h = OBJECTIVES[p.objective];
    const heatmap = await sphereHeatmap(benign, Y, h, p.mu, p.grid, signal);
    const marks = populationCriticalPoints(A).map(({ q, kind, label }) => {
      const [y, x] = latLong(q);
      return { x, y, kind, label, caption: kind === "minimizer" ? label : undefined };
    });

    // Refine the grid's best point on the sphere and measure its angle to the nearest ±aᵢ.
    let best = 0;
    for (let k = 1; k < heatmap.values.length; k++) if (heatmap.values[k] < heatmap.values[best]) best = k;
    const i = Math.floor(best / heatmap.width), j = best % heatmap.width;
    const q0 = Float64Array.from(unitAt(90 - (180 * (i + 0.5)) / heatmap.height, -180 + (360 * (j + 0.5)) / heatmap.width));
    const problem = { manifold: benign.sphere(3), ...objective(Y, h, p.mu) };
    const refined = await benign.gradientDescent(problem, q0, { gradientTolerance: 1e-9, maxIterations: 500, signal });
    const nearest = (q) => Math.max(...[0, 1, 2].map((c) => Math.abs(q[0] * A.data[c] + q[1] * A.data[3 + c] + q[2] * A.data[6 + c])));
    const angle = (q) => Math.acos(Math.min(1, nearest(q))) * DEGREES;
    const [lat, long] = latLong(refined.point);
    marks.push({ x: long, y: lat, kind: "found", label: "refined minimizer", caption: "found" });
    return {
      heatmap,
      marks,
      details: [
        ["grid minimum: angle to the nearest ±aᵢ (°)", angle(q0)],
        ["refined by gradient descent on S²: angle (°)", angle(refined.point)],
        ["refined f, ‖grad f‖", `${refined.cost.toPrecision(6)}, ${refined.gradientNorm.toExponential(2)}`],
      ],
    };
  },
};
