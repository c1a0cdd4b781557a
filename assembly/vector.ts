// Contiguous f64 vector helpers shared by the kernels that work on rows or columns held
// contiguously (the factorizations in linalg/). Internal: never re-exported from index.ts, so
// none becomes a wasm export. Byte pointers, no alignment needed (v128.load/store work
// unaligned); f64x2 paths inside `ASC_FEATURE_SIMD` (fused in the relaxed build through fma2)
// with scalar tails, so the scalar build compiles from the same source.
import { fma2, hsum2 } from "./simd";

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

// w[i] = (((w[i] + a·x[i]) + b·y[i]) + c·z[i]) + d·v[i], i < n, contiguous: two vaxpy2 in one
// pass over w, bit for bit (the same operations in the same order, the same SIMD/scalar split).
// (linalg/qr-vector.ts's vaxpy4 and completion/objective.ts's rowAxpy4 do the same operations
// with the SIMD/scalar split of their own modules' axpys, two entries per step: each matches the
// axpys it replaces bit for bit, which is why there are three.)
export function vaxpy4(
  n: i32, a: f64, x: usize, b: f64, y: usize, c: f64, z: usize, d: f64, v: usize, w: usize,
): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    const bv = f64x2.splat(b);
    const cv = f64x2.splat(c);
    const dv = f64x2.splat(d);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const w0 = fma2(bv, v128.load(y + o), fma2(av, v128.load(x + o), v128.load(w + o)));
      v128.store(w + o, fma2(dv, v128.load(v + o), fma2(cv, v128.load(z + o), w0)));
      const w1 = fma2(bv, v128.load(y + o, 16), fma2(av, v128.load(x + o, 16), v128.load(w + o, 16)));
      v128.store(w + o, fma2(dv, v128.load(v + o, 16), fma2(cv, v128.load(z + o, 16), w1)), 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const w0 = load<f64>(w + o) + a * load<f64>(x + o) + b * load<f64>(y + o);
    store<f64>(w + o, w0 + c * load<f64>(z + o) + d * load<f64>(v + o));
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

// x[i] *= a for i < n.
export function vscal(n: i32, a: f64, x: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(x + o, f64x2.mul(av, v128.load(x + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(x + o, a * load<f64>(x + o));
  }
}

// max |x[i]| for i < n (0 for n = 0).
export function vmaxabs(n: i32, x: usize): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = abs<f64>(load<f64>(x + (<usize>i << 3)));
    if (v > m) m = v;
  }
  return m;
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
