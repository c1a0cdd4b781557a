// The pseudo-Huber penalty h(x) = √(x² + μ²) − μ (a smooth ℓ1: Charbonnier et al. 1994;
// Hartley & Zisserman 2003, A6.8) and its derivatives, entrywise, weighted by λ:
//   λh(x),  λh′(x) = λx/√(x² + μ²),  λh″(x) = λμ²/(x² + μ²)^{3/2}.
// h is convex, C^∞, ≈ |x| − μ for |x| ≫ μ and ≈ x²/(2μ) for |x| ≪ μ.

// slope[i] = λh′(x[i]), curvature[i] = λh″(x[i]) (each skipped when its pointer is 0); returns
// Σ λh(x[i]), with h(x) = x²/(√(x² + μ²) + μ) (no cancellation for small x). λ ≥ 0, μ > 0.
export function pseudoHuber(slope: usize, curvature: usize, x: usize, lambda: f64, mu: f64, n: i32): f64 {
  const mu2 = mu * mu;
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    const s = Math.sqrt(v * v + mu2);
    total += (v * v) / (s + mu);
    if (slope != 0) store<f64>(slope + o, (lambda * v) / s);
    if (curvature != 0) store<f64>(curvature + o, (lambda * mu2) / (s * s * s));
  }
  return lambda * total;
}
