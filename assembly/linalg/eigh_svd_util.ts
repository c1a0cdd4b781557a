// Vector helpers shared by the symmetric eigensolver (tridiag.ts) and the SVD (bidiag.ts):
// contiguous dot / axpy / plane rotation with f64x2 inner loops, Householder reflector
// generation, and exact power-of-two scaling. Internal: not re-exported from index.ts, so none
// of these becomes a wasm export.
import { fma2, hsum2 } from "../simd";

// Σ x[i]·y[i], i < n, contiguous.
export function vdot(n: i32, x: usize, y: usize): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      a0 = fma2(v128.load(x + o), v128.load(y + o), a0);
      a1 = fma2(v128.load(x + o, 16), v128.load(y + o, 16), a1);
      a2 = fma2(v128.load(x + o, 32), v128.load(y + o, 32), a2);
      a3 = fma2(v128.load(x + o, 48), v128.load(y + o, 48), a3);
    }
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      a0 = fma2(v128.load(x + o), v128.load(y + o), a0);
    }
    s = hsum2(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}

// y[i] += a·x[i], i < n, contiguous.
export function vaxpy(n: i32, a: f64, x: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      v128.store(y + o, fma2(av, v128.load(x + o), v128.load(y + o)));
      v128.store(y + o, fma2(av, v128.load(x + o, 16), v128.load(y + o, 16)), 16);
      v128.store(y + o, fma2(av, v128.load(x + o, 32), v128.load(y + o, 32)), 32);
      v128.store(y + o, fma2(av, v128.load(x + o, 48), v128.load(y + o, 48)), 48);
    }
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(y + o, fma2(av, v128.load(x + o), v128.load(y + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o));
  }
}

// z[i] += a·x[i] + b·y[i], i < n, contiguous (the symmetric rank-2 update of one row).
export function vaxpy2(n: i32, a: f64, x: usize, b: f64, y: usize, z: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    const bv = f64x2.splat(b);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      v128.store(z + o, fma2(bv, v128.load(y + o), fma2(av, v128.load(x + o), v128.load(z + o))));
      v128.store(
        z + o,
        fma2(bv, v128.load(y + o, 16), fma2(av, v128.load(x + o, 16), v128.load(z + o, 16))),
        16,
      );
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(z + o, load<f64>(z + o) + a * load<f64>(x + o) + b * load<f64>(y + o));
  }
}

// Plane rotation of two contiguous rows: x ← c·x + s·y, y ← c·y − s·x.
export function vrot(n: i32, x: usize, y: usize, c: f64, s: f64): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const cv = f64x2.splat(c);
    const sv = f64x2.splat(s);
    const nsv = f64x2.splat(-s);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      const x0 = v128.load(x + o);
      const y0 = v128.load(y + o);
      const x1 = v128.load(x + o, 16);
      const y1 = v128.load(y + o, 16);
      const x2 = v128.load(x + o, 32);
      const y2 = v128.load(y + o, 32);
      const x3 = v128.load(x + o, 48);
      const y3 = v128.load(y + o, 48);
      v128.store(x + o, fma2(sv, y0, f64x2.mul(cv, x0)));
      v128.store(y + o, fma2(nsv, x0, f64x2.mul(cv, y0)));
      v128.store(x + o, fma2(sv, y1, f64x2.mul(cv, x1)), 16);
      v128.store(y + o, fma2(nsv, x1, f64x2.mul(cv, y1)), 16);
      v128.store(x + o, fma2(sv, y2, f64x2.mul(cv, x2)), 32);
      v128.store(y + o, fma2(nsv, x2, f64x2.mul(cv, y2)), 32);
      v128.store(x + o, fma2(sv, y3, f64x2.mul(cv, x3)), 48);
      v128.store(y + o, fma2(nsv, x3, f64x2.mul(cv, y3)), 48);
    }
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x0 = v128.load(x + o);
      const y0 = v128.load(y + o);
      v128.store(x + o, fma2(sv, y0, f64x2.mul(cv, x0)));
      v128.store(y + o, fma2(nsv, x0, f64x2.mul(cv, y0)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xi = load<f64>(x + o);
    const yi = load<f64>(y + o);
    store<f64>(x + o, c * xi + s * yi);
    store<f64>(y + o, c * yi - s * xi);
  }
}

// x[i] ← a·x[i], i < n, contiguous.
export function vscal(n: i32, a: f64, x: usize): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(x + o, a * load<f64>(x + o));
  }
}

// Swaps two contiguous rows of length n.
export function vswap(n: i32, x: usize, y: usize): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const t = load<f64>(x + o);
    store<f64>(x + o, load<f64>(y + o));
    store<f64>(y + o, t);
  }
}

// Sets n contiguous values to zero.
export function vzero(n: i32, x: usize): void {
  memory.fill(x, 0, <usize>n << 3);
}

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
