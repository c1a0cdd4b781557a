// Short-and-sparse deconvolution on the sphere through three shifts of the truth: for y = a₀ ⊛ x₀
// with a random kernel a₀ (length n) and a Bernoulli–Gaussian x₀, the objective with x minimized,
//   φ(a) = min_x ½‖y − a ⊛ x‖² + λ‖x‖₁   (or its smooth surrogate),
// over the unit kernels a in the span of the shifts S₋₁a₀, a₀, S₁a₀ placed in the 3n window
// (landscapeSlice), drawn on a latitude–longitude grid of that 2-sphere (the pole u₃ ∝ the sum of
// the three shifts). The signed shifts ±Sₛa₀ are marked: where the minima should be (Lau, Qu, Kuo,
// Zhou, Zhang & Wright 2020, Fig. 2; Kuo et al. 2019), with negative curvature between them.
import { seedField } from "../fields.mjs";

const DEGREES = 180 / Math.PI;

/** The three shifts of a₀ in the 3n window: a₀ at offset n − 1, n, n + 1. */
export function shiftBasis(a0) {
  const n = a0.length;
  return [-1, 0, 1].map((s) => {
    const w = new Float64Array(3 * n);
    w.set(a0, n + s);
    return w;
  });
}

export default {
  id: "deconvolution",
  kind: "landscape",
  title: "Short-and-sparse deconvolution: the sphere through three shifts",
  description:
    "y = a₀ ⊛ x₀ with a₀ a random unit kernel of length n and x₀ Bernoulli–Gaussian BG(θ) of length m; " +
    "the objective with the activation minimized, min_x ½‖y − a ⊛ x‖² + λ‖x‖₁ (each point a lasso solved by FISTA) " +
    "or its smooth surrogate (|x| → √(x² + μ²) − μ, μ = λ/10), over the unit kernels in the span of three shifts of a₀ " +
    "(in the 3n window). Marked: the signed shifts ±Sₛa₀, where the minima should sit.",
  fields: [
    { name: "n", label: "kernel length n", type: "integer", value: 8, min: 2, max: 64 },
    { name: "m", label: "signal length m", type: "integer", value: 300, min: 30, max: 20000 },
    { name: "theta", label: "sparsity θ", type: "number", value: 0.05, min: 0.001, max: 1 },
    { name: "lambda", label: "λ", type: "number", value: 0.1, min: 0, max: 10 },
    { name: "objective", label: "objective", type: "select", value: "lasso", options: ["lasso", "smooth"] },
    { name: "resolution", label: "latitude points", type: "integer", value: 25, min: 5, max: 91 },
    seedField(1),
  ],

  async compute(benign, p, { signal } = {}) {
    if (3 * p.n > p.m) throw new RangeError(`invalid n: the window 3n = ${3 * p.n} must fit in the signal (m = ${p.m})`);
    const a0 = benign.randomKernel(p.n, { seed: p.seed });
    const { signal: y } = benign.convolutionalData(a0, p.m, { theta: p.theta, seed: p.seed + 1 });
    const slice = await benign.landscapeSlice(y, shiftBasis(a0), { lambda: p.lambda, objective: p.objective, resolution: p.resolution, signal });
    const { polar, azimuth, value } = slice;
    // Grid points are the cell centres: polar angle θᵢ (latitude 90° − θᵢ) down the rows, azimuth φⱼ across.
    const dTheta = 180 / (polar.length - 1), dPhi = 360 / azimuth.length;
    const heatmap = {
      width: azimuth.length, height: polar.length, values: value.data,
      x1: -dPhi / 2, x2: 360 - dPhi / 2, y1: 90 + dTheta / 2, y2: -90 - dTheta / 2,
      xLabel: "azimuth (°)", yLabel: "latitude (°)", label: p.objective === "lasso" ? "min_x ½‖y − a ⊛ x‖² + λ‖x‖₁" : "smooth surrogate",
    };
    const names = ["S₋₁a₀", "a₀", "S₁a₀"];
    const marks = [];
    for (let k = 0; k < 6; k++) {
      const [u1, u2, u3] = slice.marks.data.subarray(3 * k, 3 * k + 3);
      const x = ((Math.atan2(u2, u1) * DEGREES) + 360) % 360, yLat = Math.asin(Math.max(-1, Math.min(1, u3))) * DEGREES;
      const label = `${k % 2 ? "−" : "+"}${names[k >> 1]}`;
      marks.push({ x, y: yLat, kind: "minimizer", label, caption: label });
    }
    let best = 0;
    for (let k = 1; k < value.data.length; k++) if (value.data[k] < value.data[best]) best = k;
    const at = { x: (best % heatmap.width) * dPhi, y: 90 - Math.floor(best / heatmap.width) * dTheta };
    marks.push({ x: at.x, y: at.y, kind: "found", label: "grid minimum", caption: "min" });
    const angle = (a, b) => {
      const unit = ({ x, y }) => [Math.cos(y / DEGREES) * Math.cos(x / DEGREES), Math.cos(y / DEGREES) * Math.sin(x / DEGREES), Math.sin(y / DEGREES)];
      const [u, v] = [unit(a), unit(b)];
      return Math.acos(Math.max(-1, Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]))) * DEGREES;
    };
    return {
      heatmap,
      marks,
      details: [
        ["grid minimum: angle to the nearest ±Sₛa₀ (°)", Math.min(...marks.slice(0, 6).map((m) => angle(m, at)))],
        ["objective: minimum, maximum over the grid", `${value.data[best].toPrecision(6)}, ${Math.max(...value.data).toPrecision(6)}`],
      ],
    };
  },
};
