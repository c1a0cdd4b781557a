// irlsSqrtWeights: the square roots of the reweighting of iteratively reweighted least squares for
// ℓ¹ (Daubechies, DeVore, Fornasier & Güntürk, "Iteratively reweighted least squares minimization
// for sparse recovery", CPAM 63, 2010): out[i] = 1/√max(|z[i]|, ε), so that Σ out[i]²·z[i]² is
// the weighted quadratic that majorizes Σ |z[i]| at the current point (up to a constant) with
// the ε-floor keeping the weights bounded. ε > 0 (checked by the caller). `out` may equal `z`.
export function irlsSqrtWeights(out: usize, z: usize, eps: f64, n: i32): usize {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, 1.0 / Math.sqrt(max<f64>(abs<f64>(load<f64>(z + o)), eps)));
  }
  return out;
}
