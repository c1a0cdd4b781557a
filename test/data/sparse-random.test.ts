import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { bernoulliGaussian, bernoulliRademacher } from "../../src/data/bernoulli.js";
import { randomOrthogonal } from "../../src/data/orthogonal.js";
import { randomDictionary } from "../../src/sparse/random-dictionary.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

/** |count − N·θ| within 5 binomial standard deviations. */
function expectBinomial(count: number, N: number, theta: number): void {
  expect(Math.abs(count - N * theta)).toBeLessThanOrEqual(5 * Math.sqrt(N * theta * (1 - theta)) + 1e-9);
}

describe("Bernoulli generators", () => {
  test("Bernoulli–Gaussian: support rate θ, standard normal values, seeded", () => {
    for (const theta of [0.01, 0.1, 0.3, 0.9]) {
      const X = bernoulliGaussian(200, 300, theta, { seed: 4 });
      const nz = X.data.filter((v) => v !== 0);
      expectBinomial(nz.length, 60_000, theta);
      const mean = nz.reduce((s, v) => s + v, 0) / nz.length;
      const variance = nz.reduce((s, v) => s + v * v, 0) / nz.length;
      expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(nz.length));
      expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / nz.length));
    }
    expect(bernoulliGaussian(3, 4, 0.5, { seed: 9 }).data).toEqual(bernoulliGaussian(3, 4, 0.5, { seed: 9 }).data);
    expect(bernoulliGaussian(3, 4, 0.5, { seed: 9 }).data).not.toEqual(bernoulliGaussian(3, 4, 0.5, { seed: 10 }).data);
    expect(bernoulliGaussian(5, 5, 0).data.every((v) => v === 0)).toBe(true);
    expect(bernoulliGaussian(5, 5, 1).data.every((v) => v !== 0)).toBe(true);
    // An Rng seed continues its stream.
    const rng = new Rng(2);
    expect(bernoulliGaussian(2, 2, 0.5, { seed: rng }).data).not.toEqual(bernoulliGaussian(2, 2, 0.5, { seed: rng }).data);
  });

  test("Bernoulli–Rademacher: values ±1 on a support of rate θ, balanced signs", () => {
    const X = bernoulliRademacher(100, 1000, 0.2, { seed: 1 });
    const nz = X.data.filter((v) => v !== 0);
    expect(nz.every((v) => v === 1 || v === -1)).toBe(true);
    expectBinomial(nz.length, 100_000, 0.2);
    expectBinomial(nz.filter((v) => v > 0).length, nz.length, 0.5);
  });

  test("bad arguments are named", () => {
    expect(() => bernoulliGaussian(2, 2, 1.5)).toThrow(/invalid theta: expected a probability in \[0, 1\], got 1.5/);
    expect(() => bernoulliGaussian(2, 2, -0.1)).toThrow(/invalid theta/);
    expect(() => bernoulliGaussian(2, 2, NaN)).toThrow(/invalid theta/);
    expect(() => bernoulliRademacher(-1, 2, 0.1)).toThrow(/invalid rows/);
    expect(() => bernoulliRademacher(2, 2.5, 0.1)).toThrow(/invalid cols/);
    expect(() => bernoulliRademacher(2, 2, 0.1, { seed: -3 })).toThrow(/invalid seed/);
    expect(() => bernoulliRademacher(2, 2, 0.1, { sed: 3 } as never)).toThrow(/sed/);
  });
});

describe("randomOrthogonal", () => {
  test("orthogonal to rounding; Haar: det signs balanced and E[q₁₁²] = 1/n over seeds", () => {
    const n = 6, trials = 400;
    let positive = 0, q11 = 0;
    for (let s = 0; s < trials; s++) {
      const Q = randomOrthogonal(n, { seed: s });
      if (s < 20) {
        const I = gemm(Q, Q, { transA: true });
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(I.data[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-14);
      }
      if (det(Q) > 0) positive++;
      q11 += Q.data[0] ** 2;
    }
    expectBinomial(positive, trials, 0.5);
    // q₁₁² ~ Beta(1/2, (n−1)/2): mean 1/n, variance 2(n−1)/(n²(n+2)).
    const sd = Math.sqrt((2 * (n - 1)) / (n * n * (n + 2)) / trials);
    expect(Math.abs(q11 / trials - 1 / n)).toBeLessThan(5 * sd);
    expect(() => randomOrthogonal(0)).toThrow(/invalid n/);
  });
});

describe("randomDictionary", () => {
  test("unit-norm atoms, seeded, incoherent", () => {
    const A = randomDictionary(64, 256, { seed: 3 });
    let coherence = 0;
    const G = gemm(A, A, { transA: true });
    for (let j = 0; j < 256; j++) {
      expect(Math.abs(G.data[j * 256 + j] - 1)).toBeLessThan(1e-14);
      for (let k = 0; k < j; k++) coherence = Math.max(coherence, Math.abs(G.data[j * 256 + k]));
    }
    expect(coherence).toBeLessThan(0.7);
    expect(coherence).toBeGreaterThan(0.2);
    expect(randomDictionary(4, 3, { seed: 1 }).data).toEqual(randomDictionary(4, 3, { seed: 1 }).data);
    expect(() => randomDictionary(0, 3)).toThrow(/invalid rows/);
  });
});
