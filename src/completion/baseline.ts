// The baseline of a ratings model: a global mean plus regularized row and column offsets.
import type { Observed } from "./observed.js";

/** Which offsets the baseline fits (see {@link fitBaseline}). */
export type BiasKind = "none" | "rows" | "columns" | "both";

/** A fitted baseline bᵢⱼ = mean + rowBias[i] + colBias[j] (absent offsets are 0). */
export interface Baseline {
  mean: number;
  rowBias: Float64Array | null;
  colBias: Float64Array | null;
}

/** Sweeps of the alternating bias updates: each is exact for one block, so few are needed. */
const BIAS_SWEEPS = 10;

/**
 * Fits the baseline predictor of ratings models (Koren, "Factorization meets the neighborhood",
 * KDD 2008, §2.1): mean = the average observed value when `center` (else 0), then row offsets
 * bᵢ and column offsets cⱼ minimizing Σ_Ω(yᵢⱼ − mean − bᵢ − cⱼ)² + λ_b(Σbᵢ² + Σcⱼ²) by
 * alternating exact block updates bᵢ = Σ_{j∈Ωᵢ}(yᵢⱼ − mean − cⱼ)/(λ_b + |Ωᵢ|) (and likewise cⱼ),
 * 10 sweeps (the objective is a strictly convex quadratic for λ_b > 0; each sweep decreases it).
 * A row or column with no entries gets offset 0. O(10·nnz).
 */
export function fitBaseline(observed: Observed, center: boolean, bias: BiasKind, biasLambda: number): Baseline {
  const { row, col, value } = observed;
  const nnz = value.length;
  let mean = 0;
  if (center && nnz > 0) {
    for (let k = 0; k < nnz; k++) mean += value[k];
    mean /= nnz;
  }
  const rowBias = bias === "rows" || bias === "both" ? new Float64Array(observed.rows) : null;
  const colBias = bias === "columns" || bias === "both" ? new Float64Array(observed.cols) : null;
  const sweeps = rowBias !== null && colBias !== null ? BIAS_SWEEPS : 1;
  const update = (target: Float64Array, index: Int32Array, other: Float64Array | null, otherIndex: Int32Array): void => {
    const sum = new Float64Array(target.length);
    const count = new Float64Array(target.length);
    for (let k = 0; k < nnz; k++) {
      sum[index[k]] += value[k] - mean - (other === null ? 0 : other[otherIndex[k]]);
      count[index[k]]++;
    }
    for (let i = 0; i < target.length; i++) {
      const denominator = biasLambda + count[i];
      target[i] = denominator > 0 ? sum[i] / denominator : 0;
    }
  };
  for (let s = 0; s < sweeps; s++) {
    if (rowBias !== null) update(rowBias, row, colBias, col);
    if (colBias !== null) update(colBias, col, rowBias, row);
  }
  return { mean, rowBias, colBias };
}

/** The values minus the baseline at the observed positions. */
export function subtractBaseline(observed: Observed, b: Baseline): Float64Array {
  const { row, col, value } = observed;
  const out = new Float64Array(value.length);
  for (let k = 0; k < value.length; k++) {
    out[k] = value[k] - b.mean - (b.rowBias === null ? 0 : b.rowBias[row[k]]) - (b.colBias === null ? 0 : b.colBias[col[k]]);
  }
  return out;
}
