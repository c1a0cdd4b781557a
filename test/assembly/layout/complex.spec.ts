import { deinterleaveComplex, deinterleaveComplexReversed, interleaveComplex } from "../../../assembly/layout/complex";
import { fillPattern, ptr, SHAPES } from "../helpers";

describe("complex packing", () => {
  test("interleave, deinterleave and the reversed, scaled deinterleave match a scalar loop on the shape grid", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const re = fillPattern(n, 1);
      const im = fillPattern(n, 2);
      // One slot past the end on each side stays untouched.
      const pairs = new Float64Array(2 * n + 2);
      pairs[0] = 7;
      pairs[2 * n + 1] = 7;
      interleaveComplex(ptr(pairs) + 8, ptr(re), ptr(im), n);
      for (let j = 0; j < n; j++) {
        expect(pairs[1 + 2 * j]).toBe(re[j]);
        expect(pairs[2 + 2 * j]).toBe(im[j]);
      }
      expect(pairs[0]).toBe(7);
      expect(pairs[2 * n + 1]).toBe(7);

      const src = fillPattern(2 * n, 3);
      const outRe = new Float64Array(n + 1);
      const outIm = new Float64Array(n + 1);
      outRe[n] = 7;
      outIm[n] = 7;
      deinterleaveComplex(ptr(outRe), ptr(outIm), ptr(src), n);
      for (let j = 0; j < n; j++) {
        expect(outRe[j]).toBe(src[2 * j]);
        expect(outIm[j]).toBe(src[2 * j + 1]);
      }
      expect(outRe[n]).toBe(7);
      expect(outIm[n]).toBe(7);

      // x_j = s·X_{(n−j) mod n}: one multiplication per entry, so exact against the same product.
      const s = n > 0 ? 1.0 / <f64>n : 1.0;
      deinterleaveComplexReversed(ptr(outRe), ptr(outIm), ptr(src), n, s);
      for (let j = 0; j < n; j++) {
        const k = (n - j) % n;
        expect(outRe[j]).toBe(s * src[2 * k]);
        expect(outIm[j]).toBe(s * src[2 * k + 1]);
      }
      expect(outRe[n]).toBe(7);
      expect(outIm[n]).toBe(7);
    }
  });
});
