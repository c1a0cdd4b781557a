// Nonsmooth terms g of composite objectives f + g: their value and proximal operator.
import type { Matrix } from "../matrix.js";
import { runtime } from "../runtime/init.js";
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { softThresholdBuffer } from "../kernels/prox/soft-threshold.js";
import { clampBuffer } from "../kernels/prox/clamp.js";
import { checkBound, checkThreshold, checkThresholdArray } from "../kernels/prox/checks.js";
import { checkFinite, describe } from "../validate.js";

/**
 * A closed convex function g with a cheap proximal operator, the nonsmooth part of a composite
 * objective f + g (see {@link proximalGradient}).
 */
export interface Regularizer<P> {
  /** g(x), +Infinity outside the domain (for the indicator of a set). */
  value(x: P): number;
  /**
   * The proximal operator prox_{t·g}(v) = argmin_z t·g(z) + ½‖z − v‖², for a step t > 0. Returns
   * new data (v is not modified).
   */
  prox(v: P, t: number): P;
}

/** The points the built-in regularizers accept: vectors or (row-major) matrices. */
export type ArrayPoint = Float64Array | Matrix;

/**
 * A regularizer defined entrywise on the data of a vector or a matrix: it works as a
 * `Regularizer<Float64Array>` and as a `Regularizer<Matrix>` (prox returns the input's kind).
 */
export interface ArrayRegularizer {
  value(x: ArrayPoint): number;
  prox<Q extends ArrayPoint>(v: Q, t: number): Q;
}

/**
 * The ℓ1 penalty g(x) = λ‖x‖₁ = Σ λ|xᵢ|, or the weighted Σ λᵢ|xᵢ| when `lambda` is an array of
 * per-entry weights (of the points' length, rows·cols for matrices). prox is soft-thresholding at
 * t·λ (the `softThreshold` kernel): sign(vᵢ)·max(|vᵢ| − tλᵢ, 0).
 *
 * @param lambda a finite number ≥ 0, or a Float64Array of finite weights ≥ 0 (copied).
 * @throws TypeError / RangeError naming `lambda` and its (first bad) value.
 */
export function l1(lambda: number | Float64Array): ArrayRegularizer {
  const weights = checkWeights(lambda);
  return entrywise(
    (x) => {
      let sum = 0;
      if (typeof weights === "number") for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]);
      else for (let i = 0; i < x.length; i++) sum += weights[i] * Math.abs(x[i]);
      return typeof weights === "number" ? weights * sum : sum;
    },
    (b, t, s) => softThresholdBuffer(b, b, thresholds(weights, t, b.length, s)),
    weights,
  );
}

/**
 * The ℓ1 penalty restricted to the nonnegative orthant: g(x) = Σ λᵢxᵢ if x ≥ 0, +Infinity
 * otherwise (nonnegative lasso, nonnegative sparse coding). prox: max(vᵢ − tλᵢ, 0), computed as a
 * soft-threshold followed by a clamp to [0, ∞) (the `softThreshold` and `clamp` kernels).
 *
 * @param lambda a finite number ≥ 0, or a Float64Array of finite weights ≥ 0 (copied).
 */
export function nonnegativeL1(lambda: number | Float64Array): ArrayRegularizer {
  const weights = checkWeights(lambda);
  return entrywise(
    (x) => {
      let sum = 0;
      for (let i = 0; i < x.length; i++) {
        if (!(x[i] >= 0)) return Infinity;
        sum += (typeof weights === "number" ? weights : weights[i]) * x[i];
      }
      return sum;
    },
    (b, t, s) => clampBuffer(b, softThresholdBuffer(b, b, thresholds(weights, t, b.length, s)), 0, Infinity),
    weights,
  );
}

/** The indicator of the nonnegative orthant: g(x) = 0 if x ≥ 0, +Infinity otherwise (= box(0, Infinity)). */
export function nonnegative(): ArrayRegularizer {
  return box(0, Infinity);
}

/**
 * The indicator of the box [lo, hi]ⁿ: g(x) = 0 if lo ≤ xᵢ ≤ hi for every i, +Infinity otherwise.
 * prox is the projection, clamping every entry (the `clamp` kernel), whatever t.
 *
 * @param lo the lower bound (−Infinity allowed, not NaN).
 * @param hi the upper bound ≥ lo (Infinity allowed, not NaN).
 */
export function box(lo: number, hi: number): ArrayRegularizer {
  checkBound("lo", lo);
  checkBound("hi", hi);
  if (lo > hi) throw new RangeError(`invalid hi: expected a number ≥ lo = ${lo}, got ${hi}`);
  return entrywise(
    (x) => {
      for (let i = 0; i < x.length; i++) if (!(x[i] >= lo && x[i] <= hi)) return Infinity;
      return 0;
    },
    (b) => clampBuffer(b, b, lo, hi),
    undefined,
  );
}

/** g = 0: prox is the identity, and proximal gradient becomes plain (accelerated) gradient descent. */
export function noRegularizer(): ArrayRegularizer {
  return {
    value: () => 0,
    prox: (v, t) => (checkStep(t), v),
  };
}

/**
 * A regularizer from its value on the data array and a prox kernel run in place on a wasm copy
 * of it. `weights` (when an array) must match the data's length.
 */
function entrywise(
  value: (x: Float64Array) => number,
  proxInPlace: (b: WasmBuffer<"f64">, t: number, s: ArenaScope) => void,
  weights: number | Float64Array | undefined,
): ArrayRegularizer {
  const dataOf = (name: string, x: ArrayPoint): Float64Array => {
    const data = x instanceof Float64Array ? x : (x as Partial<Matrix> | null)?.data;
    if (!(data instanceof Float64Array)) {
      throw new TypeError(`invalid ${name}: expected a Float64Array or a matrix, got ${describe(x)}`);
    }
    if (weights instanceof Float64Array && weights.length !== data.length) {
      throw new RangeError(`invalid lambda: ${weights.length} weights for a point of ${data.length} entries`);
    }
    return data;
  };
  return {
    value: (x) => value(dataOf("x", x)),
    prox<Q extends ArrayPoint>(v: Q, t: number): Q {
      const data = dataOf("v", v);
      checkStep(t);
      const out = runtime().arena.scope((s) => {
        const b = s.f64From(data);
        proxInPlace(b, t, s);
        return b.toArray();
      });
      return (v instanceof Float64Array ? out : { rows: (v as Matrix).rows, cols: (v as Matrix).cols, data: out }) as Q;
    },
  };
}

/** The thresholds t·λ: a number, or a wasm buffer of t·λᵢ. */
function thresholds(weights: number | Float64Array, t: number, n: number, s: ArenaScope): number | WasmBuffer<"f64"> {
  if (typeof weights === "number") return t * weights;
  const b = s.f64(n);
  const view = b.view;
  for (let i = 0; i < n; i++) view[i] = t * weights[i];
  return b;
}

function checkWeights(lambda: unknown): number | Float64Array {
  if (lambda instanceof Float64Array) return checkThresholdArray("lambda", lambda, lambda.length).slice();
  if (typeof lambda !== "number") {
    throw new TypeError(`invalid lambda: expected a finite number ≥ 0 or a Float64Array of weights, got ${describe(lambda)}`);
  }
  return checkThreshold("lambda", lambda);
}

function checkStep(t: number): void {
  checkFinite("t", t, Number.MIN_VALUE);
}
