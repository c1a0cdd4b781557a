import { lassoCdSweep } from "../../../assembly/sparse-coding/cd-sweep";
import { lassoRowStats } from "../../../assembly/sparse-coding/row-stats";
import { fillPattern, ptr } from "../helpers";
import { correlate, dictionary, gramOf, part, WIDTHS } from "./fixtures";

// Plain reference sweep: the gradient recomputed in full before every coordinate update.
function sweepRef(x: Float64Array, o: i32, k: i32, g: Float64Array, b: Float64Array, lambda: f64, nonnegative: bool): void {
  for (let i = 0; i < k; i++) {
    let gi = -b[o + i];
    for (let j = 0; j < k; j++) gi += g[i * k + j] * x[o + j];
    const d = g[i * k + i];
    const z = x[o + i] - gi / d;
    const t = lambda / d;
    let xn: f64 = 0;
    if (nonnegative) {
      if (z - t > 0) xn = z - t;
    } else if (Math.abs(z) > t) {
      xn = z > 0 ? z - t : z + t;
    }
    x[o + i] = xn;
  }
}

describe("lassoCdSweep", () => {
  test("one sweep matches the plain reference, and leaves the gradient at the new point", () => {
    const n = 12;
    for (let wi = 0; wi < WIDTHS.length; wi++) {
      const k = WIDTHS[wi];
      const a = dictionary(n, k, 50 + wi);
      const gram = gramOf(a, n, k);
      for (let rows = 0; rows <= 3; rows++) {
        for (let nn = 0; nn < 2; nn++) {
          const nonnegative = nn == 1;
          const y = fillPattern(max(rows, 1) * n, 60 + wi);
          const b = new Float64Array(rows * k);
          for (let r = 0; r < rows; r++) {
            const br = correlate(a, n, k, y, r * n);
            for (let i = 0; i < k; i++) b[r * k + i] = br[i];
          }
          const x = fillPattern(rows * k, 70 + wi);
          for (let i = 0; i < rows * k; i++) {
            if (nonnegative) x[i] = Math.abs(x[i]);
            if (i % 3 == 0) x[i] = 0;
          }
          const want = part(x, 0, rows * k);
          for (let r = 0; r < rows; r++) sweepRef(want, r * k, k, gram, b, 0.2, nonnegative);
          const grad = fillPattern(rows * k, 80); // garbage: the sweep recomputes it
          const step = new Float64Array(max(rows, 1));
          const x0 = part(x, 0, rows * k);
          lassoCdSweep(rows, k, ptr(x), ptr(grad), ptr(b), ptr(gram), 0.2, nonnegative ? 1 : 0, ptr(step));
          for (let r = 0; r < rows; r++) {
            let s2: f64 = 0;
            for (let i = 0; i < k; i++) {
              const j = r * k + i;
              expect(Math.abs(x[j] - want[j])).toBeLessThanOrEqual(1e-12);
              s2 += (x[j] - x0[j]) * (x[j] - x0[j]);
              let gi = -b[j];
              for (let t = 0; t < k; t++) gi += gram[i * k + t] * x[r * k + t];
              expect(Math.abs(grad[j] - gi)).toBeLessThanOrEqual(1e-12);
            }
            expect(Math.abs(step[r] - s2)).toBeLessThanOrEqual(1e-12);
          }
        }
      }
    }
  });

  test("repeated sweeps drive the KKT violation to rounding level", () => {
    const n = 20;
    const k = 9;
    const a = dictionary(n, k, 5);
    const gram = gramOf(a, n, k);
    const y = fillPattern(n, 6);
    const b = correlate(a, n, k, y, 0);
    for (let nn = 0; nn < 2; nn++) {
      const x = new Float64Array(k);
      const grad = new Float64Array(k);
      const step = new Float64Array(1);
      for (let s = 0; s < 300; s++) lassoCdSweep(1, k, ptr(x), ptr(grad), ptr(b), ptr(gram), 0.1, nn, ptr(step));
      const yy = new Float64Array(1);
      const violation = new Float64Array(1);
      const objective = new Float64Array(1);
      lassoRowStats(1, k, ptr(x), ptr(grad), ptr(b), ptr(yy), 0.1, nn, ptr(violation), ptr(objective));
      expect(violation[0]).toBeLessThanOrEqual(1e-12);
    }
  });
});
