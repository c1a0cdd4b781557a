import { logCoshDerivatives } from "../../../assembly/orthogonal/log-cosh";
import { fillPattern, ptr, SHAPES } from "../helpers";

// Direct formulas, valid where cosh does not overflow (|z|/μ < 700).
function hRef(z: f64, mu: f64): f64 {
  return mu * Math.log(Math.cosh(z / mu));
}

describe("logCoshDerivatives", () => {
  test("matches μ·log cosh(z/μ), tanh(z/μ) and sech²(z/μ)/μ computed directly, on the shape grid", () => {
    const MUS: f64[] = [1.0, 0.1, 0.01];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let mi = 0; mi < MUS.length; mi++) {
        const mu = MUS[mi];
        const z = fillPattern(n, si + 11 * mi);
        const t = new Float64Array(n);
        const w = new Float64Array(n);
        let want: f64 = 0;
        let scale: f64 = 0;
        for (let i = 0; i < n; i++) {
          const h = hRef(z[i], mu);
          want += h;
          scale += Math.abs(h) + mu;
        }
        const s = logCoshDerivatives(ptr(t), ptr(w), ptr(z), mu, n);
        expect(Math.abs(s - want)).toBeLessThanOrEqual(1e-13 * scale + 1e-300);
        for (let i = 0; i < n; i++) {
          const a = z[i] / mu;
          expect(Math.abs(t[i] - Math.tanh(a))).toBeLessThanOrEqual(4e-16);
          const c = Math.cosh(a);
          const sech2 = 1.0 / (c * c) / mu;
          expect(Math.abs(w[i] - sech2)).toBeLessThanOrEqual(1e-14 * sech2 + 1e-300);
        }
      }
    }
  });

  test("no overflow far out: h = |z| − μ·log 2, tanh = ±1, sech² tiny but positive", () => {
    const z = new Float64Array(4);
    z[0] = 1000;
    z[1] = -1000;
    z[2] = 8;
    z[3] = 0;
    const t = new Float64Array(4);
    const w = new Float64Array(4);
    const mu: f64 = 0.01;
    const s = logCoshDerivatives(ptr(t), ptr(w), ptr(z), mu, 3);
    expect(Math.abs(s - (2008 - 3 * mu * Math.LN2))).toBeLessThanOrEqual(1e-12);
    expect(t[0]).toBe(1);
    expect(t[1]).toBe(-1);
    expect(w[0]).toBe(0);
    // 4·e^{−1600}/μ: exp underflows to a subnormal or 0, never NaN or negative.
    expect(w[2] >= 0 && w[2] < 1e-300).toBe(true);
    logCoshDerivatives(ptr(t), ptr(w), ptr(z) + 24, mu, 1);
    expect(t[0]).toBe(0);
    expect(w[0]).toBe(1 / mu);
  });
});
