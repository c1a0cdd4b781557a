import { vswap, vzero } from "../vector";
import { largestPositive, powerOfTwoScale } from "./eigh-svd-util";
import { formQt, tql2, tridiagonalize } from "./tridiag";

// f64 values of workspace `eigh` needs for order n: W (n²) + d, e, τ, scratch (4n).
export function eighWorkspaceSize(n: i32): i32 {
  return n * n + 4 * n;
}

// eigh: all eigenpairs of the symmetric n×n matrix A, A = V·diag(λ)·Vᵀ.
// Reads only the LOWER triangle of a (row-major, leading dimension lda ≥ n, entry (i, j) at
// a[i·lda + j], j ≤ i); the strict upper triangle is never read. Writes values[0..n) ascending
// and vectors (n×n row-major, contiguous) with eigenvector j in column j, orthonormal, each
// with its largest-magnitude entry positive (the first such entry on ties). vectors doubles
// as the working copy of A. work: eighWorkspaceSize(n) f64 values, 8-byte aligned.
// Algorithm: exact power-of-two scaling to max|aᵢⱼ| ≈ 1, Householder tridiagonalization
// T = QᵀAQ (4n³/3 flops), accumulation of Qᵀ (4n³/3), implicit-shift QL with the rotations
// applied to the rows of Vᵀ (tql2; ≈ 0.9n² rotations of 6n flops), sort, sign fix, transpose out.
// Golub & Van Loan, Matrix Computations (4th ed.), §8.3; EISPACK tred2/tql2.
// Backward stable: the computed pairs are exact for A + E with ‖E‖ ≈ ε‖A‖, so eigenvalues have
// absolute error ≈ ε‖A‖₂ and eigenvectors angle error ≈ ε‖A‖₂/gap.
// Returns 0, or k in [1, n] when the QL iteration hit its cap (30·n sweeps) at eigenvalue k − 1,
// or n + 1 for NaN/±Inf in the lower triangle (checked up front; the wrapper rejects these first).
export function eigh(values: usize, vectors: usize, n: i32, a: usize, lda: i32, work: usize): i32 {
  return eighCore(values, vectors, n, a, lda, work);
}

// eighValues: the eigenvalues only of the symmetric n×n matrix A (lower triangle of a read, as
// in `eigh`), ascending into values[0..n). Same algorithm without accumulating Q or applying the
// QL rotations to vectors: 4n³/3 flops for the tridiagonalization plus O(n²) for the QL
// iteration. work: eighWorkspaceSize(n) f64 values (its first n² hold the working copy).
// Returns 0, or k > 0 as `eigh` does (n + 1: non-finite input).
export function eighValues(values: usize, n: i32, a: usize, lda: i32, work: usize): i32 {
  return eighCore(values, 0, n, a, lda, work);
}

// Shared by eigh and eighValues (vectors = 0: values only, the working copy goes to work).
function eighCore(values: usize, vectors: usize, n: i32, a: usize, lda: i32, work: usize): i32 {
  if (n <= 0) return 0;
  const want = vectors != 0;
  const ld = <usize>n << 3;
  const lda8 = <usize>lda << 3;
  // Largest magnitude of the lower triangle, then the symmetric scaled copy.
  let amax: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * lda8;
    for (let j = 0; j <= i; j++) amax = max(amax, abs(load<f64>(row + (<usize>j << 3))));
  }
  const w = work;
  const d = w + <usize>n * ld;
  const e = d + ld;
  const tau = e + ld;
  const p = tau + ld;
  if (!isFinite(amax)) return n + 1; // NaN or ±Inf: no eigensystem (the wrapper rejects these first)
  if (amax == 0) {
    vzero(n, values);
    if (want) {
      vzero(n * n, vectors);
      for (let i = 0; i < n; i++) store<f64>(vectors + <usize>i * ld + (<usize>i << 3), 1.0);
    }
    return 0;
  }
  const copy = want ? vectors : w;
  const scale = powerOfTwoScale(amax);
  for (let i = 0; i < n; i++) {
    const row = a + <usize>i * lda8;
    for (let j = 0; j <= i; j++) {
      const v = load<f64>(row + (<usize>j << 3)) * scale;
      store<f64>(copy + <usize>i * ld + (<usize>j << 3), v);
      store<f64>(copy + <usize>j * ld + (<usize>i << 3), v);
    }
  }
  tridiagonalize(n, copy, d, e, tau, p);
  if (want) formQt(n, copy, tau, w);
  const info = tql2(n, d, e, want ? w : 0, tau, p); // τ and p are free again: rotation scratch
  if (info != 0) return info;
  // Selection sort, ascending, moving the eigenvector rows of w along.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let best = load<f64>(d + (<usize>i << 3));
    for (let j = i + 1; j < n; j++) {
      const dj = load<f64>(d + (<usize>j << 3));
      if (dj < best) {
        k = j;
        best = dj;
      }
    }
    if (k != i) {
      store<f64>(d + (<usize>k << 3), load<f64>(d + (<usize>i << 3)));
      store<f64>(d + (<usize>i << 3), best);
      if (want) vswap(n, w + <usize>i * ld, w + <usize>k * ld);
    }
  }
  const unscale = 1 / scale;
  for (let i = 0; i < n; i++) {
    store<f64>(values + (<usize>i << 3), load<f64>(d + (<usize>i << 3)) * unscale);
    if (!want) continue;
    const row = w + <usize>i * ld;
    largestPositive(n, row);
    for (let j = 0; j < n; j++) store<f64>(vectors + <usize>j * ld + (<usize>i << 3), load<f64>(row + (<usize>j << 3)));
  }
  return 0;
}
