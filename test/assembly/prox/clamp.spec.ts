import { clamp } from "../../../assembly/prox/clamp";
import { ptr, SHAPES } from "../helpers";
import { copyOf, firstMismatch, withSpecials } from "./specials";

// Plain branches: below lo → lo, above hi → hi, else x itself (NaN and −0 kept).
function clampRef(v: f64, lo: f64, hi: f64): f64 {
  if (v < lo) return lo;
  if (v > hi) return hi;
  return v;
}

describe("clamp", () => {
  test("matches the reference bit for bit for finite, half-infinite and degenerate boxes, ±0 bounds", () => {
    const los: f64[] = [-0.5, 0.0, -Infinity, 0.25, -0.0];
    const his: f64[] = [0.5, Infinity, 0.0, 0.25, 0.0];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let b = 0; b < los.length; b++) {
        const lo = los[b];
        const hi = his[b];
        const x = withSpecials(n, si + b, hi);
        const want = new Float64Array(n);
        for (let i = 0; i < n; i++) want[i] = clampRef(x[i], lo, hi);
        const out = new Float64Array(n);
        expect(clamp(ptr(out), ptr(x), lo, hi, n)).toBe(ptr(out));
        expect(firstMismatch(out, want)).toBe(-1);
        const y = copyOf(x);
        clamp(ptr(y), ptr(y), lo, hi, n);
        expect(firstMismatch(y, want)).toBe(-1);
      }
    }
  });
});
