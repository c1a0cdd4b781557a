import { describe, expect, test } from "vitest";
import { Rng } from "../../src/data/rng.js";
import { portableLog } from "../../src/data/portable-log.js";

describe("Rng", () => {
  test("the same seed gives the same stream, another seed another", () => {
    expect(Array.from(new Rng(7).uniformArray(20))).toEqual(Array.from(new Rng(7).uniformArray(20)));
    expect(new Rng(7).uniform()).not.toBe(new Rng(8).uniform());
  });

  test("xoshiro128** matches the reference output for a known state", () => {
    // The reference C code (Blackman & Vigna) started from s = {1, 2, 3, 4} outputs these first.
    const rng = Rng.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 5 }, () => rng.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883]);
  });

  test("state() and fromState() resume the same stream", () => {
    const rng = new Rng(9);
    rng.normalArray(3);
    const resumed = Rng.fromState(rng.state());
    expect(resumed.uniformArray(4)).toEqual(rng.uniformArray(4));
    expect(() => Rng.fromState([0, 0, 0, 0])).toThrow(/invalid state/);
    for (const bad of [[1, 2, 3], [1, 2, 3, 1.5], [1, 2, 3, -1], [1, 2, 3, 2 ** 32], ["1", 2, 3, 4], null]) {
      expect(() => Rng.fromState(bad as never)).toThrow(/invalid state/);
    }
    expect(Rng.fromState([0xffffffff, 0, 0, 0]).state()).toEqual(Uint32Array.of(0xffffffff, 0, 0, 0));
  });

  test("the fills continue the scalar streams, a pending normal included", () => {
    // Against the scalar calls on a twin generator: uniform() is two 32-bit draws (27 + 26 bits),
    // normals come in polar pairs, so odd lengths leave a spare the next call must hand out first.
    for (const lengths of [[5], [1, 4], [3, 3, 1], [0, 2, 7], [2, 2]]) {
      const bulk = new Rng(11), scalar = new Rng(11);
      for (const n of lengths) {
        expect(Array.from(bulk.fillNormal(new Float64Array(n)))).toEqual(Array.from({ length: n }, () => scalar.normal()));
        expect(Array.from(bulk.fillUniform(new Float64Array(n)))).toEqual(Array.from({ length: n }, () => scalar.uniform()));
        expect(bulk.normal()).toBe(scalar.normal());
      }
      expect(bulk.state()).toEqual(scalar.state());
    }
    const rng = Rng.fromState([1, 2, 3, 4]);
    const [a, b] = [rng.nextUint32(), rng.nextUint32()];
    expect(Rng.fromState([1, 2, 3, 4]).uniform()).toBe(((a >>> 5) * 2 ** 26 + (b >>> 6)) / 2 ** 53);
    expect(() => new Rng(1).fillUniform([0, 0] as never)).toThrow(/invalid out/);
  });

  test("uniform values fill [0, 1) with the right mean and variance", () => {
    const u = new Rng(1).uniformArray(200_000);
    let mean = 0;
    for (const v of u) mean += v;
    mean /= u.length;
    let variance = 0;
    for (const v of u) variance += (v - mean) ** 2;
    variance /= u.length;
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004); // 6 standard errors (0.29/√2e5 ≈ 6.5e-4)
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  test("normal values have mean 0, variance 1 and normal tails", () => {
    const z = new Rng(2).normalArray(200_000);
    let mean = 0;
    let m2 = 0;
    let beyond2 = 0;
    for (const v of z) {
      mean += v;
      m2 += v * v;
      if (Math.abs(v) > 2) beyond2++;
    }
    mean /= z.length;
    m2 /= z.length;
    expect(Math.abs(mean)).toBeLessThan(0.015); // 6/√2e5 ≈ 0.013
    expect(Math.abs(m2 - 1)).toBeLessThan(0.02);
    expect(Math.abs(beyond2 / z.length - 0.0455)).toBeLessThan(0.003); // P(|Z| > 2) = 0.0455
  });

  test("integer(n) is uniform over [0, n)", () => {
    const rng = new Rng(3);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.integer(7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  test("rejects bad seeds and bounds", () => {
    expect(() => new Rng(-1)).toThrow(/invalid seed.*-1/);
    expect(() => new Rng("7" as never)).toThrow(TypeError);
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(2 ** 32)).toThrow(RangeError);
    expect(() => new Rng(1).integer(0)).toThrow(/invalid n/);
  });
});

describe("portableLog", () => {
  test("agrees with Math.log to within 2 ulp over many magnitudes, subnormals included", () => {
    const rng = new Rng(4);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp(1400 * rng.uniform() - 700) * (1 + rng.uniform());
      const got = portableLog(x);
      const want = Math.log(x);
      expect(Math.abs(got - want)).toBeLessThanOrEqual(2 * ulp(want) + 1e-300);
    }
    expect(portableLog(1)).toBe(0);
    expect(Math.abs(portableLog(5e-324) - Math.log(5e-324))).toBeLessThan(1e-12);
  });
});

function ulp(x: number): number {
  return Math.abs(x) * Number.EPSILON || Number.MIN_VALUE;
}
