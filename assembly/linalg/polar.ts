import { svdRows, svdS, svdUt, svdVt } from "./bidiag";
import { vaxpy, vzero } from "../vector";

// f64 values of workspace `polar` needs for an m×n matrix: the same as `svdWorkspaceSize`.
export function polarWorkspaceSize(m: i32, n: i32): i32 {
  const big = max(m, n);
  const k = min(m, n);
  return 2 * big * k + k * k + 4 * k + big;
}

// polar: the polar decomposition A = Q·H of an m×n matrix from its thin SVD A = U·Σ·Vᵀ
// (Higham, "Computing the polar decomposition — with applications", SIAM J. Sci. Stat. Comput.
// 7 (1986)): q (m×n) = U·Vᵀ, the nearest matrix with orthonormal columns (m ≥ n; orthonormal
// rows when m < n) in the Frobenius norm, and, when h ≠ 0, h (n×n) = V·Σ·Vᵀ, symmetric positive
// semidefinite. a: row-major, leading dimension lda ≥ n, read only; q, h contiguous row-major.
// Pass h = 0 to skip H. work: polarWorkspaceSize(m, n) f64 values.
// Both products are sums of k = min(m, n) rank-1 terms built row by row with contiguous axpys
// over the rows of Uᵀ and Vᵀ: Q[i, :] = Σ_l Uᵀ[l][i]·Vᵀ[l, :], H[i, :] = Σ_l σ_l·Vᵀ[l][i]·Vᵀ[l, :].
// Backward stable with the SVD; Q is unique when A has full rank k (then its error is
// ≈ ε·σ₁/σ_k), otherwise it is one of the nearest partial isometries. Returns the SVD status.
export function polar(q: usize, h: usize, m: i32, n: i32, a: usize, lda: i32, work: usize): i32 {
  const info = svdRows(m, n, a, lda, work, true);
  if (info != 0) return info;
  const k = min(m, n);
  const ldq = <usize>n << 3;
  const ldu = <usize>m << 3;
  vzero(m * n, q);
  for (let i = 0; i < m; i++) {
    const qi = q + <usize>i * ldq;
    for (let l = 0; l < k; l++) {
      vaxpy(n, load<f64>(svdUt + <usize>l * ldu + (<usize>i << 3)), svdVt + <usize>l * ldq, qi);
    }
  }
  if (h != 0) {
    vzero(n * n, h);
    for (let i = 0; i < n; i++) {
      const hi = h + <usize>i * ldq;
      for (let l = 0; l < k; l++) {
        const vl = svdVt + <usize>l * ldq;
        vaxpy(n, load<f64>(svdS + (<usize>l << 3)) * load<f64>(vl + (<usize>i << 3)), vl, hi);
      }
    }
    // Exact symmetry: average the two triangles (rounding differs between H[i][j] and H[j][i]).
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const pij = h + <usize>i * ldq + (<usize>j << 3);
        const pji = h + <usize>j * ldq + (<usize>i << 3);
        const avg = 0.5 * (load<f64>(pij) + load<f64>(pji));
        store<f64>(pij, avg);
        store<f64>(pji, avg);
      }
    }
  }
  return 0;
}
