// The resident model and the two iADM steps against plain-JS references: spectra, residuals,
// gradients (Taylor checks), and the defining properties of each step.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { ArenaScope } from "../../src/runtime/arena.js";
import { Rng } from "../../src/data/rng.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { product } from "../../src/manifolds/product.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import type { Problem } from "../../src/problems/problem.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { ConvolutionalModel } from "../../src/deconvolution/model.js";
import { activationStep } from "../../src/deconvolution/activation-step.js";
import { kernelStep } from "../../src/deconvolution/kernel-step.js";
import { geodesicExtrapolation } from "../../src/deconvolution/sphere-extrapolation.js";
import { largestCorrelation } from "../../src/deconvolution/stationarity.js";
import { eachBinary } from "../helpers/binaries.js";
import { convolve, correlate, dot, l1, objective, residual, soft, unit, windowCorrelation, scopePerTest } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const newScope = scopePerTest();

const SHAPES: ConvolutionShape[] = [
  { rows: 1, cols: 64, windowRows: 1, windowCols: 12 }, // even length
  { rows: 1, cols: 45, windowRows: 1, windowCols: 15 }, // odd length
  { rows: 12, cols: 10, windowRows: 3, windowCols: 3 }, // 2-D, even columns
  { rows: 9, cols: 15, windowRows: 3, windowCols: 5 }, // 2-D, odd
];

/** A model with K kernels, sparse random activations and data with an offset. */
function setUp(shape: ConvolutionShape, K: number, seed: number, estimateBias = true) {
  const rng = new Rng(seed);
  const size = shape.rows * shape.cols, w = shape.windowRows * shape.windowCols;
  const kernels = Array.from({ length: K }, () => unit(rng.normalArray(w)));
  const activations = Array.from({ length: K }, () => rng.normalArray(size).map((v) => (rng.uniform() < 0.3 ? v : 0)));
  const y = rng.normalArray(size);
  const bias = 0.3;
  const scope = newScope();
  const model = new ConvolutionalModel({ shape, signals: [y], kernels, biases: [bias], estimateBias, activations }, scope);
  return { model, y, kernels, activations, bias, rng };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The spectra held by the model agree with their windows and signals. */
function expectSpectraInStep(model: ConvolutionalModel): void {
  const s = new ArenaScope(runtime().arena);
  try {
    const tmp = s.f64(model.geometry.spectrumLength);
    for (let k = 0; k < model.count; k++) {
      model.spectrumOfWindow(tmp.ptr, model.a[k]);
      expect(maxDiff(tmp.view, model.A[k].view)).toBeLessThanOrEqual(1e-12);
      model.geometry.forward(tmp.ptr, model.x[k].ptr);
      expect(maxDiff(tmp.view, model.X[k].view)).toBeLessThanOrEqual(1e-12 * (1 + l1(model.x[k].view)));
    }
  } finally {
    s.disposeAll();
  }
}

describe("ConvolutionalModel", () => {
  test("the data fit by Parseval equals ½‖Σ a_k ⊛ x_k + b − y‖², 1-D (even, odd) and 2-D, K = 1 and 2, every build", async () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        await eachBinary(() => {
          const { model, y, kernels, activations, bias } = setUp(shape, K, 7 + K);
          const r = residual(shape, kernels, activations, bias, y);
          expect(model.dataFit()).toBeCloseTo(0.5 * dot(r, r), 10);
          expect(model.l1()).toBeCloseTo(activations.reduce((s, x) => s + l1(x), 0), 12);
          expectSpectraInStep(model);
        });
      }
    }
  });

  test("the bias update is the exact minimizer b = mean(y − Σ a_k ⊛ x_k)", () => {
    for (const shape of SHAPES) {
      const { model, y, kernels, activations } = setUp(shape, 2, 3);
      model.updateBias();
      const fit = residual(shape, kernels, activations, 0, y);
      const want = -fit.reduce((s, v) => s + v, 0) / y.length;
      expect(model.bias[0]).toBeCloseTo(want, 12);
      const r = residual(shape, kernels, activations, want, y);
      expect(model.dataFit()).toBeCloseTo(0.5 * dot(r, r), 10);
    }
  });

  test("largestCorrelation is ‖C_aᵀ(y − b)‖∞", () => {
    for (const shape of SHAPES) {
      const { model, y, kernels, bias } = setUp(shape, 1, 4);
      const c = correlate(shape, kernels[0], y.map((v) => v - bias));
      expect(largestCorrelation(model)).toBeCloseTo(Math.max(...c.map(Math.abs)), 10);
    }
  });
});

/**
 * The smooth parts the steps differentiate, as problems whose gradients come from the model's
 * own spectral code (the residual pass with gradient outputs, the window extraction): f(x) with
 * the kernels fixed, and f(a) with the activations fixed on the product of spheres.
 */
function activationProblem(model: ConvolutionalModel, y: Float64Array, shape: ConvolutionShape): Problem<Float64Array> {
  const size = shape.rows * shape.cols;
  const set = (x: Float64Array): void => {
    model.x[0].view.set(x);
    model.geometry.forward(model.X[0].ptr, model.x[0].ptr);
  };
  return {
    manifold: euclidean(size),
    cost: (x) => (set(x), model.dataFit()),
    egrad: (x) => {
      set(x);
      model.ops.residual([{ u: model.X[0].ptr, v: model.A[0].ptr }], model.Yb[0].ptr, [model.G[0].ptr]);
      model.geometry.inverse(model.g[0].ptr, model.G[0].ptr);
      return model.g[0].toArray();
    },
  };
}

function kernelProblem(model: ConvolutionalModel): Problem<Float64Array[]> {
  const K = model.count;
  const w = model.a[0].length;
  const set = (a: Float64Array[]): void => a.forEach((ak, k) => model.setKernel(k, ak));
  return {
    manifold: product(Array.from({ length: K }, () => sphere(w))) as never,
    cost: (a) => (set(a), model.dataFit()),
    egrad: (a) => {
      set(a);
      model.ops.residual(model.A.map((A, k) => ({ u: A.ptr, v: model.X[k].ptr })), model.Yb[0].ptr, model.G.map((g) => g.ptr));
      return model.G.map((G) => {
        const g = new Float64Array(w);
        model.windowOfSpectrum(g, G.ptr);
        return g;
      });
    },
  };
}

describe("gradients (Taylor checks at seeded points)", () => {
  test("of the data fit in x and in the kernels, K = 1 and 2, 1-D and 2-D", () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        const { model, y, kernels, activations, bias } = setUp(shape, K, 20 + K, false);
        const kp = kernelProblem(model);
        const a = kernels.map((k) => k.slice());
        const check = checkGradient(kp, a, { seed: 5 });
        expect(check.passed, `kernels ${shape.rows}×${shape.cols} K=${K}`).toBe(true);
        // The gradient is also the plain-JS one: P_window(x_k ⋆ r).
        const g = kp.egrad(a);
        const r = residual(shape, a, activations, bias, y);
        g.forEach((gk, k) => expect(maxDiff(gk, windowCorrelation(shape, activations[k], r))).toBeLessThanOrEqual(1e-10));
        if (K === 1) {
          const xp = activationProblem(model, y, shape);
          const x0 = new Rng(9).normalArray(shape.rows * shape.cols);
          expect(checkGradient(xp, x0, { seed: 6 }).passed).toBe(true);
          expect(maxDiff(xp.egrad(x0), correlate(shape, a[0], residual(shape, a, [x0], bias, y)))).toBeLessThanOrEqual(1e-10);
        }
      }
    }
  });
});

describe("geodesicExtrapolation", () => {
  test("continues the great circle from a_old through a by β·θ, on the sphere", () => {
    const rng = new Rng(31);
    for (const theta of [1e-9, 0.01, 0.5, 2.5]) {
      const u = unit(rng.normalArray(7));
      const v = rng.normalArray(7);
      const vp = unit(v.map((x, i) => x - dot(v, u) * u[i]));
      const at = (phi: number): Float64Array => u.map((x, i) => Math.cos(phi) * x + Math.sin(phi) * vp[i]);
      const aOld = at(0), a = at(theta);
      for (const beta of [0, 0.5, 0.85]) {
        const { c1, c2 } = geodesicExtrapolation(a, aOld, beta);
        const z = a.map((x, i) => c1 * x + c2 * aOld[i]);
        expect(maxDiff(z, at((1 + beta) * theta))).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(Math.sqrt(dot(z, z)) - 1)).toBeLessThanOrEqual(1e-15);
      }
    }
    const a = unit(rng.normalArray(5));
    expect(geodesicExtrapolation(a, a.map((x) => -x), 0.8)).toEqual({ c1: 1, c2: 0 }); // antipodal
  });
});

describe("the iADM steps", () => {
  test("activationStep: x⁺ = soft(x̂ − t·∇f(x̂), tλ) with the accepted t, the test holds, spectra follow", () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        const { model, y, kernels, activations, rng } = setUp(shape, K, 40 + K, false);
        // A previous iterate, for the inertia.
        const previous = activations.map((x) => x.map((v) => v + 0.1 * rng.normal()));
        previous.forEach((p, k) => model.xOld[k].view.set(p));
        previous.forEach((_, k) => model.geometry.forward(model.XOld[k].ptr, model.xOld[k].ptr));
        const beta = 0.6, lambda = 0.2, step = { t: 1, next: 1 };
        const xHat = activations.map((x, k) => x.map((v, i) => v + beta * (v - previous[k][i])));
        const rHat = residual(shape, kernels, xHat, model.bias[0], y);
        const result = activationStep(model, lambda, beta, step, { growth: 2, maxTrials: 60 });
        expect(result).not.toBeNull();
        const t = step.t;
        const xPlus = model.x.map((b) => b.toArray());
        let gd = 0, dd = 0;
        xHat.forEach((xh, k) => {
          const g = correlate(shape, kernels[k], rHat);
          const want = xh.map((v, i) => soft(v - t * g[i], t * lambda));
          expect(maxDiff(xPlus[k], want)).toBeLessThanOrEqual(1e-10);
          want.forEach((v, i) => {
            gd += g[i] * (v - xh[i]);
            dd += (v - xh[i]) ** 2;
          });
          expect(maxDiff(model.xOld[k].view, activations[k])).toBe(0); // committed: x_old is the previous x
        });
        const fHat = 0.5 * dot(rHat, rHat);
        const rPlus = residual(shape, kernels, xPlus, model.bias[0], y);
        expect(0.5 * dot(rPlus, rPlus)).toBeLessThanOrEqual(fHat + gd + dd / (2 * t) + 1e-10);
        expect(result!.fit).toBeCloseTo(0.5 * dot(rPlus, rPlus), 9);
        expectSpectraInStep(model);
      }
    }
  });

  test("kernelStep: a⁺ = normalize(ẑ − τ·grad f(ẑ)) with an Armijo τ, unit norm, the reported fit exact", () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        const { model, y, kernels, activations, rng } = setUp(shape, K, 60 + K, false);
        const old = kernels.map((k) => unit(k.map((v) => v + 0.2 * rng.normal())));
        old.forEach((o, k) => {
          model.aOld[k] = o.slice();
          model.spectrumOfWindow(model.AOld[k].ptr, o);
        });
        const beta = 0.85;
        const z = kernels.map((a, k) => {
          const { c1, c2 } = geodesicExtrapolation(a, old[k], beta);
          return a.map((v, i) => c1 * v + c2 * old[k][i]);
        });
        const r = residual(shape, z, activations, model.bias[0], y);
        const f0 = 0.5 * dot(r, r);
        const grads = z.map((zk, k) => {
          const g = windowCorrelation(shape, activations[k], r);
          const c = dot(g, zk);
          return g.map((v, i) => v - c * zk[i]);
        });
        const gnorm2 = grads.reduce((s, g) => s + dot(g, g), 0);
        const result = kernelStep(model, beta, { decrease: 1e-4, maxHalvings: 60 });
        expect(result.gradientNorm).toBeCloseTo(Math.sqrt(gnorm2), 9);
        // a⁺_k ∝ ẑ_k − τ·grad_k for one τ ≥ 0 shared by the kernels.
        let tau = -1;
        model.a.forEach((ak, k) => {
          expect(Math.abs(Math.sqrt(dot(ak, ak)) - 1)).toBeLessThanOrEqual(1e-14);
          // ẑ ⟂ grad and ‖ẑ‖ = 1: a⁺ = (ẑ − τg)/√(1 + τ²‖g‖²), so τ = −⟨a⁺, g⟩/(⟨a⁺, ẑ⟩‖g‖²).
          const g = grads[k];
          const tk = -dot(ak, g) / (dot(ak, z[k]) * dot(g, g));
          if (tau < 0) tau = tk;
          expect(tk).toBeCloseTo(tau, 8);
          const want = unit(z[k].map((v, i) => v - tau * g[i]));
          expect(maxDiff(ak, want)).toBeLessThanOrEqual(1e-10);
          expect(maxDiff(model.aOld[k], kernels[k])).toBe(0);
        });
        expect(tau).toBeGreaterThan(0);
        const rPlus = residual(shape, model.a, activations, model.bias[0], y);
        const fPlus = 0.5 * dot(rPlus, rPlus);
        expect(result.fit).toBeCloseTo(fPlus, 9);
        expect(fPlus).toBeLessThanOrEqual(f0 - 1e-4 * tau * gnorm2 + 1e-10);
        expectSpectraInStep(model);
      }
    }
  });

  test("undoing a step restores the iterate exactly", () => {
    const shape = SHAPES[2];
    const { model, y } = setUp(shape, 1, 77, false);
    const before = { x: model.x[0].toArray(), a: model.a[0].slice(), psi: objective(shape, model.a, [model.x[0].toArray()], model.bias[0], y, 0.1) };
    activationStep(model, 0.1, 0, { t: 1, next: 1 }, { growth: 2, maxTrials: 60 });
    kernelStep(model, 0, { decrease: 1e-4, maxHalvings: 60 });
    model.undoKernels();
    model.undoActivation();
    expect(Array.from(model.x[0].view)).toEqual(Array.from(before.x));
    expect(Array.from(model.a[0])).toEqual(Array.from(before.a));
    expect(objective(shape, model.a, [model.x[0].toArray()], model.bias[0], y, 0.1)).toBe(before.psi);
    expectSpectraInStep(model);
  });
});

/** Two signals sharing K kernels, each with a mask (≈ 70% observed; NaN where missing) and an offset. */
function setUpMasked(shape: ConvolutionShape, K: number, seed: number) {
  const rng = new Rng(seed);
  const size = shape.rows * shape.cols, w = shape.windowRows * shape.windowCols;
  const kernels = Array.from({ length: K }, () => unit(rng.normalArray(w)));
  const activations = Array.from({ length: 2 * K }, () => rng.normalArray(size).map((v) => (rng.uniform() < 0.3 ? v : 0)));
  const masks = [0, 1].map(() => Uint8Array.from({ length: size }, () => (rng.uniform() < 0.7 ? 1 : 0)));
  const signals = masks.map((m) => rng.normalArray(size).map((v, i) => (m[i] ? v : NaN)));
  const biases = [0.3, -0.2];
  const model = new ConvolutionalModel({ shape, signals, masks, kernels, biases, estimateBias: true, activations }, newScope());
  /** M_j(Σ_k a_k ⊛ x_jk + b_j − y_j) for kernels a and activations x (signal-major). */
  const masked = (a: Float64Array[], x: Float64Array[], j: number, b = model.bias[j]): Float64Array =>
    residual(shape, a, x.slice(j * K, (j + 1) * K), b, signals[j].map((v) => (Number.isNaN(v) ? 0 : v))).map((v, i) => (masks[j][i] ? v : 0));
  const fit = (a: Float64Array[], x: Float64Array[]): number => [0, 1].reduce((s, j) => s + 0.5 * dot(masked(a, x, j), masked(a, x, j)), 0);
  return { model, kernels, activations, masks, signals, masked, fit };
}

describe("two signals with masks of missing samples", () => {
  test("the data fit is ½Σ_j‖M_j(Σ_k a_k ⊛ x_jk + b_j − y_j)‖² and the bias update the observed mean, 1-D and 2-D, K = 1 and 2", () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        const { model, kernels, activations, masks, signals, masked, fit } = setUpMasked(shape, K, 70 + K);
        expect(model.dataFit()).toBeCloseTo(fit(kernels, activations), 9);
        const want = [0, 1].map((j) => {
          const r = masked(kernels, activations, j, 0);
          const observed = masks[j].reduce((s, v) => s + v, 0);
          return -r.reduce((s, v) => s + v, 0) / observed;
        });
        model.updateBias();
        want.forEach((b, j) => expect(model.bias[j]).toBeCloseTo(b, 10));
        expect(model.dataFit()).toBeCloseTo(fit(kernels, activations), 9);
        expect(signals[0].some(Number.isNaN)).toBe(true);
      }
    }
  });

  test("the activation and kernel steps follow the masked gradients (β = 0), their fits exact", () => {
    for (const shape of SHAPES) {
      for (const K of [1, 2]) {
        const { model, kernels, activations, masked, fit } = setUpMasked(shape, K, 80 + K);
        const lambda = 0.1, step = { t: 1, next: 1 };
        const r = [0, 1].map((j) => masked(kernels, activations, j));
        const result = activationStep(model, lambda, 0, step, { growth: 2, maxTrials: 60 });
        expect(result).not.toBeNull();
        const xPlus = model.x.map((b) => b.toArray());
        activations.forEach((x, i) => {
          const g = correlate(shape, kernels[i % K], r[Math.floor(i / K)]);
          expect(maxDiff(xPlus[i], x.map((v, q) => soft(v - step.t * g[q], step.t * lambda)))).toBeLessThanOrEqual(1e-10);
        });
        expect(result!.fit).toBeCloseTo(fit(kernels, xPlus), 9);
        // The kernel step from there: a⁺ ∝ a − τ·grad with grad_k = P_T(Σ_j P_window(x_jk ⋆ M_j r_j)).
        const f0 = fit(kernels, xPlus);
        const rr = [0, 1].map((j) => masked(kernels, xPlus, j));
        const grads = kernels.map((a, k) => {
          const g = new Float64Array(a.length);
          for (const j of [0, 1]) windowCorrelation(shape, xPlus[j * K + k], rr[j]).forEach((v, q) => (g[q] += v));
          const c = dot(g, a);
          return g.map((v, q) => v - c * a[q]);
        });
        const gnorm2 = grads.reduce((s, g) => s + dot(g, g), 0);
        const k = kernelStep(model, 0, { decrease: 1e-4, maxHalvings: 60 });
        expect(k.gradientNorm).toBeCloseTo(Math.sqrt(gnorm2), 8);
        const tau = -dot(model.a[0], grads[0]) / (dot(model.a[0], kernels[0]) * dot(grads[0], grads[0]));
        expect(tau).toBeGreaterThan(0);
        model.a.forEach((ak, q) => expect(maxDiff(ak, unit(kernels[q].map((v, i) => v - tau * grads[q][i])))).toBeLessThanOrEqual(1e-9));
        const fPlus = fit(model.a, xPlus);
        expect(k.fit).toBeCloseTo(fPlus, 9);
        expect(fPlus).toBeLessThanOrEqual(f0 - 1e-4 * tau * gnorm2 + 1e-10);
        expectSpectraInStep(model);
      }
    }
  });
});
