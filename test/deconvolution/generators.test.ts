import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { Rng } from "../../src/data/rng.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { convolve, dot } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** Σ (a[i+1] − a[i])² over the rows: small for a smooth kernel. */
function roughness(a: Float64Array): number {
  let s = 0;
  for (let i = 1; i < a.length; i++) s += (a[i] - a[i - 1]) ** 2;
  return s;
}

describe("randomKernel", () => {
  test("unit norm in 1-D and 2-D, seeded, Gaussian or smooth and localized", () => {
    for (const kind of ["gaussian", "smooth"] as const) {
      const a = randomKernel(64, { kind, seed: 5 });
      expect(dot(a, a)).toBeCloseTo(1, 14);
      expect(Array.from(randomKernel(64, { kind, seed: 5 }))).toEqual(Array.from(a));
      expect(Array.from(randomKernel(64, { kind, seed: 6 }))).not.toEqual(Array.from(a));
      const A = randomKernel([6, 9], { kind, seed: 5 });
      expect([A.rows, A.cols]).toEqual([6, 9]);
      expect(dot(A.data, A.data)).toBeCloseTo(1, 14);
    }
    // The seed is an Rng too (which advances).
    const rng = new Rng(9);
    expect(Array.from(randomKernel(8, { seed: rng }))).not.toEqual(Array.from(randomKernel(8, { seed: rng })));
    // Smooth kernels: neighbours close (a Gaussian one has E Σ Δ² ≈ 2), energy in the middle half.
    for (let seed = 0; seed < 5; seed++) {
      const s = randomKernel(64, { kind: "smooth", seed });
      expect(roughness(s)).toBeLessThan(0.1);
      expect(roughness(randomKernel(64, { seed }))).toBeGreaterThan(1);
      expect(dot(s.subarray(16, 48), s.subarray(16, 48))).toBeGreaterThan(0.85);
    }
  });

  test("rejects bad sizes, kinds and options", () => {
    expect(() => randomKernel(0)).toThrow("invalid length: expected an integer ≥ 1, got 0");
    expect(() => randomKernel([3, 0])).toThrow("invalid length[1]: expected an integer ≥ 1, got 0");
    expect(() => randomKernel("8" as never)).toThrow(TypeError);
    expect(() => randomKernel(8, { kind: "box" as never })).toThrow('invalid kind: expected one of "gaussian", "smooth", got "box"');
    expect(() => randomKernel(8, { sigma: 1 } as never)).toThrow("unknown option sigma");
  });
});

describe("convolutionalData", () => {
  test("y = a ⊛ x + b + σ·n with a Bernoulli activation of rate θ, 1-D and 2-D, seeded", () => {
    const a = randomKernel(10, { seed: 1 });
    const d = convolutionalData(a, 20_000, { theta: 0.05, activation: "bernoulli-rademacher", bias: 0.7, noise: 0.3, seed: 2 });
    const shape: ConvolutionShape = { rows: 1, cols: 20_000, windowRows: 1, windowCols: 10 };
    const clean = convolve(shape, a, d.activation);
    const noise = d.signal.map((v, i) => v - clean[i] - 0.7);
    const mean = noise.reduce((s, v) => s + v, 0) / noise.length;
    const std = Math.sqrt(noise.reduce((s, v) => s + (v - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(std - 0.3)).toBeLessThan(0.01);
    const nonzero = d.activation.filter((v) => v !== 0);
    expect(nonzero.every((v) => v === 1 || v === -1)).toBe(true);
    expect(Math.abs(nonzero.length / 20_000 - 0.05)).toBeLessThan(0.005);
    expect([d.bias, d.noise]).toEqual([0.7, 0.3]);
    const again = convolutionalData(a, 20_000, { theta: 0.05, activation: "bernoulli-rademacher", bias: 0.7, noise: 0.3, seed: 2 });
    expect(Array.from(again.signal)).toEqual(Array.from(d.signal));
    // 2-D, noiseless, Bernoulli–Gaussian.
    const K = randomKernel([3, 4], { seed: 3 });
    const D = convolutionalData(K, [20, 22], { theta: 0.1, seed: 4 });
    const want = convolve({ rows: 20, cols: 22, windowRows: 3, windowCols: 4 }, K.data, D.activation.data);
    for (let i = 0; i < want.length; i++) expect(D.signal.data[i]).toBeCloseTo(want[i], 12);
    expect(Array.from(D.kernel.data)).toEqual(Array.from(K.data));
  });

  test("rejects kernels larger than the signal, mixed kinds, bad θ, noise or options", () => {
    const a = randomKernel(10, { seed: 1 });
    expect(() => convolutionalData(a, 9, { theta: 0.1 })).toThrow("invalid length: the signal (1×9) must be at least the kernel's size (1×10)");
    expect(() => convolutionalData(a, [10, 10] as never, { theta: 0.1 })).toThrow(TypeError);
    expect(() => convolutionalData(a, 100, { theta: 1.5 })).toThrow("invalid theta: expected a probability in [0, 1], got 1.5");
    expect(() => convolutionalData(a, 100, { theta: 0.1, noise: -1 })).toThrow("invalid noise: expected a finite number ≥ 0, got -1");
    expect(() => convolutionalData(a, 100, { theta: 0.1, activation: "gaussian" as never })).toThrow(/invalid activation/);
    expect(() => convolutionalData(a, 100, { theta: 0.1, snr: 3 } as never)).toThrow("unknown option snr");
    const bad = a.slice();
    bad[2] = NaN;
    expect(() => convolutionalData(bad, 100, { theta: 0.1 })).toThrow("invalid kernel: entry 2 is NaN");
  });
});
