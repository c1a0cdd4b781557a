import { describe, expect, test } from "vitest";
import { fitSlope, logGrid } from "../../src/landscape/slope.js";

describe("fitSlope", () => {
  const t = logGrid(-8, 0, 49);
  const floor = new Float64Array(49).fill(1e-14);

  test("logGrid spans 10^a … 10^b evenly in log scale", () => {
    expect(t[0]).toBeCloseTo(1e-8, 22);
    expect(t[48]).toBe(1);
    expect(Math.log10(t[1]) - Math.log10(t[0])).toBeCloseTo(1 / 6, 12);
  });

  test("pure power laws: the slope is the exponent", () => {
    for (const p of [1, 2, 3, 4]) {
      const e = t.map((s) => 0.5 * s ** p);
      const fit = fitSlope(t, e, floor, 0.1);
      expect(fit.exact).toBe(false);
      expect(fit.slope).toBeCloseTo(p, 10);
      // The window ends at t ≤ 0.1 and starts where E leaves the floor.
      expect(t[fit.window[1]]).toBeLessThanOrEqual(0.1 + 1e-15);
      expect(e[fit.window[0]]).toBeGreaterThan(1e-14);
    }
  });

  test("a linear term plus a quadratic one (a wrong gradient): slope ≈ 1 from the small-t run", () => {
    const e = t.map((s) => 1e-3 * s + s * s);
    expect(fitSlope(t, e, floor, 0.1).slope).toBeCloseTo(1, 1);
  });

  test("roundoff noise below the floor is ignored; all-noise means exact", () => {
    const noisy = t.map((s, i) => Math.max(s ** 2, 1e-15 * (1 + (i % 3))));
    expect(fitSlope(t, noisy, floor, 0.1).slope).toBeCloseTo(2, 10);
    const exact = fitSlope(t, new Float64Array(49).fill(5e-15), floor, 0.1);
    expect(exact.exact).toBe(true);
    expect(exact.slope).toBeNaN();
    // Zero errors (log = −∞) are never usable.
    expect(fitSlope(t, new Float64Array(49), new Float64Array(49), 0.1).exact).toBe(true);
  });

  test("no linear window of 4 points: NaN slope, not exact", () => {
    // Alternating errors a decade apart never lie on a line within 0.05 decades.
    const e = t.map((_, i) => (i % 2 === 0 ? 1e-6 : 1e-5));
    const fit = fitSlope(t, e, floor, 0.1);
    expect(fit.exact).toBe(false);
    expect(fit.slope).toBeNaN();
    expect(fit.window).toEqual([-1, -1]);
  });
});
