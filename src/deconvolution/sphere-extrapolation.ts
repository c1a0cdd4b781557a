// The inertial (momentum) point of a kernel on the sphere: the geodesic from a_old through a,
// continued a fraction β of the way further.

/**
 * Coefficients (c1, c2) of ẑ = c1·a + c2·a_old = Exp_a(β·ξ), where ξ = −Log_a(a_old) is the
 * velocity at a of the geodesic from a_old to a, i.e. the parallel transport to a of
 * Log_{a_old}(a) (the inertial step of Lau et al. 2020, Alg. 1, taken on the geodesic through
 * both points). With θ the angle between a and a_old (unit vectors):
 *   ẑ = (sin((1 + β)θ)·a − sin(βθ)·a_old) / sin θ,
 * the great-circle point at angle (1 + β)θ from a_old. The coefficients are then rescaled so
 * that ẑ has unit norm in floating point. β = 0, θ = 0 and nearly antipodal points (no unique
 * geodesic) give (1, 0): no momentum.
 */
export function geodesicExtrapolation(a: Float64Array, aOld: Float64Array, beta: number): { c1: number; c2: number } {
  if (beta === 0) return { c1: 1, c2: 0 };
  let d2 = 0;
  for (let i = 0; i < a.length; i++) d2 += (a[i] - aOld[i]) ** 2;
  // θ = 2·asin(‖a − a_old‖/2), accurate for small angles where acos⟨a, a_old⟩ is not.
  const theta = 2 * Math.asin(Math.min(1, Math.sqrt(d2) / 2));
  if (theta === 0 || theta > Math.PI - 1e-6) return { c1: 1, c2: 0 };
  const s = Math.sin(theta);
  let c1 = Math.sin((1 + beta) * theta) / s;
  let c2 = -Math.sin(beta * theta) / s;
  let n2 = 0;
  for (let i = 0; i < a.length; i++) n2 += (c1 * a[i] + c2 * aOld[i]) ** 2;
  const n = Math.sqrt(n2);
  c1 /= n;
  c2 /= n;
  return { c1, c2 };
}
