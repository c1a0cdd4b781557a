// Landscape slices against direct evaluation, and the picture itself: minima at the signed shifts.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { landscapeSlice, type CircleSlice, type SphereSlice } from "../../src/deconvolution/landscape.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { surrogateProblem } from "../../src/deconvolution/surrogate.js";
import { Rng } from "../../src/data/rng.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { dot, lassoReference, unit } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The kernel a0 shifted by s inside a window of three times its length. */
function inWindow(a0: Float64Array, s: number): Float64Array {
  const w = new Float64Array(3 * a0.length);
  w.set(a0, a0.length + s);
  return w;
}

describe("landscapeSlice", () => {
  test("lasso values on the circle equal min_x Ψ from a plain-JS FISTA, at the listed angles", async () => {
    const n = 4, m = 60;
    const a0 = randomKernel(n, { seed: 2 });
    const y = convolutionalData(a0, m, { theta: 0.1, seed: 3 }).signal;
    const basis = [inWindow(a0, 0), inWindow(a0, 1)];
    const slice = (await landscapeSlice(y, basis, { lambda: 0.1, resolution: 8 })) as CircleSlice;
    expect(slice.kind).toBe("circle");
    expect(slice.angle.length).toBe(8);
    const shape: ConvolutionShape = { rows: 1, cols: m, windowRows: 1, windowCols: 3 * n };
    for (const i of [0, 3, 6]) {
      const a = slice.basis[0].map((u, k) => Math.cos(slice.angle[i]) * u + Math.sin(slice.angle[i]) * slice.basis[1][k]);
      expect(slice.value[i]).toBeCloseTo(lassoReference(shape, unit(a), y, 0.1, 3000).value, 7);
    }
    // The basis: u₁ = b₁/‖b₁‖, u₂ ⟂ u₁ in the span.
    expect(dot(slice.basis[0], slice.basis[1])).toBeCloseTo(0, 14);
    expect(slice.marks[0]).toBeCloseTo(0, 14);
    expect(slice.marks[1]).toBeCloseTo(Math.PI, 14);
  });

  test("the picture: on the circle through two shifts the minima sit at ±shifts, with higher ground between (lasso and smooth)", async () => {
    const n = 16, m = 1600;
    const a0 = randomKernel(n, { seed: 3 });
    const y = convolutionalData(a0, m, { theta: 0.5 * n ** -0.75, seed: 4 }).signal;
    for (const objective of ["lasso", "smooth"] as const) {
      const slice = (await landscapeSlice(y, [inWindow(a0, 0), inWindow(a0, 1)], { objective, lambda: 0.05, resolution: objective === "lasso" ? 72 : 36 })) as CircleSlice;
      const v = slice.value, N = v.length, step = (2 * Math.PI) / N;
      const minima = Array.from(v.keys()).filter((i) => v[i] < v[(i + 1) % N] && v[i] < v[(i + N - 1) % N]);
      expect(minima.length, objective).toBe(4);
      const marks = Array.from(slice.marks).sort((p, q) => p - q);
      minima.forEach((i, k) => {
        const d = Math.abs(slice.angle[i] - marks[k]);
        expect(Math.min(d, 2 * Math.PI - d), objective).toBeLessThanOrEqual(step);
      });
      // Between consecutive minima the slice rises well above both.
      for (let k = 0; k < 4; k++) {
        const i = minima[k], j = minima[(k + 1) % 4];
        let top = -Infinity;
        for (let t = i; t !== j; t = (t + 1) % N) top = Math.max(top, v[t]);
        expect(top - Math.max(v[i], v[j]), objective).toBeGreaterThan(0.1 * (Math.max(...v) - Math.min(...v)));
      }
    }
  }, 60_000);

  test("smooth values are the surrogate's cost; the sphere through three shifts has its grid, poles and marks", async () => {
    const n = 5, m = 75;
    const a0 = randomKernel(n, { seed: 6 });
    const y = convolutionalData(a0, m, { theta: 0.1, seed: 7 }).signal;
    const basis = [inWindow(a0, 0), inWindow(a0, 1), inWindow(a0, 2)];
    const slice = (await landscapeSlice(y, basis, { objective: "smooth", lambda: 0.1, resolution: 5 })) as SphereSlice;
    expect(slice.kind).toBe("sphere");
    expect([slice.value.rows, slice.value.cols]).toEqual([5, 10]);
    const problem = surrogateProblem({ shape: { rows: 1, cols: m, windowRows: 1, windowCols: 3 * n }, y, bias: 0, lambda: 0.1, smoothing: 0.01 });
    const [u1, u2, u3] = slice.basis;
    for (const [i, j] of [[1, 3], [2, 7], [4, 0]]) {
      const k = i * 10 + j;
      const a = u1.map((v, q) => slice.x.data[k] * v + slice.y.data[k] * u2[q] + slice.z.data[k] * u3[q]);
      expect(Math.hypot(slice.x.data[k], slice.y.data[k], slice.z.data[k])).toBeCloseTo(1, 14);
      expect(slice.value.data[k]).toBeCloseTo(problem.cost(unit(a)), 9);
    }
    // Each pole is one point.
    for (let j = 1; j < 10; j++) {
      expect(slice.value.data[j]).toBe(slice.value.data[0]);
      expect(slice.value.data[40 + j]).toBe(slice.value.data[40]);
    }
    // u₃ is equidistant from the three kernels; the marks are ± the unit kernels.
    for (let k = 0; k < 3; k++) {
      const b = unit(basis[k]);
      const mark = slice.marks.data.subarray(6 * k, 6 * k + 3);
      expect(mark[2]).toBeCloseTo(dot(b, u3), 14);
      expect(Math.hypot(...mark)).toBeCloseTo(1, 12);
      expect(slice.marks.data[6 * k + 3]).toBe(-mark[0]);
    }
    expect(dot(unit(basis[0]), u3)).toBeCloseTo(dot(unit(basis[2]), u3), 12);
  });

  test("rejects bad bases and options before any work, and stops on abort", async () => {
    const y = new Rng(1).normalArray(60);
    const b = new Rng(2).normalArray(12);
    const before = runtime().arena.stats().bytesLive;
    await expect(landscapeSlice(y, [b])).rejects.toThrow("invalid basis: expected an array of two or three kernels, got Array(1)");
    await expect(landscapeSlice(y, [b, new Float64Array(11)])).rejects.toThrow("invalid basis[1]: expected length 12 like basis[0], got length 11");
    await expect(landscapeSlice(y, [b, b.map((v) => 2 * v)])).rejects.toThrow("invalid basis: the kernels are linearly dependent");
    await expect(landscapeSlice(y, [b, new Rng(3).normalArray(61)])).rejects.toThrow(/invalid basis\[1\]/);
    await expect(landscapeSlice(y, [new Rng(5).normalArray(61), new Rng(6).normalArray(61)])).rejects.toThrow("invalid basis: a 1×61 window does not fit in the 1×60 signal");
    await expect(landscapeSlice(y, [b, new Rng(4).normalArray(12)], { grid: 3 } as never)).rejects.toThrow("unknown option grid");
    await expect(landscapeSlice(y, [b, new Rng(4).normalArray(12)], { resolution: 2 })).rejects.toThrow("invalid resolution: expected an integer ≥ 3, got 2");
    const controller = new AbortController();
    controller.abort(new Error("stop the slice"));
    await expect(landscapeSlice(y, [b, new Rng(4).normalArray(12)], { signal: controller.signal })).rejects.toThrow("stop the slice");
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });
});
