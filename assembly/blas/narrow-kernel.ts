import { fma2 } from "../simd";
import { MR, NR, put } from "./microkernel";

// The first four columns of a tile, C[0:MR, 0:4] = alpha·(Ã·B̃[:, 0:4]) + beta·C, for the last
// sliver of op(B) when it holds at most 4 columns: a whole-tile kernel would spend a third of
// its work on the zero padding, which matters when n is small (e.g. n = 10, the thin
// right-hand sides of factorizations). B̃ is a packed NR-wide sliver as for microKernel, and the
// other arguments are as there. SIMD builds only (MR×NR = 3×6; the scalar build has NR = 4 and
// never calls it).
export function narrowKernel(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64): void {
  if (ar == 8 && ak == <usize>MR << 3) tileMRx4(kc, pa, 8, <usize>MR << 3, pb, c, rs, alpha, beta, true);
  else tileMRx4(kc, pa, ar, ak, pb, c, rs, alpha, beta, false);
}

// MR×4 with 2·MR f64x2 accumulators (packed: as in microkernel.ts, immediate load offsets).
// @ts-ignore: decorator
@inline function tileMRx4(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64, packed: bool): void {
  if (ASC_FEATURE_SIMD) {
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0);
    let c10 = f64x2.splat(0), c11 = f64x2.splat(0);
    let c20 = f64x2.splat(0), c21 = f64x2.splat(0);
    const step = <usize>NR << 3;
    const end = pb + <usize>kc * step;
    while (pb < end) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      let t = v128.load64_splat(pa);
      c00 = fma2(t, b0, c00);
      c01 = fma2(t, b1, c01);
      t = packed ? v128.load64_splat(pa, 8) : v128.load64_splat(pa + ar);
      c10 = fma2(t, b0, c10);
      c11 = fma2(t, b1, c11);
      t = packed ? v128.load64_splat(pa, 16) : v128.load64_splat(pa + 2 * ar);
      c20 = fma2(t, b0, c20);
      c21 = fma2(t, b1, c21);
      pa += ak;
      pb += step;
    }
    const va = f64x2.splat(alpha);
    const vb = f64x2.splat(beta);
    if (beta != 0) {
      putRow2(c, c00, c01, va, vb, true);
      putRow2(c + rs, c10, c11, va, vb, true);
      putRow2(c + 2 * rs, c20, c21, va, vb, true);
    } else {
      putRow2(c, c00, c01, va, vb, false);
      putRow2(c + rs, c10, c11, va, vb, false);
      putRow2(c + 2 * rs, c20, c21, va, vb, false);
    }
  }
}

// @ts-ignore: decorator
@inline function putRow2(c: usize, x0: v128, x1: v128, va: v128, vb: v128, readC: bool): void {
  put(c, x0, va, vb, readC);
  put(c + 16, x1, va, vb, readC);
}

// The first two columns of a tile, C[0:MR, 0:2] = alpha·(Ã·B̃[:, 0:2]) + beta·C, for a last
// sliver of op(B) holding one or two columns (n = 6·j + 1 or 2): the MR×4 kernel would spend
// half or more of its work on zero padding. One f64x2 of B per k-step gives only MR independent
// multiply-add chains, too few to cover the
// multiply-add latency, so the k-steps alternate between two accumulator sets (even and odd k).
// Arguments as narrowKernel.
export function narrowKernel2(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64): void {
  if (ASC_FEATURE_SIMD) {
    let e0 = f64x2.splat(0), e1 = f64x2.splat(0), e2 = f64x2.splat(0);
    let o0 = f64x2.splat(0), o1 = f64x2.splat(0), o2 = f64x2.splat(0);
    const step = <usize>NR << 3;
    let p = 0;
    for (; p + 2 <= kc; p += 2) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb + step);
      const pa1 = pa + ak;
      e0 = fma2(v128.load64_splat(pa), b0, e0);
      o0 = fma2(v128.load64_splat(pa1), b1, o0);
      e1 = fma2(v128.load64_splat(pa + ar), b0, e1);
      o1 = fma2(v128.load64_splat(pa1 + ar), b1, o1);
      e2 = fma2(v128.load64_splat(pa + 2 * ar), b0, e2);
      o2 = fma2(v128.load64_splat(pa1 + 2 * ar), b1, o2);
      pa += 2 * ak;
      pb += 2 * step;
    }
    if (p < kc) {
      const b0 = v128.load(pb);
      e0 = fma2(v128.load64_splat(pa), b0, e0);
      e1 = fma2(v128.load64_splat(pa + ar), b0, e1);
      e2 = fma2(v128.load64_splat(pa + 2 * ar), b0, e2);
    }
    const va = f64x2.splat(alpha);
    const vb = f64x2.splat(beta);
    const readC = beta != 0;
    put(c, f64x2.add(e0, o0), va, vb, readC);
    put(c + rs, f64x2.add(e1, o1), va, vb, readC);
    put(c + 2 * rs, f64x2.add(e2, o2), va, vb, readC);
  }
}
