// Comparison helpers for the BLAS specs: one expect per case keeps the specs fast.

/** Largest |a[i] − b[i]|; NaN if any difference is NaN. */
export function maxDiff(a: Float64Array, b: Float64Array): f64 {
  let d: f64 = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]);
    if (isNaN(e)) return NaN;
    if (e > d) d = e;
  }
  return d;
}

/** Largest |got[i] − want[i]| / bound[i] (0/0 counts as 0); NaN if any difference is NaN. */
export function maxScaledDiff(got: Float64Array, want: Float64Array, bound: Float64Array): f64 {
  let d: f64 = 0;
  for (let i = 0; i < got.length; i++) {
    const e = Math.abs(got[i] - want[i]);
    if (isNaN(e)) return NaN;
    if (e == 0) continue;
    const r = e / bound[i];
    if (r > d) d = r;
  }
  return d;
}
