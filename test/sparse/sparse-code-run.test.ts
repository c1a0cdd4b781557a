// sparseCode as a run: the working set (batch size, refills), warm starts, the record and its
// stops, the resident entry point, every bad input rejected before any work, no wasm memory left.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { Rng } from "../../src/data/rng.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { syrk } from "../../src/kernels/blas/syrk.js";
import { sparseCode, type SparseCodeOptions } from "../../src/sparse/sparse-code.js";
import { sparseCodeResident } from "../../src/sparse/coding/resident.js";
import { col, kktResidual } from "./coding-reference.js";
import { instance } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const live = (): number => runtime().arena.stats().bytesLive;
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

describe("the working set", () => {
  test("a small batch (columns joining as others finish) gives each column the same iterates as one batch", async () => {
    const { A, Y } = instance(12, 20, 37, 0.2, 0.1, 61);
    for (const method of ["fista", "cd", "omp"] as const) {
      const options: SparseCodeOptions = method === "omp" ? { method, sparsity: 4 } : { method, lambda: 0.05, gradientTolerance: 1e-9 };
      const whole = await sparseCode(Y, A, options);
      for (const batchSize of [1, 3, 8]) {
        const part = await sparseCode(Y, A, { ...options, batchSize });
        expect(maxDiff(part.codes.data, whole.codes.data), `${method} ${batchSize}`).toBeLessThan(1e-13);
        expect(Array.from(part.iterations), `${method} ${batchSize}`).toEqual(Array.from(whole.iterations));
        expect(part.result.reason).toBe(whole.result.reason);
        // Fewer columns per iteration: more iterations of the record, the same work per column.
        expect(part.result.iterations).toBeGreaterThanOrEqual(whole.result.iterations);
      }
    }
  });

  test("a warm start at the solution takes no iteration; any warm start reaches the same solution", async () => {
    const { A, Y } = instance(30, 12, 9, 0.4, 0.1, 71);
    for (const method of ["fista", "cd"] as const) {
      for (const nonnegative of [false, true]) {
        const options = { method, lambda: 0.2, nonnegative, gradientTolerance: 1e-11, maxIterations: 20_000 };
        const cold = await sparseCode(Y, A, options);
        const again = await sparseCode(Y, A, { ...options, init: cold.codes });
        expect(Array.from(again.iterations)).toEqual(new Array(9).fill(0));
        expect(again.codes.data).toEqual(cold.codes.data);
        const rng = new Rng(5);
        const start = { rows: 12, cols: 9, data: rng.normalArray(108).map((v) => (nonnegative ? Math.abs(v) : v)) };
        const warm = await sparseCode(Y, A, { ...options, init: start });
        expect(maxDiff(warm.codes.data, cold.codes.data)).toBeLessThan(1e-8);
        expect(start.data.every((v) => Number.isFinite(v))).toBe(true); // the start is not modified
      }
    }
  });
});

describe("the record and its stops", () => {
  let A: Matrix;
  let Y: Matrix;
  beforeAll(() => ({ A, Y } = instance(16, 32, 40, 0.15, 0.05, 81)));

  test("cost is the total objective, gradientNorm the worst relative KKT residual, over all columns", async () => {
    const seen: { cost: number; gradientNorm: number; step: number; codes: Float64Array }[] = [];
    const r = await sparseCode(Y, A, {
      lambda: 0.05, gradientTolerance: 1e-9, batchSize: 10,
      onIteration: (info) => {
        expect(Object.isFrozen(info)).toBe(true);
        expect([info.point.rows, info.point.cols]).toEqual([32, 40]);
        seen.push({ cost: info.cost, gradientNorm: info.gradientNorm, step: info.step, codes: info.point.data.slice() });
      },
    });
    expect(seen.length).toBe(r.result.iterations + 1);
    expect(r.result.history.cost.length).toBe(seen.length);
    // At the start (codes 0): Σ ½‖y‖², and the worst KKT residual of x = 0.
    let half = 0;
    for (const v of Y.data) half += 0.5 * v * v;
    expect(Math.abs(seen[0].cost - half)).toBeLessThanOrEqual(1e-12 * half);
    let worst0 = 0;
    for (let j = 0; j < 40; j++) worst0 = Math.max(worst0, kktResidual(A, col(Y, j), new Float64Array(32), 0.05));
    expect(Math.abs(seen[0].gradientNorm - worst0)).toBeLessThanOrEqual(1e-12);
    // At a middle iteration, from the codes the callback saw.
    const mid = seen[Math.floor(seen.length / 2)];
    const X = { rows: 32, cols: 40, data: mid.codes };
    let cost = 0;
    let worst = 0;
    for (let j = 0; j < 40; j++) {
      const x = col(X, j);
      const y = col(Y, j);
      let rr = 0;
      for (let i = 0; i < 16; i++) {
        let s = -y[i];
        for (let k = 0; k < 32; k++) s += A.data[i * 32 + k] * x[k];
        rr += s * s;
      }
      cost += 0.5 * rr + 0.05 * x.reduce((s, v) => s + Math.abs(v), 0);
      worst = Math.max(worst, kktResidual(A, y, x, 0.05));
    }
    expect(Math.abs(mid.cost - cost)).toBeLessThanOrEqual(1e-10 * cost);
    expect(Math.abs(mid.gradientNorm - worst)).toBeLessThanOrEqual(1e-10 * Math.max(worst, 1e-6));
    expect(seen[seen.length - 1].gradientNorm).toBeLessThanOrEqual(1e-9);
    expect(r.result.converged).toBe(true);
    expect(r.result.point).toBe(r.codes);
  });

  test("maxIterations counts per column; callback, maxTime and abort stop the run and free its memory", async () => {
    const before = live();
    const capped = await sparseCode(Y, A, { lambda: 0.05, gradientTolerance: 1e-12, maxIterations: 5, batchSize: 7 });
    expect(capped.result.reason).toBe("max-iterations");
    expect(Math.max(...capped.iterations)).toBe(5);
    expect(capped.result.iterations).toBeGreaterThanOrEqual(5 * Math.ceil(40 / 7) - 5);
    const byCallback = await sparseCode(Y, A, { lambda: 0.05, onIteration: (info) => (info.iteration === 3 ? "stop" : undefined) });
    expect(byCallback.result.reason).toBe("callback");
    expect(byCallback.result.iterations).toBe(3);
    expect(Math.max(...byCallback.iterations)).toBe(3);
    // The codes after the stop are the current iterates, and their objectives match them.
    const x = col(byCallback.codes, 0);
    expect(x.some((v) => v !== 0)).toBe(true);
    const timed = await sparseCode(Y, A, { lambda: 0.05, gradientTolerance: 0, maxIterations: 1e6, maxTime: 0 });
    expect(timed.result.reason).toBe("max-time");
    const controller = new AbortController();
    const running = await sparseCode(Y, A, {
      lambda: 0.001, gradientTolerance: 0, maxIterations: 1e9, signal: controller.signal, yieldInterval: 0,
      onIteration: (info) => void (info.iteration === 50 && controller.abort()),
    });
    expect(running.result.reason).toBe("aborted");
    expect(running.result.iterations).toBe(50);
    const early = await sparseCode(Y, A, { method: "cd", lambda: 0.05, signal: controller.signal });
    expect(early.result.reason).toBe("aborted");
    expect(early.result.iterations).toBe(0);
    expect(early.codes.data.every((v) => v === 0)).toBe(true);
    await expect(sparseCode(Y, A, { lambda: 0.05, onIteration: () => { throw new Error("callback failure"); } })).rejects.toThrow("callback failure");
    expect(live()).toBe(before);
  });
});

describe("the resident entry point", () => {
  test("codes buffers in place, uses a given G and AᵀY, and agrees with sparseCode", async () => {
    const { A, Y } = instance(12, 24, 15, 0.2, 0.05, 91);
    const arena = runtime().arena;
    const before = live();
    const G = syrk(A);
    const AtY = gemm(A, Y, { transA: true });
    for (const method of ["fista", "cd", "omp"] as const) {
      const options = method === "omp" ? { method, sparsity: 3 } as const : { method, lambda: 0.05, gradientTolerance: 1e-10, maxIterations: 50_000 } as const;
      const want = await sparseCode(Y, A, options);
      const bufs = { A: arena.f64From(A.data), Y: arena.f64From(Y.data), X: arena.f64(24 * 15), G: arena.f64From(G.data), AtY: arena.f64From(AtY.data) };
      try {
        for (const given of [{}, { G: bufs.G }, { G: bufs.G, AtY: bufs.AtY }]) {
          bufs.X.view.fill(7); // overwritten: no warm start
          const r = await sparseCodeResident({ n: 12, K: 24, p: 15, A: bufs.A, Y: bufs.Y, X: bufs.X, ...given }, options);
          expect(maxDiff(bufs.X.view, want.codes.data), method).toBeLessThan(1e-12);
          expect(maxDiff(r.objective, want.objective)).toBeLessThan(1e-12);
          expect(Array.from(r.iterations)).toEqual(Array.from(want.iterations));
          expect(r.result.point).toBe(bufs.X);
        }
        if (method !== "omp") {
          // Warm start from the buffer's own codes: already optimal.
          const r = await sparseCodeResident({ n: 12, K: 24, p: 15, A: bufs.A, Y: bufs.Y, X: bufs.X }, { ...options, warmStart: true });
          expect(want.result.reason).toBe("gradient-tolerance");
          expect(r.result.iterations).toBe(0);
        }
      } finally {
        for (const b of Object.values(bufs)) b.dispose();
      }
    }
    expect(live()).toBe(before);
  });

  test("checks its handles and options", async () => {
    const arena = runtime().arena;
    const A = arena.f64(6);
    const Y = arena.f64(4);
    const X = arena.f64(6);
    try {
      const ok = { n: 2, K: 3, p: 2, A, Y, X };
      await expect(sparseCodeResident({ ...ok, K: 4 }, { lambda: 1 })).rejects.toThrow(/invalid A: expected length 8, got length 6/);
      await expect(sparseCodeResident({ ...ok, X: Y }, { lambda: 1 })).rejects.toThrow(/invalid X: expected length 6/);
      await expect(sparseCodeResident({ ...ok, G: Y }, { lambda: 1 })).rejects.toThrow(/invalid G: expected length 9/);
      await expect(sparseCodeResident({ ...ok, A: X, X }, { lambda: 1 })).rejects.toThrow(/invalid X: must not be the same buffer/);
      await expect(sparseCodeResident(ok, { lambda: 1, init: "zero" } as never)).rejects.toThrow(/unknown option init/);
      await expect(sparseCodeResident(ok, { lambda: 1, warmStart: 1 } as never)).rejects.toThrow(/invalid warmStart: expected a boolean, got 1/);
    } finally {
      A.dispose();
      Y.dispose();
      X.dispose();
    }
  });
});

describe("bad input", () => {
  test("every bad argument is rejected before any work, naming it and its value, leaving no wasm memory", async () => {
    const { A, Y } = instance(6, 10, 4, 0.3, 0.1, 101);
    const withEntry = (m: Matrix, t: number, v: number): Matrix => {
      const data = m.data.slice();
      data[t] = v;
      return { ...m, data };
    };
    const zeroAtom = { ...A, data: A.data.map((v, t) => (t % 10 === 7 ? 0 : v)) };
    const cases: [() => Promise<unknown>, RegExp, ErrorConstructor][] = [
      [() => sparseCode({ rows: 6, cols: 4, data: new Float64Array(3) }, A, { lambda: 1 }), /invalid Y: data has length 3/, RangeError],
      [() => sparseCode(Y, { rows: 5, cols: 10, data: new Float64Array(50) }, { lambda: 1 }), /invalid A: expected 6 rows to match Y's 6 rows, got 5/, RangeError],
      [() => sparseCode(Y, { rows: 6, cols: 0, data: new Float64Array(0) }, { lambda: 1 }), /invalid A: expected at least one atom/, RangeError],
      [() => sparseCode(Y, A, { lambda: -1 }), /invalid lambda: expected a finite number ≥ 0, got -1/, RangeError],
      [() => sparseCode(Y, A, { lambda: NaN }), /invalid lambda: expected a finite number ≥ 0, got NaN/, RangeError],
      [() => sparseCode(Y, A, {}), /invalid lambda: expected a finite number, got undefined/, TypeError],
      [() => sparseCode(Y, withEntry(A, 13, NaN), { lambda: 1 }), /invalid A: A\[1, 3\] = NaN; expected finite values/, RangeError],
      [() => sparseCode(withEntry(Y, 5, Infinity), A, { lambda: 1 }), /invalid Y: Y\[1, 1\] = Infinity; expected finite values/, RangeError],
      [() => sparseCode(Y, zeroAtom, { lambda: 1 }), /invalid A: column 7 \(atom 7\) is zero; every atom must be nonzero/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, method: "lars" as never }), /invalid method: expected one of "fista", "cd", "omp", got "lars"/, TypeError],
      [() => sparseCode(Y, A, { lambda: 1, tolerance: 1 } as never), /unknown option tolerance in options \(method "fista"\)/, TypeError],
      [() => sparseCode(Y, A, { method: "cd", lambda: 1, gram: true }), /unknown option gram in options \(method "cd"\)/, TypeError],
      [() => sparseCode(Y, A, { method: "omp", lambda: 1, sparsity: 2 }), /unknown option lambda in options \(method "omp"\)/, TypeError],
      [() => sparseCode(Y, A, { method: "omp", sparsity: 2, init: "zero" }), /unknown option init in options \(method "omp"\)/, TypeError],
      [() => sparseCode(Y, A, { method: "omp" }), /method "omp" needs sparsity or residualTolerance/, TypeError],
      [() => sparseCode(Y, A, { method: "omp", sparsity: 7 }), /invalid sparsity: expected an integer in \[1, 6\], got 7/, RangeError],
      [() => sparseCode(Y, A, { method: "omp", residualTolerance: -1 }), /invalid residualTolerance: expected a finite number ≥ 0, got -1/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, batchSize: 0 }), /invalid batchSize: expected an integer ≥ 1, got 0/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, init: "random" as never }), /invalid init: expected "zero" or a 10×4 matrix, got "random"/, TypeError],
      [() => sparseCode(Y, A, { lambda: 1, init: Y }), /invalid init: expected a 10×4 matrix \(atoms × columns of Y\), got a 6×4 matrix/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, init: { rows: 10, cols: 4, data: new Float64Array(40).fill(NaN) } }), /invalid init: init\[0, 0\] = NaN/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, nonnegative: true, init: { rows: 10, cols: 4, data: new Float64Array(40).fill(-1) } }), /invalid init: init\[0, 0\] = -1 < 0; expected codes ≥ 0 with nonnegative: true/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, nonnegative: "yes" as never }), /invalid nonnegative: expected a boolean, got "yes"/, TypeError],
      [() => sparseCode(Y, A, { lambda: 1, gradientTolerance: -1 }), /invalid gradientTolerance/, RangeError],
      [() => sparseCode(Y, A, { lambda: 1, signal: {} as never }), /invalid signal/, TypeError],
      [() => sparseCode(Y, A, null as never), /invalid options: expected an options object, got null/, TypeError],
    ];
    const before = live();
    for (const [call, message, kind] of cases) {
      let thrown: unknown;
      try {
        await call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(message)).toBeInstanceOf(kind);
      expect((thrown as Error).message).toMatch(message);
      expect(live()).toBe(before);
    }
  });

  test("empty inputs: no columns, and signals of length 0 give zero codes", async () => {
    const { A } = instance(6, 10, 1, 0.3, 0.1, 111);
    const none = await sparseCode({ rows: 6, cols: 0, data: new Float64Array(0) }, A, { lambda: 1 });
    expect([none.codes.rows, none.codes.cols]).toEqual([10, 0]);
    expect(none.result.reason).toBe("gradient-tolerance");
    const nothing = await sparseCode({ rows: 0, cols: 3, data: new Float64Array(0) }, { rows: 0, cols: 2, data: new Float64Array(0) }, { lambda: 1 }).catch((e: Error) => e);
    expect((nothing as Error).message).toMatch(/invalid A: column 0 \(atom 0\) is zero/);
  });
});
