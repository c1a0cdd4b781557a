// Root-mean-square errors of predictions, and of a factored model on held-out observed entries.
import type { Matrix } from "../matrix.js";
import { checkVector } from "../validate.js";
import { sampledResidual } from "../kernels/sparse/sampled.js";
import { checkObserved, type Observed } from "../completion/observed.js";
import { frobeniusDistance } from "./factors.js";

/**
 * √(Σₖ (predictions[k] − values[k])² / n) for two Float64Arrays of one length n, computed with a
 * scaled sum of squares (no overflow or underflow in the squares).
 *
 * NaN policy: NaN and ±Infinity propagate (a diverged model has an infinite or NaN RMSE); an
 * empty input gives NaN (0/0).
 *
 * @throws TypeError if an argument is not a Float64Array; RangeError if the lengths differ.
 */
export function rmse(predictions: Float64Array, values: Float64Array): number {
  checkVector("predictions", predictions);
  checkVector("values", values, predictions.length);
  const n = predictions.length;
  if (n === 0) return NaN;
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(predictions[k]) || !Number.isFinite(values[k])) {
      const d = predictions[k] - values[k];
      return Number.isNaN(d) ? NaN : Infinity;
    }
  }
  return frobeniusDistance(predictions, values) / Math.sqrt(n);
}

/**
 * The RMSE of the model UVᵀ on observed entries, √(Σ ((UVᵀ)ᵢⱼ − Mᵢⱼ)² / |Ω|): the test error of a
 * completion on a held-out set (e.g. `splitObserved(...).test`). UVᵀ is never formed; the
 * predictions come from the `sampledResidual` kernel (2r flops per entry; call `init()` first).
 * U is observed.rows×r and V observed.cols×r. An empty set gives NaN.
 *
 * NaN policy: U and V must be finite (RangeError naming the first bad entry), like the sparse kernels.
 *
 * @throws TypeError / RangeError for an invalid `observed` or mismatched factors.
 */
export function testRmse(U: Matrix, V: Matrix, observed: Observed): number {
  const o = checkObserved("observed", observed);
  const residual = sampledResidual(U, V, o);
  return residual.length === 0 ? NaN : frobeniusDistance(residual) / Math.sqrt(residual.length);
}
