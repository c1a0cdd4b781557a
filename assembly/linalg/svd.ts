import { svdRows, svdS, svdUt, svdVt } from "./bidiag";

// f64 values of workspace `svd` needs for an m×n matrix, with M = max(m, n), N = min(m, n):
// the working copy (M·N), the left (N·M) and right (N·N) vector rows, d, e, τ_L, τ_R (4N), and
// scratch (M).
export function svdWorkspaceSize(m: i32, n: i32): i32 {
  const big = max(m, n);
  const k = min(m, n);
  return 2 * big * k + k * k + 4 * k + big;
}

// svd: the thin singular value decomposition A = U·diag(σ)·Vᵀ of an m×n matrix, k = min(m, n).
// a: row-major, leading dimension lda ≥ n, read only. Writes s[0..k) descending and ≥ 0,
// u (m×k) and v (n×k), both row-major contiguous with orthonormal columns; column j of u has its
// largest-magnitude entry positive (the first such on ties) and column j of v the matching sign.
// work: svdWorkspaceSize(m, n) f64 values.
// Algorithm: exact power-of-two scaling, Golub–Kahan Householder bidiagonalization of A (or of
// Aᵀ when m < n), accumulation of the thin U and V, then the implicit-shift bidiagonal QR
// iteration of LINPACK dsvdc / JAMA with the rotations applied to rows of Uᵀ and Vᵀ
// (Golub & Van Loan, Matrix Computations (4th ed.), §5.4.8 and §8.6; Golub & Reinsch 1970).
// Backward stable: exact SVD of A + E with ‖E‖ ≈ ε‖A‖₂, so each σ has absolute error
// ≈ ε·σ₁ and singular vectors are accurate to ≈ ε·σ₁/gap.
// Returns 0, or p in [1, k] when the QR iteration hit its cap with p values unconverged, or k + 1
// for NaN/±Inf input (checked up front; the wrapper rejects these first).
export function svd(u: usize, s: usize, v: usize, m: i32, n: i32, a: usize, lda: i32, work: usize): i32 {
  const info = svdRows(m, n, a, lda, work, true);
  if (info != 0) return info;
  const k = min(m, n);
  memory.copy(s, svdS, <usize>k << 3);
  transposeRows(u, svdUt, k, m);
  transposeRows(v, svdVt, k, n);
  return 0;
}

// out (cols×rows, row-major) = inᵀ for `in` rows×cols row-major.
function transposeRows(out: usize, src: usize, rows: i32, cols: i32): void {
  if (rows == 0 || cols == 0) return;
  for (let i = 0; i < rows; i++) {
    const r = src + ((<usize>i * cols) << 3);
    for (let j = 0; j < cols; j++) {
      store<f64>(out + ((<usize>j * rows + i) << 3), load<f64>(r + (<usize>j << 3)));
    }
  }
}

// svdValues: the singular values only, s[0..k) descending ≥ 0, k = min(m, n), of the m×n matrix
// a (row-major, leading dimension lda); the same algorithm as `svd` without forming or rotating
// U and V (4mnk − 4k³/3 flops for the bidiagonalization plus O(k²) for the QR iteration).
// work: svdWorkspaceSize(m, n) f64 values. Returns 0, or p > 0 as `svd` does.
export function svdValues(s: usize, m: i32, n: i32, a: usize, lda: i32, work: usize): i32 {
  const info = svdRows(m, n, a, lda, work, false);
  if (info != 0) return info;
  memory.copy(s, svdS, <usize>min(m, n) << 3);
  return 0;
}
