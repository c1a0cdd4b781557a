import { irfft2, rfft2 } from "../../../assembly/fft/real2d";
import { RealPlans } from "../fft/real-plans";
import { irfft, rfft } from "../../../assembly/fft/real";
import { lincomb3, multiplyEntries, spectralGram, spectralProduct, spectralResidual } from "../../../assembly/deconvolution/spectral";
import { fillPattern, ptr, SHAPES } from "../helpers";

const EPS: f64 = 1.1102230246251565e-16;

// Half spectra of real rows×cols signals through the library's transforms (rfft for one row,
// rfft2 bin-major otherwise); the references below work on the signals themselves, so every
// check goes through Parseval and the convolution theorem, not through the spectral layout.
class Transforms {
  rows: i32;
  cols: i32;
  plans: RealPlans;
  constructor(rows: i32, cols: i32) {
    this.rows = rows;
    this.cols = cols;
    this.plans = new RealPlans(rows, cols);
  }
  get length(): i32 {
    return 2 * this.rows * ((this.cols >> 1) + 1);
  }
  forward(x: Float64Array): Float64Array {
    const out = new Float64Array(this.length);
    if (this.rows == 1) rfft(ptr(out), ptr(x), ptr(this.plans.cols));
    else rfft2(ptr(out), ptr(x), this.rows, this.cols, this.rows, ptr(this.plans.cols), ptr(this.plans.rows), ptr(this.plans.work));
    return out;
  }
  inverse(s: Float64Array): Float64Array {
    const out = new Float64Array(this.rows * this.cols);
    if (this.rows == 1) irfft(ptr(out), ptr(s), ptr(this.plans.cols));
    else irfft2(ptr(out), ptr(s), this.rows, this.cols, this.rows, ptr(this.plans.cols), ptr(this.plans.rows), ptr(this.plans.work));
    return out;
  }
}

// (u ⊛ v)[i, j] = Σ_{p,q} u[p, q]·v[(i − p) mod R, (j − q) mod C].
function convolve(u: Float64Array, v: Float64Array, rows: i32, cols: i32): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s: f64 = 0;
      for (let p = 0; p < rows; p++) {
        for (let q = 0; q < cols; q++) s += u[p * cols + q] * v[(((i - p) % rows + rows) % rows) * cols + ((j - q) % cols + cols) % cols];
      }
      out[i * cols + j] = s;
    }
  }
  return out;
}

// (v ⋆ r)[i, j] = Σ_{p,q} v[p, q]·r[(p + i) mod R, (q + j) mod C]: the signal of conj(V)·R.
function correlate(v: Float64Array, r: Float64Array, rows: i32, cols: i32): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s: f64 = 0;
      for (let p = 0; p < rows; p++) {
        for (let q = 0; q < cols; q++) s += v[p * cols + q] * r[((p + i) % rows) * cols + (q + j) % cols];
      }
      out[i * cols + j] = s;
    }
  }
  return out;
}

function axpby(a: f64, x: Float64Array, b: f64, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i] + b * y[i];
  return out;
}

function dot(a: Float64Array, b: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): f64 {
  let m: f64 = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function maxDiff(a: Float64Array, b: Float64Array): f64 {
  let m: f64 = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

// Term tables: five f64 per term [u, u′, v, c1, c2].
function table(entries: f64[]): Float64Array {
  const t = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) t[i] = entries[i];
  return t;
}

// Shapes (rows, cols): 1-D lengths around the vector width, odd and even, and small 2-D ones.
function shapes(): i32[] {
  const out: i32[] = [];
  for (let i = 0; i < SHAPES.length; i++) {
    if (SHAPES[i] == 0 || SHAPES[i] > 64) continue;
    out.push(1);
    out.push(SHAPES[i]);
  }
  const two: i32[] = [2, 2, 2, 3, 3, 4, 4, 5, 5, 8, 6, 7];
  for (let i = 0; i < two.length; i++) out.push(two[i]);
  return out;
}

describe("spectralResidual", () => {
  test("one term: ½‖(c1·u + c2·u′) ⊛ v − y‖², the residual and the gradient conj(v)·r, every shape", () => {
    const grid = shapes();
    for (let s = 0; s < grid.length; s += 2) {
      const rows = grid[s], cols = grid[s + 1], n = rows * cols;
      const t = new Transforms(rows, cols);
      const u = fillPattern(n, 1 + s), u2 = fillPattern(n, 2 + s), v = fillPattern(n, 3 + s), y = fillPattern(n, 4 + s);
      const U = t.forward(u), U2 = t.forward(u2), V = t.forward(v), Y = t.forward(y);
      const c1: f64 = 1.7, c2: f64 = -0.6;
      for (let variant = 0; variant < 3; variant++) {
        // 0: with u′; 1: without u′; 2: without v (the term is c1·u + c2·u′).
        const withU2 = variant != 1, withV = variant != 2;
        const q = withU2 ? axpby(c1, u, c2, u2) : axpby(c1, u, 0, u2);
        const r = withV ? convolve(q, v, rows, cols) : q;
        for (let i = 0; i < n; i++) r[i] -= y[i];
        const want = 0.5 * dot(r, r);
        const G = new Float64Array(t.length), R = new Float64Array(t.length), grads = new Float64Array(1);
        grads[0] = <f64>ptr(G);
        const tab = table([<f64>ptr(U), withU2 ? <f64>ptr(U2) : 0, withV ? <f64>ptr(V) : 0, c1, c2]);
        const got = spectralResidual(ptr(tab), 1, ptr(Y), withV ? ptr(grads) : 0, ptr(R), rows, cols);
        const scale = (Math.abs(c1) + Math.abs(c2)) * (maxAbs(u) + maxAbs(u2)) * <f64>n * (maxAbs(v) + 1) + maxAbs(y) + 1;
        const tol = 100 * EPS * <f64>n * scale * scale;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(tol);
        expect(maxDiff(t.inverse(R), r)).toBeLessThanOrEqual(100 * EPS * scale * Math.log2(<f64>(n + 2)));
        if (withV) expect(maxDiff(t.inverse(G), correlate(v, r, rows, cols))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale * (maxAbs(v) + 1));
        // Energy only: no output written.
        expect(Math.abs(spectralResidual(ptr(tab), 1, ptr(Y), 0, 0, rows, cols) - got)).toBe(0);
      }
    }
  });

  test("several terms: Σ_k terms − y with one gradient per term", () => {
    const grid = shapes();
    for (let s = 0; s < grid.length; s += 2) {
      const rows = grid[s], cols = grid[s + 1], n = rows * cols;
      const t = new Transforms(rows, cols);
      const a1 = fillPattern(n, 11), a2 = fillPattern(n, 12), x1 = fillPattern(n, 13), x2 = fillPattern(n, 14), xo = fillPattern(n, 15), y = fillPattern(n, 16);
      const A1 = t.forward(a1), A2 = t.forward(a2), X1 = t.forward(x1), X2 = t.forward(x2), XO = t.forward(xo), Y = t.forward(y);
      const r = convolve(a1, x1, rows, cols);
      const second = convolve(a2, axpby(1.5, x2, -0.5, xo), rows, cols);
      for (let i = 0; i < n; i++) r[i] += second[i] - y[i];
      const G1 = new Float64Array(t.length), G2 = new Float64Array(t.length);
      const grads = new Float64Array(2);
      grads[0] = <f64>ptr(G1);
      grads[1] = <f64>ptr(G2);
      const tab = table([<f64>ptr(X1), 0, <f64>ptr(A1), 1, 0, <f64>ptr(X2), <f64>ptr(XO), <f64>ptr(A2), 1.5, -0.5]);
      const got = spectralResidual(ptr(tab), 2, ptr(Y), ptr(grads), 0, rows, cols);
      const scale = 4 * <f64>n + 1;
      expect(Math.abs(got - 0.5 * dot(r, r))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale * scale);
      expect(maxDiff(t.inverse(G1), correlate(a1, r, rows, cols))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale);
      expect(maxDiff(t.inverse(G2), correlate(a2, r, rows, cols))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale);
    }
  });
});

describe("spectralGram", () => {
  test("inner products of the terms' signals: the fast three-term case and the general one agree with the direct sums", () => {
    const grid = shapes();
    for (let s = 0; s < grid.length; s += 2) {
      const rows = grid[s], cols = grid[s + 1], n = rows * cols;
      const t = new Transforms(rows, cols);
      const r = fillPattern(n, 21), a = fillPattern(n, 22), ao = fillPattern(n, 23), x = fillPattern(n, 24), g = fillPattern(n, 25);
      const Rs = t.forward(r), A = t.forward(a), AO = t.forward(ao), X = t.forward(x), Gs = t.forward(g);
      const vectors: Float64Array[] = [r, convolve(axpby(1.2, a, -0.3, ao), x, rows, cols), convolve(axpby(0.7, g, 0, g), x, rows, cols)];
      const scale = <f64>n * 4 + 1;
      // The kernel step's single-kernel layout [R; Y; c·G·X] takes the fast three-term path.
      const fast = table([<f64>ptr(Rs), 0, 0, 1, 0, <f64>ptr(A), 0, 0, 1, 0, <f64>ptr(Gs), 0, <f64>ptr(X), 0.7, 0]);
      const fastVectors: Float64Array[] = [r, a, vectors[2]];
      const out = new Float64Array(9), scratch = new Float64Array(8);
      spectralGram(ptr(out), ptr(fast), 3, rows, cols, ptr(scratch));
      for (let j = 0; j < 3; j++) {
        for (let l = 0; l < 3; l++) expect(Math.abs(out[j * 3 + l] - dot(fastVectors[j], fastVectors[l]))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale * scale);
      }
      // Any other three terms, and four, take the general path.
      const three = table([<f64>ptr(Rs), 0, 0, 1, 0, <f64>ptr(A), <f64>ptr(AO), <f64>ptr(X), 1.2, -0.3, <f64>ptr(Gs), 0, <f64>ptr(X), 0.7, 0]);
      spectralGram(ptr(out), ptr(three), 3, rows, cols, ptr(scratch));
      for (let j = 0; j < 3; j++) {
        for (let l = 0; l < 3; l++) expect(Math.abs(out[j * 3 + l] - dot(vectors[j], vectors[l]))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale * scale);
      }
      vectors.push(axpby(2, a, 1, ao));
      const four = table([
        <f64>ptr(Rs), 0, 0, 1, 0, <f64>ptr(A), <f64>ptr(AO), <f64>ptr(X), 1.2, -0.3, <f64>ptr(Gs), 0, <f64>ptr(X), 0.7, 0,
        <f64>ptr(A), <f64>ptr(AO), 0, 2, 1,
      ]);
      const out4 = new Float64Array(16), scratch4 = new Float64Array(8);
      spectralGram(ptr(out4), ptr(four), 4, rows, cols, ptr(scratch4));
      for (let j = 0; j < 4; j++) {
        for (let l = 0; l < 4; l++) expect(Math.abs(out4[j * 4 + l] - dot(vectors[j], vectors[l]))).toBeLessThanOrEqual(100 * EPS * <f64>n * scale * scale);
      }
    }
  });
});

describe("spectralProduct, lincomb3, multiplyEntries", () => {
  test("products of spectra are the convolution (plain) and the correlation (conjugated), accumulated on request", () => {
    const grid = shapes();
    for (let s = 0; s < grid.length; s += 2) {
      const rows = grid[s], cols = grid[s + 1], n = rows * cols;
      const t = new Transforms(rows, cols);
      const p = fillPattern(n, 31), q = fillPattern(n, 32);
      const P = t.forward(p), Q = t.forward(q);
      const count = t.length / 2;
      const out = new Float64Array(t.length);
      const tol = 100 * EPS * <f64>n * <f64>n;
      spectralProduct(ptr(out), ptr(P), ptr(Q), count, 0, 0);
      expect(maxDiff(t.inverse(out), convolve(p, q, rows, cols))).toBeLessThanOrEqual(tol);
      spectralProduct(ptr(out), ptr(P), ptr(Q), count, 1, 1); // out = P·Q + conj(P)·Q
      const want = convolve(p, q, rows, cols);
      const corr = correlate(p, q, rows, cols);
      for (let i = 0; i < n; i++) want[i] += corr[i];
      expect(maxDiff(t.inverse(out), want)).toBeLessThanOrEqual(2 * tol);
      // In place over q.
      spectralProduct(ptr(Q), ptr(P), ptr(Q), count, 1, 0);
      expect(maxDiff(t.inverse(Q), corr)).toBeLessThanOrEqual(tol);
    }
  });

  test("lincomb3 and multiplyEntries match the scalar formulas, with absent operands and in place", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, 41), y = fillPattern(n, 42), z = fillPattern(n, 43);
      const out = new Float64Array(n);
      lincomb3(ptr(out), 0.5, ptr(x), -2, ptr(y), 3, ptr(z), n);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i] - (0.5 * x[i] - 2 * y[i] + 3 * z[i]))).toBeLessThanOrEqual(8 * EPS);
      lincomb3(ptr(out), 0.5, ptr(x), -2, 0, 3, ptr(z), n);
      for (let i = 0; i < n; i++) expect(Math.abs(out[i] - (0.5 * x[i] + 3 * z[i]))).toBeLessThanOrEqual(8 * EPS);
      lincomb3(ptr(x), 2, ptr(x), 1, ptr(y), 0, 0, n); // x ← 2x + y in place
      const x0 = fillPattern(n, 41);
      for (let i = 0; i < n; i++) expect(x[i]).toBe(2 * x0[i] + y[i]);
      multiplyEntries(ptr(out), ptr(y), ptr(z), n);
      for (let i = 0; i < n; i++) expect(out[i]).toBe(y[i] * z[i]);
    }
  });
});
