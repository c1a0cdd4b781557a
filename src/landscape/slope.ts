// The log-log slope fit shared by checkGradient and checkHessian.

/** The result of {@link fitSlope}. */
export interface SlopeFit {
  /** The least-squares slope of log10 E against log10 t over the window (NaN if no window). */
  slope: number;
  /** The window [first, last] of grid indices used (both −1 if none). */
  window: [number, number];
  /** True when every error is at the roundoff floor (the model is exact to working precision). */
  exact: boolean;
}

function lineFit(lx: number[], ly: number[], i: number, j: number): { slope: number; maxResidual: number } {
  const m = j - i + 1;
  let sx = 0, sy = 0;
  for (let p = i; p <= j; p++) { sx += lx[p]; sy += ly[p]; }
  const mx = sx / m, my = sy / m;
  let sxx = 0, sxy = 0;
  for (let p = i; p <= j; p++) { sxx += (lx[p] - mx) ** 2; sxy += (lx[p] - mx) * (ly[p] - my); }
  const slope = sxy / sxx;
  let maxResidual = 0;
  for (let p = i; p <= j; p++) maxResidual = Math.max(maxResidual, Math.abs(ly[p] - my - slope * (lx[p] - mx)));
  return { slope, maxResidual };
}

/**
 * The slope of log10 E(t) against log10 t over the "best window", by this rule:
 * 1. a point is usable if its error is above its roundoff floor (E > floor[i], the caller's
 *    estimate of the rounding error in E: a few ulps of the cost values involved), and t ≤ tMax
 *    (away from the large-t end, where higher-order terms bend the curve);
 * 2. among the runs of consecutive usable points, take the longest window of at least
 *    `minPoints` points whose least-squares line fits every point to within `tolerance` decades
 *    (ties: the window at smaller t, where the leading-order term dominates most);
 * 3. the slope is that line's slope. If no point is usable, the model is exact (`exact: true`).
 */
export function fitSlope(
  t: Float64Array, error: Float64Array, floor: Float64Array, tMax: number, minPoints = 4, tolerance = 0.05,
): SlopeFit {
  const lx: number[] = [], ly: number[] = [], ok: boolean[] = [];
  let anyUsable = false, anyAboveFloor = false;
  for (let i = 0; i < t.length; i++) {
    lx.push(Math.log10(t[i]));
    ly.push(Math.log10(error[i]));
    const above = error[i] > floor[i];
    anyAboveFloor ||= above;
    ok.push(above && t[i] <= tMax && Number.isFinite(ly[i]));
    anyUsable ||= ok[i];
  }
  if (!anyAboveFloor) return { slope: NaN, window: [-1, -1], exact: true };
  let best: [number, number] = [-1, -1], bestSlope = NaN;
  if (anyUsable) {
    for (let i = 0; i < t.length; i++) {
      if (!ok[i]) continue;
      for (let j = i + minPoints - 1; j < t.length; j++) {
        if (!ok[j]) break;
        let allOk = true;
        for (let p = i; p <= j; p++) if (!ok[p]) { allOk = false; break; }
        if (!allOk) break;
        const fit = lineFit(lx, ly, i, j);
        if (fit.maxResidual <= tolerance && j - i > best[1] - best[0]) {
          best = [i, j];
          bestSlope = fit.slope;
        }
      }
    }
  }
  return { slope: bestSlope, window: best, exact: false };
}

/** n points t = 10^a … 10^b evenly spaced in log scale. */
export function logGrid(a: number, b: number, n: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = 10 ** (a + ((b - a) * i) / (n - 1));
  return t;
}
