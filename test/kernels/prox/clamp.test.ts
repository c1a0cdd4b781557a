import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { clamp } from "../../../src/kernels/prox/clamp.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { firstDifference, LENGTHS, withSpecials } from "./reference.js";

beforeAll(async () => {
  await init();
});

describe("clamp", () => {
  test("equals the plain-JS comparison clamp exactly on every build", async () => {
    const rng = new Rng(41);
    const boxes: [number, number][] = [[-0.5, 0.5], [0, Infinity], [-Infinity, 0], [0.25, 0.25], [-0, 0], [-Infinity, Infinity]];
    for (const n of LENGTHS) {
      for (const [lo, hi] of boxes) {
        const x = withSpecials(rng, n, hi);
        const want = Float64Array.from(x, (v) => (v < lo ? lo : v > hi ? hi : v));
        await eachBinary(() => {
          expect(firstDifference(clamp(x, lo, hi), want)).toBe(-1);
        });
      }
    }
  });

  test("writes in place and keeps NaN and −0", () => {
    const x = Float64Array.of(-2, -0, 0.5, 3, NaN);
    expect(clamp(x, 0, 1, { out: x })).toBe(x);
    expect(firstDifference(x, [0, -0, 0.5, 1, NaN])).toBe(-1);
  });

  test("rejects NaN bounds and lo > hi naming the argument, and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = Float64Array.of(1, 2);
    expect(() => clamp(x, NaN, 1)).toThrow(/invalid lo: expected a number \(±Infinity allowed\), got NaN/);
    expect(() => clamp(x, 0, NaN)).toThrow(/invalid hi: .* got NaN/);
    expect(() => clamp(x, 2, 1)).toThrow(/invalid hi: expected a number ≥ lo = 2, got 1/);
    expect(() => clamp(x, "0" as never, 1)).toThrow(/invalid lo: expected a number, got "0"/);
    expect(() => clamp(x, 0, 1, { out: [0, 0] } as never)).toThrow(/invalid out: expected a Float64Array/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
