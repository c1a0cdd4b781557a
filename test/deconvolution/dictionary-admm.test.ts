// learnConvolutionalDictionary with coding "admm": the per-frequency solves (through the loaded
// build) against a dense complex solve; K = 3 kernels recovered as the iADM route does, with Ψ
// by the same plain-JS definition; 2-D with an offset (one signal: the rank-one kernel update);
// the mask refused; memory.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { learnConvolutionalDictionary } from "../../src/deconvolution/learn-convolutional-dictionary.js";
import { deconvolutionKernels } from "../../src/deconvolution/kernels.js";
import { randomKernel } from "../../src/deconvolution/generators.js";
import { matchKernels } from "../../src/symmetry/signed-shift.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { dot, psi, scopePerTest, synthetic } from "./fixtures.js";

beforeAll(async () => {
  await init();
});
const freshScope = scopePerTest();

type Complex = [number, number];

/** x = A⁻¹b for a dense complex K×K A (row-major), Gaussian elimination with partial pivoting. */
function denseSolve(A: Complex[], b: Complex[]): Complex[] {
  const K = b.length;
  const a = A.map(([r, i]) => [r, i] as Complex), x = b.map(([r, i]) => [r, i] as Complex);
  const mul = (p: Complex, q: Complex): Complex => [p[0] * q[0] - p[1] * q[1], p[0] * q[1] + p[1] * q[0]];
  const div = (p: Complex, q: Complex): Complex => {
    const d = q[0] ** 2 + q[1] ** 2;
    return [(p[0] * q[0] + p[1] * q[1]) / d, (p[1] * q[0] - p[0] * q[1]) / d];
  };
  for (let c = 0; c < K; c++) {
    let p = c;
    for (let r = c + 1; r < K; r++) if (Math.hypot(...a[r * K + c]) > Math.hypot(...a[p * K + c])) p = r;
    for (let j = 0; j < K; j++) [a[c * K + j], a[p * K + j]] = [a[p * K + j], a[c * K + j]];
    [x[c], x[p]] = [x[p], x[c]];
    for (let r = c + 1; r < K; r++) {
      const m = div(a[r * K + c], a[c * K + c]);
      for (let j = c; j < K; j++) {
        const t = mul(m, a[c * K + j]);
        a[r * K + j] = [a[r * K + j][0] - t[0], a[r * K + j][1] - t[1]];
      }
      const t = mul(m, x[c]);
      x[r] = [x[r][0] - t[0], x[r][1] - t[1]];
    }
  }
  for (let r = K - 1; r >= 0; r--) {
    let s = x[r];
    for (let j = r + 1; j < K; j++) {
      const t = mul(a[r * K + j], x[j]);
      s = [s[0] - t[0], s[1] - t[1]];
    }
    x[r] = div(s, a[r * K + r]);
  }
  return x;
}

describe("the per-frequency solves of the ADMM route", () => {
  test("rankOneSolve and gramCholesky/gramSolve solve (ρI + Σ_j conj(x_j)x_jᵀ)d = Σ_j conj(x_j)y_j + ρw in every bin, as a dense complex solve does (K = 1, 3, 8; N = 1, 2, 6)", () => {
    const k = deconvolutionKernels();
    const rng = new Rng(5);
    const bins = 7, rho = 0.6;
    for (const K of [1, 3, 8]) {
      for (const N of [1, 2, 6]) {
        const scope = freshScope();
        const spectrum = () => scope.f64From(Float64Array.from({ length: 2 * bins }, () => rng.normal()));
        const x = Array.from({ length: N * K }, spectrum), y = Array.from({ length: N }, spectrum), w = Array.from({ length: K }, spectrum);
        const out = Array.from({ length: K }, () => scope.f64(2 * bins));
        const table = scope.f64From([...x, ...y, ...w, ...out].map((b) => b.ptr));
        const factors = scope.f64(bins * K * (K + 1));
        k.gramCholesky(factors.ptr, table.ptr, N, K, rho, bins);
        k.gramSolve(factors.ptr, table.ptr, N, K, rho, bins);
        const rankOne = Array.from({ length: K }, () => scope.f64(2 * bins));
        if (N === 1) k.rankOneSolve(scope.f64From([...x, ...w, ...rankOne].map((b) => b.ptr)).ptr, K, y[0].ptr, rho, bins);
        const at = (b: { view: Float64Array }, e: number): Complex => [b.view[2 * e], b.view[2 * e + 1]];
        for (let e = 0; e < bins; e++) {
          const A: Complex[] = [], rhs: Complex[] = [];
          for (let p = 0; p < K; p++) {
            let b: Complex = [rho * at(w[p], e)[0], rho * at(w[p], e)[1]];
            for (let j = 0; j < N; j++) {
              const [xr, xi] = at(x[j * K + p], e), [yr, yi] = at(y[j], e);
              b = [b[0] + xr * yr + xi * yi, b[1] + xr * yi - xi * yr];
            }
            rhs.push(b);
            for (let q = 0; q < K; q++) {
              let s: Complex = [p === q ? rho : 0, 0];
              for (let j = 0; j < N; j++) {
                const [pr, pi] = at(x[j * K + p], e), [qr, qi] = at(x[j * K + q], e);
                s = [s[0] + pr * qr + pi * qi, s[1] + pr * qi - pi * qr];
              }
              A.push(s);
            }
          }
          const want = denseSolve(A, rhs);
          const scale = Math.max(...want.map((c) => Math.hypot(...c)));
          for (let p = 0; p < K; p++) {
            for (const got of N === 1 ? [out, rankOne] : [out]) {
              expect(Math.abs(at(got[p], e)[0] - want[p][0])).toBeLessThanOrEqual(1e-13 * K * N * (1 + scale) / rho);
              expect(Math.abs(at(got[p], e)[1] - want[p][1])).toBeLessThanOrEqual(1e-13 * K * N * (1 + scale) / rho);
            }
          }
        }
      }
    }
  });
});

describe('learnConvolutionalDictionary, coding "admm"', () => {
  test("1-D: K = 3 kernels (n = 20) from two signals of 4000 samples (the Cholesky kernel update): each recovered (matched correlation ≥ 0.9, in fact ≥ 0.99), Ψ as the plain-JS definition and within 1e-6 of the FISTA route's, at or below Ψ(truth)", async () => {
    const n = 20, m = 4000, K = 3, lambda = 0.01;
    const shape = { rows: 1, cols: m, windowRows: 1, windowCols: n };
    for (const seed of [1, 2]) {
      const truth = Array.from({ length: K }, (_, k) => randomKernel(n, { seed: 10 * seed + k }));
      const { signals, activations } = synthetic(shape, truth, 2, 0.01, 100 * seed);
      const before = runtime().arena.stats().bytesLive;
      const fit = await learnConvolutionalDictionary(signals, { kernels: K, kernelLength: n, lambda, seed, coding: "admm" });
      expect(runtime().arena.stats().bytesLive).toBe(before);
      const match = matchKernels(fit.kernels, truth);
      expect(match.minimum, Array.from(match.correlations).join(" ")).toBeGreaterThanOrEqual(0.99);
      expect(new Set(match.estimateOf).size).toBe(K);
      for (const a of fit.kernels) expect(Math.abs(Math.sqrt(dot(a, a)) - 1)).toBeLessThanOrEqual(1e-12);
      const window = { ...shape, windowCols: 3 * n };
      const value = psi(window, fit.kernels, fit.activations, signals, lambda);
      expect(fit.objective).toBeCloseTo(value, 8);
      expect(fit.result.cost).toBeCloseTo(value, 8);
      expect(value).toBeLessThanOrEqual(psi(shape, truth, activations, signals, lambda) * (1 + 1e-9));
      const fista = await learnConvolutionalDictionary(signals, { kernels: K, kernelLength: n, lambda, seed, coding: "fista" });
      expect(Math.abs(fit.objective - fista.objective)).toBeLessThanOrEqual(1e-6 * fista.objective);
    }
  }, 30_000);

  test("2-D: K = 2 kernels (5×5) from one 64×64 image (the rank-one kernel update), with an offset estimated", async () => {
    const shape = { rows: 64, cols: 64, windowRows: 5, windowCols: 5 };
    const truth = [randomKernel([5, 5], { seed: 5 }), randomKernel([5, 5], { seed: 6 })];
    const { signals } = synthetic(shape, truth.map((t) => t.data), 1, 0.015, 600);
    const image: Matrix = { rows: 64, cols: 64, data: signals[0].map((v) => v + 0.5) };
    const fit = await learnConvolutionalDictionary(image, { kernels: 2, kernelShape: [5, 5], lambda: 0.01, bias: true, seed: 2, coding: "admm" });
    expect(fit.kernels[0]).toMatchObject({ rows: 15, cols: 15 });
    expect(matchKernels(fit.kernels, truth).minimum).toBeGreaterThanOrEqual(0.99);
    expect(fit.bias[0]).toBeCloseTo(0.5, 2);
    const window = { ...shape, windowRows: 15, windowCols: 15 };
    const shifted = [image.data.map((v) => v - fit.bias[0])];
    expect(fit.objective).toBeCloseTo(psi(window, fit.kernels.map((a) => a.data), [fit.activations[0].map((x) => x.data)], shifted, 0.01), 8);
  }, 30_000);

  test('the default coding: "admm" with method "iadm" on 1-D signals without a mask, "fista" with the homotopy, in 2-D or with a mask', async () => {
    const y = new Float64Array(600).map((_, i) => Math.sin(0.7 * i) * Math.cos(0.05 * i));
    const image: Matrix = { rows: 24, cols: 24, data: y.subarray(0, 576) };
    const mask = new Uint8Array(600).fill(1);
    const same = async (args: [Float64Array | Matrix, object], coding: "fista" | "admm") => {
      const options = { kernels: 2, lambda: 0.05, seed: 3, maxIterations: 12, ...args[1] };
      const got = await learnConvolutionalDictionary(args[0] as Float64Array, options);
      const want = await learnConvolutionalDictionary(args[0] as Float64Array, { ...options, coding });
      const other = await learnConvolutionalDictionary(args[0] as Float64Array, { ...options, coding: coding === "admm" ? "fista" : "admm" });
      expect(got.objective).toBe(want.objective);
      expect(got.objective).not.toBe(other.objective);
    };
    await same([y, { kernelLength: 8, method: "iadm" }], "admm");
    await same([y, { kernelLength: 8 }], "fista");
    await same([image, { kernelShape: [3, 3], method: "iadm" }], "fista");
    const masked = await learnConvolutionalDictionary(y, { kernels: 2, kernelLength: 8, method: "iadm", mask, maxIterations: 12, seed: 3 });
    expect(masked.objective).toBe((await learnConvolutionalDictionary(y, { kernels: 2, kernelLength: 8, method: "iadm", mask, maxIterations: 12, seed: 3, coding: "fista" })).objective);
  });

  test("a mask and an unknown coding are refused before any work; an aborted run frees its memory", async () => {
    const arena = runtime().arena;
    const before = arena.stats().bytesLive;
    const y = new Float64Array(300).map((_, i) => Math.sin(i) + Math.cos(0.3 * i));
    await expect(learnConvolutionalDictionary(y, { kernelLength: 10, coding: "admm", mask: new Uint8Array(300).fill(1) }))
      .rejects.toThrow(new RangeError('invalid mask: coding "admm" does not take a mask; use coding "fista"'));
    await expect(learnConvolutionalDictionary(y, { kernelLength: 10, coding: "cg" as "admm" }))
      .rejects.toThrow(new TypeError('invalid coding: expected one of "fista", "admm", got "cg"'));
    const controller = new AbortController();
    const fit = await learnConvolutionalDictionary([y, y.map((v) => -v)], {
      kernels: 2, kernelLength: 10, coding: "admm", signal: controller.signal,
      onIteration: ({ iteration }) => {
        if (iteration === 4) controller.abort();
      },
    });
    expect(fit.result.reason).toBe("aborted");
    expect(arena.stats().bytesLive).toBe(before);
  });
});
