// logCoshDerivatives: the smoothed ℓ¹ surrogate h_μ(z) = μ·log cosh(z/μ) of Sun, Qu & Wright
// ("Complete dictionary recovery over the sphere I", IEEE Trans. IT 63(2), 2017, eq. (1.3)) and
// its first two derivatives, entry by entry:
//   t[i] = h′(z[i]) = tanh(z[i]/μ),   w[i] = h″(z[i]) = sech²(z[i]/μ)/μ,   returns Σ h_μ(z[i]).
// With a = |z|/μ and e = exp(−2a) ∈ (0, 1]: log cosh(a) = a + log1p(e) − log 2, tanh(a) =
// (1 − e)/(1 + e), sech²(a) = 4e/(1 + e)² — no overflow for any finite z (cosh(a) itself overflows
// past a ≈ 710) and sech² keeps full relative accuracy where 1 − tanh² would cancel.
// Layout: contiguous f64 arrays of n entries; t and w must not overlap z or each other. μ > 0
// (checked by the caller). Scalar only: exp and log1p dominate.
const LOG2: f64 = 0.6931471805599453;

export function logCoshDerivatives(t: usize, w: usize, z: usize, mu: f64, n: i32): f64 {
  let s: f64 = 0;
  const inv = 1.0 / mu;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(z + o);
    const a = abs<f64>(v) * inv;
    const e = Math.exp(-2.0 * a);
    const d = 1.0 + e;
    s += a + Math.log1p(e) - LOG2;
    store<f64>(t + o, copysign<f64>((1.0 - e) / d, v));
    store<f64>(w + o, (4.0 * e / (d * d)) * inv);
  }
  return mu * s;
}
