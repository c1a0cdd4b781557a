import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { oblique } from "../../src/manifolds/oblique.js";
import { sphere } from "../../src/manifolds/sphere.js";
import type { Matrix } from "../../src/matrix.js";
import { checkManifold, diff } from "./checks.js";
import { obliqueCase } from "./cases.js";

beforeAll(async () => {
  await init();
});

const col = (x: Matrix, j: number): Float64Array => Float64Array.from({ length: x.rows }, (_, i) => x.data[i * x.cols + j]);

describe("oblique", () => {
  test("every shared property on several sizes", () => {
    for (const [n, k] of [[2, 1], [3, 4], [8, 3], [5, 5]] as const) {
      expect(oblique(n, k).dimension).toBe((n - 1) * k);
      checkManifold(obliqueCase(n, k));
    }
  });

  test("acts column by column as the sphere", () => {
    const n = 4, k = 3;
    const M = oblique(n, k), S = sphere(n);
    const rng = new Rng(9);
    const x = M.random(rng), y = M.random(rng);
    const u = { rows: n, cols: k, data: rng.normalArray(n * k) };
    const g = { rows: n, cols: k, data: rng.normalArray(n * k) };
    const h = { rows: n, cols: k, data: rng.normalArray(n * k) };
    const pu = M.proj(x, u);
    const r = M.retract(x, pu, 0.8);
    const H = M.ehessToRhess(x, g, h, pu);
    let d2 = 0;
    for (let j = 0; j < k; j++) {
      const xj = col(x, j);
      // Same formulas, summed in a different order: a few roundings of O(1) values.
      expect(diff(col(pu, j), S.proj(xj, col(u, j)))).toBeLessThan(1e-14);
      expect(diff(col(r, j), S.retract(xj, col(pu, j), 0.8))).toBeLessThan(1e-14);
      expect(diff(col(H, j), S.ehessToRhess(xj, col(g, j), col(h, j), col(pu, j)))).toBeLessThan(1e-13);
      d2 += S.dist!(xj, col(y, j)) ** 2;
    }
    expect(Math.abs(M.dist!(x, y) - Math.sqrt(d2))).toBeLessThan(1e-14);
  });

  test("bad input: clear errors", () => {
    expect(() => oblique(0, 2)).toThrow(/invalid n: expected an integer ≥ 1, got 0/);
    expect(() => oblique(3, 1.5)).toThrow(/invalid k: expected an integer, got 1.5/);
    const M = oblique(3, 2);
    const x = M.random(new Rng(1));
    expect(() => M.proj(x, { rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(
      /invalid u: expected a 3×2 matrix, got a 2×3 matrix/,
    );
    expect(() => M.retract(x, { rows: 3, cols: 2, data: new Float64Array(5) })).toThrow(/invalid u: data has length 5/);
    expect(() => M.randomTangent(x, 7 as never)).toThrow(/invalid rng/);
  });
});
