// Householder QR of a dense f64 matrix and the operations that use the factored form without
// forming Q (apply Q or Qᵀ, triangular solves with R or Rᵀ).
//
// Storage: every matrix here is COLUMN-major (column j of an m-row matrix starts at byte
// offset 8·j·m), i.e. the row-major transpose. Householder vectors are columns, so this keeps
// each reflector and each column it updates contiguous, which is what the f64x2 dot/axpy
// loops need and keeps one column in L1 while it is updated. The TypeScript wrappers transpose
// on the way in and out (O(mn), negligible next to the O(mn²) factorization).
//
// Factored form (as LAPACK dgeqrf): after qrFactor, F (m×n, k = min(m, n)) holds R in its upper
// triangle / trapezoid and the Householder vector vⱼ of reflector Hⱼ = I − τⱼ·vⱼ·vⱼᵀ below the
// diagonal of column j, with vⱼ[j] = 1 implicit and vⱼ[i] = 0 for i < j. Q = H₀·H₁·…·H_{k−1}.
import { vaxpy, vdot } from "../vector";
import { householder, reflect, reflectColumns } from "./householder";

// Reflectors per block in qrFactor / qrFormQ: the block's vectors (NB·m·8 bytes, 128 KiB for
// m = 500) stay in L2 while every trailing column takes all of them in turn from L1.
const NB = 32;

// qrFactor: in-place Householder QR, A = Q·R (Golub & Van Loan 4th ed. §5.2, Algorithm
// 5.2.1). f: m×n column-major, any m, n ≥ 0; tau: min(m, n) f64. On return f holds the
// factored form described at the top of this file; R has a non-negative diagonal, so for
// full-column-rank A (m ≥ n) the factorization is the unique one with R₍ⱼⱼ₎ > 0.
// Cache blocking without changing the arithmetic: reflectors are generated NB at a time on a
// panel of NB columns, then each trailing column gets the NB reflectors in order while it stays
// in L1, so the trailing matrix is streamed once per block instead of once per reflector. Every
// column sees exactly the operations of the unblocked algorithm, in the same order.
// Backward stable: the computed R is the exact R of A + E, ‖E‖_F ≤ c·m·n·u·‖A‖_F (Higham,
// ASNA 2nd ed., Thm 19.4). 2mn² − 2n³/3 flops for m ≥ n.
export function qrFactor(f: usize, m: i32, n: i32, tau: usize): void {
  const k = min(m, n);
  const ld = <usize>m << 3;
  for (let j0 = 0; j0 < k; j0 += NB) {
    const j1 = min(j0 + NB, k);
    for (let j = j0; j < j1; j++) {
      const off = <usize>j << 3;
      store<f64>(tau + off, householder(m - j, f + <usize>j * ld + off));
      reflectColumns(f, m, tau, j, j + 1, f + <usize>(j + 1) * ld, ld, j1 - j - 1);
    }
    reflectColumns(f, m, tau, j0, j1, f + <usize>j1 * ld, ld, n - j1);
  }
}

// qrApplyQt: C := Qᵀ·C = H_{k−1}·…·H₀·C, k = min(m, n), Q from qrFactor(f, m, n, tau).
// c: m×p column-major with column stride ldc ≥ m (elements). 4·m·k·p − 2·k²·p flops. No Q is
// formed; reflectors are applied NB at a time to every column (blocked as in qrFactor).
export function qrApplyQt(c: usize, ldc: i32, p: i32, f: usize, m: i32, n: i32, tau: usize): void {
  const k = min(m, n);
  for (let j0 = 0; j0 < k; j0 += NB) reflectColumns(f, m, tau, j0, min(j0 + NB, k), c, <usize>ldc << 3, p);
}

// qrApplyQ: C := Q·C = H₀·H₁·…·H_{k−1}·C; layout as qrApplyQt.
export function qrApplyQ(c: usize, ldc: i32, p: i32, f: usize, m: i32, n: i32, tau: usize): void {
  const k = min(m, n);
  const ld = <usize>m << 3;
  for (let q = 0; q < p; q++) {
    const col = c + ((<usize>q * <usize>ldc) << 3);
    for (let j = k - 1; j >= 0; j--) {
      const off = <usize>j << 3;
      const t = load<f64>(tau + off);
      if (t != 0) reflect(m - j, f + <usize>j * ld + off, t, col + off);
    }
  }
}

// qrFormQ: the m×k matrix of Q's first k = min(m, n) columns (thin Q), column-major into q
// (column stride m). Column c of Q is H₀·…·H_c·e_c (reflectors H_j with j > c leave e_c alone,
// as in LAPACK dorg2r), which saves about half the work of applying Q to [I; 0]. Blocked like
// qrFactor: reflector blocks from last to first, each applied to the columns it touches while
// they stay in L1.
export function qrFormQ(q: usize, f: usize, m: i32, n: i32, tau: usize): void {
  const k = min(m, n);
  const ld = <usize>m << 3;
  memory.fill(q, 0, <usize>k * ld);
  for (let c = 0; c < k; c++) store<f64>(q + <usize>c * ld + (<usize>c << 3), 1);
  let j0 = ((k - 1) / NB) * NB;
  for (; j0 >= 0; j0 -= NB) {
    const j1 = min(j0 + NB, k);
    for (let c = j0; c < k; c++) {
      const col = q + <usize>c * ld;
      for (let j = min(c, j1 - 1); j >= j0; j--) {
        const off = <usize>j << 3;
        const t = load<f64>(tau + off);
        if (t != 0) reflect(m - j, f + <usize>j * ld + off, t, col + off);
      }
    }
  }
}

// qrSolveR: solves R·X = C in place for the n×n upper triangle R of qrFactor(f, m, n, ·),
// m ≥ n; c: n×p column-major (column stride ldc ≥ n). Column-oriented back substitution
// (Golub & Van Loan Algorithm 3.1.4), each step an axpy with the contiguous column R(0:j, j).
// Returns 0, or j + 1 for the first exactly zero diagonal entry R₍ⱼⱼ₎ (C is then untouched).
export function qrSolveR(c: usize, ldc: i32, p: i32, f: usize, m: i32, n: i32): i32 {
  const ld = <usize>m << 3;
  for (let j = 0; j < n; j++) {
    if (load<f64>(f + <usize>j * ld + (<usize>j << 3)) == 0) return j + 1;
  }
  for (let q = 0; q < p; q++) {
    const col = c + ((<usize>q * <usize>ldc) << 3);
    for (let j = n - 1; j >= 0; j--) {
      const rj = f + <usize>j * ld;
      const xj = load<f64>(col + (<usize>j << 3)) / load<f64>(rj + (<usize>j << 3));
      store<f64>(col + (<usize>j << 3), xj);
      vaxpy(j, -xj, rj, col);
    }
  }
  return 0;
}
