// Householder reflectors on contiguous f64 columns: generating one (Golub & Van Loan 4th ed.,
// Algorithm 5.1.1) and applying a sequence of them to columns, four, two or one at a time.
// Shared by the QR factorizations (qr.ts, qr-pivoted.ts) and the RZ step of the complete
// orthogonal decomposition (rz.ts). Internal: not re-exported from index.ts, so none becomes a
// wasm export. Reflector j is Hⱼ = I − τⱼ·vⱼ·vⱼᵀ with vⱼ[0] = 1 implicit; the factored-form
// layout is described at the top of qr.ts.
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
export function householder(len: i32, x: usize): f64 {
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
@inline export function reflect(len: i32, v: usize, t: f64, y: usize): void {
  const s = t * (load<f64>(y) + vdot(len - 1, v + 8, y + 8));
  store<f64>(y, load<f64>(y) - s);
  vaxpy(len - 1, -s, v + 8, y + 8);
}

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
export function reflectColumns(f: usize, m: i32, tau: usize, j0: i32, j1: i32, c: usize, ldc: usize, count: i32): void {
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
