// Distances between dictionaries modulo the signed permutations of their atoms (columns), the
// symmetry of dictionary learning: Y = A·X = (A·Π·Σ)·(Σ·Πᵀ·X) for any permutation Π and signs Σ.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { checkOptions } from "../validate.js";
import { checkFactorMatrix, frobeniusDistance, ratio } from "./factors.js";
import { hungarian } from "./hungarian.js";

/** The result of {@link signedPermutationError}. */
export interface SignedPermutationMatch {
  /** min over signed permutations ‖A·Π·Σ − A₀‖_F / ‖A₀‖_F (0 when both are 0, Infinity when only A₀ is). */
  readonly error: number;
  /** `permutation[j]` is the column of A matched to column j of A₀. */
  readonly permutation: Int32Array;
  /** `signs[j]` = ±1: column j of A·Π·Σ is signs[j]·A[:, permutation[j]]. */
  readonly signs: Float64Array;
}

/** The result of {@link alignSignedPermutation}: the match and A (and codes) moved onto A₀. */
export interface SignedPermutationAlignment extends SignedPermutationMatch {
  /** A·Π·Σ, n×k₀: column j is signs[j]·A[:, permutation[j]]. */
  readonly dictionary: Matrix;
  /** Σ·Πᵀ·X, k₀×p: row j is signs[j]·X[permutation[j], :] (present when `codes` was given). */
  readonly codes?: Matrix;
}

/** Options of {@link alignSignedPermutation}. */
export interface AlignSignedPermutationOptions {
  /**
   * Codes X (k×p, one row per column of A) to move along with A, so that the aligned pair gives the same product.
   * @defaultValue undefined (only the dictionary is aligned; the result has no `codes`)
   */
  codes?: Matrix;
}

/**
 * The distance from a dictionary A (n×k, atoms as columns) to a reference A₀ (n×k₀, k ≥ k₀) modulo
 * signed permutations: min over injective maps π (column j of A₀ ↦ column π(j) of A) and signs
 * σⱼ = ±1 of ‖[σ₁a_π(1), …, σ_k₀a_π(k₀)] − A₀‖_F / ‖A₀‖_F. For k = k₀ this is
 * min_{Π, Σ} ‖A·Π·Σ − A₀‖_F / ‖A₀‖_F.
 *
 * Since ‖σa − a₀‖² = ‖a‖² + ‖a₀‖² − 2σ⟨a, a₀⟩, the best sign is σ = sign⟨a, a₀⟩ and the best π
 * minimizes Σⱼ ‖a_π(j)‖² − 2|⟨a_π(j), a₀ⱼ⟩|: a linear assignment on |AᵀA₀| corrected by the
 * column norms, solved exactly by the Hungarian algorithm ({@link hungarian}); for atoms of equal
 * norm (unit-norm or orthogonal dictionaries) it is the maximum-weight matching on |AᵀA₀|. The
 * error is then computed from the aligned columns directly (not from the inner products), so it is
 * accurate down to rounding of the entries. A zero inner product takes the sign +1.
 *
 * NaN policy: non-finite entries are rejected (RangeError). Call `init()` first (AᵀA₀ is a gemm).
 *
 * @throws TypeError if an argument is not a matrix; RangeError if the row counts differ, A has fewer
 *   columns than A₀, or an entry is not finite.
 */
export function signedPermutationError(A: Matrix, A0: Matrix): SignedPermutationMatch {
  const [a, a0] = checkPair(A, A0);
  return match(a, a0).found;
}

/**
 * {@link signedPermutationError}'s match applied: A·Π·Σ (and, with `codes`, Σ·Πᵀ·X), the
 * dictionary and codes of a factorization Y ≈ A·X relabelled and re-signed to line up with the
 * reference A₀ atom by atom, with the permutation, signs and relative error.
 *
 * NaN policy: non-finite entries of A, A₀ and the codes are rejected (RangeError).
 *
 * @throws as {@link signedPermutationError}; RangeError if `codes` does not have one row per column of A.
 */
export function alignSignedPermutation(A: Matrix, A0: Matrix, options: AlignSignedPermutationOptions = {}): SignedPermutationAlignment {
  const [a, a0] = checkPair(A, A0);
  checkOptions("options", options, ["codes"]);
  const codes = options.codes === undefined ? undefined : checkFactorMatrix("codes", options.codes, a.cols, "one row per column of A");
  const { found, aligned } = match(a, a0);
  const { permutation, signs } = found;
  const k0 = a0.cols;
  const result: SignedPermutationAlignment = { ...found, dictionary: aligned };
  if (codes === undefined) return result;
  const p = codes.cols;
  const moved = new Float64Array(k0 * p);
  for (let j = 0; j < k0; j++) {
    const from = permutation[j] * p;
    for (let t = 0; t < p; t++) moved[j * p + t] = signs[j] * codes.data[from + t];
  }
  return { ...result, codes: { rows: k0, cols: p, data: moved } };
}

/**
 * The ℓ⁴ distance of Zhai, Mehta, Zhou & Ma ("Complete dictionary learning via ℓ⁴-norm
 * maximization over the orthogonal group", JMLR 21, 2020, §5): 1 − ‖AᵀA₀‖₄⁴ / k for A, A₀ of one
 * shape n×k, where ‖M‖₄⁴ = Σᵢⱼ Mᵢⱼ⁴. For A, A₀ with orthonormal columns spanning one space,
 * AᵀA₀ is orthogonal, each of its columns has unit norm, so ‖AᵀA₀‖₄⁴ ≤ k with equality exactly
 * when AᵀA₀ is a signed permutation: the value is in [0, 1) and 0 iff A = A₀ modulo signed
 * permutations. It is invariant to signed permutations of either argument. Near 0 it is
 * (2/k)·Σⱼ sin²φⱼ + O(φ⁴), φⱼ the angle between atom j of A₀ and its nearest atom of A (a unit
 * column of AᵀA₀ whose largest entry is cos φ has Σᵢ mᵢ⁴ = 1 − 2 sin²φ + O(φ⁴)).
 *
 * NaN policy: non-finite entries are rejected (RangeError). Call `init()` first.
 *
 * @throws TypeError if an argument is not a matrix; RangeError if the shapes differ, there are no
 *   columns, or an entry is not finite.
 */
export function l4Error(A: Matrix, A0: Matrix): number {
  const a = checkFactorMatrix("A", A);
  const a0 = checkFactorMatrix("A0", A0, a.rows, "the rows of A", a.cols, "the columns of A");
  if (a.cols === 0) throw new RangeError(`invalid A: expected at least one column, got a ${a.rows}×0 matrix`);
  const c = gemm(a, a0, { transA: true });
  let s = 0;
  for (const v of c.data) s += v * v * v * v;
  return 1 - s / a.cols;
}

function checkPair(A: Matrix, A0: Matrix): [Matrix, Matrix] {
  const a = checkFactorMatrix("A", A);
  const a0 = checkFactorMatrix("A0", A0, a.rows, "the rows of A");
  if (a.cols < a0.cols) {
    throw new RangeError(`invalid A: expected at least ${a0.cols} columns (one per column of A0), got a ${a.rows}×${a.cols} matrix`);
  }
  return [a, a0];
}

/** The optimal signed matching of A's columns to A₀'s and A·Π·Σ. */
function match(a: Matrix, a0: Matrix): { found: SignedPermutationMatch; aligned: Matrix } {
  const { rows: n, cols: k } = a;
  const k0 = a0.cols;
  const inner = gemm(a, a0, { transA: true }); // k×k₀: ⟨a_i, a₀_j⟩
  const norms = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) norms[c] += a.data[i * k + c] ** 2;
  const cost = new Float64Array(k * k0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k0; j++) cost[i * k0 + j] = norms[i] - 2 * Math.abs(inner.data[i * k0 + j]);
  }
  const { columnToRow } = hungarian({ rows: k, cols: k0, data: cost });
  const permutation = new Int32Array(columnToRow);
  const signs = new Float64Array(k0);
  for (let j = 0; j < k0; j++) signs[j] = inner.data[permutation[j] * k0 + j] < 0 ? -1 : 1;
  const aligned = new Float64Array(n * k0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k0; j++) aligned[i * k0 + j] = signs[j] * a.data[i * k + permutation[j]];
  }
  const error = ratio(frobeniusDistance(aligned, a0.data), frobeniusDistance(a0.data));
  return { found: { error, permutation, signs }, aligned: { rows: n, cols: k0, data: aligned } };
}
