import { lassoRowStats } from "../../../assembly/sparse-coding/row-stats";
import { fillPattern, ptr } from "../helpers";
import { sameBits, WIDTHS } from "./fixtures";

// Plain reference: the KKT violation entry by entry, and the objective's three sums.
function statsRef(
  x: Float64Array, g: Float64Array, b: Float64Array, o: i32, k: i32, yy: f64, lambda: f64, nonnegative: bool,
  out: Float64Array,
): void {
  let worst: f64 = 0;
  let l1: f64 = 0;
  let q: f64 = 0;
  for (let i = 0; i < k; i++) {
    const xi = x[o + i];
    const gi = g[o + i];
    let v: f64;
    if (nonnegative) v = xi > 0 ? Math.abs(gi + lambda) : Math.max(-(gi + lambda), 0);
    else if (xi > 0) v = Math.abs(gi + lambda);
    else if (xi < 0) v = Math.abs(gi - lambda);
    else v = Math.max(Math.abs(gi) - lambda, 0);
    if (v > worst) worst = v;
    l1 += Math.abs(xi);
    q += xi * (gi - b[o + i]);
  }
  out[0] = worst;
  out[1] = 0.5 * yy + 0.5 * q + lambda * l1;
}

describe("lassoRowStats", () => {
  test("matches the reference: the violation bit for bit, the objective to rounding", () => {
    for (let wi = 0; wi < WIDTHS.length; wi++) {
      const k = WIDTHS[wi];
      for (let rows = 0; rows <= 3; rows++) {
        for (let nn = 0; nn < 2; nn++) {
          const nonnegative = nn == 1;
          for (let li = 0; li < 3; li++) {
            const lambda: f64 = li == 0 ? 0.0 : li == 1 ? 0.25 : 0.6;
            const n = rows * k;
            const x = fillPattern(n, 5 + wi);
            const g = fillPattern(n, 15 + wi);
            const b = fillPattern(n, 25 + wi);
            for (let i = 0; i < n; i++) {
              if (nonnegative) x[i] = Math.abs(x[i]);
              if (i % 3 == 1) x[i] = i % 6 == 1 ? -0.0 : 0.0;
            }
            const yy = fillPattern(max(rows, 1), 7);
            for (let r = 0; r < rows; r++) yy[r] = 4 + yy[r];
            const violation = new Float64Array(max(rows, 1));
            const objective = new Float64Array(max(rows, 1));
            lassoRowStats(rows, k, ptr(x), ptr(g), ptr(b), ptr(yy), lambda, nonnegative ? 1 : 0, ptr(violation), ptr(objective));
            const want = new Float64Array(2);
            for (let r = 0; r < rows; r++) {
              statsRef(x, g, b, r * k, k, yy[r], lambda, nonnegative, want);
              expect(sameBits(violation[r], want[0])).toBe(true);
              expect(Math.abs(objective[r] - want[1])).toBeLessThanOrEqual(1e-14 * (4 + <f64>k));
            }
          }
        }
      }
    }
  });

  test("the violation is 0 exactly where the KKT conditions hold", () => {
    // x = (2, 0, −1, 0), λ = 0.5: g = (−0.5, 0.3, 0.5, −0.5) satisfies them (the last at the boundary).
    const x = new Float64Array(4);
    x[0] = 2; x[2] = -1;
    const g = new Float64Array(4);
    g[0] = -0.5; g[1] = 0.3; g[2] = 0.5; g[3] = -0.5;
    const b = new Float64Array(4);
    const yy = new Float64Array(1);
    const violation = new Float64Array(1);
    const objective = new Float64Array(1);
    lassoRowStats(1, 4, ptr(x), ptr(g), ptr(b), ptr(yy), 0.5, 0, ptr(violation), ptr(objective));
    expect(violation[0]).toBe(0.0);
    g[1] = 0.75; // off the support, |g| exceeds λ by 0.25
    lassoRowStats(1, 4, ptr(x), ptr(g), ptr(b), ptr(yy), 0.5, 0, ptr(violation), ptr(objective));
    expect(violation[0]).toBe(0.25);
  });
});
