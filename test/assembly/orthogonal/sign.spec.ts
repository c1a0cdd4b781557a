import { signAbsSum } from "../../../assembly/orthogonal/sign";
import { fillPattern, ptr, SHAPES } from "../helpers";

describe("signAbsSum", () => {
  test("writes sign(x) ∈ {−1, 0, 1} and returns Σ|x|, on the shape grid with zeros, ±0 and in place", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, 3 * si + 1);
      for (let i = 0; i < n; i += 3) x[i] = 0;
      for (let i = 1; i < n; i += 7) x[i] = -0.0;
      let want: f64 = 0;
      for (let i = 0; i < n; i++) want += Math.abs(x[i]);
      const out = new Float64Array(n);
      const s = signAbsSum(ptr(out), ptr(x), n);
      expect(Math.abs(s - want)).toBeLessThanOrEqual(<f64>(n + 1) * 2.3e-16 * want);
      for (let i = 0; i < n; i++) {
        const ref: f64 = x[i] > 0 ? 1 : x[i] < 0 ? -1 : 0;
        expect(out[i]).toBe(ref);
      }
      signAbsSum(ptr(x), ptr(x), n);
      for (let i = 0; i < n; i++) expect(x[i]).toBe(out[i]);
    }
  });

  test("NaN gives sign 0 and a NaN sum", () => {
    const x = new Float64Array(3);
    x[0] = 2;
    x[1] = NaN;
    x[2] = -1;
    const out = new Float64Array(3);
    expect(isNaN(signAbsSum(ptr(out), ptr(x), 3))).toBe(true);
    expect(out[0]).toBe(1);
    expect(out[1]).toBe(0);
    expect(out[2]).toBe(-1);
  });
});
