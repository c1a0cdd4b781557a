import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime, supportedBinaries } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Observed } from "../../src/completion/observed.js";
import { matrixCompletion, type FactorPoint } from "../../src/completion/problem.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { eachBinary } from "../helpers/binaries.js";
import { maxAbs, maxDiff } from "../landscape/fixtures.js";

beforeAll(async () => {
  await init();
});

/** Entries of an m×n matrix observed with probability p, in a shuffled order, random values. */
function randomObserved(m: number, n: number, p: number, rng: Rng): Observed {
  const pos: number[] = [];
  for (let t = 0; t < m * n; t++) if (rng.uniform() < p) pos.push(t);
  for (let k = pos.length - 1; k > 0; k--) {
    const j = rng.integer(k + 1);
    [pos[k], pos[j]] = [pos[j], pos[k]];
  }
  return {
    rows: m, cols: n,
    row: Int32Array.from(pos, (t) => Math.floor(t / n)),
    col: Int32Array.from(pos, (t) => t % n),
    value: rng.normalArray(pos.length),
  };
}

function randomPoint(m: number, n: number, r: number, rng: Rng): FactorPoint {
  return [{ rows: m, cols: r, data: rng.normalArray(m * r) }, { rows: n, cols: r, data: rng.normalArray(n * r) }];
}

/** AᵀB for row-major A (k×a) and B (k×b), plain loops. */
function atb(A: Matrix, B: Matrix): Float64Array {
  const out = new Float64Array(A.cols * B.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let a = 0; a < A.cols; a++) for (let b = 0; b < B.cols; b++) out[a * B.cols + b] += A.data[i * A.cols + a] * B.data[i * B.cols + b];
  }
  return out;
}

/** F and ∇F of the documented formula by plain dense loops (the independent reference). */
function denseReference(o: Observed, x: FactorPoint, lambda: number, beta: number): { cost: number; gU: Float64Array; gV: Float64Array } {
  const [U, V] = x;
  const { rows: m, cols: n } = o;
  const r = U.cols;
  const R = new Float64Array(m * n); // P_Ω(UVᵀ − Y), dense
  let cost = 0;
  for (let k = 0; k < o.value.length; k++) {
    const i = o.row[k], j = o.col[k];
    let s = -o.value[k];
    for (let l = 0; l < r; l++) s += U.data[i * r + l] * V.data[j * r + l];
    R[i * n + j] = s;
    cost += s * s / 2;
  }
  let norms = 0;
  for (const v of U.data) norms += v * v;
  for (const v of V.data) norms += v * v;
  cost += (lambda / 2) * norms;
  const D = atb(U, U).map((v, t) => v - atb(V, V)[t]);
  cost += (beta / 8) * D.reduce((s, v) => s + v * v, 0);
  const gU = new Float64Array(m * r), gV = new Float64Array(n * r);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < r; l++) {
      let s = lambda * U.data[i * r + l];
      for (let j = 0; j < n; j++) s += R[i * n + j] * V.data[j * r + l];
      for (let q = 0; q < r; q++) s += (beta / 2) * U.data[i * r + q] * D[q * r + l];
      gU[i * r + l] = s;
    }
  }
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < r; l++) {
      let s = lambda * V.data[j * r + l];
      for (let i = 0; i < m; i++) s += R[i * n + j] * U.data[i * r + l];
      for (let q = 0; q < r; q++) s -= (beta / 2) * V.data[j * r + q] * D[q * r + l];
      gV[j * r + l] = s;
    }
  }
  return { cost, gU, gV };
}

describe("matrixCompletion", () => {
  test("cost, gradient and Hessian agree with a dense reference on every build", async () => {
    const rng = new Rng(11);
    const o = randomObserved(9, 7, 0.5, rng);
    const x = randomPoint(9, 7, 3, rng);
    const u = randomPoint(9, 7, 3, rng);
    for (const [lambda, balance] of [[0, 0], [0.3, 0], [0.3, 0.7]]) {
      const ref = denseReference(o, x, lambda, balance);
      // Central differences of the reference gradient along u: error O(h²·‖∇³F‖) + O(ε/h), ≈ 1e-9 here.
      const h = 1e-5;
      const shift = (s: number): FactorPoint => [
        { ...x[0], data: x[0].data.map((v, k) => v + s * u[0].data[k]) },
        { ...x[1], data: x[1].data.map((v, k) => v + s * u[1].data[k]) },
      ];
      const plus = denseReference(o, shift(h), lambda, balance);
      const minus = denseReference(o, shift(-h), lambda, balance);
      const hU = plus.gU.map((v, k) => (v - minus.gU[k]) / (2 * h));
      const hV = plus.gV.map((v, k) => (v - minus.gV[k]) / (2 * h));
      await eachBinary(() => {
        using p = matrixCompletion(o, { rank: 3, lambda, balance });
        // Sums of ~|Ω|·r products of O(1) numbers: rounding ≈ 1e-13 relative.
        expect(Math.abs(p.cost(x) - ref.cost)).toBeLessThan(1e-12 * ref.cost);
        const both = p.costAndGrad(x);
        expect(both.cost).toBe(p.cost(x));
        const scale = maxAbs(ref.gU) + maxAbs(ref.gV);
        expect(maxDiff(both.egrad[0].data, ref.gU)).toBeLessThan(1e-12 * scale);
        expect(maxDiff(both.egrad[1].data, ref.gV)).toBeLessThan(1e-12 * scale);
        expect(maxDiff(p.egrad(x)[1].data, both.egrad[1].data)).toBe(0);
        const H = p.ehessVec(x, u);
        const hScale = maxAbs(hU) + maxAbs(hV);
        expect(maxDiff(H[0].data, hU)).toBeLessThan(1e-7 * hScale);
        expect(maxDiff(H[1].data, hV)).toBeLessThan(1e-7 * hScale);
        // The Hessian at x does not disturb the residual kept for x, nor a later point's.
        expect(p.cost(x)).toBe(both.cost);
        const y = shift(0.5);
        expect(Math.abs(p.cost(y) - denseReference(o, y, lambda, balance).cost)).toBeLessThan(1e-12 * p.cost(y));
      });
    }
  });

  test("balance weight convention: fully observed, β = 1 gives (1/8)‖WWᵀ − 2[0 Y; Yᵀ 0]‖² − ½‖Y‖²", () => {
    const rng = new Rng(3);
    const m = 6, n = 4, r = 2;
    const o = randomObserved(m, n, 1.1, rng); // every entry
    const Y = new Float64Array(m * n);
    for (let k = 0; k < o.value.length; k++) Y[o.row[k] * n + o.col[k]] = o.value[k];
    const x = randomPoint(m, n, r, rng);
    const W = new Float64Array((m + n) * r);
    W.set(x[0].data);
    W.set(x[1].data, m * r);
    let lifted = 0;
    for (let a = 0; a < m + n; a++) {
      for (let b = 0; b < m + n; b++) {
        let s = 0;
        for (let l = 0; l < r; l++) s += W[a * r + l] * W[b * r + l];
        if (a < m && b >= m) s -= 2 * Y[a * n + (b - m)];
        if (a >= m && b < m) s -= 2 * Y[b * n + (a - m)];
        lifted += s * s;
      }
    }
    const yy = Y.reduce((s, v) => s + v * v, 0);
    using p = matrixCompletion(o, { rank: r, balance: 1 });
    expect(p.cost(x)).toBeCloseTo(lifted / 8 - yy / 2, 10);
  });

  test("checkGradient and checkHessian pass with and without balance and ridge", () => {
    for (let seed = 1; seed <= 3; seed++) {
      const rng = new Rng(seed);
      const o = randomObserved(30, 20, 0.3, rng);
      for (const [lambda, balance] of [[0, 0], [0, 0.3], [0.5, 1]]) {
        using p = matrixCompletion(o, { rank: 4, lambda, balance });
        const x = randomPoint(30, 20, 4, rng);
        const g = checkGradient(p, x, { seed });
        expect(g.passed, `gradient seed ${seed} λ ${lambda} β ${balance}: slope ${g.slope}`).toBe(true);
        const h = checkHessian(p, x, { seed });
        expect(h.passed, `Hessian seed ${seed} λ ${lambda} β ${balance}: slope ${h.slope}`).toBe(true);
      }
    }
  });

  test("bad inputs are rejected before allocation; dispose frees everything and is final", () => {
    const rng = new Rng(5);
    const o = randomObserved(8, 6, 0.5, rng);
    const live = runtime().arena.stats().buffersLive;
    expect(() => matrixCompletion(o, { rank: 0 })).toThrow(/invalid rank: expected an integer in \[1, 6\], got 0/);
    expect(() => matrixCompletion(o, { rank: 7 })).toThrow(RangeError);
    expect(() => matrixCompletion(o, { rank: 2, lambda: -1 })).toThrow(/invalid lambda: .*-1/);
    expect(() => matrixCompletion(o, { rank: 2, balance: NaN })).toThrow(/invalid balance/);
    expect(() => matrixCompletion(o, { rank: 2, foo: 1 } as never)).toThrow(/foo/);
    expect(() => matrixCompletion(o, undefined as never)).toThrow(TypeError);
    expect(() => matrixCompletion({ ...o, value: o.value.map(() => NaN) }, { rank: 2 })).toThrow(/invalid observed.value/);
    expect(runtime().arena.stats().buffersLive).toBe(live);

    const p = matrixCompletion(o, { rank: 2 });
    expect(p.observedCount).toBe(o.value.length);
    const x = randomPoint(8, 6, 2, rng);
    expect(() => p.cost([x[0]] as never)).toThrow(/invalid x: expected a factor pair/);
    expect(() => p.cost([x[1], x[0]])).toThrow(/invalid x\[0\]: expected a 8×2 matrix/);
    expect(() => p.ehessVec(x, [x[0], x[0]])).toThrow(/invalid u\[1\]: expected a 6×2 matrix/);
    p.ehessVec(x, x);
    expect(runtime().arena.stats().buffersLive).toBeGreaterThan(live);
    p.dispose();
    expect(p.disposed).toBe(true);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    expect(() => p.cost(x)).toThrow(/disposed/);
    p[Symbol.dispose](); // idempotent
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });

  test("a problem refuses to run on another build's runtime (its buffers live in the first one's memory)", async () => {
    const rng = new Rng(6);
    const o = randomObserved(8, 6, 0.5, rng);
    const x = randomPoint(8, 6, 2, rng);
    using p = matrixCompletion(o, { rank: 2 });
    const f = p.cost(x);
    try {
      const other = supportedBinaries().find((b) => b !== runtime().features.binary);
      expect(other).toBeDefined(); // the scalar build runs everywhere
      await init({ binary: other });
      expect(() => p.cost(x)).toThrow(/init\(\) switched builds/);
    } finally {
      await init();
    }
    expect(p.cost(x)).toBe(f);
  });
});
