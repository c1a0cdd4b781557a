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
import { vaxpy, vdot, vmaxabs, vscal } from "../vector";
import { vaxpyTo4, vdot2, vdot2Second, vdot4, vdot4R0, vdot4R1, vdot4R2, vdot4R3 } from "./qr-vector";

// 2^e for a normal exponent e ∈ [−1022, 1023].
// @ts-ignore: decorator
@inline function pow2(e: i32): f64 {
  return reinterpret<f64>(<u64>(e + 1023) << 52);
}

// Generates the reflector for x = F(j:m, j) (contiguous, len ≥ 1), Golub & Van Loan,
// "Matrix Computations" 4th ed., Algorithm 5.1.1 (Parlett's choice of v₁, no cancellation):
//   β = ‖x‖₂ ≥ 0,  v = x − β·e₁ normalized to v₁ = 1,  τ = 2/(vᵀv),  H·x = β·e₁.
// Choosing +‖x‖ (instead of LAPACK dlarfg's −sign(x₁)·‖x‖) makes R's diagonal non-negative.
// If x(2:) = 0: τ = 0 (H = I) for x₁ ≥ 0 and τ = 2, v = e₁ (H flips the sign) for x₁ < 0.
// If x₁ > 0 and ‖x(2:)‖ ≤ 2⁻⁵³·x₁ the tail is below rounding level and H = I (τ = 0); this
// perturbs the column by ≤ u·‖x‖ (backward stable) and bounds |vᵢ| ≤ 2⁵⁵.
// Over/underflow: when Σx(2:)² leaves [2⁻⁹⁶⁰, 2⁹⁶⁰] or |x₁| > 2⁴⁸⁰, x is first scaled by a
// power of two (exact) so that max|xᵢ| ∈ [2, 4).
// Writes β to x[0] and v(2:) over x(2:); returns τ.
function householder(len: i32, x: usize): f64 {
  const nt = len - 1;
  const tail = x + 8;
  const alpha0 = load<f64>(x);
  let alpha = alpha0;
  let ss = vdot(nt, tail, tail);
  let unscale: f64 = 1;
  if (!(ss >= pow2(-960) && ss <= pow2(960)) || abs<f64>(alpha) > pow2(480)) {
    const big = max<f64>(abs<f64>(alpha), vmaxabs(nt, tail));
    if (big == 0) return 0;
    const e = max<i32>(<i32>((reinterpret<u64>(big) >> 52) & 0x7ff), 1);
    const scale = reinterpret<f64>(<u64>(2047 - e) << 52); // 2^(1024 − e): max|x| → [2, 4)
    unscale = e > 1 ? reinterpret<f64>(<u64>(e - 1) << 52) : reinterpret<f64>(<u64>1 << 51); // 1/scale
    alpha *= scale;
    vscal(nt, scale, tail);
    ss = vdot(nt, tail, tail);
  }
  if (ss == 0) {
    if (alpha0 >= 0) return 0;
    store<f64>(x, -alpha0);
    return 2;
  }
  const xnorm = sqrt<f64>(ss);
  if (alpha > 0 && xnorm <= pow2(-53) * alpha) {
    store<f64>(x, alpha0);
    return 0;
  }
  const mu = sqrt<f64>(alpha * alpha + ss);
  const v1 = alpha <= 0 ? alpha - mu : -xnorm * (xnorm / (alpha + mu));
  const r = xnorm / v1;
  vscal(nt, 1 / v1, tail);
  store<f64>(x, mu * unscale);
  return 2 / (1 + r * r);
}

// y := (I − τ·v·vᵀ)·y for contiguous y of length len, v = [1; F(j+1:m, j)] at `v` (v[0] is
// not read: it holds β).
// @ts-ignore: decorator
@inline function reflect(len: i32, v: usize, t: f64, y: usize): void {
  const s = t * (load<f64>(y) + vdot(len - 1, v + 8, y + 8));
  store<f64>(y, load<f64>(y) - s);
  vaxpy(len - 1, -s, v + 8, y + 8);
}

// Reflectors per block in qrFactor / qrFormQ: the block's vectors (NB·m·8 bytes, 128 KiB for
// m = 500) stay in L2 while every trailing column takes all of them in turn from L1.
const NB = 32;

// y := H_j·y, z := H_j·z for two contiguous columns (one pass over v for both dot products).
// @ts-ignore: decorator
@inline function reflect2(len: i32, v: usize, t: f64, y: usize, z: usize): void {
  const s = t * (load<f64>(y) + vdot2(len - 1, v + 8, y + 8, z + 8));
  const u = t * (load<f64>(z) + vdot2Second);
  store<f64>(y, load<f64>(y) - s);
  store<f64>(z, load<f64>(z) - u);
  vaxpy(len - 1, -s, v + 8, y + 8);
  vaxpy(len - 1, -u, v + 8, z + 8);
}

// y_r := H_j·y_r for four contiguous columns y, y + ldc, y + 2·ldc, y + 3·ldc (one pass over v
// for the four dot products, one for the four updates).
// @ts-ignore: decorator
@inline function reflect4(len: i32, v: usize, t: f64, y: usize, ldc: usize): void {
  const y1 = y + ldc;
  const y2 = y1 + ldc;
  const y3 = y2 + ldc;
  vdot4(len - 1, v + 8, y + 8, y1 + 8, y2 + 8, y3 + 8);
  const s0 = t * (load<f64>(y) + vdot4R0);
  const s1 = t * (load<f64>(y1) + vdot4R1);
  const s2 = t * (load<f64>(y2) + vdot4R2);
  const s3 = t * (load<f64>(y3) + vdot4R3);
  store<f64>(y, load<f64>(y) - s0);
  store<f64>(y1, load<f64>(y1) - s1);
  store<f64>(y2, load<f64>(y2) - s2);
  store<f64>(y3, load<f64>(y3) - s3);
  vaxpyTo4(len - 1, v + 8, -s0, y + 8, -s1, y1 + 8, -s2, y2 + 8, -s3, y3 + 8);
}

// Applies H_j for j = j0…j1−1 (in that order) to `count` contiguous columns of length m
// starting at byte address c with a column stride of ldc bytes, four columns at a time.
function reflectColumns(f: usize, m: i32, tau: usize, j0: i32, j1: i32, c: usize, ldc: usize, count: i32): void {
  const ld = <usize>m << 3;
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const y = c + <usize>q * ldc;
    for (let j = j0; j < j1; j++) {
      const off = <usize>j << 3;
      const t = load<f64>(tau + off);
      if (t != 0) reflect4(m - j, f + <usize>j * ld + off, t, y + off, ldc);
    }
  }
  for (; q + 2 <= count; q += 2) {
    const y = c + <usize>q * ldc;
    for (let j = j0; j < j1; j++) {
      const off = <usize>j << 3;
      const t = load<f64>(tau + off);
      if (t != 0) reflect2(m - j, f + <usize>j * ld + off, t, y + off, y + ldc + off);
    }
  }
  if (q < count) {
    const y = c + <usize>q * ldc;
    for (let j = j0; j < j1; j++) {
      const off = <usize>j << 3;
      const t = load<f64>(tau + off);
      if (t != 0) reflect(m - j, f + <usize>j * ld + off, t, y + off);
    }
  }
}

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

// qrSolveRt: solves Rᵀ·Y = C in place for the k×k upper triangle R (k = min(m, n)) of
// qrFactor(f, m, n, ·); c: k×p column-major (column stride ldc ≥ k). Forward substitution,
// row i of Rᵀ being the contiguous column R(0:i, i), so each step is a dot product.
// Returns 0, or j + 1 for the first exactly zero diagonal entry (C is then untouched).
export function qrSolveRt(c: usize, ldc: i32, p: i32, f: usize, m: i32, n: i32): i32 {
  const k = min(m, n);
  const ld = <usize>m << 3;
  for (let j = 0; j < k; j++) {
    if (load<f64>(f + <usize>j * ld + (<usize>j << 3)) == 0) return j + 1;
  }
  for (let q = 0; q < p; q++) {
    const col = c + ((<usize>q * <usize>ldc) << 3);
    for (let i = 0; i < k; i++) {
      const ri = f + <usize>i * ld;
      const o = <usize>i << 3;
      store<f64>(col + o, (load<f64>(col + o) - vdot(i, ri, col)) / load<f64>(ri + o));
    }
  }
  return 0;
}
