// The rank-one landscape f(u) = ¼‖X − uuᵀ‖²_F of a random PSD X on the plane spanned by its top two
// eigenvectors v₁, v₂ (for n = 2 that plane is all of ℝ²): a heat map of f(a·v₁ + b·v₂) with the
// critical points in the plane marked from the closed form (rankOneCriticalPoints): the minimizers
// ±√λ₁v₁, the strict saddles ±√λ₂v₂ and the maximizer u = 0 (Sun, Qu & Wright 2015; Ge, Jin &
// Zheng 2017).
import { seedField } from "../fields.mjs";

/** X = GGᵀ/(2n) with G n×2n Gaussian: PSD with distinct eigenvalues almost surely, exactly symmetric. */
export function randomPsd(benign, n, rng) {
  const m = 2 * n;
  const G = benign.matrix(n, m, rng.normalArray(n * m));
  const X = benign.gemm(G, G, { transB: true, alpha: 1 / m });
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) X.data[j * n + i] = X.data[i * n + j];
  return X;
}

/** The top two eigenpairs of X: λ₁ ≥ λ₂ and unit v₁, v₂ (eigh is ascending, vectors in columns). */
export function topEigenpairs(benign, X) {
  const { values, vectors } = benign.eigh(X);
  const n = X.rows;
  const column = (j) => Float64Array.from({ length: n }, (_, i) => vectors.data[i * n + j]);
  return { lambda1: values[n - 1], lambda2: values[n - 2], v1: column(n - 1), v2: column(n - 2) };
}

/** The critical points of f in the plane of v₁, v₂, as marks at their (a, b) coordinates. */
export function planeMarks(benign, X, { v1, v2 }) {
  const n = X.rows;
  const label = ["u = 0", "√λ₁v₁", "√λ₂v₂"];
  return benign.rankOneCriticalPoints(X)
    .filter((c) => c.index < 0 || c.index >= n - 2)
    .map((c) => {
      const name = c.index < 0 ? label[0] : `${c.sign < 0 ? "−" : ""}${label[n - c.index]}`;
      return { x: benign.dot(c.point, v1), y: benign.dot(c.point, v2), kind: c.kind, label: name, caption: name, cost: c.cost };
    });
}

/**
 * f(a·v₁ + b·v₂) on a width×width grid of cell centres over [−extent, extent]², row 0 at b = extent,
 * evaluated by the library's own cost (the problem retained, so X stays in wasm memory). Yields to
 * the event loop between rows and stops with an AbortError when `signal` aborts.
 */
export async function planeHeatmap(benign, X, { v1, v2 }, extent, width, signal) {
  const problem = benign.rankOneFactorization(X);
  const release = benign.retainProblem(problem);
  try {
    const values = new Float64Array(width * width);
    const u = new Float64Array(X.rows);
    const at = (k) => -extent + (2 * extent * (k + 0.5)) / width;
    let last = performance.now();
    for (let i = 0; i < width; i++) {
      const b = -at(i);
      for (let j = 0; j < width; j++) {
        const a = at(j);
        for (let k = 0; k < u.length; k++) u[k] = a * v1[k] + b * v2[k];
        values[i * width + j] = problem.cost(u);
      }
      if (performance.now() - last > 16) {
        await benign.yieldToEventLoop();
        signal?.throwIfAborted();
        last = performance.now();
      }
    }
    return {
      width, height: width, values, x1: -extent, x2: extent, y1: extent, y2: -extent,
      xLabel: "a (along v₁)", yLabel: "b (along v₂)", label: "¼‖X − uuᵀ‖²",
    };
  } finally {
    release();
  }
}

export default {
  id: "rank-one-slice",
  kind: "landscape",
  title: "Rank-one landscape, 2-D slice",
  description:
    "f(u) = ¼‖X − uuᵀ‖²_F for a random PSD n×n matrix X = GGᵀ/2n, on the plane u = a·v₁ + b·v₂ " +
    "through its top two eigenvectors (all of ℝ² when n = 2). The marks are the closed-form critical " +
    "points in that plane: minimizers ±√λ₁v₁, strict saddles ±√λ₂v₂, the maximizer u = 0.",
  fields: [
    { name: "n", label: "size n", type: "integer", value: 2, min: 2, max: 200 },
    { name: "grid", label: "grid points per side", type: "integer", value: 151, min: 11, max: 401 },
    { name: "extent", label: "extent (× √λ₁)", type: "number", value: 1.6, min: 0.1, max: 10 },
    seedField(3),
  ],

  async compute(benign, p, { signal } = {}) {
    const X = randomPsd(benign, p.n, new benign.Rng(p.seed));
    const top = topEigenpairs(benign, X);
    const extent = p.extent * Math.sqrt(top.lambda1);
    const heatmap = await planeHeatmap(benign, X, top, extent, p.grid, signal);
    const marks = planeMarks(benign, X, top);
    let best = 0;
    for (let k = 1; k < heatmap.values.length; k++) if (heatmap.values[k] < heatmap.values[best]) best = k;
    const minimum = marks.find((m) => m.kind === "minimizer").cost;
    return {
      heatmap,
      marks,
      details: [
        ["λ₁, λ₂", `${top.lambda1.toPrecision(6)}, ${top.lambda2.toPrecision(6)}`],
        ["min f (closed form ¼(‖X‖² − λ₁²))", minimum],
        ["min f on the grid", heatmap.values[best]],
      ],
    };
  },
};
