import { describe, expect, test } from "vitest";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { hungarian } from "../../src/symmetry/hungarian.js";

/** All permutations of 0..n−1 (Heap's algorithm). */
function permutations(n: number): number[][] {
  const out: number[][] = [];
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array(n).fill(0);
  out.push(a.slice());
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      out.push(a.slice());
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
  return out;
}

/** The optimal total by brute force over all permutations (square). */
function bruteForce(cost: Matrix, maximize: boolean): number {
  const n = cost.rows;
  let best = maximize ? -Infinity : Infinity;
  for (const p of permutations(n)) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cost.data[i * n + p[i]];
    best = maximize ? Math.max(best, s) : Math.min(best, s);
  }
  return n === 0 ? 0 : best;
}

/**
 * The optimal total of a rectangular problem by dynamic programming over subsets of the larger side:
 * best[S] = optimal cost of matching the first |S| items of the smaller side into the set S. Exact,
 * and shares nothing with the shortest-path algorithm.
 */
function subsetDp(cost: Matrix, maximize: boolean): number {
  const small = Math.min(cost.rows, cost.cols);
  const large = Math.max(cost.rows, cost.cols);
  const at = (s: number, l: number): number => (cost.rows <= cost.cols ? cost.data[s * cost.cols + l] : cost.data[l * cost.cols + s]);
  const worse = maximize ? -Infinity : Infinity;
  const best = new Float64Array(1 << large).fill(worse);
  best[0] = 0;
  let answer = small === 0 ? 0 : worse;
  for (let S = 0; S < 1 << large; S++) {
    if (best[S] === worse) continue;
    let k = 0;
    for (let b = S; b; b &= b - 1) k++;
    if (k === small) {
      answer = maximize ? Math.max(answer, best[S]) : Math.min(answer, best[S]);
      continue;
    }
    for (let l = 0; l < large; l++) {
      if (S & (1 << l)) continue;
      const v = best[S] + at(k, l);
      const T = S | (1 << l);
      best[T] = maximize ? Math.max(best[T], v) : Math.min(best[T], v);
    }
  }
  return answer;
}

function randomCost(rng: Rng, rows: number, cols: number, integers: boolean): Matrix {
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = integers ? rng.integer(5) : rng.normal() * 10;
  return { rows, cols, data };
}

/** The assignment is a valid partial matching of min(r, c) pairs and its total is its entries' sum. */
function expectValidMatching(cost: Matrix, a: ReturnType<typeof hungarian>): void {
  const { rows, cols } = cost;
  expect(a.rowToColumn.length).toBe(rows);
  expect(a.columnToRow.length).toBe(cols);
  let pairs = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const j = a.rowToColumn[i];
    if (j < 0) continue;
    pairs++;
    expect(a.columnToRow[j]).toBe(i);
    total += cost.data[i * cols + j];
  }
  expect(pairs).toBe(Math.min(rows, cols));
  for (let j = 0; j < cols; j++) if (a.columnToRow[j] >= 0) expect(a.rowToColumn[a.columnToRow[j]]).toBe(j);
  expect(a.total).toBe(total);
}

describe("hungarian", () => {
  test("square n ≤ 7: the optimum of brute force over all n! permutations, minimizing and maximizing", () => {
    const rng = new Rng(11);
    for (let n = 0; n <= 7; n++) {
      for (let trial = 0; trial < (n <= 4 ? 20 : 6); trial++) {
        // Small integer costs make many ties (degenerate problems), Gaussian ones make none.
        const cost = randomCost(rng, n, n, trial % 2 === 0);
        for (const maximize of [false, true]) {
          const a = hungarian(cost, { maximize });
          expectValidMatching(cost, a);
          expect(a.total).toBeCloseTo(bruteForce(cost, maximize), 9);
        }
      }
    }
  });

  test("rectangular (wide and tall, up to 6×12 and 12×6): the optimum of an exact subset DP", () => {
    const rng = new Rng(12);
    const shapes: [number, number][] = [[0, 3], [3, 0], [1, 1], [1, 7], [7, 1], [2, 5], [5, 2], [4, 9], [9, 4], [6, 12], [12, 6], [10, 10]];
    for (const [r, c] of shapes) {
      for (let trial = 0; trial < 4; trial++) {
        const cost = randomCost(rng, r, c, trial % 2 === 1);
        for (const maximize of [false, true]) {
          const a = hungarian(cost, { maximize });
          expectValidMatching(cost, a);
          expect(a.total).toBeCloseTo(subsetDp(cost, maximize), 9);
        }
      }
    }
  });

  test("a permuted diagonal of zeros among positive costs is found exactly (n = 150)", () => {
    const rng = new Rng(13);
    const n = 150;
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const data = new Float64Array(n * n);
    for (let k = 0; k < data.length; k++) data[k] = 1 + rng.uniform();
    for (let i = 0; i < n; i++) data[i * n + perm[i]] = 0;
    const a = hungarian({ rows: n, cols: n, data });
    expect(Array.from(a.rowToColumn)).toEqual(perm);
    expect(a.total).toBe(0);
  });

  test("constant shifts of a row or a column do not change the optimal matching", () => {
    const rng = new Rng(14);
    const cost = randomCost(rng, 8, 8, false);
    const base = hungarian(cost).rowToColumn;
    const shifted = { rows: 8, cols: 8, data: cost.data.slice() };
    for (let j = 0; j < 8; j++) shifted.data[3 * 8 + j] += 100;
    for (let i = 0; i < 8; i++) shifted.data[i * 8 + 5] -= 50;
    expect(Array.from(hungarian(shifted).rowToColumn)).toEqual(Array.from(base));
  });

  test("bad inputs: a clear error naming the argument, before any work", () => {
    expect(() => hungarian({ rows: 2, cols: 2, data: new Float64Array([1, NaN, 0, 1]) })).toThrow(/invalid cost: cost\[0, 1\] = NaN/);
    expect(() => hungarian({ rows: 1, cols: 2, data: new Float64Array([1, Infinity]) })).toThrow(RangeError);
    expect(() => hungarian({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/invalid cost: data has length 3/);
    expect(() => hungarian([[1, 2]] as unknown as Matrix)).toThrow(TypeError);
    expect(() => hungarian({ rows: 1, cols: 1, data: new Float64Array(1) }, { maximise: true } as never)).toThrow(/unknown option maximise/);
    expect(() => hungarian({ rows: 1, cols: 1, data: new Float64Array(1) }, { maximize: 1 } as never)).toThrow(/invalid maximize/);
  });
});
