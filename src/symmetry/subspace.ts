// Principal angles between column spaces and the distance between subspaces: the metrics of
// recovered singular subspaces modulo any change of basis.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { svdValues } from "../kernels/linalg/svd-values.js";
import { checkChoice, checkOptions } from "../validate.js";
import { checkFactorMatrix, orthonormalBasis } from "./factors.js";

/**
 * The principal angles 0 ≤ θ₁ ≤ … ≤ θ_k ≤ π/2 between the column spaces of A (m×p) and B (m×q),
 * k = min(p, q), ascending. Each input needs full column rank (its columns need not be
 * orthonormal: they are orthonormalized by Householder QR first).
 *
 * Algorithm (Björck & Golub 1973; Knyazev & Argentati, SIAM J. Sci. Comput. 23, 2002): with
 * orthonormal bases Q_A, Q_B (p ≥ q after swapping), the cosines are the singular values of
 * Q_AᵀQ_B and the sines those of Q_B − Q_A(Q_AᵀQ_B). Angles below π/4 come from the sines and the
 * others from the cosines, so small angles are accurate to ≈ ε (the arccos of a cosine near 1
 * would lose half the digits: θ ≈ 1e-8 is invisible to 1 − cos θ).
 *
 * NaN policy: non-finite entries are rejected (RangeError). Call `init()` first.
 *
 * @throws RangeError if A and B have different row counts, no columns, more columns than rows, or
 * are numerically rank deficient.
 */
export function principalAngles(A: Matrix, B: Matrix): Float64Array {
  const a = checkBasis("A", A);
  return anglesOf(a, checkBasis("B", B, a.rows));
}

/** Options of {@link subspaceDistance}. */
export interface SubspaceDistanceOptions {
  /**
   * `"spectral"`: ‖P_A − P_B‖₂ = sin θ_max for subspaces of equal dimension (1 when the
   * dimensions differ). `"frobenius"`: ‖P_A − P_B‖_F = √(2·Σ sin²θᵢ + |p − q|). Both are
   * distances between subspaces, 0 iff they coincide.
   * @defaultValue "spectral"
   */
  norm?: "spectral" | "frobenius";
}

/**
 * The distance between the column spaces of A (m×p) and B (m×q) through their orthogonal
 * projectors, ‖P_A − P_B‖ (see {@link SubspaceDistanceOptions.norm}); computed from the principal
 * angles (see {@link principalAngles}), so it is accurate for nearly equal subspaces and
 * invariant to the bases chosen: subspaceDistance(A·G, B) = subspaceDistance(A, B) for invertible G.
 *
 * @throws as {@link principalAngles}; TypeError for bad options.
 */
export function subspaceDistance(A: Matrix, B: Matrix, options: SubspaceDistanceOptions = {}): number {
  const a = checkBasis("A", A);
  const b = checkBasis("B", B, a.rows);
  checkOptions("options", options, ["norm"]);
  const norm = checkChoice("norm", options.norm ?? "spectral", ["spectral", "frobenius"] as const);
  const angles = anglesOf(a, b);
  if (norm === "spectral") {
    if (a.cols !== b.cols) return 1;
    return angles.length === 0 ? 0 : Math.sin(angles[angles.length - 1]);
  }
  let s = Math.abs(a.cols - b.cols);
  for (const t of angles) s += 2 * Math.sin(t) ** 2;
  return Math.sqrt(s);
}

function checkBasis(name: string, value: unknown, rows?: number): Matrix {
  const m = checkFactorMatrix(name, value, rows, "the rows of A");
  if (m.cols === 0) throw new RangeError(`invalid ${name}: expected at least one column, got a ${m.rows}×0 matrix`);
  if (m.cols > m.rows) {
    throw new RangeError(`invalid ${name}: a ${m.rows}×${m.cols} matrix cannot have full column rank (more columns than rows)`);
  }
  return m;
}

function anglesOf(a: Matrix, b: Matrix): Float64Array {
  let qa = orthonormalBasis("A", a);
  let qb = orthonormalBasis("B", b);
  if (qa.cols < qb.cols) [qa, qb] = [qb, qa];
  const c = gemm(qa, qb, { transA: true }); // p×q, p ≥ q
  const cos = svdValues(c); // q values, descending
  const res = gemm(qa, c, { alpha: -1, beta: 1, C: qb }); // Q_b − Q_a·C (C is not modified)
  const sin = svdValues(res).reverse(); // q values, ascending
  const q = qb.cols;
  const angles = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    const s = Math.min(1, sin[i]);
    const co = Math.min(1, cos[i]);
    angles[i] = s * s < 0.5 ? Math.asin(s) : Math.acos(co);
  }
  return angles.sort();
}
