// LU factorization with partial pivoting, P·A = L·U, and solves with it. Row-major storage,
// leading dimension = row stride in elements.
import { vaxpy, vaxpy2, vdot } from "../vector";
import { vaxpy4 } from "./qr-vector";

// Pivot steps per block in luFactor: the block's NB rows of U (NB·n·8 bytes, 128 KiB for
// n = 500) stay in L2 while each trailing row takes all NB updates in turn from L1.
const NB = 32;

// y += Σ_{l=l0}^{l1−1} c[l]·U_l over len entries, where c[l] = load(cRow + 8·l) and U_l is row l at
// byte address u + l·ld: four rows per pass (vaxpy4), rounding exactly as one axpy after another.
function delayedUpdate(len: i32, cRow: usize, l0: i32, l1: i32, u: usize, ld: usize, y: usize): void {
  let l = l0;
  for (; l + 4 <= l1; l += 4) {
    const ol = <usize>l << 3;
    const ul = u + <usize>l * ld;
    vaxpy4(
      len,
      -load<f64>(cRow + ol), ul,
      -load<f64>(cRow + ol, 8), ul + ld,
      -load<f64>(cRow + ol, 16), ul + 2 * ld,
      -load<f64>(cRow + ol, 24), ul + 3 * ld,
      y,
    );
  }
  for (; l + 2 <= l1; l += 2) {
    const ol = <usize>l << 3;
    const ul = u + <usize>l * ld;
    vaxpy2(len, -load<f64>(cRow + ol), ul, -load<f64>(cRow + ol, 8), ul + ld, y);
  }
  if (l < l1) vaxpy(len, -load<f64>(cRow + (<usize>l << 3)), u + <usize>l * ld, y);
}

// luFactor: in-place P·A = L·U of a square matrix (Golub & Van Loan 4th ed. §3.4, Algorithm
// 3.4.1: Gaussian elimination with partial pivoting). a: n×n row-major, row stride lda ≥ n.
// On return the strict lower triangle holds the multipliers of the unit lower triangular L and
// the upper triangle holds U; piv[k] (i32) is the row swapped with row k at step k (LAPACK
// ipiv convention, 0-based), |L(i,j)| ≤ 1. 2n³/3 flops.
// Cache blocking without changing the arithmetic (right-looking with delayed updates, as in
// LAPACK dgetrf's blocked form): NB pivot steps are taken on a panel of NB columns, whole rows
// being swapped; a pivot row gets its pending updates right before it becomes a row of U, and
// then every trailing row gets the block's NB updates in order while it stays in L1, so the
// trailing matrix is streamed once per block instead of once per step. Each entry sees exactly
// the operations of the unblocked algorithm in the same order. Backward stable in practice:
// L·U = P·A + E with |E| ≤ γ_n·|L|·|U| (Higham Thm 9.3), growth factor ≤ 2ⁿ⁻¹, small for all but
// contrived A.
// Returns 0, or k + 1 for the first column k whose pivot is exactly zero (A is singular); the
// elimination skips that column and continues, so the factors are still complete.
export function luFactor(a: usize, n: i32, lda: i32, piv: usize): i32 {
  const ld = <usize>lda << 3;
  let info = 0;
  for (let j0 = 0; j0 < n; j0 += NB) {
    const j1 = min(j0 + NB, n);
    const o1 = <usize>j1 << 3;
    for (let k = j0; k < j1; k++) {
      const ok = <usize>k << 3;
      let p = k;
      let best = abs<f64>(load<f64>(a + <usize>k * ld + ok));
      for (let i = k + 1; i < n; i++) {
        const v = abs<f64>(load<f64>(a + <usize>i * ld + ok));
        if (v > best) {
          best = v;
          p = i;
        }
      }
      store<i32>(piv + (<usize>k << 2), p);
      const rk = a + <usize>k * ld;
      if (p != k) swapRows(n, rk, a + <usize>p * ld);
      // row k of U beyond the panel: its pending updates from this block's earlier steps
      delayedUpdate(n - j1, rk, j0, k, a + o1, ld, rk + o1);
      if (best == 0) {
        if (info == 0) info = k + 1;
        continue;
      }
      const pivot = load<f64>(rk + ok);
      const len = j1 - k - 1;
      const uk = rk + ok + 8;
      for (let i = k + 1; i < n; i++) {
        const ri = a + <usize>i * ld;
        const li = load<f64>(ri + ok) / pivot;
        store<f64>(ri + ok, li);
        vaxpy(len, -li, uk, ri + ok + 8);
      }
    }
    for (let i = j1; i < n; i++) {
      const ri = a + <usize>i * ld;
      delayedUpdate(n - j1, ri, j0, j1, a + o1, ld, ri + o1);
    }
  }
  return info;
}

// luSolve: solves A·X = B in place with P·A = L·U from luFactor: B := P·B (the row swaps in
// order), L·Y = B (unit lower, forward), U·X = Y (back substitution). b: n×p row-major, row
// stride ldb ≥ p. One contiguous right-hand side (p = 1, ldb = 1) uses dot products with the
// contiguous rows of L and U; several use axpys on rows of B (length p, two per pass). 2n²p
// flops. U must have a non-zero diagonal (luFactor returned 0).
export function luSolve(b: usize, p: i32, ldb: i32, a: usize, n: i32, lda: i32, piv: usize): void {
  const ld = <usize>lda << 3;
  const lb = <usize>ldb << 3;
  for (let k = 0; k < n; k++) {
    const pk = load<i32>(piv + (<usize>k << 2));
    if (pk != k) swapRows(p, b + <usize>k * lb, b + <usize>pk * lb);
  }
  if (p == 1 && ldb == 1) {
    for (let i = 1; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(b + o, load<f64>(b + o) - vdot(i, a + <usize>i * ld, b));
    }
    for (let i = n - 1; i >= 0; i--) {
      const o = <usize>i << 3;
      const ri = a + <usize>i * ld;
      store<f64>(b + o, (load<f64>(b + o) - vdot(n - i - 1, ri + o + 8, b + o + 8)) / load<f64>(ri + o));
    }
    return;
  }
  for (let i = 1; i < n; i++) {
    const ri = a + <usize>i * ld;
    const bi = b + <usize>i * lb;
    let k = 0;
    for (; k + 2 <= i; k += 2) {
      const ok = <usize>k << 3;
      vaxpy2(p, -load<f64>(ri + ok), b + <usize>k * lb, -load<f64>(ri + ok, 8), b + <usize>(k + 1) * lb, bi);
    }
    if (k < i) vaxpy(p, -load<f64>(ri + (<usize>k << 3)), b + <usize>k * lb, bi);
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = a + <usize>i * ld;
    const bi = b + <usize>i * lb;
    let k = i + 1;
    for (; k + 2 <= n; k += 2) {
      const ok = <usize>k << 3;
      vaxpy2(p, -load<f64>(ri + ok), b + <usize>k * lb, -load<f64>(ri + ok, 8), b + <usize>(k + 1) * lb, bi);
    }
    if (k < n) vaxpy(p, -load<f64>(ri + (<usize>k << 3)), b + <usize>k * lb, bi);
    const d = load<f64>(ri + (<usize>i << 3));
    for (let q = 0; q < p; q++) {
      const o = <usize>q << 3;
      store<f64>(bi + o, load<f64>(bi + o) / d);
    }
  }
}

// luSolveTransposed: solves Aᵀ·x = b in place for one contiguous vector b, with P·A = L·U from
// luFactor (Aᵀ = Uᵀ·Lᵀ·P): Uᵀ·z = b (forward), Lᵀ·w = z (unit, backward), x = Pᵀ·w (the swaps
// in reverse order). Column-oriented so each step is an axpy with a contiguous row of U or L.
// Used by the 1-norm condition estimator. 2n² flops.
export function luSolveTransposed(b: usize, a: usize, n: i32, lda: i32, piv: usize): void {
  const ld = <usize>lda << 3;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const ri = a + <usize>i * ld;
    const zi = load<f64>(b + o) / load<f64>(ri + o);
    store<f64>(b + o, zi);
    vaxpy(n - i - 1, -zi, ri + o + 8, b + o + 8);
  }
  for (let i = n - 1; i > 0; i--) {
    vaxpy(i, -load<f64>(b + (<usize>i << 3)), a + <usize>i * ld, b);
  }
  for (let k = n - 1; k >= 0; k--) {
    const pk = load<i32>(piv + (<usize>k << 2));
    if (pk != k) {
      const x = b + (<usize>k << 3);
      const y = b + (<usize>pk << 3);
      const t = load<f64>(x);
      store<f64>(x, load<f64>(y));
      store<f64>(y, t);
    }
  }
}

// Exchanges len contiguous f64 values at x and y.
function swapRows(len: i32, x: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= len; i += 2) {
      const o = <usize>i << 3;
      const t = v128.load(x + o);
      v128.store(x + o, v128.load(y + o));
      v128.store(y + o, t);
    }
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    const t = load<f64>(x + o);
    store<f64>(x + o, load<f64>(y + o));
    store<f64>(y + o, t);
  }
}
