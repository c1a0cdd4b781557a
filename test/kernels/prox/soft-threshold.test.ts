import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { softThreshold } from "../../../src/kernels/prox/soft-threshold.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { firstDifference, LENGTHS, softRef, withSpecials } from "./reference.js";

beforeAll(async () => {
  await init();
});

describe("softThreshold", () => {
  test("equals the plain-JS formula exactly on every build, scalar and per-entry thresholds", async () => {
    const rng = new Rng(21);
    for (const n of LENGTHS) {
      for (const t of [0, 0.3, 1.5]) {
        const x = withSpecials(rng, n, t);
        const w = Float64Array.from(rng.uniformArray(n), (u) => 2 * u);
        for (let i = 2; i < n; i += 5) x[i] = i % 2 ? w[i] : -w[i]; // ties with the weights
        const wantWeighted = Float64Array.from(x, (v, i) => softRef(v, w[i]));
        const wantScalar = Float64Array.from(x, (v) => softRef(v, t));
        await eachBinary(() => {
          expect(firstDifference(softThreshold(x, t), wantScalar)).toBe(-1);
          expect(firstDifference(softThreshold(x, w), wantWeighted)).toBe(-1);
        });
      }
    }
  });

  test("zeros are +0, ties at t give +0, NaN and ±Infinity propagate", () => {
    const x = Float64Array.of(-0, 0.5, -0.5, -0.25, NaN, -Infinity, Infinity, 0.75);
    const got = softThreshold(x, 0.5);
    expect(Array.from(got)).toEqual([0, 0, 0, 0, NaN, -Infinity, Infinity, 0.25]);
    expect(Object.is(got[0], 0) && Object.is(got[2], 0) && Object.is(got[3], 0)).toBe(true);
  });

  test("the out option writes in place (out = x) or into a given array", () => {
    const rng = new Rng(22);
    const x = rng.normalArray(33);
    const want = Float64Array.from(x, (v) => softRef(v, 0.4));
    const out = new Float64Array(33);
    expect(softThreshold(x, 0.4, { out })).toBe(out);
    expect(firstDifference(out, want)).toBe(-1);
    const y = x.slice();
    expect(softThreshold(y, 0.4, { out: y })).toBe(y);
    expect(firstDifference(y, want)).toBe(-1);
    // Per-entry thresholds written over themselves.
    const w = Float64Array.from(x, (_, i) => (i % 4) * 0.2);
    const wantW = Float64Array.from(x, (v, i) => softRef(v, w[i]));
    softThreshold(x, w, { out: w });
    expect(firstDifference(w, wantW)).toBe(-1);
  });

  test("is the proximal operator of t‖·‖₁: optimality conditions and strong convexity", () => {
    const rng = new Rng(23);
    const n = 200;
    const F = (z: Float64Array, x: Float64Array, t: number): number => {
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * (z[i] - x[i]) ** 2 + t * Math.abs(z[i]);
      return s;
    };
    for (const t of [0.1, 0.7, 2]) {
      const x = rng.normalArray(n);
      const p = softThreshold(x, t);
      // Subgradient conditions: x − p ∈ t·∂‖p‖₁ (to rounding of one subtraction, 1 ulp of |x|).
      for (let i = 0; i < n; i++) {
        if (p[i] === 0) expect(Math.abs(x[i])).toBeLessThanOrEqual(t);
        else expect(Math.abs(x[i] - p[i] - t * Math.sign(p[i]))).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(x[i])));
      }
      // F is 1-strongly convex with minimizer p, so F(z) − F(p) ≥ ½‖z − p‖² for every z.
      // Perturbations of norm² ≥ 1e-2 dwarf the ~n·1e-16 rounding in F.
      for (let trial = 0; trial < 200; trial++) {
        const scale = 10 ** (-1 + 2 * rng.uniform());
        const delta = rng.normalArray(n);
        if (trial % 2) for (let i = 0; i < n; i++) if (rng.uniform() < 0.9) delta[i] = 0; // sparse moves
        let d2 = 0;
        const z = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          z[i] = p[i] + scale * delta[i];
          d2 += (z[i] - p[i]) ** 2;
        }
        if (d2 < 1e-2) continue;
        expect(F(z, x, t) - F(p, x, t)).toBeGreaterThanOrEqual(0.5 * d2 - 1e-10 * n);
      }
      // Single-coordinate moves off zero and along the kept entries, both directions.
      for (let i = 0; i < 20; i++) {
        for (const eps of [0.1, -0.1]) {
          const z = p.slice();
          z[i] += eps;
          expect(F(z, x, t) - F(p, x, t)).toBeGreaterThanOrEqual(0.5 * eps * eps - 1e-12 * n);
        }
      }
    }
  });

  test("rejects bad input before any work, naming the argument, and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = Float64Array.of(1, -2, 3);
    const y = x.slice();
    expect(() => softThreshold(x, -1)).toThrow(/invalid t: expected a finite number ≥ 0, got -1/);
    expect(() => softThreshold(x, NaN)).toThrow(RangeError);
    expect(() => softThreshold(x, NaN)).toThrow(/invalid t: .* got NaN/);
    expect(() => softThreshold(x, Infinity)).toThrow(/invalid t: .* got Infinity/);
    expect(() => softThreshold(x, "1" as never)).toThrow(TypeError);
    expect(() => softThreshold(x, [1, 1, 1] as never)).toThrow(/invalid t: expected a finite number ≥ 0 or a Float64Array, got Array\(3\)/);
    expect(() => softThreshold([1, 2] as never, 1)).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => softThreshold(x, new Float64Array(2))).toThrow(/invalid t: expected length 3, got length 2/);
    expect(() => softThreshold(x, Float64Array.of(0, -0.5, 1))).toThrow(/invalid t: entry 1 is -0.5; expected a finite number ≥ 0/);
    expect(() => softThreshold(x, Float64Array.of(0, 1, NaN))).toThrow(/invalid t: entry 2 is NaN/);
    expect(() => softThreshold(x, 1, { out: new Float64Array(4) })).toThrow(/invalid out: expected length 3, got length 4/);
    expect(() => softThreshold(x, 1, { out: x, inPlace: true } as never)).toThrow(/unknown option inPlace/);
    expect(firstDifference(x, y)).toBe(-1);
    expect(softThreshold(x, -0)).toEqual(Float64Array.of(1, -2, 3));
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
