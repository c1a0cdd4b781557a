// The resident FFT and convolution entry points: same results as the copying wrappers (and the
// direct DFT), no copies, strict handle checks.
import { beforeAll, describe, expect, test } from "vitest";
import FFT from "fft.js";
import { init, runtime } from "../../../src/runtime/init.js";
import { fft } from "../../../src/kernels/fft/fft.js";
import { rfft } from "../../../src/kernels/fft/rfft.js";
import { circularConvolve, circularCorrelate } from "../../../src/kernels/fft/convolve.js";
import { circularConvolve2d, circularCorrelate2d } from "../../../src/kernels/fft/convolve2d.js";
import { fftBuffer, irfftBuffer, rfftBuffer } from "../../../src/kernels/fft/fft-buffer.js";
import { irfft2Buffer, rfft2Buffer, rfft2Length } from "../../../src/kernels/fft/rfft2-buffer.js";
import {
  circularConvolve2dBuffer, circularConvolveBuffer, circularCorrelate2dBuffer, circularCorrelateBuffer,
} from "../../../src/kernels/fft/convolve-buffer.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { directDft, fftTolerance, norm2, relativeError } from "./reference.js";

beforeAll(async () => {
  await init();
});

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The 2-D DFT of a real rows×cols image, bins b ≤ cols/2, bin-major, by direct 1-D DFTs of the rows then the columns. */
function direct2d(x: Float64Array, rows: number, cols: number): Float64Array {
  const bins = (cols >> 1) + 1;
  const rowsDft = Array.from({ length: rows }, (_, r) =>
    directDft(x.subarray(r * cols, (r + 1) * cols), new Float64Array(cols), -1, Array.from({ length: bins }, (_, b) => b)));
  const out = new Float64Array(2 * bins * rows);
  for (let b = 0; b < bins; b++) {
    const col = directDft(rowsDft.map((d) => d.re[b]), rowsDft.map((d) => d.im[b]), -1);
    for (let i = 0; i < rows; i++) {
      out[2 * (b * rows + i)] = col.re[i];
      out[2 * (b * rows + i) + 1] = col.im[i];
    }
  }
  return out;
}

describe("fftBuffer / rfftBuffer / irfftBuffer", () => {
  test("equal the copying transforms (and fft.js at a power of two), in place for the complex one, every build", async () => {
    const rng = new Rng(81);
    for (const n of [1, 2, 7, 64, 100, 1009, 4096]) {
      const re = rng.normalArray(n), im = rng.normalArray(n);
      const want = fft(re, im);
      const wantR = rfft(re);
      await eachBinary(() => {
        runtime().arena.scope((s) => {
          const inter = new Float64Array(2 * n);
          for (let j = 0; j < n; j++) [inter[2 * j], inter[2 * j + 1]] = [re[j], im[j]];
          const buf = s.f64From(inter);
          expect(fftBuffer(buf, buf)).toBe(buf); // in place
          const v = buf.view;
          const gotRe = Array.from({ length: n }, (_, j) => v[2 * j]), gotIm = Array.from({ length: n }, (_, j) => v[2 * j + 1]);
          expect(relativeError(gotRe, gotIm, want.re, want.im), `n = ${n}`).toBeLessThanOrEqual(fftTolerance(n));
          const back = s.f64(2 * n);
          fftBuffer(back, buf, { inverse: true });
          expect(maxDiff(back.view, inter)).toBeLessThanOrEqual(4 * fftTolerance(n) * norm2(re, im));
          const x = s.f64From(re);
          const spec = s.f64(2 * ((n >> 1) + 1));
          expect(rfftBuffer(spec, x)).toBe(spec);
          const sv = spec.view;
          const bins = (n >> 1) + 1;
          expect(relativeError(
            Array.from({ length: bins }, (_, k) => sv[2 * k]), Array.from({ length: bins }, (_, k) => sv[2 * k + 1]), wantR.re, wantR.im,
          )).toBeLessThanOrEqual(fftTolerance(n));
          const xr = s.f64(n);
          expect(irfftBuffer(xr, spec)).toBe(xr);
          expect(maxDiff(xr.view, re)).toBeLessThanOrEqual(4 * fftTolerance(n) * norm2(re));
        });
      });
    }
    const n = 1024;
    const x = rng.normalArray(n);
    const f = new FFT(n);
    const out = f.createComplexArray() as number[];
    f.realTransform(out, Array.from(x));
    runtime().arena.scope((s) => {
      const spec = rfftBuffer(s.f64(2 * (n / 2 + 1)), s.f64From(x)).view;
      for (let k = 0; k <= n / 2; k++) {
        expect(Math.abs(spec[2 * k] - out[2 * k]) + Math.abs(spec[2 * k + 1] - out[2 * k + 1])).toBeLessThanOrEqual(1e-10);
      }
    });
  });
});

describe("rfft2Buffer / irfft2Buffer", () => {
  test("the half spectrum bin-major equals the direct 2-D DFT and inverts, on odd, even and 1-row shapes, every build", async () => {
    const rng = new Rng(82);
    for (const [rows, cols] of [[1, 5], [2, 2], [3, 8], [6, 7], [8, 8], [12, 10], [17, 4]]) {
      const x = rng.normalArray(rows * cols);
      const want = direct2d(x, rows, cols);
      await eachBinary(() => {
        runtime().arena.scope((s) => {
          const xb = s.f64From(x);
          const spec = s.f64(rfft2Length(rows, cols));
          expect(rfft2Buffer(spec, xb, [rows, cols])).toBe(spec);
          expect(maxDiff(spec.view, want), `${rows}×${cols}`).toBeLessThanOrEqual(fftTolerance(rows * cols) * norm2(x) * Math.sqrt(rows * cols));
          const back = s.f64(rows * cols);
          irfft2Buffer(back, spec, [rows, cols]);
          expect(maxDiff(back.view, x)).toBeLessThanOrEqual(4 * fftTolerance(rows * cols) * norm2(x));
        });
      });
    }
  });
});

describe("resident circular convolutions", () => {
  test("equal the copying ones, 1-D and 2-D, every method", () => {
    const rng = new Rng(83);
    const x = rng.normalArray(300), a = rng.normalArray(40);
    const X = { rows: 12, cols: 20, data: rng.normalArray(240) }, A = { rows: 3, cols: 5, data: rng.normalArray(15) };
    runtime().arena.scope((s) => {
      const xb = s.f64From(x), ab = s.f64From(a), out = s.f64(300);
      const Xb = s.f64From(X.data), Ab = s.f64From(A.data), Out = s.f64(240);
      for (const method of ["auto", "direct", "fft"] as const) {
        expect(maxDiff(circularConvolveBuffer(out, xb, ab, { method }).view, circularConvolve(x, a))).toBeLessThanOrEqual(1e-12);
        expect(maxDiff(circularCorrelateBuffer(out, xb, ab, { method }).view, circularCorrelate(x, a))).toBeLessThanOrEqual(1e-12);
        expect(maxDiff(circularConvolve2dBuffer(Out, Xb, Ab, [12, 20], [3, 5], { method }).view, circularConvolve2d(X, A).data)).toBeLessThanOrEqual(1e-12);
        expect(maxDiff(circularCorrelate2dBuffer(Out, Xb, Ab, [12, 20], [3, 5], { method }).view, circularCorrelate2d(X, A).data)).toBeLessThanOrEqual(1e-12);
      }
    });
  });
});

describe("argument checks", () => {
  test("reject foreign, disposed, mismatched or aliased buffers and bad shapes before any work, leaking nothing", () => {
    const arena = runtime().arena;
    const before = arena.stats().buffersLive;
    arena.scope((s) => {
      const x = s.f64From([1, 2, 3, 4]);
      const spec = s.f64(6);
      spec.view.fill(7);
      expect(() => rfftBuffer(spec, Float64Array.of(1, 2) as never)).toThrow(/invalid x: expected a WasmBuffer<"f64">, got Float64Array\(2\)/);
      expect(() => rfftBuffer(s.f64(5), x)).toThrow(/invalid out: expected length 6, got length 5/);
      expect(() => rfftBuffer(spec, s.f64(0))).toThrow(/invalid x: expected length ≥ 1, got length 0/);
      expect(() => rfftBuffer(x, x)).toThrow(/invalid out: expected length 6/);
      expect(() => fftBuffer(s.f64(3), s.f64(3))).toThrow(/invalid inp: expected an even length/);
      expect(() => fftBuffer(s.i32(4) as never, x)).toThrow(/invalid out: expected a WasmBuffer<"f64">, got a WasmBuffer<"i32">/);
      expect(() => fftBuffer(x, x, { inverse: 1 } as never)).toThrow(/invalid inverse: expected a boolean, got 1/);
      expect(() => fftBuffer(x, x, { invert: true } as never)).toThrow(/unknown option invert/);
      const image = s.f64(12);
      expect(() => rfft2Buffer(s.f64(rfft2Length(3, 4)), image, [3, 5])).toThrow(/invalid x: expected length 15, got length 12/);
      expect(() => rfft2Buffer(s.f64(rfft2Length(3, 4)), image, [3, 4.5] as never)).toThrow(/invalid shape\[1\]: expected an integer, got 4.5/);
      expect(() => rfft2Buffer(s.f64(rfft2Length(3, 4)), image, [0, 4])).toThrow(/invalid shape\[0\]: expected an integer ≥ 1, got 0/);
      expect(() => irfft2Buffer(image, image, [3, 4])).toThrow(/invalid spectrum: expected length 18, got length 12/);
      const square = s.f64(rfft2Length(2, 2));
      expect(() => irfft2Buffer(square, square, [2, 2])).toThrow(/invalid out: expected length 4/);
      const four = s.f64(4);
      expect(() => irfft2Buffer(four, four as never, [2, 2])).toThrow(/invalid spectrum: expected length 8, got length 4/);
      expect(() => circularConvolveBuffer(x, x, s.f64(2))).toThrow(/invalid out: must be a different buffer from x/);
      expect(() => circularConvolveBuffer(s.f64(4), x, s.f64(5))).toThrow(/invalid a: kernel length 5 exceeds the signal length 4/);
      expect(() => circularConvolve2dBuffer(s.f64(12), image, s.f64(9), [3, 4], [3, 3])).not.toThrow();
      expect(() => circularConvolve2dBuffer(s.f64(12), image, s.f64(10), [3, 4], [2, 5])).toThrow(/invalid kernelShape: a 2×5 kernel is larger than the 3×4 signal/);
      const gone = s.f64(4);
      gone.dispose();
      expect(() => irfftBuffer(gone, spec)).toThrow(/invalid out: the buffer at \d+ was disposed/);
      expect(Array.from(spec.view)).toEqual([7, 7, 7, 7, 7, 7]);
    });
    expect(arena.stats().buffersLive).toBe(before);
  });
});
