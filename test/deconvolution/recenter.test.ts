import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { ConvolutionalModel } from "../../src/deconvolution/model.js";
import { recenterKernels } from "../../src/deconvolution/recenter.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { convolve, unit, scopePerTest } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const newScope = scopePerTest();

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test("a kernel against the window's edge moves to the centre and the activation the other way: a ⊛ x unchanged", () => {
  const rng = new Rng(5);
  for (const [shape, kr, kc, top, left] of [
    [{ rows: 1, cols: 90, windowRows: 1, windowCols: 30 }, 1, 10, 0, 19],
    [{ rows: 1, cols: 90, windowRows: 1, windowCols: 30 }, 1, 10, 0, 0],
    [{ rows: 20, cols: 24, windowRows: 6, windowCols: 9 }, 2, 3, 4, 1],
  ] as [ConvolutionShape, number, number, number, number][]) {
    const a = new Float64Array(shape.windowRows * shape.windowCols);
    const block = unit(rng.normalArray(kr * kc));
    for (let i = 0; i < kr; i++) for (let j = 0; j < kc; j++) a[(top + i) * shape.windowCols + left + j] = block[i * kc + j];
    const x = rng.normalArray(shape.rows * shape.cols);
    const y = convolve(shape, a, x);
    const scope = newScope();
    const model = new ConvolutionalModel({ shape, signals: [y], kernels: [a], biases: [0], estimateBias: false, activations: [x] }, scope);
    const fit = model.dataFit();
    expect(fit).toBeLessThanOrEqual(1e-20);
    expect(recenterKernels(model, kr, kc)).toBe(1);
    // The block now sits at the centre of the window.
    const ct = (shape.windowRows - kr) >> 1, cl = (shape.windowCols - kc) >> 1;
    for (let i = 0; i < kr; i++) for (let j = 0; j < kc; j++) expect(model.a[0][(ct + i) * shape.windowCols + cl + j]).toBeCloseTo(block[i * kc + j], 14);
    expect(maxDiff(convolve(shape, model.a[0], model.x[0].toArray()), y)).toBeLessThanOrEqual(1e-12);
    expect(model.dataFit()).toBeLessThanOrEqual(1e-20);
    // Centred already: nothing moves.
    expect(recenterKernels(model, kr, kc)).toBe(0);
  }
});

test("mass pushed out of the window is dropped and the rest renormalized, the activation scaled to keep the product", () => {
  const shape: ConvolutionShape = { rows: 1, cols: 40, windowRows: 1, windowCols: 12 };
  const a = new Float64Array(12);
  a[0] = 0.1; // outside the best 4-block, pushed out when the block [8, 12) moves to [4, 8)
  a[8] = 0.5; a[9] = -0.5; a[10] = 0.6; a[11] = 0.35;
  const an = unit(a);
  const x = new Rng(6).normalArray(40);
  const scope = newScope();
  const model = new ConvolutionalModel({ shape, signals: [new Float64Array(40)], kernels: [an], biases: [0], estimateBias: false, activations: [x] }, scope);
  recenterKernels(model, 1, 4);
  const kept = Math.hypot(an[8], an[9], an[10], an[11]);
  expect(Array.from(model.a[0].subarray(4, 8))).toEqual(Array.from(an.subarray(8, 12)).map((v) => v / kept));
  expect(model.a[0][0]).toBe(0);
  const shifted = model.x[0].view;
  for (let k = 0; k < 40; k++) expect(shifted[k]).toBeCloseTo(kept * x[(k - 4 + 40) % 40], 14);
});
