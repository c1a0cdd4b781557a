import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { hardThreshold } from "../../../src/kernels/prox/hard-threshold.js";
import { keepLargest } from "../../../src/kernels/prox/keep-largest.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { firstDifference, hardRef, LENGTHS, withSpecials } from "./reference.js";

beforeAll(async () => {
  await init();
});

// Keep the k largest magnitudes, ties to the lowest index: a stable sort of the indices.
function keepLargestRef(x: Float64Array, k: number): Float64Array {
  const order = Array.from(x, (_, i) => i).sort((i, j) => Math.abs(x[j]) - Math.abs(x[i]) || i - j);
  const out = new Float64Array(x.length);
  for (const i of order.slice(0, k)) out[i] = x[i];
  return out;
}

describe("hardThreshold", () => {
  test("equals the plain-JS formula exactly on every build, with ties and specials", async () => {
    const rng = new Rng(31);
    for (const n of LENGTHS) {
      for (const t of [0, 0.3, 1.5]) {
        const x = withSpecials(rng, n, t);
        const want = Float64Array.from(x, (v) => hardRef(v, t));
        await eachBinary(() => {
          expect(firstDifference(hardThreshold(x, t), want)).toBe(-1);
        });
      }
    }
  });

  test("ties |x| = t give +0, NaN propagates, out may be x", () => {
    const x = Float64Array.of(0.5, -0.5, 0.5000000000000001, NaN, -0, -Infinity);
    expect(Array.from(hardThreshold(x, 0.5))).toEqual([0, 0, 0.5000000000000001, NaN, 0, -Infinity]);
    expect(Object.is(hardThreshold(x, 0.5)[1], 0)).toBe(true);
    expect(Object.is(hardThreshold(x, 0)[4], 0)).toBe(true); // −0 is ≤ 0: +0
    hardThreshold(x, 0.5, { out: x });
    expect(Array.from(x)).toEqual([0, 0, 0.5000000000000001, NaN, 0, -Infinity]);
  });

  test("rejects bad input naming the argument and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = Float64Array.of(1, 2);
    expect(() => hardThreshold(x, -0.1)).toThrow(/invalid t: expected a finite number ≥ 0, got -0.1/);
    expect(() => hardThreshold(x, NaN)).toThrow(/invalid t: .* got NaN/);
    expect(() => hardThreshold(x, new Float64Array(2) as never)).toThrow(TypeError);
    expect(() => hardThreshold(x, 1, { out: new Float64Array(1) })).toThrow(/invalid out: expected length 2, got length 1/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

describe("keepLargest", () => {
  test("equals a stable-sort reference on every build, with ties, zeros and Infinity", async () => {
    const rng = new Rng(32);
    for (const n of LENGTHS) {
      // Magnitudes drawn from a few values: many exact ties.
      const x = Float64Array.from({ length: n }, () => (rng.integer(7) - 3) * 0.5);
      if (n > 4) x[4] = -Infinity;
      for (const k of [0, 1, 2, n >> 2, n >> 1, n - 1, n, n + 5]) {
        if (k < 0) continue;
        const want = keepLargestRef(x, k);
        await eachBinary(() => {
          expect(firstDifference(keepLargest(x, k), want)).toBe(-1);
        });
      }
    }
  });

  test("keeps exactly min(k, n) entries and writes in place", () => {
    const rng = new Rng(33);
    const x = rng.normalArray(1000);
    const want = keepLargestRef(x, 37);
    keepLargest(x, 37, { out: x });
    expect(firstDifference(x, want)).toBe(-1);
    expect(x.filter((v) => v !== 0).length).toBe(37);
  });

  test("rejects NaN entries and bad k, naming them, and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => keepLargest(Float64Array.of(1, NaN, 2), 1)).toThrow(/invalid x: entry 1 is NaN/);
    expect(() => keepLargest(Float64Array.of(1, 2), -1)).toThrow(/invalid k: expected an integer ≥ 0, got -1/);
    expect(() => keepLargest(Float64Array.of(1, 2), 1.5)).toThrow(/invalid k: expected an integer, got 1.5/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
