// Projections onto the unit sphere and the unit ball, with the overflow-safe norm of
// scaledNorm.ts. Layout: contiguous f64 arrays of n entries; `out` may equal `x` (in place)
// but must not otherwise overlap it. Both return ‖x‖ (+Infinity when it overflows f64 though
// the projection itself is still computed safely; NaN or +Infinity for non-finite input).
import { divideScaled, fillNaN, maxAbs, scaleFor, sumSquaresScaled } from "./scaled-norm";

// projectSphere: out = x/‖x‖. Returns ‖x‖. The zero vector has no projection: the kernel then
// returns 0 and writes nothing (the wrapper reports the error). A NaN or ±Infinity entry makes
// every output entry NaN (returns NaN, or +Infinity when the entries are ±Inf and no NaN).
// Each output entry is xᵢ/‖x‖ rounded once, with ‖x‖ carrying ≈ n·2⁻⁵³ relative error from
// the sum of squares, computed in the same order on every build (bit-identical results).
export function projectSphere(out: usize, x: usize, n: i32): f64 {
  const amax = maxAbs(x, n);
  if (amax == 0) return 0;
  if (!isFinite(amax)) {
    fillNaN(out, n);
    return amax;
  }
  const sc = scaleFor(amax);
  const s = Math.sqrt(sumSquaresScaled(x, n, sc));
  divideScaled(out, x, n, s, sc);
  return s / sc;
}

// projectBall: out = x if ‖x‖ ≤ 1, else x/‖x‖ (the projection onto the closed unit ball).
// Returns ‖x‖. The zero vector maps to itself. Non-finite input: as projectSphere.
export function projectBall(out: usize, x: usize, n: i32): f64 {
  const amax = maxAbs(x, n);
  if (!isFinite(amax)) {
    fillNaN(out, n);
    return amax;
  }
  const sc = amax == 0 ? 1.0 : scaleFor(amax);
  const s = Math.sqrt(sumSquaresScaled(x, n, sc));
  const norm = s / sc;
  if (norm <= 1) {
    if (out != x) memory.copy(out, x, <usize>n << 3);
  } else {
    divideScaled(out, x, n, s, sc);
  }
  return norm;
}
