// Measures at the current iterate of a ConvolutionalModel: the largest correlation (the λ where
// x = 0 stops being optimal) and the stationarity measure the solvers record.
import { deconvolutionKernels } from "./kernels.js";
import type { ConvolutionalModel } from "./model.js";

/**
 * λ₀ = max_k ‖C_{a_k}ᵀ(y − b)‖∞ = max_{k,i} |(a_k ⋆ (y − b))_i|, the largest correlation of the
 * data with a kernel: for λ ≥ λ₀ the activations x = 0 minimize Ψ (its subgradient condition),
 * which is where the homotopy of Lau et al. starts. One inverse transform per kernel.
 */
export function largestCorrelation(model: ConvolutionalModel): number {
  const k = deconvolutionKernels();
  let best = 0;
  for (let i = 0; i < model.count; i++) {
    // With c1 = 0 the residual is −Yb and the "gradient" conj(A)·(−Yb).
    model.ops.residual([{ u: model.A[i].ptr, v: model.A[i].ptr, c1: 0 }], model.Yb.ptr, [model.G[i].ptr]);
    const g = model.g[i];
    model.geometry.inverse(g.ptr, model.G[i].ptr);
    best = Math.max(best, Math.abs(g.view[k.iamax(g.length, g.ptr, 1)]));
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
  ops.residual(model.A.map((A, i) => ({ u: model.X[i].ptr, v: A.ptr })), model.Yb.ptr, model.G.map((b) => b.ptr));
  let sum = 0;
  for (let i = 0; i < count; i++) {
    geometry.inverse(model.g[i].ptr, model.G[i].ptr);
    model.stats.view.fill(0);
    const x = model.x[i];
    k.inertialProxStep(model.xNext[i].ptr, x.ptr, x.ptr, model.g[i].ptr, 0, t, t * lambda, x.length, model.stats.ptr);
    sum += model.stats.view[1] / (t * t);
  }
  // Kernel gradients: conj(X)·r restricted to the window, projected on the tangent space.
  ops.residual(model.X.map((X, i) => ({ u: model.A[i].ptr, v: X.ptr })), model.Yb.ptr, model.G.map((b) => b.ptr));
  for (let i = 0; i < count; i++) {
    const a = model.a[i];
    const g = new Float64Array(a.length);
    model.windowOfSpectrum(g, model.G[i].ptr);
    let ag = 0;
    for (let j = 0; j < a.length; j++) ag += a[j] * g[j];
    for (let j = 0; j < a.length; j++) sum += (g[j] - ag * a[j]) ** 2;
  }
  return Math.sqrt(sum);
}
