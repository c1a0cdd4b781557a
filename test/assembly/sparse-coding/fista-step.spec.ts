import { lassoFistaStep } from "../../../assembly/sparse-coding/fista-step";
import { fillPattern, ptr } from "../helpers";
import { sameBits, WIDTHS } from "./fixtures";

// Plain reference of one row's step, entry by entry with branches.
function stepRef(
  x: Float64Array, xp: Float64Array, g: Float64Array, gp: Float64Array, o: i32, k: i32, beta: f64,
  invL: f64, lambda: f64, nonnegative: bool, out: Float64Array, sums: Float64Array,
): void {
  const t = lambda * invL;
  let dot: f64 = 0;
  let s2: f64 = 0;
  for (let i = 0; i < k; i++) {
    const y = x[o + i] + beta * (x[o + i] - xp[o + i]);
    const gy = g[o + i] + beta * (g[o + i] - gp[o + i]);
    const z = y - invL * gy;
    let xn: f64 = 0;
    if (nonnegative) {
      if (z - t > 0) xn = z - t;
    } else if (Math.abs(z) - t > 0) {
      xn = z > 0 ? z - t : z + t;
    }
    out[o + i] = xn;
    dot += (y - xn) * (xn - x[o + i]);
    s2 += (xn - x[o + i]) * (xn - x[o + i]);
  }
  sums[0] = dot;
  sums[1] = s2;
}

describe("lassoFistaStep", () => {
  test("matches the reference (x⁺ bit for bit, the sums to rounding) on every width, row count and sign rule", () => {
    const lambda = 0.3;
    const invL = 0.7;
    for (let wi = 0; wi < WIDTHS.length; wi++) {
      const k = WIDTHS[wi];
      for (let rows = 0; rows <= 3; rows++) {
        for (let nn = 0; nn < 2; nn++) {
          const nonnegative = nn == 1;
          const n = rows * k;
          const x = fillPattern(n, 10 + wi);
          const xp = fillPattern(n, 20 + wi);
          const g = fillPattern(n, 30 + wi);
          const gp = fillPattern(n, 40 + wi);
          // Exact zeros and −0 in the codes, as the prox leaves them.
          for (let i = 1; i < n; i += 4) x[i] = i % 8 == 1 ? -0.0 : 0.0;
          const beta = new Float64Array(max(rows, 1));
          for (let r = 0; r < rows; r++) beta[r] = r == 0 ? 0.0 : 0.3 * <f64>r;
          const want = new Float64Array(n);
          const wantSums = new Float64Array(2 * max(rows, 1));
          const sums = new Float64Array(2);
          for (let r = 0; r < rows; r++) {
            stepRef(x, xp, g, gp, r * k, k, beta[r], invL, lambda, nonnegative, want, sums);
            wantSums[2 * r] = sums[0];
            wantSums[2 * r + 1] = sums[1];
          }
          const restart = new Float64Array(max(rows, 1));
          const step = new Float64Array(max(rows, 1));
          const nonzeros = lassoFistaStep(rows, k, ptr(x), ptr(xp), ptr(g), ptr(gp), ptr(beta), invL, lambda, nonnegative ? 1 : 0, ptr(restart), ptr(step));
          let bad = -1;
          let count = 0;
          for (let i = 0; i < n; i++) {
            if (!sameBits(xp[i], want[i])) bad = i;
            if (want[i] != 0) count++;
          }
          expect(bad).toBe(-1);
          expect(nonzeros).toBe(count);
          for (let r = 0; r < rows; r++) {
            expect(Math.abs(restart[r] - wantSums[2 * r])).toBeLessThanOrEqual(1e-14 * (1 + <f64>k));
            expect(Math.abs(step[r] - wantSums[2 * r + 1])).toBeLessThanOrEqual(1e-14 * (1 + <f64>k));
            if (nonnegative) for (let i = 0; i < k; i++) expect(xp[r * k + i]).toBeGreaterThanOrEqual(0.0);
          }
        }
      }
    }
  });

  test("β = 0 and a huge threshold give x⁺ = +0 everywhere, and the restart test sees the step back to 0", () => {
    const k = 5;
    const x = fillPattern(k, 3);
    const xp = fillPattern(k, 4);
    const g = new Float64Array(k);
    const gp = new Float64Array(k);
    const beta = new Float64Array(1);
    const restart = new Float64Array(1);
    const step = new Float64Array(1);
    lassoFistaStep(1, k, ptr(x), ptr(xp), ptr(g), ptr(gp), ptr(beta), 1.0, 10.0, 0, ptr(restart), ptr(step));
    let ss: f64 = 0;
    for (let i = 0; i < k; i++) {
      expect(reinterpret<u64>(xp[i])).toBe(0);
      ss += x[i] * x[i];
    }
    // y = x, x⁺ = 0: ⟨y − x⁺, x⁺ − x⟩ = −‖x‖², ‖x⁺ − x‖² = ‖x‖².
    expect(Math.abs(restart[0] + ss)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(step[0] - ss)).toBeLessThanOrEqual(1e-15);
  });
});
