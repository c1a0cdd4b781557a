// Fused multi-vector helpers of the QR, Cholesky and LU kernels (several dot products or axpys
// in one pass over memory; the single-vector loops are in ../vector.ts). Not re-exported from
// index.ts, so none becomes a wasm export. Byte pointers to contiguous f64 data; an f64x2 path
// inside `ASC_FEATURE_SIMD` with a scalar tail, so the scalar build compiles from the same source.
import { fma2, hsum2 } from "../simd";

// The second result of the last vdot2 call (a module global, so no workspace is needed).
export let vdot2Second: f64 = 0;

// Two dot products against the same x in one pass: returns Σ x·y and leaves Σ x·z in
// `vdot2Second`.
export function vdot2(n: i32, x: usize, y: usize, z: usize): f64 {
  let i = 0;
  let s: f64 = 0;
  let t: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0);
    let b0 = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      a0 = fma2(xv, v128.load(y + o), a0);
      b0 = fma2(xv, v128.load(z + o), b0);
    }
    s = hsum2(a0);
    t = hsum2(b0);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o);
    s += xv * load<f64>(y + o);
    t += xv * load<f64>(z + o);
  }
  vdot2Second = t;
  return s;
}

// The four results of the last vdot4 call (module globals, so no workspace is needed).
export let vdot4R0: f64 = 0;
export let vdot4R1: f64 = 0;
export let vdot4R2: f64 = 0;
export let vdot4R3: f64 = 0;

// Four dot products against the same x in one pass: Σ x·y₀ … Σ x·y₃ into vdot4R0 … vdot4R3
// (x is loaded once for the four).
export function vdot4(n: i32, x: usize, y0: usize, y1: usize, y2: usize, y3: usize): void {
  let i = 0;
  let s0: f64 = 0;
  let s1: f64 = 0;
  let s2: f64 = 0;
  let s3: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      a0 = fma2(xv, v128.load(y0 + o), a0);
      a1 = fma2(xv, v128.load(y1 + o), a1);
      a2 = fma2(xv, v128.load(y2 + o), a2);
      a3 = fma2(xv, v128.load(y3 + o), a3);
    }
    s0 = hsum2(a0);
    s1 = hsum2(a1);
    s2 = hsum2(a2);
    s3 = hsum2(a3);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o);
    s0 += xv * load<f64>(y0 + o);
    s1 += xv * load<f64>(y1 + o);
    s2 += xv * load<f64>(y2 + o);
    s3 += xv * load<f64>(y3 + o);
  }
  vdot4R0 = s0;
  vdot4R1 = s1;
  vdot4R2 = s2;
  vdot4R3 = s3;
}

// y[i] += a·x[i] + b·z[i] + c·w[i] + d·t[i] for i < n: four axpys in one pass over y, rounded
// exactly as the four axpys one after another (left to right).
export function vaxpy4(n: i32, a: f64, x: usize, b: f64, z: usize, c: f64, w: usize, d: f64, t: usize, y: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a);
    const bv = f64x2.splat(b);
    const cv = f64x2.splat(c);
    const dv = f64x2.splat(d);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      let acc = fma2(av, v128.load(x + o), v128.load(y + o));
      acc = fma2(bv, v128.load(z + o), acc);
      acc = fma2(cv, v128.load(w + o), acc);
      v128.store(y + o, fma2(dv, v128.load(t + o), acc));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) + a * load<f64>(x + o) + b * load<f64>(z + o) + c * load<f64>(w + o) + d * load<f64>(t + o));
  }
}

// y_r[i] += s_r·x[i] for r = 0…3 and i < n: a rank-1 update of four vectors, x loaded once.
export function vaxpyTo4(n: i32, x: usize, s0: f64, y0: usize, s1: f64, y1: usize, s2: f64, y2: usize, s3: f64, y3: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const a0 = f64x2.splat(s0);
    const a1 = f64x2.splat(s1);
    const a2 = f64x2.splat(s2);
    const a3 = f64x2.splat(s3);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      v128.store(y0 + o, fma2(a0, xv, v128.load(y0 + o)));
      v128.store(y1 + o, fma2(a1, xv, v128.load(y1 + o)));
      v128.store(y2 + o, fma2(a2, xv, v128.load(y2 + o)));
      v128.store(y3 + o, fma2(a3, xv, v128.load(y3 + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o);
    store<f64>(y0 + o, load<f64>(y0 + o) + s0 * xv);
    store<f64>(y1 + o, load<f64>(y1 + o) + s1 * xv);
    store<f64>(y2 + o, load<f64>(y2 + o) + s2 * xv);
    store<f64>(y3 + o, load<f64>(y3 + o) + s3 * xv);
  }
}
