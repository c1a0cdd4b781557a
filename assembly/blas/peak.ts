import { fma2, hsum2 } from "../simd";
import { microKernel, MR, NR } from "./microkernel";

// Peak calibration for the gemm benchmark: n iterations of 13 independent multiply-add chains
// aᵢ ← aᵢ·m + m on f64x2 (fma2: fused in the relaxed-SIMD build, multiply then add in the
// SIMD build), m = x[0] (use 0.5: every chain then converges to 1, no overflow, no
// subnormals), i.e. 52·n flops. Thirteen chains cover the multiply-add latency (4 cycles
// fused, about 6 unfused) × the two FP pipes of current x86 cores, so the loop is bound by FP
// throughput; 13 accumulators + m (+ one product temporary) fit in V8's 15 usable xmm
// registers. On Zen 3 this measured at least as fast as variants with loaded operands or
// loop-invariant products. Returns a sum of the chains so nothing is optimized away.
// Scalar build: the same on f64 (26·n flops).
export function blasPeak(n: i32, x: usize): f64 {
  if (ASC_FEATURE_SIMD) {
    const m = v128.load64_splat(x);
    let a0 = f64x2.splat(0), a1 = f64x2.splat(1), a2 = f64x2.splat(2), a3 = f64x2.splat(3);
    let a4 = f64x2.splat(4), a5 = f64x2.splat(5), a6 = f64x2.splat(6), a7 = f64x2.splat(7);
    let a8 = f64x2.splat(8), a9 = f64x2.splat(9), a10 = f64x2.splat(10), a11 = f64x2.splat(11);
    let a12 = f64x2.splat(12);
    for (let i = 0; i < n; i++) {
      a0 = fma2(a0, m, m);
      a1 = fma2(a1, m, m);
      a2 = fma2(a2, m, m);
      a3 = fma2(a3, m, m);
      a4 = fma2(a4, m, m);
      a5 = fma2(a5, m, m);
      a6 = fma2(a6, m, m);
      a7 = fma2(a7, m, m);
      a8 = fma2(a8, m, m);
      a9 = fma2(a9, m, m);
      a10 = fma2(a10, m, m);
      a11 = fma2(a11, m, m);
      a12 = fma2(a12, m, m);
    }
    let s = f64x2.add(f64x2.add(f64x2.add(a0, a1), f64x2.add(a2, a3)), f64x2.add(f64x2.add(a4, a5), f64x2.add(a6, a7)));
    s = f64x2.add(s, f64x2.add(f64x2.add(f64x2.add(a8, a9), f64x2.add(a10, a11)), a12));
    return hsum2(s);
  } else {
    const m = load<f64>(x);
    let a0: f64 = 0, a1: f64 = 1, a2: f64 = 2, a3: f64 = 3, a4: f64 = 4, a5: f64 = 5, a6: f64 = 6;
    let a7: f64 = 7, a8: f64 = 8, a9: f64 = 9, a10: f64 = 10, a11: f64 = 11, a12: f64 = 12;
    for (let i = 0; i < n; i++) {
      a0 = a0 * m + m;
      a1 = a1 * m + m;
      a2 = a2 * m + m;
      a3 = a3 * m + m;
      a4 = a4 * m + m;
      a5 = a5 * m + m;
      a6 = a6 * m + m;
      a7 = a7 * m + m;
      a8 = a8 * m + m;
      a9 = a9 * m + m;
      a10 = a10 * m + m;
      a11 = a11 * m + m;
      a12 = a12 * m + m;
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12;
  }
}

// Flops per iteration of blasPeak in this build (52 with SIMD, 26 scalar).
export function blasPeakFlopsPerIteration(): i32 {
  return ASC_FEATURE_SIMD ? 52 : 26;
}

// Depth of the slivers blasKernelCeiling runs on.
const CEILING_DEPTH = 256;

// The gemm micro-kernel's own ceiling for the benchmark: `calls` micro-kernel calls (depth 256)
// on one pair of packed slivers, which stay in L1, writing one MR×NR tile at c. pa holds
// MR·256 and pb NR·256 f64 (blasKernelCeilingSizes), c MR·NR. Set beside blasPeak it separates
// the kernel's speed from the blocking's (what gemm loses to packing, edges and cache misses).
export function blasKernelCeiling(calls: i32, pa: usize, pb: usize, c: usize): void {
  for (let i = 0; i < calls; i++) microKernel(CEILING_DEPTH, pa, 8, <usize>MR << 3, pb, c, <usize>NR << 3, 1, 0);
}

// Flops per blasKernelCeiling call (2·MR·NR·256).
export function blasKernelCeilingFlopsPerCall(): i32 {
  return 2 * MR * NR * CEILING_DEPTH;
}

// f64 lengths of blasKernelCeiling's pa and pb (MR·256, NR·256).
export function blasKernelCeilingSizeA(): i32 {
  return MR * CEILING_DEPTH;
}

export function blasKernelCeilingSizeB(): i32 {
  return NR * CEILING_DEPTH;
}
