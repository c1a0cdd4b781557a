import { beforeAll, describe, expect, test } from "vitest";
import { init, kernels, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import { ArenaScope } from "../../../src/runtime/arena.js";
import { sphere } from "../../../src/manifolds/sphere.js";
import { checkGradient } from "../../../src/landscape/check-gradient.js";
import { checkHessian } from "../../../src/landscape/check-hessian.js";
import { retainProblem } from "../../../src/problems/problem.js";
import { Deflation } from "../../../src/sparse/orthogonal/deflation.js";
import { logCoshProblem, type LogCoshKernels } from "../../../src/sparse/orthogonal/log-cosh-problem.js";
import { eachBinary } from "../../helpers/binaries.js";
import { instance, orthogonalityDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** (1/p)·Σⱼ μ·log cosh(qᵀyⱼ/μ) by plain loops over the m×p block (log cosh via |a| + log1p(e^{−2|a|}) − log 2). */
function costReference(Y: Float64Array, m: number, p: number, ld: number, q: Float64Array, mu: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) {
    let z = 0;
    for (let i = 0; i < m; i++) z += q[i] * Y[i * ld + j];
    const a = Math.abs(z) / mu;
    s += mu * (a + Math.log1p(Math.exp(-2 * a)) - Math.LN2);
  }
  return s / p;
}

describe("Deflation", () => {
  test("each reflection puts ±the atom and its code row in row k and keeps an orthonormal complement basis", () => {
    const n = 6, p = 40;
    const { Y } = instance(n, p, 0.5, 1);
    const scope = new ArenaScope(runtime().arena);
    try {
      const d = new Deflation(scope, Y.data, n, p, kernels<LogCoshKernels>());
      const rng = new Rng(3);
      const atoms: Float64Array[] = [];
      for (let k = 0; k < n; k++) {
        const m = n - k;
        const q = sphere(m).random(rng);
        const atom = d.lift(q);
        d.deflate(q);
        const row = d.row(k);
        const sign = Math.sign(row[0] / atom[0]);
        for (let c = 0; c < n; c++) expect(row[c]).toBeCloseTo(sign * atom[c], 14);
        // The code row is ±atomᵀY.
        for (let j = 0; j < p; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += atom[i] * Y.data[i * p + j];
          expect(row[n + j]).toBeCloseTo(sign * s, 12);
        }
        atoms.push(atom);
      }
      // All n atoms found: the stack's left block is the dictionary's transpose, orthogonal to rounding.
      const D = { rows: n, cols: n, data: new Float64Array(n * n) };
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) D.data[i * n + k] = d.row(k)[i];
      expect(orthogonalityDefect(D)).toBeLessThan(1e-14);
    } finally {
      scope.disposeAll();
    }
  });
});

describe("logCoshProblem", () => {
  test("cost matches plain loops; gradient and Hessian pass the Taylor and central-difference checks, before and after deflation", async () => {
    const n = 8, p = 300;
    const { Y } = instance(n, p, 0.3, 2);
    await eachBinary(() => {
      const scope = new ArenaScope(runtime().arena);
      try {
        const kern = kernels<LogCoshKernels>();
        const d = new Deflation(scope, Y.data, n, p, kern);
        for (const k of [0, 3]) {
          while (d.found < k) d.deflate(sphere(n - d.found).random(new Rng(d.found)));
          const data = d.data;
          for (const mu of [1, 0.1, 0.02]) {
            const problem = logCoshProblem(data, mu, kern);
            const release = retainProblem(problem);
            try {
              for (let s = 1; s <= 3; s++) {
                const q = problem.manifold.random(new Rng(s));
                const view = new Float64Array(runtime().memory.buffer, data.ptr, (data.rows - 1) * data.ld + data.cols);
                expect(problem.cost(q)).toBeCloseTo(costReference(view, data.rows, p, data.ld, q, mu), 13);
                const g = checkGradient(problem, q, { seed: s });
                expect(g.passed, `gradient k=${k} mu=${mu} seed=${s}: slope ${g.slope}`).toBe(true);
                const h = checkHessian(problem, q, { seed: s });
                expect(h.passed, `Hessian k=${k} mu=${mu} seed=${s}: slope ${h.slope}`).toBe(true);
              }
            } finally {
              release();
            }
          }
        }
      } finally {
        scope.disposeAll();
      }
    });
  });

  test("evaluating it while not retained is a clear error", () => {
    const scope = new ArenaScope(runtime().arena);
    try {
      const kern = kernels<LogCoshKernels>();
      const d = new Deflation(scope, new Float64Array([1, 0, 0, 1]), 2, 2, kern);
      const problem = logCoshProblem(d.data, 0.1, kern);
      expect(() => problem.cost(new Float64Array([1, 0]))).toThrow(/while retained/);
    } finally {
      scope.disposeAll();
    }
  });
});
