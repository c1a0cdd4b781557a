import { admmShrink } from "../../../assembly/deconvolution/admm-shrink";
import { fillPattern, ptr, SHAPES } from "../helpers";

const EPS: f64 = 1.1102230246251565e-16;

function softRef(v: f64, t: f64): f64 {
  const a = Math.abs(v) - t;
  if (a > 0) return v < 0 ? -a : a;
  return 0.0;
}

describe("admmShrink", () => {
  test("z⁺ = soft(αx + (1 − α)z + u, τ), u⁺ = u + αx + (1 − α)z − z⁺ bit for bit, and the three sums, on the shape grid, α = 1 and 1.8", () => {
    const alphas: f64[] = [1, 1.8];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let ai = 0; ai < alphas.length; ai++) {
        const alpha = alphas[ai], th: f64 = 0.25;
        const x = fillPattern(n, 1 + si), z0 = fillPattern(n, 2 + si), u0 = fillPattern(n, 3 + si);
        const z = z0.slice(), u = u0.slice(), stats = new Float64Array(3);
        stats[2] = 1; // the sums are added to what is there
        admmShrink(ptr(z), ptr(u), ptr(x), alpha, th, n, ptr(stats));
        let pr: f64 = 0, du: f64 = 0, l1: f64 = 1;
        for (let i = 0; i < n; i++) {
          const xr = alpha * x[i] + (1 - alpha) * z0[i];
          const want = softRef(xr + u0[i], th);
          expect(z[i]).toBe(want);
          expect(u[i]).toBe(u0[i] + xr - want);
          pr += (x[i] - want) * (x[i] - want);
          du += (want - z0[i]) * (want - z0[i]);
          l1 += Math.abs(want);
        }
        const tol = 16 * EPS * <f64>(n + 1) * 16;
        expect(Math.abs(stats[0] - pr)).toBeLessThanOrEqual(tol);
        expect(Math.abs(stats[1] - du)).toBeLessThanOrEqual(tol);
        expect(Math.abs(stats[2] - l1)).toBeLessThanOrEqual(tol);
      }
    }
  });
});
