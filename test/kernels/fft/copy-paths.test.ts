// The copying transforms' memory paths: { out } reuses the caller's arrays, arrays that are views of
// wasm memory are read and written in place, and every way gives the same numbers as the plain
// call (which fft.test.ts and rfft.test.ts hold to the direct DFT and fft.js), with no leak.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { fft } from "../../../src/kernels/fft/fft.js";
import { irfft, rfft } from "../../../src/kernels/fft/rfft.js";
import { fftBuffer } from "../../../src/kernels/fft/fft-buffer.js";
import { circularConvolve, circularCorrelate } from "../../../src/kernels/fft/convolve.js";
import { circularConvolve2d, circularCorrelate2d } from "../../../src/kernels/fft/convolve2d.js";
import { toResident } from "../../../src/runtime/to-resident.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { directDft, fftTolerance, relativeError } from "./reference.js";

beforeAll(async () => {
  await init();
});

const LENGTHS = [1, 2, 3, 4, 5, 8, 17, 64, 100, 107, 1000, 4093, 16384];

describe("fft, rfft, irfft memory paths", () => {
  test("{ out }, resident inputs and resident outputs give the plain call's numbers on every build", async () => {
    const rng = new Rng(201);
    for (const n of LENGTHS) {
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      await eachBinary(() => {
        const { arena } = runtime();
        fft(re, im);
        rfft(re); // the plans are cached from here on (they count in bytesLive)
        const before = arena.stats().bytesLive;
        for (const inverse of [false, true]) {
          const want = fft(re, im, { inverse });
          const out = { re: new Float64Array(n), im: new Float64Array(n) };
          const got = fft(re, im, { inverse, out });
          expect(got).toBe(out);
          expect(got.re).toEqual(want.re);
          expect(got.im).toEqual(want.im);
          // Inputs and outputs as views of wasm memory (read and written in place).
          const bufs = [re, im, new Float64Array(n), new Float64Array(n)].map((v) => arena.f64From(v));
          const [rb, ib, ob, pb] = bufs;
          // (A call may grow memory, which detaches views: the handles' views are read afresh.)
          const views = { re: ob.view, im: pb.view };
          expect(fft(rb.view, ib.view, { inverse, out: views })).toBe(views);
          expect(ob.view).toEqual(want.re);
          expect(pb.view).toEqual(want.im);
          // In place: the inputs themselves as out (plain and resident).
          const xr = re.slice();
          const xi = im.slice();
          fft(xr, xi, { inverse, out: { re: xr, im: xi } });
          expect(xr).toEqual(want.re);
          fft(rb.view, ib.view, { inverse, out: { re: rb.view, im: ib.view } });
          expect(rb.view).toEqual(want.re);
          expect(ib.view).toEqual(want.im);
          for (const b of bufs) b.dispose();
        }
        const x = re;
        const bins = (n >> 1) + 1;
        const spectrum = rfft(x);
        const out = { re: new Float64Array(bins), im: new Float64Array(bins) };
        expect(rfft(x, { out })).toBe(out);
        expect(out.re).toEqual(spectrum.re);
        expect(out.im).toEqual(spectrum.im);
        const xb = arena.f64From(x);
        expect(rfft(xb.view).re).toEqual(spectrum.re);
        const back = new Float64Array(n);
        expect(irfft(spectrum, n, { out: back })).toBe(back);
        expect(back).toEqual(irfft(spectrum, n));
        // irfft into the resident buffer that held x.
        irfft(spectrum, n, { out: xb.view });
        expect(xb.view).toEqual(back);
        xb.dispose();
        expect(arena.stats().bytesLive).toBe(before);
      });
    }
  });

  test("the copying fft agrees with the direct DFT at a Bluestein length through every path", async () => {
    const rng = new Rng(203);
    const n = 4093;
    const re = rng.normalArray(n);
    const im = rng.normalArray(n);
    const want = directDft(re, im, -1);
    await eachBinary(() => {
      const out = { re: new Float64Array(n), im: new Float64Array(n) };
      fft(re, im, { out });
      expect(relativeError(out.re, out.im, want.re, want.im)).toBeLessThanOrEqual(fftTolerance(n));
      const { arena } = runtime();
      const inp = arena.f64Uninitialized(2 * n);
      for (let j = 0; j < n; j++) [inp.view[2 * j], inp.view[2 * j + 1]] = [re[j], im[j]];
      const spec = arena.f64(2 * n);
      fftBuffer(spec, inp);
      for (let j = 0; j < n; j++) {
        expect(spec.view[2 * j]).toBe(out.re[j]);
        expect(spec.view[2 * j + 1]).toBe(out.im[j]);
      }
      inp.dispose();
      spec.dispose();
    });
  });

  test("the convolutions take { out } and resident operands, with the plain call's numbers", async () => {
    const rng = new Rng(205);
    for (const [n, na] of [[1, 1], [17, 5], [300, 200], [1000, 7]] as const) {
      const x = rng.normalArray(n);
      const a = rng.normalArray(na);
      await eachBinary(() => {
        const { arena } = runtime();
        for (const f of [circularConvolve, circularCorrelate]) {
          for (const method of ["direct", "fft"] as const) {
            const want = f(x, a, { method });
            const out = new Float64Array(n);
            expect(f(x, a, { method, out })).toBe(out);
            expect(out).toEqual(want);
            const xb = arena.f64From(x);
            const ob = arena.f64(n);
            f(xb.view, a, { method, out: ob.view });
            expect(ob.view).toEqual(want);
            // out = the resident signal: computed through scratch, same numbers.
            f(xb.view, a, { method, out: xb.view });
            expect(xb.view).toEqual(want);
            xb.dispose();
            ob.dispose();
          }
        }
      });
    }
    const X = { rows: 12, cols: 10, data: rng.normalArray(120) };
    const A = { rows: 3, cols: 4, data: rng.normalArray(12) };
    await eachBinary(() => {
      for (const f of [circularConvolve2d, circularCorrelate2d]) {
        for (const method of ["direct", "fft"] as const) {
          const want = f(X, A, { method });
          const rx = toResident(X);
          const out = runtime().arena.matrix(12, 10);
          expect(f(rx, A, { method, out })).toBe(out);
          expect(out.data).toEqual(want.data);
          expect(f(rx, A, { method, out: rx }).data).toEqual(want.data);
          rx.dispose();
          out.dispose();
        }
      }
    });
  });

  test("bad out arrays are rejected before any work", () => {
    const x = new Float64Array(4);
    const shared = new Float64Array(8);
    expect(() => fft(x, x, { out: { re: new Float64Array(3), im: new Float64Array(4) } })).toThrow("invalid out.re: expected length 4, got length 3");
    expect(() => fft(x, x, { out: { re: shared.subarray(0, 4), im: shared.subarray(2, 6) } })).toThrow("invalid out: out.re and out.im must not share memory");
    expect(() => fft(x, x, { out: [x, x] as never })).toThrow("invalid out: expected { re, im } Float64Arrays, got Array(2)");
    expect(() => fft(x, x, { out: null as never })).toThrow("invalid out: expected { re, im } Float64Arrays, got null");
    expect(() => rfft(x, { out: { re: new Float64Array(3), im: new Float64Array(2) } })).toThrow("invalid out.im: expected length 3, got length 2");
    expect(() => irfft(rfft(x), 4, { out: new Float64Array(3) })).toThrow("invalid out: expected length 4, got length 3");
    expect(() => rfft(x, { inverse: true } as never)).toThrow(/unknown option inverse/);
    expect(() => circularConvolve(x, x, { out: new Float64Array(3) })).toThrow("invalid out: expected length 4, got length 3");
    const X = { rows: 2, cols: 2, data: x };
    expect(() => circularConvolve2d(X, X, { out: { rows: 1, cols: 4, data: x } })).toThrow("invalid out: expected a 2×2 matrix, got a 1×4 matrix");
  });
});
