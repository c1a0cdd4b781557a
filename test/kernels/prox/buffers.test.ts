// The buffer-level API: same results as the copying wrappers, no copies, strict handle checks.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { supportedBinaries } from "../../../src/runtime/init.js";
import { softThreshold, softThresholdBuffer } from "../../../src/kernels/prox/soft-threshold.js";
import { hardThreshold, hardThresholdBuffer } from "../../../src/kernels/prox/hard-threshold.js";
import { keepLargest, keepLargestBuffer } from "../../../src/kernels/prox/keep-largest.js";
import { clamp, clampBuffer } from "../../../src/kernels/prox/clamp.js";
import { projectSphere, projectSphereBuffer } from "../../../src/kernels/prox/project-sphere.js";
import { projectBall, projectBallBuffer } from "../../../src/kernels/prox/project-ball.js";
import { normalizeColumns, normalizeColumnsBuffer } from "../../../src/kernels/prox/normalize-columns.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { firstDifference, withSpecials } from "./reference.js";

beforeAll(async () => {
  await init();
});

describe("buffer-level prox", () => {
  test("give the copying wrappers' results, out-of-place and in place, on every build", async () => {
    const rng = new Rng(71);
    for (const n of [0, 1, 3, 17, 257]) {
      const x = withSpecials(rng, n, 0.5);
      const w = rng.uniformArray(n);
      const finite = rng.normalArray(n);
      await eachBinary(() => {
        const arena = runtime().arena;
        arena.scope((s) => {
          const xb = s.f64From(x);
          const out = s.f64(n);
          const wb = s.f64From(w);
          const check = (got: Float64Array, want: Float64Array) => expect(firstDifference(got, want)).toBe(-1);
          expect(softThresholdBuffer(out, xb, 0.5)).toBe(out);
          check(out.view, softThreshold(x, 0.5));
          softThresholdBuffer(out, xb, wb);
          check(out.view, softThreshold(x, w));
          hardThresholdBuffer(out, xb, 0.5);
          check(out.view, hardThreshold(x, 0.5));
          clampBuffer(out, xb, -1, 0.25);
          check(out.view, clamp(x, -1, 0.25));
          const fb = s.f64From(finite);
          keepLargestBuffer(out, fb, 3);
          check(out.view, keepLargest(finite, 3));
          if (n > 0) {
            const norm = projectSphereBuffer(out, fb);
            check(out.view, projectSphere(finite));
            expect(Math.abs(norm - Math.hypot(...finite))).toBeLessThanOrEqual(1e-14 * norm);
          }
          projectBallBuffer(out, fb);
          check(out.view, projectBall(finite));
          // In place: out = x.
          const yb = s.f64From(x);
          softThresholdBuffer(yb, yb, 0.5);
          check(yb.view, softThreshold(x, 0.5));
        });
      });
    }
  });

  test("normalizeColumnsBuffer matches normalizeColumns and reports zero columns", () => {
    const rng = new Rng(72);
    const a = { rows: 5, cols: 3, data: rng.normalArray(15) };
    runtime().arena.scope((s) => {
      const ab = s.f64From(a.data);
      const out = s.f64(15);
      expect(normalizeColumnsBuffer(out, ab, 5, 3)).toBe(-1);
      expect(firstDifference(out.view, normalizeColumns(a).data)).toBe(-1);
      for (let i = 0; i < 5; i++) ab.view[i * 3 + 2] = 0;
      out.view.fill(7);
      expect(() => normalizeColumnsBuffer(out, ab, 5, 3)).toThrow(/invalid a: column 2 is zero/);
      expect(out.view.every((v) => v === 7)).toBe(true);
      expect(normalizeColumnsBuffer(ab, ab, 5, 3, { zeroColumns: "keep" })).toBe(2);
      expect(() => normalizeColumnsBuffer(out, ab, 5, 4)).toThrow(/invalid a: expected length 20, got length 15/);
    });
  });

  test("reject foreign, disposed, mismatched or invalid arguments before any work, leaking nothing", () => {
    const arena = runtime().arena;
    const before = arena.stats().buffersLive;
    arena.scope((s) => {
      const x = s.f64From([1, -2, 3]);
      const out = s.f64(3);
      out.view.fill(7);
      expect(() => softThresholdBuffer(out, Float64Array.of(1, 2, 3) as never, 1)).toThrow(/invalid x: expected a WasmBuffer<"f64">, got Float64Array\(3\)/);
      expect(() => softThresholdBuffer(s.i32(3) as never, x, 1)).toThrow(/invalid out: expected a WasmBuffer<"f64">, got a WasmBuffer<"i32">/);
      expect(() => softThresholdBuffer(s.f64(4), x, 1)).toThrow(/invalid out: expected length 3, got length 4/);
      expect(() => softThresholdBuffer(out, x, -1)).toThrow(/invalid t: expected a finite number ≥ 0, got -1/);
      expect(() => softThresholdBuffer(out, x, [1, 1, 1] as never)).toThrow(TypeError);
      expect(() => softThresholdBuffer(out, x, s.f64(2))).toThrow(/invalid t: expected length 3, got length 2/);
      expect(() => softThresholdBuffer(out, x, s.f64From([0, 1, -0.5]))).toThrow(/invalid t: entry 2 is -0.5; expected a finite number ≥ 0/);
      expect(() => softThresholdBuffer(out, x, s.f64From([0, Infinity, 1]))).toThrow(/invalid t: entry 1 is Infinity/);
      expect(() => hardThresholdBuffer(out, x, NaN)).toThrow(/invalid t: .* got NaN/);
      expect(() => clampBuffer(out, x, 1, 0)).toThrow(/invalid hi: expected a number ≥ lo = 1, got 0/);
      expect(() => keepLargestBuffer(out, x, -2)).toThrow(/invalid k/);
      const zero = s.f64(3);
      expect(() => projectSphereBuffer(out, zero)).toThrow(/invalid x: the zero vector/);
      const gone = s.f64(3);
      gone.dispose();
      expect(() => softThresholdBuffer(out, gone, 1)).toThrow(/invalid x: the buffer at \d+ was disposed/);
      expect(() => projectBallBuffer(gone, x)).toThrow(/invalid out: the buffer at \d+ was disposed/);
      expect(Array.from(out.view)).toEqual([7, 7, 7]);
    });
    expect(arena.stats().buffersLive).toBe(before);
  });

  test("reject a buffer of another build's runtime", async () => {
    const kinds = supportedBinaries();
    if (kinds.length < 2) return;
    await init({ binary: kinds[1] });
    const foreign = runtime().arena.f64(4);
    try {
      await init({ binary: kinds[0] });
      runtime().arena.scope((s) => {
        const out = s.f64(4);
        expect(() => softThresholdBuffer(out, foreign, 1)).toThrow(/invalid x: the buffer belongs to another runtime/);
      });
    } finally {
      await init({ binary: kinds[1] });
      foreign.dispose();
      await init();
    }
  });
});
