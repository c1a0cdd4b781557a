// Measures at the current iterate of a ConvolutionalModel: the largest correlation (the λ where
// x = 0 stops being optimal) and the stationarity measure the solvers record.
import { deconvolutionKernels } from "./kernels.js";
import type { ConvolutionalModel } from "./model.js";

/**
 * λ₀ = max_jk ‖C_{a_k}ᵀM_j(y_j − b_j)‖∞ = max_{j,k,i} |(a_k ⋆ M_j(y_j − b_j))_i|, the largest correlation of the
 * data with a kernel: for λ ≥ λ₀ the activations x = 0 minimize Ψ (its subgradient condition),
 * which is where the homotopy of Lau et al. starts. One inverse transform per activation.
 */
export function largestCorrelation(model: ConvolutionalModel): number {
  const k = deconvolutionKernels();
  let best = 0;
  for (let j = 0; j < model.signals; j++) {
    for (let i = 0; i < model.count; i++) {
      // With c1 = 0 the residual is −M·Yb and the "gradient" conj(A)·(−M·Yb).
      const a = model.at(j, i);
      model.residual(j, [{ u: model.A[i].ptr, v: model.A[i].ptr, c1: 0 }], [model.G[a].ptr]);
      const g = model.g[a];
      model.geometry.inverse(g.ptr, model.G[a].ptr);
      best = Math.max(best, Math.abs(g.view[k.iamax(g.length, g.ptr, 1)]));
    }
  }
  return best;
}

/**
 * The stationarity measure √(‖G_t(x)‖² + ‖grad_a f(a)‖²) at the current iterate (no
 * extrapolation): the gradient mapping (x − soft(x − t∇_x f, tλ))/t and the Riemannian
 * gradients of the kernels. 2 transforms per kernel; only work buffers are touched.
 */
export function stationarity(model: ConvolutionalModel, lambda: number, t: number): number {
  const k = deconvolutionKernels();
  const { geometry, ops, count } = model;
  // Activation gradients: conj(A)·r.
  for (let j = 0; j < model.signals; j++) {
    const terms = model.A.map((A, i) => ({ u: model.X[model.at(j, i)].ptr, v: A.ptr }));
    model.residual(j, terms, terms.map((_, i) => model.G[model.at(j, i)].ptr), model.R[j].ptr);
  }
  let sum = 0;
  for (let i = 0; i < model.x.length; i++) {
    geometry.inverse(model.g[i].ptr, model.G[i].ptr);
    model.stats.view.fill(0);
    const x = model.x[i];
    k.inertialProxStep(model.xNext[i].ptr, x.ptr, x.ptr, model.g[i].ptr, 0, t, t * lambda, x.length, model.stats.ptr);
    sum += model.stats.view[1] / (t * t);
  }
  // Kernel gradients: Σ_j conj(X_jk)·R_j restricted to the window, projected on the tangent space.
  for (let i = 0; i < count; i++) {
    const a = model.a[i];
    const G = model.G[model.at(0, i)].ptr;
    for (let j = 0; j < model.signals; j++) ops.product(G, model.X[model.at(j, i)].ptr, model.R[j].ptr, true, j > 0);
    const g = new Float64Array(a.length);
    model.windowOfSpectrum(g, G);
    let ag = 0;
    for (let j = 0; j < a.length; j++) ag += a[j] * g[j];
    for (let j = 0; j < a.length; j++) sum += (g[j] - ag * a[j]) ** 2;
  }
  return Math.sqrt(sum);
}
