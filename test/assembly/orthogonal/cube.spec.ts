import { cubeFourthPowerSum } from "../../../assembly/orthogonal/cube";
import { fillPattern, ptr, SHAPES } from "../helpers";

describe("cubeFourthPowerSum", () => {
  test("cubes every entry bit for bit and sums the fourth powers to rounding, on the shape grid and in place", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, si);
      let want: f64 = 0;
      let scale: f64 = 0;
      for (let i = 0; i < n; i++) {
        want += x[i] * x[i] * x[i] * x[i];
        scale += Math.abs(x[i] * x[i] * x[i] * x[i]);
      }
      const out = new Float64Array(n);
      const s = cubeFourthPowerSum(ptr(out), ptr(x), n);
      expect(Math.abs(s - want)).toBeLessThanOrEqual(<f64>(n + 1) * 2.3e-16 * scale);
      for (let i = 0; i < n; i++) expect(out[i]).toBe(x[i] * x[i] * x[i]);
      const y = fillPattern(n, si);
      const s2 = cubeFourthPowerSum(ptr(y), ptr(y), n);
      expect(s2).toBe(s);
      for (let i = 0; i < n; i++) expect(y[i]).toBe(out[i]);
    }
  });

  test("n = 0 writes nothing and sums to 0; NaN propagates", () => {
    const out = new Float64Array(2);
    out[0] = 7;
    const x = fillPattern(2, 1);
    expect(cubeFourthPowerSum(ptr(out), ptr(x), 0)).toBe(0);
    expect(out[0]).toBe(7);
    const z = new Float64Array(5);
    z[3] = NaN;
    const cubes = new Float64Array(5);
    expect(isNaN(cubeFourthPowerSum(ptr(cubes), ptr(z), 5))).toBe(true);
    expect(isNaN(cubes[3])).toBe(true);
  });
});
