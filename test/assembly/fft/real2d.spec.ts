import { irfft2, rfft2 } from "../../../assembly/fft/real2d";
import { fillPattern, ptr } from "../helpers";
import { RealPlans } from "./real-plans";

const EPS: f64 = 1.1102230246251565e-16;

function tolerance(n: i32): f64 {
  return 30 * EPS * (Math.log2(<f64>max(2, n)) + 2);
}

function norm(x: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

// S[b·R + i] = Σ_{r,c} x[r·C + c]·e^{−2πi(r·i/R + c·b/C)} directly, angles reduced exactly;
// x has `given` rows (the rest zero).
function direct(x: Float64Array, given: i32, rows: i32, cols: i32): Float64Array {
  const bins = (cols >> 1) + 1;
  const out = new Float64Array(2 * bins * rows);
  for (let b = 0; b < bins; b++) {
    for (let i = 0; i < rows; i++) {
      let sr: f64 = 0, si: f64 = 0;
      for (let r = 0; r < given; r++) {
        for (let c = 0; c < cols; c++) {
          const turn = <f64>((r * i) % rows) / <f64>rows + <f64>((c * b) % cols) / <f64>cols;
          const angle = -2 * Math.PI * turn;
          const v = x[r * cols + c];
          sr += v * Math.cos(angle);
          si += v * Math.sin(angle);
        }
      }
      out[2 * (b * rows + i)] = sr;
      out[2 * (b * rows + i) + 1] = si;
    }
  }
  return out;
}

function diff(a: Float64Array, b: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

// rows, cols pairs: 1-row images, odd and even sizes, non-square, a power of two.
const SHAPES: i32[] = [1, 1, 1, 2, 2, 1, 2, 2, 3, 4, 4, 3, 5, 5, 3, 7, 6, 10, 8, 6, 7, 9, 16, 16, 12, 33];

describe("rfft2 / irfft2", () => {
  test("match the direct 2-D DFT bin-major, and invert each other, on a grid of shapes", () => {
    for (let s = 0; s < SHAPES.length; s += 2) {
      const rows = SHAPES[s], cols = SHAPES[s + 1];
      const n = rows * cols;
      const plans = new RealPlans(rows, cols);
      const x = fillPattern(n, 13 * rows + cols);
      const bins = (cols >> 1) + 1;
      const spec = new Float64Array(2 * bins * rows);
      rfft2(ptr(spec), ptr(x), rows, cols, rows, ptr(plans.cols), ptr(plans.rows), ptr(plans.work));
      const tol = tolerance(n) * norm(x) * Math.sqrt(<f64>n);
      expect(diff(spec, direct(x, rows, rows, cols))).toBeLessThanOrEqual(tol);
      const back = new Float64Array(n);
      const kept = new Float64Array(spec.length);
      for (let i = 0; i < spec.length; i++) kept[i] = spec[i];
      irfft2(ptr(back), ptr(spec), rows, cols, rows, ptr(plans.cols), ptr(plans.rows), ptr(plans.work));
      expect(diff(back, x)).toBeLessThanOrEqual(2 * tolerance(n) * norm(x));
      expect(diff(spec, kept)).toBe(0); // the inverse leaves its input alone
    }
  });

  test("the forward transform reads only the first nonzeroRows rows, the inverse writes only outRows", () => {
    for (let s = 0; s < SHAPES.length; s += 2) {
      const rows = SHAPES[s], cols = SHAPES[s + 1];
      const plans = new RealPlans(rows, cols);
      for (let given = 0; given <= rows; given++) {
        const x = fillPattern(given * cols, 7 * given + cols);
        const bins = (cols >> 1) + 1;
        const spec = new Float64Array(2 * bins * rows);
        for (let i = 0; i < spec.length; i++) spec[i] = 99; // overwritten whole
        rfft2(ptr(spec), ptr(x), rows, cols, given, ptr(plans.cols), ptr(plans.rows), ptr(plans.work));
        const n = rows * cols;
        expect(diff(spec, direct(x, given, rows, cols))).toBeLessThanOrEqual(tolerance(n) * (norm(x) + 1) * Math.sqrt(<f64>n));
        // The first `given` rows of the inverse are x; nothing past them is written.
        const back = new Float64Array(n);
        for (let i = 0; i < n; i++) back[i] = 7;
        irfft2(ptr(back), ptr(spec), rows, cols, given, ptr(plans.cols), ptr(plans.rows), ptr(plans.work));
        for (let i = 0; i < given * cols; i++) expect(Math.abs(back[i] - x[i])).toBeLessThanOrEqual(2 * tolerance(n) * (norm(x) + 1));
        for (let i = given * cols; i < n; i++) expect(back[i]).toBe(7);
      }
    }
  });
});
