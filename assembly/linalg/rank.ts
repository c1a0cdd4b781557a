// The numerical rank of a pivoted QR factorization by incremental condition estimation
// (Bischof, "Incremental condition estimation", SIAM J. Matrix Anal. Appl. 11(2), 1990), as
// LAPACK's least-squares driver xGELSY decides it (with its step xLAIC1).
import { vdot, vscal } from "../vector";

// Unit roundoff 2⁻⁵³: entries below it relative to another are negligible next to it.
const EPS: f64 = 1.1102230246251565e-16;

// The results of the last conditionStep: the new estimate and the rotation (s, c).
let stepEstimate: f64 = 0;
let stepSine: f64 = 0;
let stepCosine: f64 = 0;

// Sets (stepSine, stepCosine) to (s, c)/‖(s, c)‖.
function setRotation(s: f64, c: f64): void {
  const scale = sqrt<f64>(s * s + c * c);
  stepSine = s / scale;
  stepCosine = c / scale;
}

// One step of incremental condition estimation. x (unit norm, length j) approximates an extreme
// (largest if `largest`, else smallest) right singular vector of the j×j lower triangular L with
// ‖L·x‖ = est. For L̂ = [L 0; wᵀ γ] the vector x̂ = [s·x; c] is taken as the unit eigenvector of
// the matching extreme eigenvalue σ̂² of
//
//   diag(est², 0) + [α; γ]·[α γ],   α = xᵀw,
//
// (the quadratic form ‖L̂·x̂‖² on such x̂), and σ̂ is the new estimate. Scaled by est², the
// matrix is diag(1, 0) + z·zᵀ with z = (α, γ)/est; its eigenvalues μ solve the secular equation
// 1 + ζ₁²/(1 − μ) − ζ₂²/μ = 0 and its eigenvectors are (ζ₁/(μ − 1), ζ₂/μ). μ − 1 and μ are each
// computed from the quadratic they satisfy, directly in the variable nearest zero, so that
// neither is a difference of nearly equal numbers (as in Bunch, Nielsen & Sorensen 1978). Cases
// where α, γ or est is negligible next to the others are decoupled first.
function conditionStep(largest: bool, j: i32, x: usize, est: f64, w: usize, gamma: f64): void {
  const alpha = vdot(j, x, w);
  const absAlpha = abs<f64>(alpha);
  const absGamma = abs<f64>(gamma);
  const absEst = abs<f64>(est);
  if (absEst == 0 || absEst <= EPS * absAlpha || absEst <= EPS * absGamma) {
    // est negligible: the matrix is (α, γ)·(α, γ)ᵀ plus at most rounding, of rank ≤ 1.
    const scale = max<f64>(absAlpha, absGamma);
    if (scale == 0) {
      stepEstimate = largest ? 0 : absEst;
      setRotation(largest ? 0 : 1, largest ? 1 : 0);
      return;
    }
    const a = alpha / scale;
    const g = gamma / scale;
    const norm = sqrt<f64>(a * a + g * g);
    if (largest) {
      stepEstimate = scale * norm;
      setRotation(a, g);
    } else {
      // The product of the two eigenvalues is est²·γ².
      stepEstimate = (absEst * (absGamma / scale)) / norm;
      setRotation(-g, a);
    }
    return;
  }
  if (absGamma <= EPS * absEst) {
    // γ negligible: eigenvalues est² + α² and (about) γ², eigenvectors e₁ and e₂.
    if (largest) {
      const scale = max<f64>(absEst, absAlpha);
      const e = absEst / scale;
      const a = absAlpha / scale;
      stepEstimate = scale * sqrt<f64>(e * e + a * a);
      setRotation(1, 0);
    } else {
      stepEstimate = absGamma;
      setRotation(0, 1);
    }
    return;
  }
  if (absAlpha <= EPS * absEst) {
    // α negligible: the matrix is diag(est², γ²).
    const firstIsLarger = absEst >= absGamma;
    stepEstimate = largest == firstIsLarger ? absEst : absGamma;
    setRotation(largest == firstIsLarger ? 1 : 0, largest == firstIsLarger ? 0 : 1);
    return;
  }
  const z1 = alpha / absEst;
  const z2 = gamma / absEst;
  // μ = 1 + t with t² − 2b·t − ζ₁² = 0, b = (ζ₁² + ζ₂² − 1)/2: t > 0 for the largest eigenvalue,
  // t ∈ (−1, 0) for the smallest; the roots are b ± √(b² + ζ₁²).
  const b = (z1 * z1 + z2 * z2 - 1) * 0.5;
  const root = sqrt<f64>(b * b + z1 * z1);
  if (largest) {
    const t = b > 0 ? b + root : (z1 * z1) / (root - b);
    stepEstimate = sqrt<f64>(1 + t) * absEst;
    setRotation(z1 / t, z2 / (1 + t));
    return;
  }
  // The smallest eigenvalue lies in (0, 1); the secular function at ½, 1 + 2ζ₁² − 2ζ₂², says
  // whether it is nearer 0 (compute μ) or nearer 1 (compute t = μ − 1).
  if (1 + 2 * (z1 - z2) * (z1 + z2) >= 0) {
    // μ² − (1 + ζ₁² + ζ₂²)·μ + ζ₂² = 0, smaller root ζ₂²/(larger root); the discriminant is
    // ((1 − |ζ₂|)² + ζ₁²)·((1 + |ζ₂|)² + ζ₁²)/4, a product of sums with no cancellation.
    const a2 = abs<f64>(z2);
    const half = (1 + z1 * z1 + z2 * z2) * 0.5;
    const disc = sqrt<f64>(((1 - a2) * (1 - a2) + z1 * z1) * ((1 + a2) * (1 + a2) + z1 * z1)) * 0.5;
    const mu = (z2 * z2) / (half + disc);
    stepEstimate = sqrt<f64>(mu) * absEst;
    setRotation(z1 / (mu - 1), z2 / mu);
  } else {
    const t = b >= 0 ? -(z1 * z1) / (b + root) : b - root;
    stepEstimate = sqrt<f64>(1 + t) * absEst;
    setRotation(z1 / t, z2 / (1 + t));
  }
}

// qrPivotRank: the numerical rank of A from its pivoted QR (qrPivotFactor(f, m, n, …)): the
// largest r such that the leading r×r triangle R₁₁ of R has estimated condition number
// σ_max(R₁₁)/σ_min(R₁₁) ≤ 1/rcond, growing R₁₁ one column at a time and stopping at the first
// column that would exceed it (LAPACK xGELSY). The estimates of σ_max and σ_min of R₁₁ are kept
// with their approximate singular vectors (conditionStep on Lᵀ = R₁₁ᵀ: row i of it is the
// contiguous column R(0:i, i)). 0 when R₀₀ = 0 (A = 0). O(k²) flops for k = min(m, n).
// work: 2·min(m, n) f64.
export function qrPivotRank(f: usize, m: i32, n: i32, rcond: f64, work: usize): i32 {
  const k = min(m, n);
  if (k == 0) return 0;
  const ld = <usize>m << 3;
  const first = abs<f64>(load<f64>(f));
  if (first == 0) return 0;
  const xmin = work;
  const xmax = work + (<usize>k << 3);
  store<f64>(xmin, 1);
  store<f64>(xmax, 1);
  let smin = first;
  let smax = first;
  let rank = 1;
  while (rank < k) {
    const column = f + <usize>rank * ld;
    const gamma = load<f64>(column + (<usize>rank << 3));
    conditionStep(false, rank, xmin, smin, column, gamma);
    const newMin = stepEstimate;
    const minSine = stepSine;
    const minCosine = stepCosine;
    conditionStep(true, rank, xmax, smax, column, gamma);
    const newMax = stepEstimate;
    if (newMax * rcond > newMin) break;
    vscal(rank, minSine, xmin);
    store<f64>(xmin + (<usize>rank << 3), minCosine);
    vscal(rank, stepSine, xmax);
    store<f64>(xmax + (<usize>rank << 3), stepCosine);
    smin = newMin;
    smax = newMax;
    rank++;
  }
  return rank;
}
