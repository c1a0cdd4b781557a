import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { eigh } from "../../../src/kernels/linalg/eigh.js";
import { eighValues } from "../../../src/kernels/linalg/eigh-values.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { EPS, mat, randomSymmetric } from "./eigh-svd-helpers.js";

beforeAll(async () => {
  await init();
});

describe("eighValues", () => {
  test("bit-identical to eigh's values on every build (same tridiagonalization and QL recurrences)", async () => {
    const rng = new Rng(41);
    for (const n of [0, 1, 2, 3, 8, 9, 33, 100]) {
      const a = randomSymmetric(rng, n);
      await eachBinary(() => {
        expect(Array.from(eighValues(a))).toEqual(Array.from(eigh(a).values));
      });
    }
  });

  test("1-D Laplacian closed form and a zero matrix", () => {
    const n = 120;
    const a = mat(n, n);
    for (let i = 0; i < n; i++) {
      a.data[i * n + i] = 2;
      if (i > 0) a.data[i * n + i - 1] = a.data[(i - 1) * n + i] = -1;
    }
    const values = eighValues(a);
    // ‖A‖₂ < 4: absolute error ≲ 10·n·ε·4 (backward stability with an O(n) growth factor).
    for (let k = 1; k <= n; k++) expect(Math.abs(values[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(40 * n * EPS);
    expect(Array.from(eighValues(mat(3, 3)))).toEqual([0, 0, 0]);
  });

  test("rejects bad input like eigh and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => eighValues(mat(2, 3))).toThrow(/invalid a: expected a square matrix, got a 2×3 matrix/);
    expect(() => eighValues(mat(2, 2, Float64Array.of(0, 1, 2, 0)))).toThrow(/a\[0\]\[1\] = 1 and a\[1\]\[0\] = 2/);
    expect(() => eighValues(mat(1, 1, Float64Array.of(NaN)))).toThrow(/invalid a: entry 0 is NaN/);
    expect(() => eighValues(mat(1, 1), { vectors: false } as never)).toThrow(/unknown option vectors/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
