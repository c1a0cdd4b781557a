// Plain-JS references for the deconvolution tests: direct circular convolution and correlation
// in 1-D and 2-D, the objective Ψ, a lasso by FISTA; and an arena scope per test.
import { afterEach } from "vitest";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { bernoulliGaussian } from "../../src/data/bernoulli.js";
import { ArenaScope } from "../../src/runtime/arena.js";
import { runtime } from "../../src/runtime/init.js";

/**
 * Registers an afterEach that disposes the test's scope (so a failing test leaks nothing into
 * the next), and returns a function giving a fresh scope (disposing the previous one).
 */
export function scopePerTest(): () => ArenaScope {
  let scope: ArenaScope | null = null;
  afterEach(() => {
    scope?.disposeAll();
    scope = null;
  });
  return () => {
    scope?.disposeAll();
    scope = new ArenaScope(runtime().arena);
    return scope;
  };
}

/**
 * The circular sum Σ_{p,q} a[p, q]·x[(i ∓ p) mod R, (j ∓ q) mod C] over a windowRows×windowCols
 * window a: the convolution (a ⊛ x) with sign −1, the correlation (a ⋆ x, the x-gradient's
 * operator) with sign +1.
 */
function circular(shape: ConvolutionShape, a: Float64Array, x: Float64Array, sign: 1 | -1): Float64Array {
  const { rows, cols, windowRows, windowCols } = shape;
  const out = new Float64Array(rows * cols);
  const mod = (v: number, n: number): number => ((v % n) + n) % n;
  for (let p = 0; p < windowRows; p++) {
    for (let q = 0; q < windowCols; q++) {
      const w = a[p * windowCols + q];
      if (w === 0) continue;
      for (let i = 0; i < rows; i++) {
        const r = mod(i + sign * p, rows);
        for (let j = 0; j < cols; j++) out[i * cols + j] += w * x[r * cols + mod(j + sign * q, cols)];
      }
    }
  }
  return out;
}

/** (a ⊛ x)[i, j] = Σ_{p,q} a[p, q]·x[(i − p) mod R, (j − q) mod C], a a windowRows×windowCols window. */
export function convolve(shape: ConvolutionShape, a: Float64Array, x: Float64Array): Float64Array {
  return circular(shape, a, x, -1);
}

/** (a ⋆ r)[i, j] = Σ_{p,q} a[p, q]·r[(i + p) mod R, (j + q) mod C] over the whole signal — the x-gradient. */
export function correlate(shape: ConvolutionShape, a: Float64Array, r: Float64Array): Float64Array {
  return circular(shape, a, r, 1);
}

/** (x ⋆ r) restricted to the window: Σ_{i,j} x[i, j]·r[(i + p) mod R, (j + q) mod C] — the a-gradient. */
export function windowCorrelation(shape: ConvolutionShape, x: Float64Array, r: Float64Array): Float64Array {
  const { rows, cols, windowRows, windowCols } = shape;
  const out = new Float64Array(windowRows * windowCols);
  for (let p = 0; p < windowRows; p++) {
    for (let q = 0; q < windowCols; q++) {
      let s = 0;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) s += x[i * cols + j] * r[((i + p) % rows) * cols + ((j + q) % cols)];
      }
      out[p * windowCols + q] = s;
    }
  }
  return out;
}

/** r = Σ_k a_k ⊛ x_k + b − y. */
export function residual(shape: ConvolutionShape, a: Float64Array[], x: Float64Array[], b: number, y: Float64Array): Float64Array {
  const r = new Float64Array(y.length);
  a.forEach((ak, k) => {
    const c = convolve(shape, ak, x[k]);
    for (let i = 0; i < r.length; i++) r[i] += c[i];
  });
  for (let i = 0; i < r.length; i++) r[i] += b - y[i];
  return r;
}

export function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

export function l1(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}

/** Ψ = ½‖Σ a_k ⊛ x_k + b − y‖² + λΣ‖x_k‖₁. */
export function objective(shape: ConvolutionShape, a: Float64Array[], x: Float64Array[], b: number, y: Float64Array, lambda: number): number {
  const r = residual(shape, a, x, b, y);
  return 0.5 * dot(r, r) + lambda * x.reduce((s, xk) => s + l1(xk), 0);
}

export function soft(v: number, t: number): number {
  return Math.sign(v) * Math.max(Math.abs(v) - t, 0);
}

/** A unit vector. */
export function unit(v: Float64Array): Float64Array {
  const n = Math.sqrt(dot(v, v));
  return v.map((x) => x / n);
}

/**
 * min_x ½‖a ⊛ x − y‖² + λ‖x‖₁ by FISTA with a fixed step 1/L (L from a power iteration on
 * C_aᵀC_a, plain JS), run long: the reference minimum value.
 */
export function lassoReference(shape: ConvolutionShape, a: Float64Array, y: Float64Array, lambda: number, iterations: number): { x: Float64Array; value: number } {
  const n = y.length;
  let v: Float64Array = new Float64Array(n).map((_, i) => Math.sin(i + 1));
  let L = 0;
  for (let it = 0; it < 50; it++) {
    const w = correlate(shape, a, convolve(shape, a, v));
    L = Math.sqrt(dot(w, w) / dot(v, v));
    v = unit(w);
  }
  const t = 1 / (1.01 * L);
  let x = new Float64Array(n), z = new Float64Array(n), k = 1;
  for (let it = 0; it < iterations; it++) {
    const g = correlate(shape, a, residual(shape, [a], [z], 0, y));
    const next = z.map((zi, i) => soft(zi - t * g[i], t * lambda));
    const k1 = (1 + Math.sqrt(1 + 4 * k * k)) / 2;
    z = next.map((xi, i) => xi + ((k - 1) / k1) * (xi - x[i]));
    x = next;
    k = k1;
  }
  return { x, value: objective(shape, [a], [x], 0, y, lambda) };
}

/** N signals y_j = Σ_k a_k ⊛ x_jk (plain-JS convolution) with Bernoulli–Gaussian x_jk of rate θ. */
export function synthetic(shape: ConvolutionShape, kernels: Float64Array[], N: number, theta: number, seed: number) {
  const activations = Array.from({ length: N }, (_, j) => kernels.map((_, k) => bernoulliGaussian(shape.rows, shape.cols, theta, { seed: seed + 10 * j + k }).data));
  const signals = activations.map((xs) => {
    const y = new Float64Array(shape.rows * shape.cols);
    xs.forEach((x, k) => convolve(shape, kernels[k], x).forEach((v, i) => (y[i] += v)));
    return y;
  });
  return { signals, activations };
}

/** Ψ = ½Σ_j‖M_j(Σ_k a_k ⊛ x_jk − y_j)‖² + λΣ‖x_jk‖₁ in plain JS (windows of the shape given). */
export function psi(shape: ConvolutionShape, kernels: Float64Array[], activations: Float64Array[][], signals: Float64Array[], lambda: number, masks?: Uint8Array[]): number {
  let f = 0;
  signals.forEach((y, j) => {
    const r = new Float64Array(y.length);
    activations[j].forEach((x, k) => convolve(shape, kernels[k], x).forEach((v, i) => (r[i] += v)));
    for (let i = 0; i < r.length; i++) r[i] = masks === undefined || masks[j][i] ? r[i] - y[i] : 0;
    f += 0.5 * dot(r, r) + lambda * activations[j].reduce((s, x) => s + l1(x), 0);
  });
  return f;
}
