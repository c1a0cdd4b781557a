import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { svd } from "../../../src/kernels/linalg/svd.js";
import { svdValues } from "../../../src/kernels/linalg/svd-values.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { EPS, fromSvd, mat, randomMatrix, randomOrthonormal } from "./eigh-svd-helpers.js";

beforeAll(async () => {
  await init();
});

describe("svdValues", () => {
  test("bit-identical to svd's S on every build (same bidiagonalization and QR recurrences)", async () => {
    const rng = new Rng(51);
    for (const [m, n] of [[0, 4], [1, 1], [3, 2], [2, 3], [9, 9], [40, 17], [17, 40], [300, 20]]) {
      const a = randomMatrix(rng, m, n);
      await eachBinary(() => {
        expect(Array.from(svdValues(a))).toEqual(Array.from(svd(a).S));
      });
    }
  });

  test("prescribed singular values 1 … 1e-12 to ε·σ₁ absolute", () => {
    const rng = new Rng(52);
    const [m, n] = [50, 30];
    const sigma = Array.from({ length: n }, (_, i) => 10 ** ((-12 * i) / (n - 1)));
    const a = fromSvd(randomOrthonormal(rng, m, n), sigma, randomOrthonormal(rng, n, n));
    const s = svdValues(a);
    // Weyl with backward stability: |σ̂ᵢ − σᵢ| ≲ 10·max(m, n)·ε·σ₁.
    for (let i = 0; i < n; i++) expect(Math.abs(s[i] - sigma[i])).toBeLessThanOrEqual(10 * m * EPS);
  });

  test("rejects bad input and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => svdValues(mat(1, 2, Float64Array.of(1, Infinity)))).toThrow(/invalid a: entry 1 is Infinity/);
    expect(() => svdValues([] as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
