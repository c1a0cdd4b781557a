import { fma2 } from "../simd";

// Peak calibration for the gemm benchmark: n iterations of 10 independent f64x2 fma2
// (multiply-add; fused in the relaxed-SIMD build) on 4 vectors loaded from x (8 f64, any
// values; small ones keep the sums finite), i.e. 40·n flops. Ten accumulators cover the
// multiply-add latency × the two FP pipes, and the ten products are distinct so no engine
// can share them; the loads keep them from being hoisted. Returns a sum of the accumulators
// so nothing is optimized away. Scalar build: the same with f64 (10 products, 20·n flops).
export function blasPeak(n: i32, x: usize): f64 {
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0), a4 = f64x2.splat(0);
    let a5 = f64x2.splat(0), a6 = f64x2.splat(0), a7 = f64x2.splat(0), a8 = f64x2.splat(0), a9 = f64x2.splat(0);
    for (let i = 0; i < n; i++) {
      const x0 = v128.load(x);
      const x1 = v128.load(x, 16);
      const x2 = v128.load(x, 32);
      const x3 = v128.load(x, 48);
      a0 = fma2(x0, x1, a0);
      a1 = fma2(x0, x2, a1);
      a2 = fma2(x0, x3, a2);
      a3 = fma2(x1, x2, a3);
      a4 = fma2(x1, x3, a4);
      a5 = fma2(x2, x3, a5);
      a6 = fma2(x0, x0, a6);
      a7 = fma2(x1, x1, a7);
      a8 = fma2(x2, x2, a8);
      a9 = fma2(x3, x3, a9);
    }
    const s = f64x2.add(
      f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)),
      f64x2.add(f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)), f64x2.add(a8, a9)),
    );
    return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  } else {
    let a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0, a4: f64 = 0;
    let a5: f64 = 0, a6: f64 = 0, a7: f64 = 0, a8: f64 = 0, a9: f64 = 0;
    for (let i = 0; i < n; i++) {
      const x0 = load<f64>(x);
      const x1 = load<f64>(x, 8);
      const x2 = load<f64>(x, 16);
      const x3 = load<f64>(x, 24);
      a0 += x0 * x1;
      a1 += x0 * x2;
      a2 += x0 * x3;
      a3 += x1 * x2;
      a4 += x1 * x3;
      a5 += x2 * x3;
      a6 += x0 * x0;
      a7 += x1 * x1;
      a8 += x2 * x2;
      a9 += x3 * x3;
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9;
  }
}

// Flops per iteration of blasPeak in this build (40 with SIMD, 20 scalar).
export function blasPeakFlopsPerIteration(): i32 {
  return ASC_FEATURE_SIMD ? 40 : 20;
}
