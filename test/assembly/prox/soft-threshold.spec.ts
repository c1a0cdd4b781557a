import { firstInvalidThreshold, softThreshold, softThresholdWeighted } from "../../../assembly/prox/soft-threshold";
import { fillPattern, ptr, SHAPES } from "../helpers";
import { copyOf, firstMismatch, withSpecials } from "./specials";

// Plain reference with branches: sign(v)·max(|v| − t, 0), +0 for every zero, NaN kept.
function softRef(v: f64, t: f64): f64 {
  if (isNaN(v)) return NaN;
  const a = Math.abs(v) - t;
  if (a > 0) return v < 0 ? -a : a;
  return 0.0;
}

const THRESHOLDS: f64[] = [0.0, 0.25, 0.5, 2.0];

describe("softThreshold", () => {
  test("matches the reference bit for bit on the shape grid, with ±0, ±Inf, NaN and ties", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let ti = 0; ti < THRESHOLDS.length; ti++) {
        const t = THRESHOLDS[ti];
        const x = withSpecials(n, si + ti, t);
        const want = new Float64Array(n);
        for (let i = 0; i < n; i++) want[i] = softRef(x[i], t);
        const out = new Float64Array(n);
        expect(softThreshold(ptr(out), ptr(x), t, n)).toBe(ptr(out));
        expect(firstMismatch(out, want)).toBe(-1);
        // In place: out = x.
        const y = copyOf(x);
        softThreshold(ptr(y), ptr(y), t, n);
        expect(firstMismatch(y, want)).toBe(-1);
      }
    }
  });

  test("ties at exactly t give +0 and entries just above t survive", () => {
    const t = 0.75;
    const x: f64[] = [t, -t, t + 2.220446049250313e-16, -(t + 2.220446049250313e-16), 0.0, -0.0];
    const xs = new Float64Array(6);
    for (let i = 0; i < 6; i++) xs[i] = x[i];
    const out = new Float64Array(6);
    softThreshold(ptr(out), ptr(xs), t, 6);
    expect(reinterpret<u64>(out[0])).toBe(0);
    expect(reinterpret<u64>(out[1])).toBe(0);
    expect(out[2]).toBeGreaterThan(0);
    expect(out[3]).toBeLessThan(0);
    expect(reinterpret<u64>(out[5])).toBe(0); // −0 → +0
  });

  test("n = 0 writes nothing", () => {
    const out = new Float64Array(2);
    out[0] = 7;
    const x = fillPattern(2, 1);
    softThreshold(ptr(out), ptr(x), 0.1, 0);
    expect(out[0]).toBe(7);
  });
});

describe("softThresholdWeighted", () => {
  test("matches the reference with per-entry thresholds, in place over x and over t", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const t = fillPattern(n, 40 + si);
      for (let i = 0; i < n; i++) t[i] = Math.abs(t[i]) * 0.6;
      if (n > 3) t[3] = 0; // a zero weight leaves the entry as is
      const x = withSpecials(n, si, 0.3);
      // Put exact ties against the per-entry thresholds too.
      for (let i = 2; i < n; i += 5) x[i] = (i & 1) ? -t[i] : t[i];
      const want = new Float64Array(n);
      for (let i = 0; i < n; i++) want[i] = softRef(x[i], t[i]);
      const out = new Float64Array(n);
      expect(softThresholdWeighted(ptr(out), ptr(x), ptr(t), n)).toBe(ptr(out));
      expect(firstMismatch(out, want)).toBe(-1);
      const y = copyOf(x);
      softThresholdWeighted(ptr(y), ptr(y), ptr(t), n);
      expect(firstMismatch(y, want)).toBe(-1);
      const tt = copyOf(t);
      softThresholdWeighted(ptr(tt), ptr(x), ptr(tt), n);
      expect(firstMismatch(tt, want)).toBe(-1);
    }
  });
});

describe("firstInvalidThreshold", () => {
  test("finds the first negative, NaN or infinite threshold and accepts −0", () => {
    const t = new Float64Array(9);
    for (let i = 0; i < 9; i++) t[i] = <f64>i * 0.5;
    t[1] = -0.0;
    expect(firstInvalidThreshold(ptr(t), 9)).toBe(-1);
    const bad: f64[] = [-1e-300, NaN, Infinity, -Infinity];
    for (let b = 0; b < bad.length; b++) {
      const u = copyOf(t);
      u[6] = bad[b];
      u[8] = bad[b];
      expect(firstInvalidThreshold(ptr(u), 9)).toBe(6);
    }
    expect(firstInvalidThreshold(ptr(t), 0)).toBe(-1);
  });
});
