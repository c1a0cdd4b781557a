import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { uniformMask } from "../../src/data/masks.js";
import { observedFromMask } from "../../src/completion/from-mask.js";
import { svd } from "../../src/kernels/linalg/svd.js";
import { relativeError } from "../../src/symmetry/product-error.js";
import { spectralInit } from "../../src/completion/spectral-init.js";
import type { Matrix } from "../../src/matrix.js";
import type { Observed } from "../../src/completion/observed.js";
import { times, transposed } from "../symmetry/fixtures.js";

beforeAll(async () => {
  await init();
});

/** The entries of M where mask is 1, and the zero-filled matrix. */
function sample(M: Matrix, mask: Uint8Array): { observed: Observed; zeroFilled: Matrix } {
  const observed = observedFromMask(M, mask);
  return { observed, zeroFilled: { ...M, data: M.data.map((v, k) => (mask[k] ? v : 0)) } };
}

describe("spectralInit", () => {
  test("a fully observed rank-r matrix gives its exact balanced factors", () => {
    const truth = randomLowRank(30, 20, 3, { seed: 1, condition: 5, dense: true });
    const { observed } = sample(truth.matrix!, new Uint8Array(600).fill(1));
    const init0 = spectralInit(observed, 3, { tolerance: 1e-13 });
    // p = 1: the operator is M itself, of exact rank 3, so subspace iteration is exact after one
    // step up to rounding: UVᵀ = M to ≈ 1e-15 relative.
    expect(relativeError(init0.U, init0.V, truth.U, truth.V)).toBeLessThan(1e-12);
    // Balanced: UᵀU = VᵀV = diag(σ), σ = the true singular values.
    const gu = times(transposed(init0.U), init0.U), gv = times(transposed(init0.V), init0.V);
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(init0.singularValues[i] - truth.singularValues[i])).toBeLessThan(1e-13);
      for (let j = 0; j < 3; j++) {
        const want = i === j ? truth.singularValues[i] : 0;
        expect(Math.abs(gu.data[i * 3 + j] - want)).toBeLessThan(1e-13);
        expect(Math.abs(gv.data[i * 3 + j] - want)).toBeLessThan(1e-13);
      }
    }
  });

  test("partial observations: the top-r SVD of (1/p)·P_Ω(Y) (vs the dense svd)", () => {
    const truth = randomLowRank(50, 40, 2, { seed: 2, dense: true });
    const mask = uniformMask(50, 40, 0.3, 3);
    const { observed, zeroFilled } = sample(truth.matrix!, mask);
    const p = observed.row.length / 2000;
    const ref = svd({ ...zeroFilled, data: zeroFilled.data.map((v) => v / p) });
    const got = spectralInit(observed, 2, { tolerance: 1e-12, powerIterations: 200 });
    // Residual ≤ 1e-12·σ₁: singular values to ≈ 1e-12 relative or better.
    for (let i = 0; i < 2; i++) expect(Math.abs(got.singularValues[i] - ref.S[i]) / ref.S[0]).toBeLessThan(1e-10);
    // And the product is the best rank-2 approximation Û·Σ·V̂ᵀ of the dense reference.
    const U2 = { rows: 50, cols: 2, data: new Float64Array(100) }, V2 = { rows: 40, cols: 2, data: new Float64Array(80) };
    for (let i = 0; i < 50; i++) for (let j = 0; j < 2; j++) U2.data[i * 2 + j] = ref.U.data[i * ref.U.cols + j] * ref.S[j];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 2; j++) V2.data[i * 2 + j] = ref.V.data[i * ref.V.cols + j];
    expect(relativeError(got.U, got.V, U2, V2)).toBeLessThan(1e-9);
  });

  test("bad arguments are rejected before work; no wasm leak", () => {
    const live = runtime().arena.stats().buffersLive;
    const truth = randomLowRank(6, 5, 1, { seed: 1, dense: true });
    const { observed } = sample(truth.matrix!, new Uint8Array(30).fill(1));
    const empty = { rows: 6, cols: 5, row: new Int32Array(0), col: new Int32Array(0), value: new Float64Array(0) };
    expect(() => spectralInit(observed, 0)).toThrow(/invalid rank/);
    expect(() => spectralInit(observed, 6)).toThrow(/invalid rank/);
    expect(() => spectralInit(empty, 1)).toThrow(/invalid observed: expected at least one/);
    expect(() => spectralInit({ ...observed, value: Float64Array.of(NaN) }, 1)).toThrow(/invalid observed/);
    expect(() => spectralInit(observed, 1, { start: truth.V } as never)).toThrow(/start/);
    expect(() => spectralInit(observed, 1, { tolerance: -1 })).toThrow(/invalid tolerance/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    spectralInit(observed, 1);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
