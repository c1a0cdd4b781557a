import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { projectSphere } from "../../../src/kernels/prox/project-sphere.js";
import { projectBall } from "../../../src/kernels/prox/project-ball.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import { firstDifference } from "./reference.js";

beforeAll(async () => {
  await init();
});

const EPS = 2 ** -52;

// Plain JS: x / sqrt(Σ xᵢ²), sequential sum; only for moderate x.
function sphereRef(x: Float64Array): Float64Array {
  let s = 0;
  for (const v of x) s += v * v;
  const r = Math.sqrt(s);
  return Float64Array.from(x, (v) => v / r);
}

// Both norms carry ≤ n·eps relative error (different summation orders) and each entry one
// more rounding: (n + 4)·eps on a unit-scale output.
function maxError(a: Float64Array, b: Float64Array): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

describe("projectSphere", () => {
  test("matches x/‖x‖ on every build, and all builds agree bit for bit", async () => {
    const rng = new Rng(51);
    for (const n of [1, 2, 3, 5, 17, 33, 257, 10001]) {
      const x = rng.normalArray(n);
      const want = sphereRef(x);
      await eachBinary(() => {
        expect(maxError(projectSphere(x), want)).toBeLessThanOrEqual((n + 4) * EPS);
      });
      const results = [...(await resultsByBinary(() => projectSphere(x))).values()];
      for (const r of results) expect(firstDifference(r, results[0])).toBe(-1);
    }
  });

  test("huge and subnormal vectors give the direction of their exactly rescaled copy", () => {
    const rng = new Rng(52);
    const y = rng.normalArray(100);
    for (const e of [1020, 600, -600, -1040]) {
      // Scaling by 2^e is exact when the results stay normal; round y first for e = −1040.
      const z = e < -1000 ? Float64Array.from(y, (v) => Math.round(v * 2 ** 20) / 2 ** 20) : y;
      const x = Float64Array.from(z, (v) => v * 2 ** e);
      expect(maxError(projectSphere(x), sphereRef(z))).toBeLessThanOrEqual(104 * EPS);
    }
    expect(maxError(projectSphere(Float64Array.of(1e308, -1e308)), Float64Array.of(Math.SQRT1_2, -Math.SQRT1_2))).toBeLessThanOrEqual(2 * EPS);
    expect(Array.from(projectSphere(Float64Array.of(0, 5e-324, 0)))).toEqual([0, 1, 0]);
  });

  test("NaN or ±Infinity entries give an all-NaN result; out = x works in place", () => {
    expect(Array.from(projectSphere(Float64Array.of(1, NaN, 2))).every(Number.isNaN)).toBe(true);
    expect(Array.from(projectSphere(Float64Array.of(1, -Infinity, 2))).every(Number.isNaN)).toBe(true);
    const x = Float64Array.of(3, -4);
    expect(projectSphere(x, { out: x })).toBe(x);
    expect(Array.from(x)).toEqual([0.6, -0.8]);
  });

  test("the zero vector is a RangeError, with out untouched and nothing leaked", () => {
    const before = runtime().arena.stats().buffersLive;
    const out = Float64Array.of(7, 7, 7);
    expect(() => projectSphere(Float64Array.of(0, -0, 0), { out })).toThrow(/invalid x: the zero vector has no projection onto the unit sphere/);
    expect(Array.from(out)).toEqual([7, 7, 7]);
    expect(() => projectSphere(new Float64Array(0))).toThrow(RangeError);
    expect(() => projectSphere([3, 4] as never)).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => projectSphere(Float64Array.of(3, 4), { out: new Float64Array(3) })).toThrow(/invalid out: expected length 2, got length 3/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

describe("projectBall", () => {
  test("keeps points inside exactly and projects points outside onto the sphere, on every build", async () => {
    const rng = new Rng(53);
    for (const n of [0, 1, 4, 17, 257]) {
      const x = rng.normalArray(n);
      const inside = Float64Array.from(x, (v) => v / (2 * Math.sqrt(n) + 10));
      const outside = Float64Array.from(x, (v) => v * 100);
      await eachBinary(() => {
        expect(firstDifference(projectBall(inside), inside)).toBe(-1);
        if (n > 0) expect(firstDifference(projectBall(outside), projectSphere(outside))).toBe(-1);
      });
    }
    expect(Array.from(projectBall(Float64Array.of(0, -1)))).toEqual([0, -1]);
    expect(Array.from(projectBall(Float64Array.of(0, 0)))).toEqual([0, 0]);
    expect(Array.from(projectBall(Float64Array.of(NaN, 0))).every(Number.isNaN)).toBe(true);
  });
});
