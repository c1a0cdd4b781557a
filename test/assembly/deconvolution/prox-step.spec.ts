import { inertialProxStep } from "../../../assembly/deconvolution/prox-step";
import { pseudoHuber } from "../../../assembly/deconvolution/pseudo-huber";
import { fillPattern, ptr, SHAPES } from "../helpers";

const EPS: f64 = 1.1102230246251565e-16;

function softRef(v: f64, t: f64): f64 {
  const a = Math.abs(v) - t;
  if (a > 0) return v < 0 ? -a : a;
  return 0.0;
}

describe("inertialProxStep", () => {
  test("x⁺ = soft(x̂ − t·g, tλ) bit for bit, and the four sums, on the shape grid, with and without inertia", () => {
    const betas: f64[] = [0, 0.85];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let bi = 0; bi < betas.length; bi++) {
        const beta = betas[bi];
        const x = fillPattern(n, 1 + si), xo = fillPattern(n, 2 + si), g = fillPattern(n, 3 + si);
        const t: f64 = 0.7, th: f64 = 0.3;
        const out = new Float64Array(n), stats = new Float64Array(4);
        stats[0] = 1; // the sums are added to what is there
        inertialProxStep(ptr(out), ptr(x), ptr(xo), ptr(g), beta, t, th, n, ptr(stats));
        let gd: f64 = 1, dd: f64 = 0, l1: f64 = 0, dx: f64 = 0, scale: f64 = 1;
        for (let i = 0; i < n; i++) {
          const xh = x[i] + beta * (x[i] - xo[i]);
          const want = softRef(xh - t * g[i], th);
          expect(out[i]).toBe(want);
          gd += g[i] * (want - xh);
          dd += (want - xh) * (want - xh);
          l1 += Math.abs(want);
          dx += (want - x[i]) * (want - x[i]);
          scale += 4;
        }
        const tol = 4 * EPS * <f64>n * scale;
        expect(Math.abs(stats[0] - gd)).toBeLessThanOrEqual(tol);
        expect(Math.abs(stats[1] - dd)).toBeLessThanOrEqual(tol);
        expect(Math.abs(stats[2] - l1)).toBeLessThanOrEqual(tol);
        expect(Math.abs(stats[3] - dx)).toBeLessThanOrEqual(tol);
      }
    }
  });

  test("x_old = x gives the plain proximal-gradient step whatever β", () => {
    const n = 17;
    const x = fillPattern(n, 5), g = fillPattern(n, 6);
    const a = new Float64Array(n), b = new Float64Array(n), s = new Float64Array(4);
    inertialProxStep(ptr(a), ptr(x), ptr(x), ptr(g), 0.9, 0.5, 0.1, n, ptr(s));
    inertialProxStep(ptr(b), ptr(x), ptr(x), ptr(g), 0, 0.5, 0.1, n, ptr(s));
    for (let i = 0; i < n; i++) expect(a[i]).toBe(b[i]);
  });
});

describe("pseudoHuber", () => {
  test("λΣh(x), λh′ and λh″ match the formulas, including tiny and huge entries", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, 9 + si);
      if (n > 2) {
        x[1] = 1e-12;
        x[2] = -1e9;
      }
      const lambda: f64 = 0.3, mu: f64 = 0.05;
      const slope = new Float64Array(n), curv = new Float64Array(n);
      const total = pseudoHuber(ptr(slope), ptr(curv), ptr(x), lambda, mu, n);
      let want: f64 = 0;
      for (let i = 0; i < n; i++) {
        const s = Math.sqrt(x[i] * x[i] + mu * mu);
        // h = s − μ, written stably for the check as x²/(s + μ) only where s − μ cancels.
        want += Math.abs(x[i]) < 1e-3 ? (x[i] * x[i]) / (s + mu) : s - mu;
        expect(Math.abs(slope[i] - (lambda * x[i]) / s)).toBeLessThanOrEqual(4 * EPS * lambda);
        expect(Math.abs(curv[i] - (lambda * mu * mu) / (s * s * s))).toBeLessThanOrEqual(8 * EPS * lambda / mu);
      }
      expect(Math.abs(total - lambda * want)).toBeLessThanOrEqual(8 * EPS * <f64>(n + 1) * lambda * (1e9 + 1));
      // Derivatives: a central difference of h and of h′ at one entry.
      if (n > 3) {
        const h: f64 = 1e-6;
        const one = new Float64Array(1), s1 = new Float64Array(1), c1 = new Float64Array(1);
        one[0] = x[3] + h;
        const up = pseudoHuber(ptr(s1), ptr(c1), ptr(one), lambda, mu, 1);
        const slopeUp = s1[0];
        one[0] = x[3] - h;
        const down = pseudoHuber(ptr(s1), ptr(c1), ptr(one), lambda, mu, 1);
        expect(Math.abs((up - down) / (2 * h) - slope[3])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs((slopeUp - s1[0]) / (2 * h) - curv[3])).toBeLessThanOrEqual(1e-4 * (1 + curv[3]));
      }
    }
  });
});
