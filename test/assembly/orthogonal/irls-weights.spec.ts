import { irlsSqrtWeights } from "../../../assembly/orthogonal/irls-weights";
import { fillPattern, ptr, SHAPES } from "../helpers";

describe("irlsSqrtWeights", () => {
  test("out[i] = 1/√max(|z[i]|, ε) on the shape grid, with entries below and above ε, and in place", () => {
    const eps: f64 = 0.25;
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const z = fillPattern(n, si + 40);
      const out = new Float64Array(n);
      irlsSqrtWeights(ptr(out), ptr(z), eps, n);
      for (let i = 0; i < n; i++) {
        const m = Math.abs(z[i]) > eps ? Math.abs(z[i]) : eps;
        expect(out[i]).toBe(1.0 / Math.sqrt(m));
      }
      irlsSqrtWeights(ptr(z), ptr(z), eps, n);
      for (let i = 0; i < n; i++) expect(z[i]).toBe(out[i]);
    }
  });
});
