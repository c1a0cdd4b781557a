// The baseline of a ratings model: a global mean plus regularized row and column offsets.
import { checkBoolean, checkChoice, checkFinite } from "../validate.js";
import { checkObserved, ENTRY_CHUNK, nonFiniteValue, type Observed } from "./observed.js";
import { csrViews, type CsrViews } from "./observed-matrix.js";
import { observedByColumn, observedByRow } from "./structure.js";
import { entryBlocks } from "./row-blocks.js";
import { runSteps, type Steps } from "./steps.js";

/** Which offsets the baseline fits (see {@link fitBaseline}). */
export type BiasKind = "none" | "rows" | "columns" | "both";

/** The allowed {@link BiasKind} values. */
export const BIAS_KINDS: readonly BiasKind[] = ["none", "rows", "columns", "both"];

/** A fitted baseline bᵢⱼ = mean + rowBias[i] + colBias[j] (absent offsets are 0). */
export interface Baseline {
  mean: number;
  rowBias: Float64Array | null;
  colBias: Float64Array | null;
}

/** The baseline that predicts 0. */
export const NO_BASELINE: Baseline = Object.freeze({ mean: 0, rowBias: null, colBias: null });

/** At most this many sweeps of the alternating offset updates: each is exact for one block, so few are needed. */
const BIAS_SWEEPS = 10;
/** The sweeps stop early once no offset moved by more than this times the RMS of the values. */
const BIAS_CHANGE = 1e-6;

/**
 * Fits the baseline predictor of ratings models (Koren, "Factorization meets the neighborhood",
 * KDD 2008, §2.1): mean = the average observed value when `center` (else 0), then row offsets
 * bᵢ and column offsets cⱼ minimizing Σ_Ω(yᵢⱼ − mean − bᵢ − cⱼ)² + λ_b(Σbᵢ² + Σcⱼ²) by
 * alternating exact block updates bᵢ = Σ_{j∈Ωᵢ}(yᵢⱼ − mean − cⱼ)/(λ_b + |Ωᵢ|) (and likewise cⱼ),
 * each sweep followed by an exact line search along bᵢ + t, cⱼ − t (which leaves the predictions
 * unchanged: see `gaugeShift`), at most 10 sweeps, fewer once a sweep moves no offset by more than 10⁻⁶ times the RMS of the
 * values (the objective is a strictly convex quadratic for λ_b > 0; each sweep decreases it).
 * A row or column with no entries gets offset 0. O(10·nnz) at most.
 *
 * The offsets shrink toward 0, so without `center` they must also carry the mean: on ratings
 * (values 1–5) that costs accuracy, which is why `completeMatrix` centers whenever it fits
 * offsets unless told `center: false`.
 *
 * @throws TypeError / RangeError for invalid `observed` (see `checkObserved`), `center` not a
 *   boolean, `bias` not one of "none", "rows", "columns", "both", or `biasLambda` not a finite
 *   number ≥ 0.
 */
export function fitBaseline(observed: Observed, center: boolean, bias: BiasKind, biasLambda: number): Baseline {
  const o = checkObserved("observed", observed);
  checkBoolean("center", center);
  checkChoice("bias", bias, BIAS_KINDS);
  checkFinite("biasLambda", biasLambda, 0);
  return runSteps(fitBaselineSteps(csrViews(observedByRow(o)), csrViews(observedByColumn(o)), center, bias, biasLambda));
}

/**
 * The steps of {@link fitBaseline} on validated entries given both ways: S (CSR by rows) and Sᵀ
 * (CSR by columns) with the same values. The offsets are indexed like S's rows and columns.
 */
export function* fitBaselineSteps(S: CsrViews, St: CsrViews, center: boolean, bias: BiasKind, biasLambda: number): Steps<Baseline> {
  let sum = 0, squares = 0;
  const nnz = S.rowPtr.view[S.rows];
  for (let start = 0; start < nnz && (center || bias !== "none"); start += ENTRY_CHUNK) {
    const v = S.value.view;
    const end = Math.min(nnz, start + ENTRY_CHUNK);
    for (let p = start; p < end; p++) {
      sum += v[p];
      squares += v[p] * v[p];
    }
    yield;
  }
  const mean = center && nnz > 0 ? sum / nnz : 0;
  const rowBias = bias === "rows" || bias === "both" ? new Float64Array(S.rows) : null;
  const colBias = bias === "columns" || bias === "both" ? new Float64Array(S.cols) : null;
  const sweeps = rowBias !== null && colBias !== null ? BIAS_SWEEPS : 1;
  const small = BIAS_CHANGE * Math.sqrt(squares / Math.max(1, nnz));
  for (let s = 0; s < sweeps; s++) {
    let change = 0;
    if (rowBias !== null) change = Math.max(change, yield* offsetUpdate(rowBias, S, mean, colBias, biasLambda));
    if (colBias !== null) change = Math.max(change, yield* offsetUpdate(colBias, St, mean, rowBias, biasLambda));
    if (rowBias !== null && colBias !== null) change = Math.max(change, gaugeShift(rowBias, S, colBias, St));
    if (change <= small) break;
  }
  return { mean, rowBias, colBias };
}

/**
 * The exact line search along the one direction the alternating updates are slow on: bᵢ + t for
 * every non-empty row, cⱼ − t for every non-empty column leaves every prediction bᵢ + cⱼ (the
 * data term) unchanged and only moves the penalty λ_b(Σ(bᵢ + t)² + Σ(cⱼ − t)²), which is least
 * at t = (Σcⱼ − Σbᵢ)/(rows + columns), sums over the non-empty ones. Without it that direction
 * converges only at the rate the penalty sets (λ_b against the counts: on ratings-shaped data at
 * 2.5·10⁷ entries the 10 sweeps ran out first). Returns |t|.
 */
function gaugeShift(rowBias: Float64Array, S: CsrViews, colBias: Float64Array, St: CsrViews): number {
  const rp = S.rowPtr.view, cp = St.rowPtr.view;
  let sum = 0, lines = 0;
  for (let i = 0; i < S.rows; i++) if (rp[i + 1] > rp[i]) (sum -= rowBias[i]), lines++;
  for (let j = 0; j < St.rows; j++) if (cp[j + 1] > cp[j]) (sum += colBias[j]), lines++;
  const t = lines > 0 ? sum / lines : 0;
  for (let i = 0; i < S.rows; i++) if (rp[i + 1] > rp[i]) rowBias[i] += t;
  for (let j = 0; j < St.rows; j++) if (cp[j + 1] > cp[j]) colBias[j] -= t;
  return Math.abs(t);
}

/**
 * target[i] = Σ_{p in row i of A}(value[p] − mean − other[colIdx[p]])/(λ_b + entries of row i);
 * returns the largest change of an entry of target.
 */
function* offsetUpdate(target: Float64Array, A: CsrViews, mean: number, other: Float64Array | null, biasLambda: number): Steps<number> {
  let change = 0;
  for (const [i0, i1] of entryBlocks(A)) {
    const rp = A.rowPtr.view, idx = A.colIdx.view, v = A.value.view;
    for (let i = i0; i < i1; i++) {
      const p0 = rp[i], p1 = rp[i + 1];
      let sum = 0;
      if (other === null) for (let p = p0; p < p1; p++) sum += v[p] - mean;
      else for (let p = p0; p < p1; p++) sum += v[p] - mean - other[idx[p]];
      const denominator = biasLambda + (p1 - p0);
      const next = denominator > 0 ? sum / denominator : 0;
      change = Math.max(change, Math.abs(next - target[i]));
      target[i] = next;
    }
    yield;
  }
  return change;
}

/**
 * Subtracts the baseline from the values of A in place (A is S, or Sᵀ with `transposed`: both
 * compute yᵢⱼ − ((mean + rowBias[i]) + colBias[j]) in that order, so the two copies stay equal
 * bit for bit), and returns the mean square of what is left. A value the subtraction makes
 * non-finite (huge values) is rejected: `entryOf(p)` names its entry in the input.
 */
export function* subtractBaselineSteps(A: CsrViews, b: Baseline, transposed: boolean, entryOf: (p: number) => number): Steps<number> {
  const { mean, rowBias, colBias } = b;
  let squares = 0;
  for (const [i0, i1] of entryBlocks(A)) {
    const rp = A.rowPtr.view, idx = A.colIdx.view, v = A.value.view;
    for (let i = i0; i < i1; i++) {
      for (let p = rp[i]; p < rp[i + 1]; p++) {
        const row = transposed ? idx[p] : i, col = transposed ? i : idx[p];
        const x = v[p] - (mean + (rowBias === null ? 0 : rowBias[row]) + (colBias === null ? 0 : colBias[col]));
        if (!Number.isFinite(x)) throw nonFiniteValue("observed.value", entryOf(p), x);
        v[p] = x;
        squares += x * x;
      }
    }
    yield;
  }
  const nnz = A.rowPtr.view[A.rows];
  return nnz === 0 ? 0 : squares / nnz;
}

/** The offsets of kept rows and columns as offsets of all of them (0 where none was fitted). */
export function expandBaseline(b: Baseline, rowIds: Int32Array | null, colIds: Int32Array | null, rows: number, cols: number): Baseline {
  const expand = (x: Float64Array | null, ids: Int32Array | null, size: number): Float64Array | null => {
    if (x === null || ids === null) return x;
    const out = new Float64Array(size);
    for (let k = 0; k < ids.length; k++) out[ids[k]] = x[k];
    return out;
  };
  return { mean: b.mean, rowBias: expand(b.rowBias, rowIds, rows), colBias: expand(b.colBias, colIds, cols) };
}
