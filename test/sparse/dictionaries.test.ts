// The known dictionaries against independent constructions: orthonormality, the direct formulas,
// fft.js (DCT-II through the FFT of the even extension, the real Fourier basis through the DFT),
// the recursive definition of the Haar transform, and separable 2-D = Kronecker product.
import FFT from "fft.js";
import { describe, expect, test } from "vitest";
import type { Matrix } from "../../src/matrix.js";
import { Rng } from "../../src/data/rng.js";
import { dct2dDictionary, dctDictionary } from "../../src/sparse/dictionaries/dct.js";
import { fourierDictionary } from "../../src/sparse/dictionaries/fourier.js";
import { haarDictionary } from "../../src/sparse/dictionaries/haar.js";
import { overcompleteDct2dDictionary, overcompleteDctDictionary } from "../../src/sparse/dictionaries/overcomplete-dct.js";

const at = (a: Matrix, i: number, j: number): number => a.data[i * a.cols + j];

/** Aᵀy by plain sums. */
function adjoint(a: Matrix, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.cols);
  for (let k = 0; k < a.cols; k++) for (let i = 0; i < a.rows; i++) out[k] += at(a, i, k) * y[i];
  return out;
}

/** max |AᵀA − I| and max |AAᵀ − I| by plain sums. */
function orthonormalityError(a: Matrix): number {
  let worst = 0;
  const n = a.rows;
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < n; l++) {
      let cols = 0;
      let rows = 0;
      for (let i = 0; i < n; i++) {
        cols += at(a, i, k) * at(a, i, l);
        rows += at(a, k, i) * at(a, l, i);
      }
      const id = k === l ? 1 : 0;
      worst = Math.max(worst, Math.abs(cols - id), Math.abs(rows - id));
    }
  }
  return worst;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The Kronecker product by its definition, (A ⊗ B)[(i, s), (k, l)] = A[i, k]·B[s, l]. */
function kron(a: Matrix, b: Matrix): Matrix {
  const out = { rows: a.rows * b.rows, cols: a.cols * b.cols, data: new Float64Array(a.rows * b.rows * a.cols * b.cols) };
  for (let i = 0; i < a.rows; i++) for (let s = 0; s < b.rows; s++) for (let k = 0; k < a.cols; k++) for (let l = 0; l < b.cols; l++) {
    out.data[(i * b.rows + s) * out.cols + k * b.cols + l] = at(a, i, k) * at(b, s, l);
  }
  return out;
}

const SIZES = [1, 2, 3, 4, 5, 7, 8, 12, 16, 33, 64];

describe("dctDictionary", () => {
  test("is orthonormal and equals the DCT-II formula entry by entry", () => {
    for (const n of SIZES) {
      const D = dctDictionary(n);
      expect([D.rows, D.cols]).toEqual([n, n]);
      expect(orthonormalityError(D)).toBeLessThan(20 * n * 2 ** -52);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) {
          const want = Math.sqrt((k === 0 ? 1 : 2) / n) * Math.cos((Math.PI * (i + 0.5) * k) / n);
          expect(Math.abs(at(D, i, k) - want)).toBeLessThan(1e-14);
        }
      }
    }
  });

  test("Aᵀy is the DCT-II computed by fft.js on the even extension [y, reversed y]", () => {
    const rng = new Rng(3);
    for (const n of [2, 4, 8, 32, 128]) {
      const y = rng.normalArray(n);
      // F = FFT of the length-2n even extension: Fₖ = 2e^(iπk/2n)·Σᵢ yᵢcos(π(2i+1)k/2n).
      const f = new FFT(2 * n);
      const ext = [...y, ...Array.from(y).reverse()];
      const out = f.createComplexArray() as number[];
      f.realTransform(out, ext);
      f.completeSpectrum(out);
      const want = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const c = Math.cos((Math.PI * k) / (2 * n));
        const s = Math.sin((Math.PI * k) / (2 * n));
        // Re(e^(−iπk/2n)·Fₖ)/2, scaled to the orthonormal DCT.
        want[k] = (0.5 * (c * out[2 * k] + s * out[2 * k + 1])) * Math.sqrt((k === 0 ? 1 : 2) / n);
      }
      expect(maxDiff(adjoint(dctDictionary(n), y), want)).toBeLessThan(1e-12);
    }
  });

  test("2-D: equals the Kronecker product and transforms a patch P to DᵣᵀPD꜀", () => {
    const rng = new Rng(4);
    for (const [rows, cols] of [[1, 1], [2, 3], [8, 8], [5, 4]]) {
      const A = dct2dDictionary(rows, cols);
      const Dr = dctDictionary(rows);
      const Dc = dctDictionary(cols);
      expect(maxDiff(A.data, kron(Dr, Dc).data)).toBe(0);
      const P = rng.normalArray(rows * cols);
      const want = new Float64Array(rows * cols);
      for (let k = 0; k < rows; k++) for (let l = 0; l < cols; l++) {
        let s = 0;
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) s += at(Dr, i, k) * P[i * cols + j] * at(Dc, j, l);
        want[k * cols + l] = s;
      }
      expect(maxDiff(adjoint(A, P), want)).toBeLessThan(1e-13);
      expect(orthonormalityError(A)).toBeLessThan(1e-13);
    }
  });
});

describe("haarDictionary", () => {
  /** The L-level Haar transform by its recursion: averages and differences, again on the averages. */
  function haarTransform(y: Float64Array, levels: number): Float64Array {
    if (levels === 0) return y.slice();
    const half = y.length / 2;
    const a = new Float64Array(half);
    const d = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      a[k] = (y[2 * k] + y[2 * k + 1]) / Math.SQRT2;
      d[k] = (y[2 * k] - y[2 * k + 1]) / Math.SQRT2;
    }
    const coarse = haarTransform(a, levels - 1);
    const out = new Float64Array(y.length);
    out.set(coarse);
    out.set(d, half);
    return out;
  }

  test("Aᵀy is the recursive Haar transform, for every admissible number of levels", () => {
    const rng = new Rng(5);
    for (const n of [1, 2, 4, 6, 8, 12, 16, 64, 96]) {
      let most = 0;
      while (n % 2 ** (most + 1) === 0) most++;
      const y = rng.normalArray(n);
      for (let levels = 0; levels <= most; levels++) {
        const H = haarDictionary(n, { levels });
        expect(orthonormalityError(H)).toBeLessThan(1e-14);
        expect(maxDiff(adjoint(H, y), haarTransform(y, levels))).toBeLessThan(1e-13);
      }
      expect(haarDictionary(n).data).toEqual(haarDictionary(n, { levels: most }).data);
    }
    expect(haarDictionary(4, { levels: 0 }).data).toEqual(new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]));
  });

  test("rejects levels that do not divide n", () => {
    expect(() => haarDictionary(12, { levels: 3 })).toThrow(/invalid levels: n = 12 is not a multiple of 2\^3; expected levels ≤ 2/);
    expect(() => haarDictionary(8, { levels: -1 })).toThrow(RangeError);
    expect(() => haarDictionary(8, { levels: 1.5 })).toThrow(TypeError);
    expect(() => haarDictionary(8, { level: 1 } as never)).toThrow(/unknown option level/);
    expect(() => haarDictionary(0)).toThrow(/invalid n: expected an integer ≥ 1, got 0/);
  });
});

describe("fourierDictionary", () => {
  test("is orthonormal and Aᵀy is the DFT (fft.js) in real form", () => {
    const rng = new Rng(6);
    for (const n of SIZES) {
      const F = fourierDictionary(n);
      expect(orthonormalityError(F)).toBeLessThan(20 * n * 2 ** -52);
      const y = rng.normalArray(n);
      // Direct DFT for every size, checked against fft.js where it applies (powers of two ≥ 2).
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) {
        const angle = (2 * Math.PI * ((k * i) % n)) / n;
        re[k] += y[i] * Math.cos(angle);
        im[k] -= y[i] * Math.sin(angle);
      }
      if (n >= 2 && (n & (n - 1)) === 0) {
        const f = new FFT(n);
        const out = f.createComplexArray() as number[];
        f.realTransform(out, Array.from(y));
        f.completeSpectrum(out);
        for (let k = 0; k < n; k++) {
          expect(Math.abs(out[2 * k] - re[k])).toBeLessThan(1e-12);
          expect(Math.abs(out[2 * k + 1] - im[k])).toBeLessThan(1e-12);
        }
      }
      const want = new Float64Array(n);
      want[0] = re[0] / Math.sqrt(n);
      for (let k = 1; 2 * k < n; k++) {
        want[2 * k - 1] = Math.sqrt(2 / n) * re[k];
        want[2 * k] = -Math.sqrt(2 / n) * im[k];
      }
      if (n % 2 === 0 && n > 1) want[n - 1] = re[n / 2] / Math.sqrt(n);
      expect(maxDiff(adjoint(F, y), want)).toBeLessThan(1e-12);
    }
  });
});

describe("overcompleteDctDictionary", () => {
  test("1-D: the constant atom, then mean-free normalized cosines cos(πki/atoms)", () => {
    for (const [n, atoms] of [[8, 16], [8, 8], [5, 11], [1, 1], [2, 3]]) {
      const D = overcompleteDctDictionary(n, { atoms });
      expect([D.rows, D.cols]).toEqual([n, atoms]);
      for (let i = 0; i < n; i++) expect(at(D, i, 0)).toBeCloseTo(1 / Math.sqrt(n), 15);
      for (let k = 1; k < atoms; k++) {
        const v = Array.from({ length: n }, (_, i) => Math.cos((Math.PI * k * i) / atoms));
        const mean = v.reduce((s, x) => s + x, 0) / n;
        const norm = Math.hypot(...v.map((x) => x - mean));
        for (let i = 0; i < n; i++) expect(Math.abs(at(D, i, k) - (v[i] - mean) / norm)).toBeLessThan(1e-14);
      }
    }
    expect(overcompleteDctDictionary(6).cols).toBe(12);
  });

  test("2-D 8×8: the classic 64×256, the Kronecker product of two 8×16, unit atoms, DC only in atom 0, spanning R⁶⁴", () => {
    const A = overcompleteDct2dDictionary(8, 8);
    expect([A.rows, A.cols]).toEqual([64, 256]);
    const D = overcompleteDctDictionary(8, { atoms: 16 });
    expect(maxDiff(A.data, kron(D, D).data)).toBe(0);
    for (let k = 0; k < 256; k++) {
      let ss = 0;
      let sum = 0;
      for (let i = 0; i < 64; i++) {
        ss += at(A, i, k) ** 2;
        sum += at(A, i, k);
      }
      expect(Math.abs(ss - 1)).toBeLessThan(1e-14);
      if (k === 0) expect(sum).toBeCloseTo(8, 13);
      else expect(Math.abs(sum)).toBeLessThan(1e-13);
    }
    // A spot check against the formula: atom (k, l) = (3, 5), pixel (2, 7).
    const u = (k: number, i: number): number => Math.cos((Math.PI * k * i) / 16);
    const col = (k: number): number[] => {
      const v = Array.from({ length: 8 }, (_, i) => u(k, i));
      const m = v.reduce((s, x) => s + x, 0) / 8;
      const nrm = Math.hypot(...v.map((x) => x - m));
      return v.map((x) => (x - m) / nrm);
    };
    expect(at(A, 2 * 8 + 7, 3 * 16 + 5)).toBeCloseTo(col(3)[2] * col(5)[7], 15);
    // Rank 64: AAᵀ is positive definite (its Cholesky succeeds with pivots bounded away from 0).
    const M = new Float64Array(64 * 64);
    for (let i = 0; i < 64; i++) for (let j = 0; j < 64; j++) {
      let s = 0;
      for (let k = 0; k < 256; k++) s += at(A, i, k) * at(A, j, k);
      M[i * 64 + j] = s;
    }
    let smallest = Infinity;
    for (let j = 0; j < 64; j++) {
      let d = M[j * 64 + j];
      for (let t = 0; t < j; t++) d -= M[j * 64 + t] ** 2;
      expect(d).toBeGreaterThan(0);
      smallest = Math.min(smallest, d);
      const ljj = Math.sqrt(d);
      M[j * 64 + j] = ljj;
      for (let i = j + 1; i < 64; i++) {
        let s = M[i * 64 + j];
        for (let t = 0; t < j; t++) s -= M[i * 64 + t] * M[j * 64 + t];
        M[i * 64 + j] = s / ljj;
      }
    }
    expect(smallest).toBeGreaterThan(1e-3);
    expect(overcompleteDct2dDictionary(2, 3, { atoms: [3, 4] }).cols).toBe(12);
  });

  test("rejects bad sizes and atom counts", () => {
    expect(() => overcompleteDctDictionary(8, { atoms: 7 })).toThrow(/invalid atoms: expected an integer ≥ 8, got 7/);
    expect(() => overcompleteDctDictionary(1, { atoms: 2 })).toThrow(/only the constant atom; expected 1, got 2/);
    expect(() => overcompleteDct2dDictionary(8, 8, { atoms: [16] as never })).toThrow(/invalid atoms: expected \[rowAtoms, colAtoms\]/);
    expect(() => overcompleteDct2dDictionary(8, 8, { atoms: [16, 4] })).toThrow(/invalid atoms\[1\]: expected an integer ≥ 8, got 4/);
    expect(() => overcompleteDct2dDictionary(8, 0)).toThrow(/invalid cols/);
    expect(() => dctDictionary(2.5)).toThrow(TypeError);
  });
});
