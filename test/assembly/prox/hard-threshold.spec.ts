import { hardThreshold, keepLargest, keepLargestWorkspaceSize } from "../../../assembly/prox/hard-threshold";
import { fillPattern, ptr, SHAPES } from "../helpers";
import { copyOf, firstMismatch, withSpecials } from "./specials";

// Plain reference: keep v where |v| > t (ties at t give +0); NaN kept.
function hardRef(v: f64, t: f64): f64 {
  if (isNaN(v)) return v;
  return Math.abs(v) > t ? v : 0.0;
}

// Keep x[i] iff fewer than k entries beat it, where j beats i if |x[j]| > |x[i]|, or the
// magnitudes are equal and j < i (ties keep the lowest indices). O(n²), independent of
// the kernel's quickselect.
function keepLargestRef(x: Float64Array, k: i32): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let beaten = 0;
    const a = Math.abs(x[i]);
    for (let j = 0; j < n; j++) {
      const b = Math.abs(x[j]);
      if (b > a || (b == a && j < i)) beaten++;
    }
    out[i] = beaten < k ? x[i] : 0.0;
  }
  return out;
}

const THRESHOLDS: f64[] = [0.0, 0.25, 0.5, 2.0];

describe("hardThreshold", () => {
  test("matches the reference bit for bit on the shape grid, with ±0, ±Inf, NaN and ties", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let ti = 0; ti < THRESHOLDS.length; ti++) {
        const t = THRESHOLDS[ti];
        const x = withSpecials(n, si + ti, t);
        const want = new Float64Array(n);
        for (let i = 0; i < n; i++) want[i] = hardRef(x[i], t);
        const out = new Float64Array(n);
        expect(hardThreshold(ptr(out), ptr(x), t, n)).toBe(ptr(out));
        expect(firstMismatch(out, want)).toBe(-1);
        const y = copyOf(x);
        hardThreshold(ptr(y), ptr(y), t, n);
        expect(firstMismatch(y, want)).toBe(-1);
      }
    }
  });

  test("a tie |x| = t gives +0", () => {
    const x = new Float64Array(5);
    x[0] = 0.5; x[1] = -0.5; x[2] = 0.5000000000000001; x[3] = -0.0; x[4] = -0.5;
    const out = new Float64Array(5);
    hardThreshold(ptr(out), ptr(x), 0.5, 5);
    expect(reinterpret<u64>(out[0])).toBe(0);
    expect(reinterpret<u64>(out[1])).toBe(0);
    expect(out[2]).toBe(0.5000000000000001);
    expect(reinterpret<u64>(out[3])).toBe(0);
    expect(reinterpret<u64>(out[4])).toBe(0);
  });
});

describe("keepLargest", () => {
  test("matches the O(n²) reference for every k on the shape grid, with ties and in place", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, 70 + si);
      // Many exact ties in magnitude, and some zeros (fillPattern has 16-bit values).
      for (let i = 0; i < n; i += 4) x[i] = (i & 4) ? 0.5 : -0.5;
      for (let i = 3; i < n; i += 7) x[i] = (i & 1) ? -0.0 : 0.0;
      if (n > 5) x[5] = Infinity;
      const ws = new Float64Array(max(1, keepLargestWorkspaceSize(n)));
      const ks: i32[] = [0, 1, 2, n >> 2, n >> 1, n - 1, n, n + 3];
      for (let ki = 0; ki < ks.length; ki++) {
        const k = ks[ki];
        if (k < 0) continue;
        const want = keepLargestRef(x, k);
        const out = new Float64Array(n);
        expect(keepLargest(ptr(out), ptr(x), n, k, ptr(ws))).toBe(ptr(out));
        expect(firstMismatch(out, want)).toBe(-1);
        const y = copyOf(x);
        keepLargest(ptr(y), ptr(y), n, k, ptr(ws));
        expect(firstMismatch(y, want)).toBe(-1);
      }
    }
  });

  test("sorted, reversed and constant inputs", () => {
    const n = 257;
    const up = new Float64Array(n);
    const down = new Float64Array(n);
    const flat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      up[i] = <f64>i - 100;
      down[i] = 200 - <f64>i;
      flat[i] = -3;
    }
    const ws = new Float64Array(n);
    const out = new Float64Array(n);
    const inputs: Float64Array[] = [up, down, flat];
    for (let c = 0; c < inputs.length; c++) {
      const x = inputs[c];
      const ks: i32[] = [1, 17, 128, 256];
      for (let ki = 0; ki < ks.length; ki++) {
        keepLargest(ptr(out), ptr(x), n, ks[ki], ptr(ws));
        expect(firstMismatch(out, keepLargestRef(x, ks[ki]))).toBe(-1);
      }
    }
  });
});
