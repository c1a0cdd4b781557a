import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Matrix } from "../../src/matrix.js";
import { checkManifold } from "./checks.js";

beforeAll(async () => {
  await init();
});

describe("euclidean", () => {
  test("vector space: every shared property", () => {
    for (const n of [1, 2, 7]) {
      checkManifold<Float64Array>({ M: euclidean(n), offManifold: () => 0, offTangent: () => 0, secondOrder: true });
    }
  });

  test("matrix space: every shared property", () => {
    for (const [m, n] of [[1, 1], [3, 2], [2, 5]] as const) {
      const M = euclidean([m, n]);
      expect(M.dimension).toBe(m * n);
      checkManifold<Matrix>({ M, offManifold: () => 0, offTangent: () => 0, secondOrder: true });
    }
  });

  test("closed forms: dist is the Euclidean norm, the retraction is x + t·u", () => {
    const M = euclidean(2);
    const x = Float64Array.of(1, 2), y = Float64Array.of(4, 6);
    expect(M.dist!(x, y)).toBe(5);
    expect(Array.from(M.retract(x, Float64Array.of(1, -1), 2))).toEqual([3, 0]);
    expect(M.typicalDistance).toBe(Math.sqrt(2));
    expect(M.name).toBe("Euclidean(2)");
  });

  test("bad input: clear errors", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => euclidean(-1)).toThrow(/invalid shape: expected an integer ≥ 0, got -1/);
    expect(() => euclidean(1.5)).toThrow(TypeError);
    expect(() => euclidean([2] as never)).toThrow(/invalid shape: expected a length or \[rows, cols\], got Array\(1\)/);
    expect(() => euclidean([2, -3])).toThrow(/invalid shape\[1\]/);
    const M = euclidean(3);
    const x = new Float64Array(3);
    expect(() => M.inner(x, new Float64Array(2), x)).toThrow(/invalid u: expected length 3, got length 2/);
    expect(() => M.retract(x, x, Number.NaN)).toThrow(/invalid t/);
    expect(() => M.random({} as never)).toThrow(/invalid rng: expected an Rng, got an object/);
    expect(() => M.lincomb(x, 1, x, Number.POSITIVE_INFINITY, x)).toThrow(/invalid b/);
    const E = euclidean([2, 2]);
    expect(() => E.proj({ rows: 2, cols: 2, data: new Float64Array(4) }, { rows: 1, cols: 4, data: new Float64Array(4) })).toThrow(
      /invalid u: expected a 2×2 matrix, got a 1×4 matrix/,
    );
    expect(() => E.random(new Rng(1) as never).data.length).not.toThrow();
    expect(() => E.random({} as never)).toThrow(/invalid rng: expected an Rng, got an object/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
