import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { axpy } from "../../../src/kernels/blas/axpy.js";
import { scal } from "../../../src/kernels/blas/scal.js";
import { nrm2 } from "../../../src/kernels/blas/nrm2.js";
import { asum } from "../../../src/kernels/blas/asum.js";
import { iamax } from "../../../src/kernels/blas/iamax.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";

beforeAll(async () => {
  await init();
});

const SIZES = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 1001];
const EPS = 2 ** -52;

describe("axpy and scal", () => {
  test("match plain JS on every build, inputs untouched", async () => {
    const rng = new Rng(3);
    for (const n of SIZES) {
      const x = rng.normalArray(n);
      const y = rng.normalArray(n);
      const x0 = x.slice();
      const y0 = y.slice();
      await eachBinary(() => {
        const z = axpy(-1.5, x, y);
        const w = scal(0.75, x);
        for (let i = 0; i < n; i++) {
          // One rounding in the product and one in the sum (or one fused rounding).
          expect(Math.abs(z[i] - (-1.5 * x[i] + y[i]))).toBeLessThanOrEqual(2 * EPS * (Math.abs(1.5 * x[i]) + Math.abs(y[i])));
          expect(w[i]).toBe(0.75 * x[i]); // one correctly rounded product
        }
        expect(x).toEqual(x0);
        expect(y).toEqual(y0);
      });
    }
  });

  test("alpha = 0 returns y unchanged even with NaN in x (BLAS); NaN in y propagates", async () => {
    await eachBinary(() => {
      const x = new Float64Array([NaN, 1, 2, Infinity, 4]);
      const y = new Float64Array([1, 2, NaN, 4, 5]);
      expect(Array.from(axpy(0, x, y))).toEqual([1, 2, NaN, 4, 5]);
      expect(Array.from(axpy(1, x, y))).toEqual([NaN, 3, NaN, Infinity, 9]);
    });
  });
});

describe("nrm2", () => {
  test("matches a plain sum of squares at ordinary scales", async () => {
    const rng = new Rng(5);
    for (const n of SIZES) {
      const x = rng.normalArray(n);
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * x[i];
      await eachBinary(() => {
        // Each of n squared terms and partial sums is rounded once: relative error ≲ (n + 2)·eps.
        expect(Math.abs(nrm2(x) - Math.sqrt(s))).toBeLessThanOrEqual((n + 2) * EPS * Math.sqrt(s));
      });
    }
  });

  test("does not overflow or underflow near 1e±300, in every mix of scales", async () => {
    const rng = new Rng(6);
    for (const n of [1, 2, 3, 5, 8, 33]) {
      const u = rng.normalArray(n);
      let su = 0;
      for (let i = 0; i < n; i++) su += u[i] * u[i];
      const normU = Math.sqrt(su);
      for (const scale of [1e300, 1e-300, 1e-320, 1e154, 1e-160]) {
        const x = u.map((v) => v * scale);
        // Scaling by a power of ten is inexact, so compare against the exactly scaled entries'
        // norm via a safe JS reference: max-scaled sum of squares.
        const want = safeNorm(x);
        await eachBinary(() => {
          // Subnormal entries (1e-320) carry only ~11 significant bits: allow for that.
          const tol = scale < 1e-307 ? 1e-3 : (n + 4) * EPS;
          expect(Math.abs(nrm2(x) - want)).toBeLessThanOrEqual(tol * want);
        });
        expect(Number.isFinite(want) && want > 0).toBe(true);
        expect(want / scale / normU).toBeCloseTo(1, 2);
      }
    }
  });

  test("mixes big, medium and small entries", async () => {
    const x = new Float64Array([3e300, 1, 4e300, 1e-300, 2]);
    const y = new Float64Array([3e-300, 4e-300, 0, 1e-310]);
    const z = new Float64Array([1, 2e-200, 2]);
    await eachBinary(() => {
      expect(nrm2(x)).toBeCloseTo(5e300, -286);
      expect(Math.abs(nrm2(x) / 5e300 - 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(nrm2(y) / 5e-300 - 1)).toBeLessThan(4 * EPS);
      expect(Math.abs(nrm2(z) / Math.sqrt(5) - 1)).toBeLessThan(4 * EPS);
    });
  });

  test("NaN gives NaN, Infinity gives Infinity, empty gives 0", async () => {
    await eachBinary(() => {
      expect(nrm2(new Float64Array([1, NaN, 1e300, 3]))).toBeNaN();
      expect(nrm2(new Float64Array([1e-300, NaN]))).toBeNaN();
      expect(nrm2(new Float64Array([1, -Infinity, 1e300]))).toBe(Infinity);
      expect(nrm2(new Float64Array(0))).toBe(0);
    });
  });
});

describe("asum and iamax", () => {
  test("match plain JS on every build", async () => {
    const rng = new Rng(8);
    for (const n of SIZES) {
      const x = rng.normalArray(n);
      let s = 0;
      let best = n === 0 ? -1 : 0;
      for (let i = 0; i < n; i++) {
        s += Math.abs(x[i]);
        if (Math.abs(x[i]) > Math.abs(x[best])) best = i;
      }
      await eachBinary(() => {
        // Summation order differs: |error| ≤ (n - 1)·eps·Σ|xᵢ|.
        expect(Math.abs(asum(x) - s)).toBeLessThanOrEqual(Math.max(n - 1, 0) * EPS * s);
        expect(iamax(x)).toBe(best);
      });
    }
  });

  test("iamax picks the first of ties and follows reference BLAS on NaN", async () => {
    await eachBinary(() => {
      expect(iamax(new Float64Array([1, -3, 3, 2, -3]))).toBe(1);
      expect(iamax(new Float64Array([0, 0, 0, 0, 0, 0, 0, -7, 7]))).toBe(7);
      expect(iamax(new Float64Array([1, NaN, 2, NaN, 0]))).toBe(2);
      expect(iamax(new Float64Array([NaN, 5, 9]))).toBe(0);
      expect(iamax(new Float64Array([2, -Infinity, Infinity]))).toBe(1);
      expect(iamax(new Float64Array(0))).toBe(-1);
    });
  });
});

describe("bad input", () => {
  test("is rejected before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = new Float64Array(3);
    expect(() => axpy(NaN, x, x)).toThrow(/invalid alpha: expected a finite number, got NaN/);
    expect(() => axpy("2" as never, x, x)).toThrow(TypeError);
    expect(() => axpy(1, x, new Float64Array(2))).toThrow(/invalid y: expected length 3, got length 2/);
    expect(() => scal(1, [1, 2] as never)).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => nrm2(null as never)).toThrow(/invalid x/);
    expect(() => asum(new Float32Array(2) as never)).toThrow(/invalid x: expected a Float64Array, got Float32Array\(2\)/);
    expect(() => iamax(undefined as never)).toThrow(/invalid x/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

// ‖x‖₂ in plain JS without overflow: scale by the largest |xᵢ| (a power of two, so exact).
function safeNorm(x: Float64Array): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  if (m === 0) return 0;
  const e = 2 ** Math.floor(Math.log2(m));
  let s = 0;
  for (const v of x) {
    const t = v / e;
    s += t * t;
  }
  return Math.sqrt(s) * e;
}
