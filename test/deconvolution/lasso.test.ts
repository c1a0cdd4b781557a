// FISTA on the activations with the kernel fixed (the trust-region method's activations and the
// landscape's "Ψ with x minimized") against a plain-JS FISTA run long.
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { ConvolutionalModel } from "../../src/deconvolution/model.js";
import { ActivationSolver } from "../../src/deconvolution/lasso.js";
import { homotopy, lambdaPath } from "../../src/deconvolution/homotopy.js";
import { largestCorrelation } from "../../src/deconvolution/stationarity.js";
import { SolverRun } from "../../src/solvers/run.js";
import { resolveCommonOptions } from "../../src/solvers/options.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { lassoReference, unit, scopePerTest } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const newScope = scopePerTest();

test("reaches the lasso minimum of a plain-JS FISTA, 1-D and 2-D, Ψ monotone within each stage", async () => {
  for (const shape of [
    { rows: 1, cols: 80, windowRows: 1, windowCols: 12 },
    { rows: 9, cols: 10, windowRows: 3, windowCols: 4 },
  ] as ConvolutionShape[]) {
    const rng = new Rng(3);
    const a = unit(rng.normalArray(shape.windowRows * shape.windowCols));
    const y = rng.normalArray(shape.rows * shape.cols);
    const lambda = 0.2;
    const reference = lassoReference(shape, a, y, lambda, 4000);
    const scope = newScope();
    const model = new ConvolutionalModel({ shape, signals: [y], kernels: [a], biases: [0], estimateBias: false }, scope);
    const solver = new ActivationSolver(model, lambda, { growth: 2, maxTrials: 60 });
    const run = new SolverRun<Float64Array>(resolveCommonOptions({ gradientTolerance: 1e-10, maxIterations: 5000 }, { maxIterations: 5000 }));
    await run.begin(a, solver.objective, 1);
    const { stageStarts } = await homotopy(solver, lambdaPath(largestCorrelation(model), lambda, 0.8), lambda, { tolerance: 0.5, maxIterations: 100 }, run, () => a);
    expect(solver.objective).toBeCloseTo(reference.value, 8);
    expect(solver.objective).toBeLessThanOrEqual(reference.value + 1e-9);
    const x = model.x[0].view;
    for (let i = 0; i < x.length; i++) expect(x[i]).toBeCloseTo(reference.x[i], 5);
    const cost = run.finish(a, "gradient-tolerance", model.evaluations).history.cost;
    const ends = [...stageStarts.slice(1), cost.length];
    stageStarts.forEach((s, k) => {
      for (let i = s + 1; i < ends[k]; i++) expect(cost[i]).toBeLessThanOrEqual(cost[i - 1]);
    });
    expect(Array.from(model.a[0])).toEqual(Array.from(a)); // the kernel never moves
  }
});
