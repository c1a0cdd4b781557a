// CompletionModel: a fitted low-rank model baseline + UVᵀ with its predictions.
import type { Matrix } from "../matrix.js";
import { sampledProduct } from "../kernels/sparse/sampled.js";
import { checkIndicesInRange } from "../kernels/sparse/check.js";
import { checkIndexArray, checkInteger } from "../validate.js";
import type { Baseline } from "./baseline.js";

/** A fitted completion model: prediction(i, j) = mean + rowBias[i] + colBias[j] + ⟨Uᵢ, Vⱼ⟩. */
export interface CompletionModel {
  readonly rows: number;
  readonly cols: number;
  readonly rank: number;
  /** The row factor, rows × rank. */
  readonly U: Matrix;
  /** The column factor, cols × rank. */
  readonly V: Matrix;
  /** The global mean and row/column offsets (zeros/null when not fitted). */
  readonly baseline: Baseline;
  /**
   * The prediction at (i, j).
   * @throws TypeError / RangeError for indices that are not integers in range.
   */
  predict(i: number, j: number): number;
  /**
   * Predictions at the positions (rowIndex[k], colIndex[k]), computed by the sampled-product
   * kernel (2·rank flops each; UVᵀ is never formed).
   * @throws TypeError / RangeError for index arrays of the wrong type, length or range.
   */
  predictAll(rowIndex: Int32Array, colIndex: Int32Array): Float64Array;
}

/** Builds the model from its factors (not copied) and baseline. */
export function completionModel(U: Matrix, V: Matrix, baseline: Baseline): CompletionModel {
  const offset = (i: number, j: number): number =>
    baseline.mean + (baseline.rowBias === null ? 0 : baseline.rowBias[i]) + (baseline.colBias === null ? 0 : baseline.colBias[j]);
  const r = U.cols;
  return {
    rows: U.rows,
    cols: V.rows,
    rank: r,
    U,
    V,
    baseline,
    predict(i, j) {
      checkInteger("i", i, 0, U.rows - 1);
      checkInteger("j", j, 0, V.rows - 1);
      let s = offset(i, j);
      for (let l = 0; l < r; l++) s += U.data[i * r + l] * V.data[j * r + l];
      return s;
    },
    predictAll(rowIndex, colIndex) {
      checkIndexArray("rowIndex", rowIndex);
      checkIndexArray("colIndex", colIndex, rowIndex.length);
      checkIndicesInRange("rowIndex", rowIndex, U.rows);
      checkIndicesInRange("colIndex", colIndex, V.rows);
      const out = sampledProduct(U, V, rowIndex, colIndex);
      for (let k = 0; k < out.length; k++) out[k] += offset(rowIndex[k], colIndex[k]);
      return out;
    },
  };
}
