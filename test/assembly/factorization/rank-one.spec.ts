import { rankOneResidual } from "../../../assembly/factorization/rank-one";
import { fillPattern, ptr, SHAPES } from "../helpers";

const EPS: f64 = 2.220446049250313e-16;

describe("rankOneResidual", () => {
  test("matches the explicit residual R = X − uuᵀ: ¼‖R‖² and −Ru, on the shape grid", () => {
    for (let s = 0; s < SHAPES.length; s++) {
      const n = SHAPES[s];
      const x = fillPattern(n * n, 3 + s);
      const u = fillPattern(n, 40 + s);
      const grad = new Float64Array(n);
      const cost = rankOneResidual(n, ptr(x), ptr(u), ptr(grad));
      // Reference: the residual stored, then its squared norm and product, with Σ|terms| bounds.
      let want: f64 = 0;
      for (let i = 0; i < n; i++) {
        let g: f64 = 0;
        let bound: f64 = 0;
        for (let j = 0; j < n; j++) {
          const r = x[i * n + j] - u[i] * u[j];
          want += r * r;
          g += r * u[j];
          bound += Math.abs(r * u[j]);
        }
        expect(Math.abs(grad[i] + g)).toBeLessThanOrEqual(4 * <f64>(n + 1) * EPS * bound + 1e-300);
      }
      want /= 4;
      expect(Math.abs(cost - want)).toBeLessThanOrEqual(4 * <f64>(n + 1) * EPS * want + 1e-300);
    }
  });
});
