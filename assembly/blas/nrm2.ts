import { hsum2 } from "../simd";

// dnrm2: sqrt(Σ x[i·incx]²) for i < n, f64, without overflow or harmful underflow: Blue's
// algorithm as in LAPACK 3.10 dnrm2.f90 (E. Anderson, "Algorithm 978: Safe scaling in the
// Level 1 BLAS", ACM TOMS 44(1), 2017). Entries are sorted by size into three accumulators:
// |x| > TBIG summed as (|x|·SBIG)², |x| < TSML as (|x|·SSML)², the rest unscaled; the sums are
// combined at the end. Every scale is a power of two, so scaling is exact. The walk over x
// uses |incx| (the norm does not depend on the order); n ≤ 0 gives 0. NaN gives NaN, ±Inf
// gives Inf. Contiguous x takes an f64x2 path that classifies each lane with masks.
const TSML: f64 = 1.4916681462400413e-154; // 2^-511
const TBIG: f64 = 1.9979190722022350e146; // 2^486
const SSML: f64 = 4.4989137945431964e161; // 2^537
const SBIG: f64 = 1.1113793747425387e-162; // 2^-538

export function nrm2(n: i32, x: usize, incx: i32): f64 {
  if (n <= 0) return 0;
  const step = <usize>(incx < 0 ? -incx : incx) << 3;
  let abig: f64 = 0;
  let amed: f64 = 0;
  let asml: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    if (step == 8) {
      const vtsml = f64x2.splat(TSML);
      const vtbig = f64x2.splat(TBIG);
      const vssml = f64x2.splat(SSML);
      const vsbig = f64x2.splat(SBIG);
      let vbig = f64x2.splat(0);
      let vmed = f64x2.splat(0);
      let vsml = f64x2.splat(0);
      for (; i + 2 <= n; i += 2) {
        const a = f64x2.abs(v128.load(x + (<usize>i << 3)));
        const isBig = f64x2.gt(a, vtbig);
        const isSml = f64x2.lt(a, vtsml);
        const isMed = v128.not(v128.or(isBig, isSml)); // NaN lands here, as in dnrm2
        const b = f64x2.mul(a, vsbig);
        const s = f64x2.mul(a, vssml);
        vbig = f64x2.add(vbig, v128.and(f64x2.mul(b, b), isBig));
        vsml = f64x2.add(vsml, v128.and(f64x2.mul(s, s), isSml));
        vmed = f64x2.add(vmed, v128.and(f64x2.mul(a, a), isMed));
      }
      abig = hsum2(vbig);
      amed = hsum2(vmed);
      asml = hsum2(vsml);
    }
  }
  for (; i < n; i++) {
    const a = Math.abs(load<f64>(x + <usize>i * step));
    if (a > TBIG) {
      const b = a * SBIG;
      abig += b * b;
    } else if (a < TSML) {
      const s = a * SSML;
      asml += s * s;
    } else {
      amed += a * a;
    }
  }
  return combine(abig, amed, asml);
}

// The final step of dnrm2.f90: fold the three scaled sums into one and take the root.
function combine(abig: f64, amed: f64, asml: f64): f64 {
  if (abig > 0) {
    if (amed > 0 || isNaN(amed)) abig += amed * SBIG * SBIG;
    return Math.sqrt(abig) / SBIG;
  }
  if (asml > 0) {
    if (amed > 0 || isNaN(amed)) {
      const med = Math.sqrt(amed);
      const sml = Math.sqrt(asml) / SSML;
      const ymax = sml > med ? sml : med;
      const ymin = sml > med ? med : sml;
      const r = ymin / ymax;
      return ymax * Math.sqrt(1 + r * r);
    }
    return Math.sqrt(asml) / SSML;
  }
  return Math.sqrt(amed);
}
