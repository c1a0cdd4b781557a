// Cholesky factorization A = L·Lᵀ of a symmetric positive-definite matrix and solves with L.
// Row-major storage, leading dimension = row stride in elements.
import { vaxpy, vaxpy2, vdot } from "../vector";
import { vdot4, vdot4R0, vdot4R1, vdot4R2, vdot4R3 } from "./qr-vector";

// choleskyFactor: in-place A = L·Lᵀ, L lower triangular with positive diagonal. a: n×n
// row-major, row stride lda ≥ n. Only the lower triangle (with the diagonal) of A is read; on
// success it is overwritten by L and the strict upper triangle is set to zero.
// Algorithm: row-oriented Cholesky–Crout (Cholesky–Banachiewicz; Golub & Van Loan 4th ed.
// §4.2, in its row form): for i = 0…n−1, for j ≤ i,
//   L(i,j) = (A(i,j) − Σ_{k<j} L(i,k)·L(j,k)) / L(j,j),  L(i,i) = √(A(i,i) − Σ_{k<i} L(i,k)²),
// so every inner loop is a dot product of two contiguous row prefixes (f64x2). Rows are taken
// four at a time: for each earlier row j, one pass over row j gives the four dot products
// (vdot4), so the finished part of L is streamed once per four rows; the small triangle inside
// the block follows row by row. n³/3 flops. Backward stable: L·Lᵀ = A + E with
// |E| ≤ (n+1)u/(1 − (n+1)u)·|L|·|Lᵀ| (Higham, ASNA 2nd ed., Thm 10.3), so ‖E‖₂ ≲ n·u·‖A‖₂.
// Returns 0, or i + 1 when the pivot A(i,i) − Σ L(i,k)² of row i is not > 0 (or NaN): the
// leading (i+1)×(i+1) minor is not positive definite in floating point. Row i then holds
// L(i, 0:i) and the original A(i,i); later rows are partially overwritten.
export function choleskyFactor(a: usize, n: i32, lda: i32): i32 {
  const ld = <usize>lda << 3;
  let i0 = 0;
  for (; i0 + 4 <= n; i0 += 4) {
    const r0 = a + <usize>i0 * ld;
    const r1 = r0 + ld;
    const r2 = r1 + ld;
    const r3 = r2 + ld;
    for (let j = 0; j < i0; j++) {
      const rj = a + <usize>j * ld;
      const oj = <usize>j << 3;
      const d = load<f64>(rj + oj);
      vdot4(j, rj, r0, r1, r2, r3);
      store<f64>(r0 + oj, (load<f64>(r0 + oj) - vdot4R0) / d);
      store<f64>(r1 + oj, (load<f64>(r1 + oj) - vdot4R1) / d);
      store<f64>(r2 + oj, (load<f64>(r2 + oj) - vdot4R2) / d);
      store<f64>(r3 + oj, (load<f64>(r3 + oj) - vdot4R3) / d);
    }
    for (let i = i0; i < i0 + 4; i++) {
      if (!finishRow(a, ld, n, i, i0)) return i + 1;
    }
  }
  for (; i0 < n; i0++) {
    if (!finishRow(a, ld, n, i0, 0)) return i0 + 1;
  }
  return 0;
}

// Row i of L from column j0 on (columns < j0 already done): off-diagonal entries, the pivot and
// its square root, zeros above the diagonal. False if the pivot is not > 0 (A(i,i) untouched).
function finishRow(a: usize, ld: usize, n: i32, i: i32, j0: i32): bool {
  const ri = a + <usize>i * ld;
  for (let j = j0; j < i; j++) {
    const rj = a + <usize>j * ld;
    const oj = <usize>j << 3;
    store<f64>(ri + oj, (load<f64>(ri + oj) - vdot(j, ri, rj)) / load<f64>(rj + oj));
  }
  const oi = <usize>i << 3;
  const d = load<f64>(ri + oi) - vdot(i, ri, ri);
  if (!(d > 0)) return false;
  store<f64>(ri + oi, sqrt<f64>(d));
  memory.fill(ri + oi + 8, 0, <usize>(n - i - 1) << 3);
  return true;
}

// choleskySolve: solves A·X = B in place with A = L·Lᵀ from choleskyFactor: L·Y = B by forward
// substitution, then Lᵀ·X = Y by back substitution (Golub & Van Loan Algorithms 3.1.1, 3.1.2).
// b: n×p row-major, row stride ldb ≥ p; l: n×n row-major lower triangle, row stride ldl ≥ n.
// One contiguous right-hand side (p = 1, ldb = 1) uses row-oriented dot products forward and
// column-oriented axpys backward; several use axpys on rows of B (length p, two rows per
// pass). 2n²p flops. Backward stable: (L + ΔL)·y = b with |ΔL| ≤ n·u·|L| (Higham Thm 8.5).
export function choleskySolve(b: usize, p: i32, ldb: i32, l: usize, n: i32, ldl: i32): void {
  const ld = <usize>ldl << 3;
  if (p == 1 && ldb == 1) {
    for (let i = 0; i < n; i++) {
      const li = l + <usize>i * ld;
      const o = <usize>i << 3;
      store<f64>(b + o, (load<f64>(b + o) - vdot(i, li, b)) / load<f64>(li + o));
    }
    for (let i = n - 1; i >= 0; i--) {
      const li = l + <usize>i * ld;
      const o = <usize>i << 3;
      const xi = load<f64>(b + o) / load<f64>(li + o);
      store<f64>(b + o, xi);
      vaxpy(i, -xi, li, b);
    }
    return;
  }
  const lb = <usize>ldb << 3;
  for (let i = 0; i < n; i++) {
    const li = l + <usize>i * ld;
    const bi = b + <usize>i * lb;
    let k = 0;
    for (; k + 2 <= i; k += 2) {
      const ok = <usize>k << 3;
      vaxpy2(p, -load<f64>(li + ok), b + <usize>k * lb, -load<f64>(li + ok, 8), b + <usize>(k + 1) * lb, bi);
    }
    if (k < i) vaxpy(p, -load<f64>(li + (<usize>k << 3)), b + <usize>k * lb, bi);
    divideRow(p, load<f64>(li + (<usize>i << 3)), bi);
  }
  for (let i = n - 1; i >= 0; i--) {
    const li = l + <usize>i * ld;
    const bi = b + <usize>i * lb;
    divideRow(p, load<f64>(li + (<usize>i << 3)), bi);
    for (let k = 0; k < i; k++) vaxpy(p, -load<f64>(li + (<usize>k << 3)), bi, b + <usize>k * lb);
  }
}

// x[0:p] /= d (a true division, not a multiplication by 1/d, for the last bit of accuracy).
function divideRow(p: i32, d: f64, x: usize): void {
  for (let q = 0; q < p; q++) {
    const o = <usize>q << 3;
    store<f64>(x + o, load<f64>(x + o) / d);
  }
}
