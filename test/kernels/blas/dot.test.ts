import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { dot } from "../../../src/kernels/blas/dot.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";

beforeAll(async () => {
  await init();
});

describe("dot", () => {
  test("matches a plain JS sum on every build", async () => {
    const rng = new Rng(11);
    for (const n of [0, 1, 2, 3, 5, 64, 1001]) {
      const x = rng.normalArray(n);
      const y = rng.normalArray(n);
      let want = 0;
      for (let i = 0; i < n; i++) want += x[i] * y[i];
      await eachBinary(() => {
        expect(Math.abs(dot(x, y) - want)).toBeLessThanOrEqual(1e-13 * (1 + Math.sqrt(n)));
      });
    }
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => dot([1, 2] as never, new Float64Array(2))).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => dot(new Float64Array(2), new Float64Array(3))).toThrow(RangeError);
    expect(() => dot(new Float64Array(2), new Float64Array(3))).toThrow(/invalid y: expected length 2, got length 3/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
