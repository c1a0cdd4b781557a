// The smooth surrogate of short-and-sparse deconvolution with x eliminated: Ψ with a smoothed
// ℓ1 penalty, minimized over x, as a problem on the sphere of kernels for the Riemannian solvers
// (trust regions) and for landscape pictures.
import { sphere } from "../manifolds/sphere.js";
import type { Problem } from "../problems/problem.js";
import { ArenaScope, type Arena } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { runtime } from "../runtime/init.js";
import { SpectralGeometry, type ConvolutionShape } from "./geometry.js";
import { deconvolutionKernels, type DeconvolutionKernels } from "./kernels.js";
import { SpectralOps } from "./spectra.js";

/** What the surrogate is built from (validated by the caller). */
export interface SurrogateSpec {
  readonly shape: ConvolutionShape;
  /** The observed signal (rows×cols, row-major, finite); kept by reference. */
  readonly y: Float64Array;
  /** The offset b subtracted from y. */
  readonly bias: number;
  /** λ ≥ 0 of the smoothed penalty. */
  readonly lambda: number;
  /** μ > 0, the smoothing of the pseudo-Huber penalty √(x² + μ²) − μ. */
  readonly smoothing: number;
}

const NEWTON_STEPS = 100;
const CG_STEPS = 2000;

/**
 * The resident state of one evaluation context (one arena): the data's spectrum, the kernel's,
 * the minimizer x*(a) and its residual spectrum for the last kernel, and the work buffers of
 * the inner Newton–CG solves.
 */
class SmoothLasso {
  readonly scope: ArenaScope;
  readonly arena: Arena;
  readonly geometry: SpectralGeometry;
  readonly ops: SpectralOps;
  readonly #k: DeconvolutionKernels;
  readonly #spec: SurrogateSpec;
  readonly #tolerance: number;
  readonly #s: Record<"Yb" | "A" | "X" | "R" | "V" | "W" | "U" | "T", WasmBuffer<"f64">>;
  readonly #v: Record<"x" | "g" | "d" | "slope" | "curvature" | "cr" | "cp" | "ch" | "trial" | "tmp" | "dx", WasmBuffer<"f64">>;
  readonly #padded: WasmBuffer<"f64">;
  /** The kernel whose x* the buffers hold, and F(x*) there. */
  point: Float64Array | null = null;
  value = 0;

  constructor(spec: SurrogateSpec) {
    this.#spec = spec;
    this.#k = deconvolutionKernels();
    this.arena = runtime().arena;
    const s = (this.scope = new ArenaScope(this.arena));
    try {
      this.geometry = new SpectralGeometry(spec.shape, s);
      this.ops = new SpectralOps(this.geometry, 1, s);
      const { size, spectrumLength, paddedLength } = this.geometry;
      const spectrum = (): WasmBuffer<"f64"> => s.f64(spectrumLength);
      const signal = (): WasmBuffer<"f64"> => s.f64(size);
      this.#s = { Yb: spectrum(), A: spectrum(), X: spectrum(), R: spectrum(), V: spectrum(), W: spectrum(), U: spectrum(), T: spectrum() };
      this.#v = {
        x: signal(), g: signal(), d: signal(), slope: signal(), curvature: signal(), cr: signal(), cp: signal(),
        ch: signal(), trial: signal(), tmp: signal(), dx: signal(),
      };
      this.#padded = s.f64(paddedLength);
      const yb = this.#v.tmp.view;
      let norm2 = 0;
      for (let i = 0; i < size; i++) {
        yb[i] = spec.y[i] - spec.bias;
        norm2 += yb[i] * yb[i];
      }
      this.geometry.forward(this.#s.Yb.ptr, this.#v.tmp.ptr);
      // The inner solves stop at ‖∇_x F‖ ≤ 1e-11·(1 + ‖y − b‖): near the rounding of ∇_x F.
      this.#tolerance = 1e-11 * (1 + Math.sqrt(norm2));
    } catch (error) {
      this.scope.disposeAll();
      throw error;
    }
  }

  /** Makes the state hold x*(a), its residual spectrum and F(x*) (warm-started at the last x*). */
  at(a: Float64Array): void {
    if (this.point !== null && sameEntries(this.point, a)) return;
    this.point = null;
    this.#spectrumOfWindow(this.#s.A, a);
    this.value = this.#newton();
    this.point = a.slice();
  }

  /** ∇φ(a) = P_window(x* ⋆ r*) at the point of the last `at` (Danskin's theorem). */
  gradient(): Float64Array {
    const { X, R, V } = this.#s;
    this.ops.product(V.ptr, X.ptr, R.ptr, true);
    return this.#windowOf(V);
  }

  /** ∇²φ(a)[u] at the point of the last `at` (implicit differentiation of x*(a)). */
  hessVec(u: Float64Array): Float64Array {
    const { A, X, R, V, U, T } = this.#s;
    const { dx, tmp } = this.#v;
    const ops = this.ops;
    this.#spectrumOfWindow(U, u);
    // b = C_uᵀr + C_aᵀC_u x: ∂_t ∇_x F at fixed x along a + t·u.
    ops.product(V.ptr, U.ptr, R.ptr, true);
    ops.product(T.ptr, U.ptr, X.ptr, false);
    ops.product(V.ptr, A.ptr, T.ptr, true, true);
    this.geometry.inverse(tmp.ptr, V.ptr);
    this.#k.lincomb3(tmp.ptr, -1, tmp.ptr, 0, 0, 0, 0, tmp.length);
    // x′ = −H⁻¹b, then d/dt[x ⋆ r] = x′ ⋆ r + x ⋆ (C_u x + C_a x′).
    this.#cg(dx, tmp, 1e-13, CG_STEPS);
    this.geometry.forward(V.ptr, dx.ptr); // X′
    ops.product(T.ptr, A.ptr, V.ptr, false, true); // T = U·X + A·X′
    ops.product(V.ptr, V.ptr, R.ptr, true);
    ops.product(V.ptr, X.ptr, T.ptr, true, true);
    return this.#windowOf(V);
  }

  /** x*(a) itself (a signal), at the point of the last `at`. */
  minimizer(): Float64Array {
    return this.#v.x.toArray();
  }

  /**
   * Newton's method with CG (inexact, forcing min(½, √‖g‖)) and Armijo backtracking on
   * F(x) = ½‖a ⊛ x − y_b‖² + λΣh_μ(x), strictly convex and smooth: H = C_aᵀC_a + λ·diag h″(x) ≻ 0.
   * Leaves X and R (the residual spectrum) at the solution; returns F there.
   */
  #newton(): number {
    const { A, X, R, V, W } = this.#s;
    const { x, g, d, slope, curvature, trial } = this.#v;
    const k = this.#k;
    const { lambda, smoothing } = this.#spec;
    const n = x.length;
    this.geometry.forward(X.ptr, x.ptr);
    let F = Infinity;
    for (let step = 0; step < NEWTON_STEPS; step++) {
      const fit = this.ops.residual([{ u: X.ptr, v: A.ptr }], this.#s.Yb.ptr, [V.ptr], R.ptr);
      this.geometry.inverse(g.ptr, V.ptr);
      F = fit + k.pseudoHuber(slope.ptr, curvature.ptr, x.ptr, lambda, smoothing, n);
      k.lincomb3(g.ptr, 1, g.ptr, 1, slope.ptr, 0, 0, n);
      const gn = Math.sqrt(k.dot(n, g.ptr, 1, g.ptr, 1));
      if (gn <= this.#tolerance) break;
      k.lincomb3(trial.ptr, -1, g.ptr, 0, 0, 0, 0, n);
      this.#cg(d, trial, Math.min(0.5, Math.sqrt(gn)), CG_STEPS);
      const gd = k.dot(n, g.ptr, 1, d.ptr, 1);
      let moved = false;
      for (let s = 1, h = 0; h < 50; h++, s /= 2) {
        k.lincomb3(trial.ptr, 1, x.ptr, s, d.ptr, 0, 0, n);
        this.geometry.forward(W.ptr, trial.ptr);
        const Ft = this.ops.residual([{ u: W.ptr, v: A.ptr }], this.#s.Yb.ptr) + k.pseudoHuber(0, 0, trial.ptr, lambda, smoothing, n);
        if (Ft <= F + 1e-4 * s * gd) {
          x.view.set(trial.view);
          X.view.set(W.view);
          moved = true;
          break;
        }
      }
      if (!moved) break; // rounding: F cannot decrease any more
    }
    // R and the slope/curvature must describe the final x: recompute after the last move.
    F = this.ops.residual([{ u: X.ptr, v: A.ptr }], this.#s.Yb.ptr, undefined, R.ptr) +
      k.pseudoHuber(slope.ptr, curvature.ptr, x.ptr, lambda, smoothing, n);
    return F;
  }

  /** Conjugate gradients for H·out = b (H = C_aᵀC_a + diag(curvature)), from 0, to ‖r‖ ≤ tol·‖b‖. */
  #cg(out: WasmBuffer<"f64">, b: WasmBuffer<"f64">, tol: number, maxSteps: number): void {
    const k = this.#k;
    const { cr, cp, ch } = this.#v;
    const n = out.length;
    out.view.fill(0);
    cr.view.set(b.view);
    cp.view.set(b.view);
    let rr = k.dot(n, cr.ptr, 1, cr.ptr, 1);
    const stop = tol * tol * rr;
    for (let i = 0; i < maxSteps && rr > stop && rr > 0; i++) {
      this.#applyHessian(ch, cp);
      const pHp = k.dot(n, cp.ptr, 1, ch.ptr, 1);
      if (!(pHp > 0)) break;
      const alpha = rr / pHp;
      k.lincomb3(out.ptr, 1, out.ptr, alpha, cp.ptr, 0, 0, n);
      k.lincomb3(cr.ptr, 1, cr.ptr, -alpha, ch.ptr, 0, 0, n);
      const next = k.dot(n, cr.ptr, 1, cr.ptr, 1);
      k.lincomb3(cp.ptr, 1, cr.ptr, next / rr, cp.ptr, 0, 0, n);
      rr = next;
    }
  }

  /** out = C_aᵀC_a v + curvature∘v. */
  #applyHessian(out: WasmBuffer<"f64">, v: WasmBuffer<"f64">): void {
    const { A, W } = this.#s;
    const { curvature, tmp } = this.#v;
    this.geometry.forward(W.ptr, v.ptr);
    this.ops.product(W.ptr, A.ptr, W.ptr, false);
    this.ops.product(W.ptr, A.ptr, W.ptr, true);
    this.geometry.inverse(out.ptr, W.ptr);
    this.#k.multiplyEntries(tmp.ptr, curvature.ptr, v.ptr, v.length);
    this.#k.lincomb3(out.ptr, 1, out.ptr, 1, tmp.ptr, 0, 0, v.length);
  }

  #spectrumOfWindow(spec: WasmBuffer<"f64">, window: Float64Array): void {
    this.geometry.writeWindow(this.#padded.view, window);
    this.geometry.forwardPadded(spec.ptr, this.#padded.ptr);
  }

  #windowOf(spec: WasmBuffer<"f64">): Float64Array {
    this.geometry.inversePadded(this.#padded.ptr, spec.ptr);
    const out = new Float64Array(this.geometry.windowSize);
    this.geometry.readWindow(out, this.#padded.view);
    this.#padded.view.fill(0); // writeWindow relies on zeros outside the window
    return out;
  }
}

function sameEntries(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The smoothed bilinear lasso with x eliminated, over kernels a on the unit sphere of the window:
 *   φ(a) = min_x F_a(x),   F_a(x) = ½‖a ⊛ x − y_b‖² + λ·Σ_i h_μ(x_i),   y_b = y − b·1,
 * Ψ of {@link deconvolve} with |x| smoothed to the pseudo-Huber h_μ(x) = √(x² + μ²) − μ (so that
 * φ → min_x Ψ(a, x) as μ → 0: the "Ψ with x minimized" whose landscape Lau et al. 2020 (§2)
 * and Kuo et al. 2019 draw over the sphere, with minima near the signed shifts of the truth and
 * negative curvature between them). F_a is smooth and strictly convex, so x*(a) is unique and
 * smooth in a (implicit function theorem), and φ is smooth:
 *   ∇φ(a) = P_window(x* ⋆ r*),   r* = a ⊛ x* − y_b   (Danskin),
 *   ∇²φ(a)[u] = P_window(x′ ⋆ r* + x* ⋆ (u ⊛ x* + a ⊛ x′)),  H·x′ = −(C_uᵀr* + C_aᵀ(u ⊛ x*)),
 * with H = C_aᵀC_a + λ·diag h″(x*). x*(a) comes from Newton's method with conjugate gradients
 * (warm-started at the previous point's x*, to ‖∇F‖ ≤ 1e-11·(1 + ‖y_b‖)), x′ from CG to a
 * relative residual of 1e-13. Every product is a pair of real FFTs on resident buffers.
 *
 * While retained (as the solvers do), the data, its spectrum and the work buffers stay in wasm
 * memory and x* is kept for the last point (the cost, the gradient and the Hessian-vector
 * products at one point share it); not retained, each call allocates and frees its own (and
 * starts its inner solve from x = 0).
 */
export function surrogateProblem(spec: SurrogateSpec): Problem<Float64Array> & { minimizer(a: Float64Array): Float64Array } {
  const manifold = sphere(spec.shape.windowRows * spec.shape.windowCols);
  let state: SmoothLasso | null = null;
  let count = 0;

  const withState = <T>(a: Float64Array, body: (s: SmoothLasso) => T): T => {
    if (state !== null && state.arena !== runtime().arena) {
      state.scope.disposeAll();
      state = new SmoothLasso(spec);
    }
    if (state !== null) {
      state.at(a);
      return body(state);
    }
    const temporary = new SmoothLasso(spec);
    try {
      temporary.at(a);
      return body(temporary);
    } finally {
      temporary.scope.disposeAll();
    }
  };

  return {
    manifold,
    cost: (a) => withState(a, (s) => s.value),
    egrad: (a) => withState(a, (s) => s.gradient()),
    costAndGrad: (a) => withState(a, (s) => ({ cost: s.value, egrad: s.gradient() })),
    ehessVec: (a, u) => withState(a, (s) => s.hessVec(u)),
    retain: () => {
      if (count++ === 0) state = new SmoothLasso(spec);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (--count === 0 && state !== null) {
          state.scope.disposeAll();
          state = null;
        }
      };
    },
    /** x*(a), the activations the surrogate eliminates at a (a signal of rows·cols samples). */
    minimizer: (a) => withState(a, (s) => s.minimizer()),
  };
}
