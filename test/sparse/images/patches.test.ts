// extractPatches, assemblePatches and psnr against plain-JS loops and closed forms.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { extractPatches } from "../../../src/sparse/images/extract-patches.js";
import { assemblePatches } from "../../../src/sparse/images/assemble-patches.js";
import { psnr } from "../../../src/sparse/images/psnr.js";
import { parsePgm } from "../../../src/data/pgm.js";

function randomImage(rows: number, cols: number, seed: number): Matrix {
  return { rows, cols, data: new Rng(seed).uniformArray(rows * cols) };
}

/** The top-left corners of the patches, in the order of extractPatches (plain JS). */
function corners(rows: number, cols: number, h: number, w: number, sr: number, sc: number): [number, number][] {
  const along = (length: number, size: number, stride: number) => {
    const out: number[] = [];
    for (let o = 0; o <= length - size; o += stride) out.push(o);
    if (out.at(-1) !== length - size) out.push(length - size);
    return out;
  };
  return along(rows, h, sr).flatMap((r) => along(cols, w, sc).map((c): [number, number] => [r, c]));
}

test("extractPatches: column k is the k-th patch, row-major, for square and rectangular patches, strides that do and do not fit", () => {
  const image = randomImage(11, 9, 1);
  for (const [size, stride] of [[3, 1], [3, 2], [[2, 4], [3, 2]], [4, 4], [9, 5]] as const) {
    const [h, w] = typeof size === "number" ? [size, size] : size;
    const [sr, sc] = typeof stride === "number" ? [stride, stride] : stride;
    const P = extractPatches(image, { size, stride } as { size: number; stride: number });
    const where = corners(11, 9, h, w, sr, sc);
    expect([P.rows, P.cols]).toEqual([h * w, where.length]);
    where.forEach(([top, left], k) => {
      for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) expect(P.data[(r * w + c) * P.cols + k]).toBe(image.data[(top + r) * 9 + left + c]);
    });
  }
  // Stride 1 gives every overlapping patch: (11 − 3 + 1)·(9 − 3 + 1).
  expect(extractPatches(image, { size: 3 }).cols).toBe(63);
  // The last positions are flush with the edges: 11 rows, 4×4 patches at stride 4 → tops 0, 4, 7.
  expect(corners(11, 9, 4, 4, 4, 4).map(([r]) => r).filter((r, i, a) => a.indexOf(r) === i)).toEqual([0, 4, 7]);
});

test("assemblePatches: the exact inverse of extractPatches, and the per-pixel mean of overlapping patches", () => {
  const image = randomImage(10, 13, 2);
  for (const stride of [1, 2, 3, 4]) {
    const back = assemblePatches(extractPatches(image, { size: 4, stride }), { rows: 10, cols: 13, size: 4, stride });
    back.data.forEach((v, t) => expect(Math.abs(v - image.data[t])).toBeLessThan(1e-15));
  }
  // Arbitrary patch values: each pixel is the mean of the values its covering patches give it.
  const P = extractPatches(image, { size: [3, 2], stride: 2 });
  const values = new Rng(3).normalArray(P.data.length);
  const out = assemblePatches({ ...P, data: values }, { rows: 10, cols: 13, size: [3, 2], stride: 2 });
  const sum = new Float64Array(130), count = new Float64Array(130);
  corners(10, 13, 3, 2, 2, 2).forEach(([top, left], k) => {
    for (let r = 0; r < 3; r++) for (let c = 0; c < 2; c++) {
      sum[(top + r) * 13 + left + c] += values[(r * 2 + c) * P.cols + k];
      count[(top + r) * 13 + left + c]++;
    }
  });
  out.data.forEach((v, t) => expect(Math.abs(v - sum[t] / count[t])).toBeLessThan(1e-15));
});

test("psnr = 10·log10(1/MSE) on [0, 1]: closed forms, the camera against its 8-bit quantization, Infinity when equal", () => {
  const a = { rows: 2, cols: 2, data: Float64Array.from([0, 0.5, 1, 0.25]) };
  const b = { rows: 2, cols: 2, data: Float64Array.from([0.1, 0.5, 0.9, 0.25]) };
  expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(1 / ((0.01 + 0.01) / 4)), 12);
  expect(psnr(a, a)).toBe(Infinity);
  // A constant error e gives −20·log10(e).
  const shifted = { ...a, data: a.data.map((v) => v + 0.01) };
  expect(psnr(shifted, a)).toBeCloseTo(40, 10);
  const camera = parsePgm(new Uint8Array(readFileSync(new URL("../../../data/camera.pgm", import.meta.url))));
  const noisy = { ...camera, data: camera.data.map((v, t) => v + (t % 2 === 0 ? 1 : -1) / 255) };
  expect(psnr(noisy, camera)).toBeCloseTo(20 * Math.log10(255), 10); // 48.13 dB: one gray level everywhere
});

test("bad inputs: clear errors naming the argument", () => {
  const image = randomImage(5, 6, 4);
  expect(() => extractPatches(image, { size: 6 })).toThrow("invalid size: a 6×6 patch does not fit in a 5×6 image");
  expect(() => extractPatches(image, { size: 0 })).toThrow("invalid size: expected an integer ≥ 1, got 0");
  expect(() => extractPatches(image, { size: 2, stride: 0 })).toThrow("invalid stride: expected an integer ≥ 1, got 0");
  expect(() => extractPatches(image, { size: [2, 2, 2] } as unknown as { size: number })).toThrow("invalid size: expected an integer or a pair [height, width]");
  expect(() => extractPatches(image, { size: 2, step: 1 } as unknown as { size: number })).toThrow("unknown option step in options");
  expect(() => extractPatches([[1]] as unknown as Matrix, { size: 1 })).toThrow("invalid image: expected a matrix");
  const P = extractPatches(image, { size: 2 });
  expect(() => assemblePatches(P, { rows: 5, cols: 6, size: 2, stride: 2 })).toThrow("invalid patches: expected 4×9 (one 2×2 patch per column, 9 positions), got 4×20");
  expect(() => assemblePatches(P, { rows: 5, cols: 6, size: 2, stride: 3 })).toThrow("invalid stride: 3×3 steps over pixels between 2×2 patches");
  expect(() => assemblePatches(P, { rows: 0, cols: 6, size: 2 })).toThrow("invalid rows: expected an integer ≥ 1, got 0");
  expect(() => psnr(image, randomImage(6, 5, 1))).toThrow("invalid image: expected 6×5 like the reference, got 5×6");
  const nan = { ...image, data: image.data.slice() };
  nan.data[7] = NaN;
  expect(() => psnr(nan, image)).toThrow("invalid image: image[1, 1] = NaN; expected finite values");
  expect(() => psnr(image, nan)).toThrow("invalid reference: reference[1, 1] = NaN");
  expect(() => psnr({ rows: 0, cols: 0, data: new Float64Array(0) }, { rows: 0, cols: 0, data: new Float64Array(0) })).toThrow("expected at least one pixel");
});
