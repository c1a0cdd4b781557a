import { projectBall, projectSphere } from "../../../assembly/prox/project-sphere";
import { fillPattern, ptr, SHAPES } from "../helpers";
import { copyOf, firstMismatch } from "./specials";

const EPS: f64 = 2.220446049250313e-16;

// Textbook reference: sequential Σ yᵢ² (no scaling; used only on moderate y), then yᵢ/‖y‖.
function normRef(y: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * y[i];
  return Math.sqrt(s);
}

// x = y·2^e exactly (fillPattern values are multiples of 2^-15, so even 2^-1050 keeps them
// exact as subnormals); the projection of x equals that of y in exact arithmetic.
function scaled(y: Float64Array, e: i32): Float64Array {
  const x = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) x[i] = y[i] * Math.pow(2, <f64>e);
  return x;
}

// Both computed norms carry ≤ ~n·eps relative error from the sums of squares (different
// summation orders), and each entry one more rounding: allow (n + 4)·eps relative to 1, the
// scale of the unit output.
function closeToUnitDirection(got: Float64Array, y: Float64Array): bool {
  const r = normRef(y);
  const tol = <f64>(y.length + 4) * EPS;
  for (let i = 0; i < y.length; i++) {
    if (!(Math.abs(got[i] - y[i] / r) <= tol)) return false;
  }
  return true;
}

const EXPONENTS: i32[] = [0, 1000, -1050, 520, -520, 7];

describe("projectSphere", () => {
  test("x/‖x‖ on the shape grid, for huge, tiny (subnormal) and moderate scales, in place too", () => {
    for (let si = 1; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const y = fillPattern(n, 90 + si);
      y[0] = 0.75; // never the zero vector
      for (let ei = 0; ei < EXPONENTS.length; ei++) {
        const e = EXPONENTS[ei];
        const x = scaled(y, e);
        const out = new Float64Array(n);
        const norm = projectSphere(ptr(out), ptr(x), n);
        expect(closeToUnitDirection(out, y)).toBe(true);
        // The returned norm is ‖y‖·2^e (finite for these e), to (n + 2)·eps, plus one ulp
        // of the smallest subnormal (2^-1074) when ‖x‖ itself is subnormal.
        const pe = Math.pow(2, <f64>e);
        const slack = <f64>(n + 2) * EPS * normRef(y) + 4.9406564584124654e-324 / pe;
        expect(Math.abs(norm / pe - normRef(y))).toBeLessThanOrEqual(slack);
        expect(Math.abs(normRef(out) - 1)).toBeLessThanOrEqual(<f64>(n + 4) * EPS);
        const inPlace = copyOf(x);
        projectSphere(ptr(inPlace), ptr(inPlace), n);
        expect(firstMismatch(inPlace, out)).toBe(-1);
      }
    }
  });

  test("a norm that overflows f64 still gives the unit direction", () => {
    const x = new Float64Array(3);
    x[0] = 1.5e308; x[1] = -1.5e308; x[2] = 1e308;
    const out = new Float64Array(3);
    expect(projectSphere(ptr(out), ptr(x), 3)).toBe(Infinity);
    const y = new Float64Array(3);
    y[0] = 1.5; y[1] = -1.5; y[2] = 1;
    expect(closeToUnitDirection(out, y)).toBe(true);
  });

  test("the zero vector returns 0 and writes nothing", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = new Float64Array(n);
      if (n > 1) x[1] = -0.0;
      const out = new Float64Array(n);
      out.fill(7);
      expect(projectSphere(ptr(out), ptr(x), n)).toBe(0);
      for (let i = 0; i < n; i++) expect(out[i]).toBe(7);
    }
  });

  test("a NaN or ±Inf entry makes every output entry NaN", () => {
    const n = 17;
    const specials: f64[] = [NaN, Infinity, -Infinity];
    for (let s = 0; s < specials.length; s++) {
      for (let at = 0; at < n; at += 8) {
        const x = fillPattern(n, 3);
        x[at] = specials[s];
        const out = new Float64Array(n);
        const norm = projectSphere(ptr(out), ptr(x), n);
        expect(isNaN(specials[s]) ? isNaN(norm) : norm == Infinity).toBe(true);
        for (let i = 0; i < n; i++) expect(isNaN(out[i])).toBe(true);
      }
    }
  });
});

describe("projectBall", () => {
  test("copies x when ‖x‖ ≤ 1 and divides by ‖x‖ otherwise", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const y = fillPattern(n, 110 + si);
      if (n > 0) y[0] = 0.75;
      // Inside (scaled by 2^-6 or a subnormal scale) and outside (2^3, 2^1000).
      const inside: i32[] = [-6, -1050];
      for (let k = 0; k < inside.length; k++) {
        const x = scaled(y, inside[k]);
        if (normRef(y) * Math.pow(2, <f64>inside[k]) > 1) continue;
        const out = new Float64Array(n);
        projectBall(ptr(out), ptr(x), n);
        expect(firstMismatch(out, x)).toBe(-1);
        const inPlace = copyOf(x);
        projectBall(ptr(inPlace), ptr(inPlace), n);
        expect(firstMismatch(inPlace, x)).toBe(-1);
      }
      if (n == 0) continue;
      const outside: i32[] = [3, 1000];
      for (let k = 0; k < outside.length; k++) {
        const x = scaled(y, outside[k]);
        const out = new Float64Array(n);
        const sphere = new Float64Array(n);
        const norm = projectBall(ptr(out), ptr(x), n);
        expect(norm).toBeGreaterThan(1);
        projectSphere(ptr(sphere), ptr(x), n);
        expect(firstMismatch(out, sphere)).toBe(-1);
      }
    }
  });

  test("the unit sphere itself is kept, the zero vector maps to itself, NaN poisons all", () => {
    const e = new Float64Array(4);
    e[2] = -1;
    const out = new Float64Array(4);
    expect(projectBall(ptr(out), ptr(e), 4)).toBe(1);
    expect(firstMismatch(out, e)).toBe(-1);
    const z = new Float64Array(4);
    out.fill(7);
    expect(projectBall(ptr(out), ptr(z), 4)).toBe(0);
    expect(firstMismatch(out, z)).toBe(-1);
    z[3] = NaN;
    expect(isNaN(projectBall(ptr(out), ptr(z), 4))).toBe(true);
    for (let i = 0; i < 4; i++) expect(isNaN(out[i])).toBe(true);
  });
});
