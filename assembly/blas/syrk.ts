import { gemmDriver, gemmWorkspaceSize } from "./gemm";

// Number of f64 the `work` argument of syrk must hold.
export function syrkWorkspaceSize(n: i32, k: i32): i32 {
  return gemmWorkspaceSize(n, n, k);
}

// dsyrk, row-major, returning the full symmetric C: C = alpha·Aᵀ·A + beta·C (trans ≠ 0; A is
// k×n, the Gram matrix of A's columns) or C = alpha·A·Aᵀ + beta·C (trans = 0; A is n×k).
// C is n×n with row stride ldc; only its upper triangle is read (as BLAS uplo = 'U') and on
// return both triangles hold the result. Runs the gemm loops on the tiles that touch the upper
// triangle (about half the work), then mirrors the upper triangle into the lower. beta = 0
// writes C without reading it. work: syrkWorkspaceSize(n, k) f64.
export function syrk(
  trans: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  if (n <= 0) return;
  if (trans != 0) gemmDriver(1, 0, n, n, k, alpha, a, lda, a, lda, beta, c, ldc, work, true);
  else gemmDriver(0, 1, n, n, k, alpha, a, lda, a, lda, beta, c, ldc, work, true);
  const rs = <usize>ldc << 3;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      store<f64>(c + <usize>i * rs + (<usize>j << 3), load<f64>(c + <usize>j * rs + (<usize>i << 3)));
    }
  }
}
