import { clamp } from "../../../assembly/prox/clamp";
import { ptr, SHAPES } from "../helpers";
import { copyOf, firstMismatch, withSpecials } from "./specials";

// IEEE maximum / minimum as Math.max / Math.min define them: NaN if either is NaN, and
// +0 beats −0 for max (−0 beats +0 for min). Written with comparisons, not the builtins.
function maxRef(a: f64, b: f64): f64 {
  if (isNaN(a) || isNaN(b)) return NaN;
  if (a == b) return a == 0 && !(signbit(a) && signbit(b)) ? 0.0 : a;
  return a > b ? a : b;
}
function minRef(a: f64, b: f64): f64 {
  if (isNaN(a) || isNaN(b)) return NaN;
  if (a == b) return a == 0 && (signbit(a) || signbit(b)) ? -0.0 : a;
  return a < b ? a : b;
}

function signbit(a: f64): bool {
  return (reinterpret<u64>(a) >> 63) != 0;
}

describe("clamp", () => {
  test("matches the reference bit for bit for finite, half-infinite and degenerate boxes", () => {
    const los: f64[] = [-0.5, 0.0, -Infinity, 0.25, -0.0];
    const his: f64[] = [0.5, Infinity, 0.0, 0.25, 0.0];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let b = 0; b < los.length; b++) {
        const lo = los[b];
        const hi = his[b];
        const x = withSpecials(n, si + b, hi);
        const want = new Float64Array(n);
        for (let i = 0; i < n; i++) want[i] = minRef(maxRef(x[i], lo), hi);
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
