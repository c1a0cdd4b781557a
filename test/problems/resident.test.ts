import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime, supportedBinaries } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Problem } from "../../src/problems/problem.js";
import { ResidentData } from "../../src/problems/resident.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { procrustes } from "../../src/problems/procrustes.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { noRegularizer } from "../../src/solvers/regularizers.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { classifyCriticalPoint } from "../../src/landscape/classify.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { eachBinary } from "../helpers/binaries.js";
import { randomPsd, randomSymmetric } from "../landscape/fixtures.js";

beforeAll(async () => {
  await init();
});

type Point = Float64Array | Matrix;

/** The five problems with a resident matrix, and the number of wasm buffers each keeps while retained. */
function cases(): { name: string; problem: Problem<Point>; buffers: number }[] {
  const rng = new Rng(5);
  const A = { rows: 15, cols: 4, data: rng.normalArray(60) };
  const B = { rows: 15, cols: 4, data: rng.normalArray(60) };
  return [
    { name: "rayleighQuotient", problem: rayleighQuotient(randomSymmetric(30, rng)) as Problem<Point>, buffers: 1 },
    { name: "brockett", problem: brockett(randomSymmetric(20, rng), 3) as Problem<Point>, buffers: 1 },
    { name: "rankOneFactorization", problem: rankOneFactorization(randomPsd(25, rng)) as Problem<Point>, buffers: 1 },
    { name: "symmetricFactorization", problem: symmetricFactorization(randomPsd(20, rng), 3) as Problem<Point>, buffers: 2 },
    { name: "procrustes", problem: procrustes(A, B) as Problem<Point>, buffers: 4 },
  ];
}

function entries(p: Point): Float64Array {
  return p instanceof Float64Array ? p : p.data;
}

function maxAbs(p: Point): number {
  let m = 0;
  for (const v of entries(p)) m = Math.max(m, Math.abs(v));
  return m;
}

interface Values {
  cost: number;
  egrad: Point;
  both: { cost: number; egrad: Point };
  hess: Point;
}

function evaluate(problem: Problem<Point>, x: Point, u: Point): Values {
  return { cost: problem.cost(x), egrad: problem.egrad(x), both: problem.costAndGrad?.(x) ?? { cost: problem.cost(x), egrad: problem.egrad(x) }, hess: problem.ehessVec!(x, u) };
}

/**
 * The retained path runs the same kernels on the same data; only sums may be taken in another
 * order (‖R‖² by the dot kernel instead of a JS loop; dot products of length ≤ 900 here), so values
 * agree within a few hundred ulps of their magnitude: 1e-12 relative.
 */
function expectClose(got: Values, want: Values): void {
  const near = (a: number, b: number, scale: number): void => {
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(scale, Math.abs(b)));
  };
  near(got.cost, want.cost, 0);
  near(got.both.cost, want.cost, 0);
  for (const [g, w] of [[got.egrad, want.egrad], [got.both.egrad, want.egrad], [got.hess, want.hess]] as const) {
    const ge = entries(g), we = entries(w);
    expect(ge.length).toBe(we.length);
    const scale = maxAbs(w);
    for (let i = 0; i < we.length; i++) near(ge[i], we[i], scale);
  }
}

function live(): number {
  return runtime().arena.stats().buffersLive;
}

describe("retained problems", () => {
  test("retained and copying evaluation agree on every build; buffers are taken lazily and freed on release", async () => {
    await eachBinary(() => {
      for (const { name, problem, buffers } of cases()) {
        const rng = new Rng(3);
        const x = problem.manifold.random(rng), u = problem.manifold.randomTangent(x, rng);
        const want = evaluate(problem, x, u);
        const before = live();
        const release = problem.retain!();
        expect(live(), name).toBe(before); // nothing uploaded before the first evaluation
        const got = evaluate(problem, x, u);
        expect(live(), name).toBe(before + buffers);
        expectClose(got, want);
        // A second point (the residual scratch must follow the point, not keep the first one's).
        const y = problem.manifold.random(rng), v = problem.manifold.randomTangent(y, rng);
        const gotY = evaluate(problem, y, v);
        release();
        expect(live(), name).toBe(before);
        expectClose(gotY, evaluate(problem, y, v));
        expect(live(), name).toBe(before);
      }
    });
  });

  test("a residual is recomputed when a point's entries change in place (memo by value, not identity)", () => {
    for (const { name, problem } of cases()) {
      const rng = new Rng(4);
      const x = problem.manifold.random(rng);
      const release = problem.retain!();
      try {
        problem.cost(x);
        const other = entries(problem.manifold.random(rng));
        entries(x).set(other);
        const got = problem.costAndGrad?.(x) ?? { cost: problem.cost(x), egrad: problem.egrad(x) };
        release();
        const want = problem.costAndGrad?.(x) ?? { cost: problem.cost(x), egrad: problem.egrad(x) };
        expect(Math.abs(got.cost - want.cost), name).toBeLessThanOrEqual(1e-12 * Math.abs(want.cost));
        const ge = entries(got.egrad), we = entries(want.egrad), scale = maxAbs(want.egrad);
        for (let i = 0; i < we.length; i++) expect(Math.abs(ge[i] - we[i]), name).toBeLessThanOrEqual(1e-12 * scale);
      } finally {
        release();
      }
    }
  });

  test("nested retains: the data stays until the last release; calling a release twice is a no-op", () => {
    for (const { name, problem, buffers } of cases()) {
      const rng = new Rng(6);
      const x = problem.manifold.random(rng), u = problem.manifold.randomTangent(x, rng);
      const want = evaluate(problem, x, u);
      const before = live();
      const outer = problem.retain!();
      const inner = problem.retain!();
      evaluate(problem, x, u);
      inner();
      inner(); // must not release the outer hold
      expect(live(), name).toBe(before + buffers);
      expectClose(evaluate(problem, x, u), want);
      expect(live(), name).toBe(before + buffers);
      outer();
      expect(live(), name).toBe(before);
    }
  });

  test("a runtime switch while retained uploads again to the new runtime and frees the old copy", async () => {
    const kinds = supportedBinaries();
    expect(kinds.length).toBeGreaterThanOrEqual(2); // SIMD and scalar run on every engine with SIMD
    try {
      for (const { name, problem, buffers } of cases()) {
        const rng = new Rng(8);
        const x = problem.manifold.random(rng), u = problem.manifold.randomTangent(x, rng);
        await init({ binary: kinds[1] });
        const want = evaluate(problem, x, u);
        await init({ binary: kinds[0] });
        const firstArena = runtime().arena;
        const firstBefore = live();
        const release = problem.retain!();
        evaluate(problem, x, u);
        expect(live()).toBe(firstBefore + buffers);
        await init({ binary: kinds[1] });
        const secondBefore = live();
        expectClose(evaluate(problem, x, u), want);
        expect(live(), name).toBe(secondBefore + buffers);
        expect(firstArena.stats().buffersLive, name).toBe(firstBefore);
        release();
        expect(live(), name).toBe(secondBefore);
      }
    } finally {
      await init();
    }
  });

  test("a released problem does not use its freed buffers (their memory reused with NaN)", () => {
    for (const { name, problem } of cases()) {
      const rng = new Rng(9);
      const x = problem.manifold.random(rng), u = problem.manifold.randomTangent(x, rng);
      const want = evaluate(problem, x, u);
      const release = problem.retain!();
      evaluate(problem, x, u);
      release();
      // Fill the freed blocks (and more) with NaN: a stale pointer would now read NaN.
      const junk = runtime().arena.f64(100_000).set(new Float64Array(100_000).fill(NaN));
      try {
        const got = evaluate(problem, x, u);
        expect(Number.isFinite(got.cost), name).toBe(true);
        expectClose(got, want);
      } finally {
        junk.dispose();
      }
    }
  });

  test("the retained path checks point shapes before the pointer-level kernels read them", () => {
    const rng = new Rng(10);
    const ray = rayleighQuotient(randomSymmetric(6, rng));
    const rank1 = rankOneFactorization(randomPsd(6, rng));
    const sym = symmetricFactorization(randomPsd(6, rng), 2);
    const bro = brockett(randomSymmetric(6, rng), 2);
    const pro = procrustes({ rows: 5, cols: 3, data: rng.normalArray(15) }, { rows: 5, cols: 3, data: rng.normalArray(15) });
    const releases = [ray, rank1, sym, bro, pro].map((p) => (p as Problem<unknown>).retain!());
    try {
      expect(() => ray.egrad(new Float64Array(5))).toThrow(/invalid x: expected length 6, got length 5/);
      expect(() => rank1.cost(new Float64Array(7))).toThrow(/invalid u: expected length 6, got length 7/);
      expect(() => rank1.ehessVec!(new Float64Array(6), new Float64Array(5))).toThrow(/invalid v/);
      expect(() => sym.cost({ rows: 6, cols: 3, data: new Float64Array(18) })).toThrow(/invalid U: expected a 6×2 matrix, got a 6×3 matrix/);
      expect(() => bro.egrad({ rows: 5, cols: 2, data: new Float64Array(10) })).toThrow(/invalid X: expected a 6×2 matrix/);
      expect(() => pro.ehessVec!({ rows: 3, cols: 3, data: new Float64Array(9) }, { rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/invalid U: expected a 3×3 matrix/);
    } finally {
      for (const release of releases) release();
    }
  });

  test("rank-one: the fused retained cost keeps its relative accuracy at a minimizer (every build)", async () => {
    // X = 4vvᵀ + 1e-6·E (‖v‖ = 1, E symmetric) and u = 2v: the cost ¼‖1e-6·E‖² ≈ 3e-10 is ~1e-11
    // of ¼‖X‖², so ‖X‖² − 2uᵀXu + ‖u‖⁴ would lose about 5 digits to cancellation; the copying
    // path forms the residual explicitly. n = 51 exercises the scalar tail of the SIMD loop.
    const n = 51;
    const rng = new Rng(15);
    const v = rng.normalArray(n);
    const norm = Math.hypot(...v);
    const e = randomSymmetric(n, rng);
    const X: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) X.data[i * n + j] = (4 * v[i] * v[j]) / (norm * norm) + 1e-6 * e.data[i * n + j];
    const u = v.map((x) => (2 * x) / norm);
    const problem = rankOneFactorization(X);
    const want = problem.costAndGrad!(u);
    await eachBinary(() => {
      const release = problem.retain!();
      try {
        const got = problem.costAndGrad!(u);
        expect(Math.abs(got.cost - want.cost) / want.cost).toBeLessThan(1e-12);
        expect(problem.cost(u)).toBe(got.cost);
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got.egrad[i] - want.egrad[i]));
        expect(worst).toBeLessThan(1e-14);
      } finally {
        release();
      }
    });
  });

  test("a solve reaches the same point retained as through the copying path (TR, rank-one, every build)", async () => {
    await eachBinary(async () => {
      const problem = rankOneFactorization(randomPsd(12, new Rng(12)));
      const copying: Problem<Float64Array> = { ...problem, retain: undefined };
      const a = await trustRegions(problem, undefined, { seed: 1, gradientTolerance: 1e-10 });
      const b = await trustRegions(copying, undefined, { seed: 1, gradientTolerance: 1e-10 });
      expect(a.reason).toBe("gradient-tolerance");
      expect(b.reason).toBe("gradient-tolerance");
      // Both converge to the same minimizer ±√λ₁v₁ from the same start: the gradient tolerance
      // 1e-10 over the Hessian's smallest eigenvalue (≥ λ₁ − λ₂, O(1) here) bounds the distance.
      let d = 0;
      for (let i = 0; i < 12; i++) d = Math.max(d, Math.abs(a.point[i] - b.point[i]));
      expect(d).toBeLessThan(1e-8);
    });
  });
});

describe("ResidentData", () => {
  test("buffers() is null unless retained; the memo runs compute once per point value", async () => {
    const r = new ResidentData<"C" | "S">({ C: new Float64Array([1, 2, 3]) }, { S: 4 });
    expect(r.buffers()).toBeNull();
    const before = live();
    const release = r.retain();
    const b = r.buffers()!;
    expect(Array.from(b.C.view)).toEqual([1, 2, 3]);
    expect(Array.from(b.S.view)).toEqual([0, 0, 0, 0]);
    expect(r.buffers()).toBe(b);
    let runs = 0;
    const x = new Float64Array([1, -0]);
    r.ensure("S", x, () => runs++);
    r.ensure("S", x.slice(), () => runs++);
    expect(runs).toBe(1);
    r.ensure("S", new Float64Array([1, 0]), () => runs++); // −0 and 0 differ in bits
    expect(runs).toBe(2);
    // A compute that throws leaves no memo behind.
    expect(() => r.ensure("S", new Float64Array([5]), () => { throw new Error("boom"); })).toThrow("boom");
    r.ensure("S", new Float64Array([5]), () => runs++);
    expect(runs).toBe(3);
    release();
    expect(r.buffers()).toBeNull();
    expect(live()).toBe(before);
    // Retaining again starts with no memo.
    const again = r.retain();
    r.ensure("S", new Float64Array([5]), () => runs++);
    expect(runs).toBe(4);
    again();
    expect(live()).toBe(before);
  });
});

describe("solvers and landscape tools retain the problem for their duration", () => {
  /** Wraps `problem` so that retain/release calls are counted and evaluations check the hold. */
  function spied(problem: Problem<Float64Array>) {
    const counts = { retained: 0, released: 0, evaluatedUnretained: 0 };
    let holds = 0;
    const check = (): void => {
      if (holds === 0) counts.evaluatedUnretained++;
    };
    const p: Problem<Float64Array> = {
      manifold: problem.manifold,
      cost: (x) => (check(), problem.cost(x)),
      egrad: (x) => (check(), problem.egrad(x)),
      ehessVec: (x, u) => (check(), problem.ehessVec!(x, u)),
      retain: () => {
        counts.retained++;
        holds++;
        const release = problem.retain!();
        let done = false;
        return () => {
          if (done) return;
          done = true;
          counts.released++;
          holds--;
          release();
        };
      },
    };
    return { p, counts };
  }

  test("every solver releases on return, throw and abort", async () => {
    const base = rankOneFactorization(randomPsd(8, new Rng(13)));
    const solvers = [
      gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent,
      (p: Problem<Float64Array>, x0: undefined, o: object) => proximalGradient({ smooth: p, regularizer: noRegularizer() }, x0, o),
    ];
    const before = live();
    const aborted = new AbortController();
    aborted.abort();
    for (const solve of solvers) {
      const { p, counts } = spied(base);
      await solve(p, undefined, { maxIterations: 20 });
      await solve(p, undefined, { signal: aborted.signal });
      await expect(solve(p, undefined, { onIteration: () => { throw new Error("stop"); } })).rejects.toThrow("stop");
      expect(counts).toEqual({ retained: 3, released: 3, evaluatedUnretained: 0 });
    }
    expect(live()).toBe(before);
  });

  test("hessianSpectrum, classifyCriticalPoint, checkGradient and checkHessian hold the problem", () => {
    const base = rayleighQuotient(randomSymmetric(6, new Rng(14)));
    const before = live();
    const { p, counts } = spied(base);
    const x = p.manifold.random(new Rng(1));
    hessianSpectrum(p, x);
    classifyCriticalPoint(p, x);
    checkGradient(p, x);
    checkHessian(p, x);
    expect(counts.evaluatedUnretained).toBe(0);
    expect(counts.released).toBe(counts.retained);
    expect(counts.retained).toBeGreaterThanOrEqual(4);
    expect(live()).toBe(before);
  });

  test("a problem whose retain is not a function is rejected", async () => {
    const base = rayleighQuotient(randomSymmetric(4, new Rng(15)));
    await expect(gradientDescent({ ...base, retain: 1 } as never)).rejects.toThrow(/invalid problem\.retain: expected a function, got 1/);
    await expect(gradientDescent({ ...base, retain: () => 1 } as never)).rejects.toThrow(/invalid problem\.retain: expected it to return a release function, got 1/);
  });
});
