// Helpers shared by the symmetric eigensolver (tridiag.ts) and the SVD (bidiag.ts): the sign
// convention, Householder reflector generation, exact power-of-two scaling and rotation chains
// (the plain vector loops are in ../vector.ts). Internal: not re-exported from index.ts, so
// none of these becomes a wasm export.
import { fma2, hsum2 } from "../simd";
import { vscal } from "../vector";

// Negates row x (length n) when its largest-magnitude entry (the first one, on ties) is negative:
// the sign convention of the eigenvectors and of the left singular vectors.
export function largestPositive(n: i32, x: usize): bool {
  let best: f64 = -1;
  let value: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (abs(v) > best) {
      best = abs(v);
      value = v;
    }
  }
  if (value < 0) {
    vscal(n, -1, x);
    return true;
  }
  return false;
}

// sqrt(a² + b²) without overflow or harmful underflow.
// @ts-ignore: decorator
@inline export function hypot2(a: f64, b: f64): f64 {
  a = abs(a);
  b = abs(b);
  const hi = max(a, b);
  if (hi == 0) return 0;
  const r = min(a, b) / hi;
  return hi * sqrt(1 + r * r);
}

// The β of the last `house` call: the value H·x puts in its first entry.
export let houseBeta: f64 = 0;

// Householder reflector (LAPACK dlarfg convention) for the n values x[0], x[stride], … (stride
// in bytes): H = I − τ·v·vᵀ with v[0] = 1 maps x to β·e₁, β = −sign(x₀)·‖x‖. On return x[1..]
// holds v[1..] (x[0] is left for the caller), τ is returned and β is in `houseBeta`. When
// x[1..] = 0, τ = 0 (H = I) and β = x₀. Callers pre-scale their matrix to max|aᵢⱼ| ≈ 1, so the
// plain sum of squares neither overflows nor loses accuracy to underflow.
export function house(n: i32, x: usize, stride: usize): f64 {
  const alpha = load<f64>(x);
  let ss: f64 = 0;
  for (let i = 1; i < n; i++) {
    const v = load<f64>(x + <usize>i * stride);
    ss += v * v;
  }
  if (ss == 0) {
    houseBeta = alpha;
    return 0;
  }
  let beta = sqrt(alpha * alpha + ss);
  if (alpha >= 0) beta = -beta;
  const tau = (beta - alpha) / beta;
  const inv = 1 / (alpha - beta);
  for (let i = 1; i < n; i++) {
    const p = x + <usize>i * stride;
    store<f64>(p, load<f64>(p) * inv);
  }
  houseBeta = beta;
  return tau;
}

// A power of two 2^k with maxAbs·2^k in [1, 4) (maxAbs > 0, finite): scaling by it is exact, so
// factorizations can run on a matrix of norm ≈ 1 and scale back without rounding.
export function powerOfTwoScale(maxAbs: f64): f64 {
  const e = <i32>((reinterpret<u64>(maxAbs) >> 52) & 0x7ff); // biased exponent
  let k = 1023 - max(e, 1); // maxAbs ∈ [2^(e−1023), 2^(e−1022)) for normal numbers
  if (k > 1023) k = 1023;
  if (k < -1022) k = -1022;
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

// A chain of plane rotations on consecutive rows of a row-major block (rows of `len` values, `ld`
// bytes apart), for i = hi−1 … lo in DECREASING order (a QL sweep of tql2): rows (i, i+1) get
// (x, y) ← (c_i·x + s_i·y, c_i·y − s_i·x) with c_i = cs[i], s_i = sn[i]. Applied a column strip
// at a time (8 columns: one cache line of each row), carrying the updated row i+1 upward in
// registers: one load and one store per entry instead of two of each, the strip staying in L1.
// (Measured: a few % faster than row-pair rotations here; the same trick did not pay off for the
// bidiagonal QR, whose chains run the other way and are shorter, so bidiag.ts keeps `vrot`.)
export function rotChainBackward(len: i32, base: usize, ld: usize, lo: i32, hi: i32, cs: usize, sn: usize): void {
  if (hi <= lo || len <= 0) return;
  let j = 0;
  const last = base + <usize>hi * ld;
  if (ASC_FEATURE_SIMD) {
    for (; j + 8 <= len; j += 8) {
      let q = last + (<usize>j << 3);
      let y0 = v128.load(q);
      let y1 = v128.load(q, 16);
      let y2 = v128.load(q, 32);
      let y3 = v128.load(q, 48);
      for (let i = hi - 1; i >= lo; i--) {
        const c = f64x2.splat(load<f64>(cs + (<usize>i << 3)));
        const s = f64x2.splat(load<f64>(sn + (<usize>i << 3)));
        const ns = f64x2.neg(s);
        const p = q - ld;
        const x0 = v128.load(p);
        const x1 = v128.load(p, 16);
        const x2 = v128.load(p, 32);
        const x3 = v128.load(p, 48);
        v128.store(q, fma2(ns, x0, f64x2.mul(c, y0)));
        v128.store(q, fma2(ns, x1, f64x2.mul(c, y1)), 16);
        v128.store(q, fma2(ns, x2, f64x2.mul(c, y2)), 32);
        v128.store(q, fma2(ns, x3, f64x2.mul(c, y3)), 48);
        y0 = fma2(s, y0, f64x2.mul(c, x0));
        y1 = fma2(s, y1, f64x2.mul(c, x1));
        y2 = fma2(s, y2, f64x2.mul(c, x2));
        y3 = fma2(s, y3, f64x2.mul(c, x3));
        q = p;
      }
      v128.store(q, y0);
      v128.store(q, y1, 16);
      v128.store(q, y2, 32);
      v128.store(q, y3, 48);
    }
  }
  for (; j + 4 <= len; j += 4) {
    let q = last + (<usize>j << 3);
    let y0 = load<f64>(q);
    let y1 = load<f64>(q, 8);
    let y2 = load<f64>(q, 16);
    let y3 = load<f64>(q, 24);
    for (let i = hi - 1; i >= lo; i--) {
      const c = load<f64>(cs + (<usize>i << 3));
      const s = load<f64>(sn + (<usize>i << 3));
      const p = q - ld;
      const x0 = load<f64>(p);
      const x1 = load<f64>(p, 8);
      const x2 = load<f64>(p, 16);
      const x3 = load<f64>(p, 24);
      store<f64>(q, c * y0 - s * x0);
      store<f64>(q, c * y1 - s * x1, 8);
      store<f64>(q, c * y2 - s * x2, 16);
      store<f64>(q, c * y3 - s * x3, 24);
      y0 = c * x0 + s * y0;
      y1 = c * x1 + s * y1;
      y2 = c * x2 + s * y2;
      y3 = c * x3 + s * y3;
      q = p;
    }
    store<f64>(q, y0);
    store<f64>(q, y1, 8);
    store<f64>(q, y2, 16);
    store<f64>(q, y3, 24);
  }
  for (; j < len; j++) {
    let q = last + (<usize>j << 3);
    let y = load<f64>(q);
    for (let i = hi - 1; i >= lo; i--) {
      const c = load<f64>(cs + (<usize>i << 3));
      const s = load<f64>(sn + (<usize>i << 3));
      const p = q - ld;
      const x = load<f64>(p);
      store<f64>(q, c * y - s * x);
      y = c * x + s * y;
      q = p;
    }
    store<f64>(q, y);
  }
}
