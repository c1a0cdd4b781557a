// Iterations and time for each solver to reach ‖grad f‖ ≤ 1e-8 on the rank-one landscape
// ¼‖X − uuᵀ‖²_F (X = GGᵀ/n random PSD, n = 100 and 1000) and the Rayleigh quotient on the sphere
// (A symmetric Gaussian, n = 1000), all from the same random start. The per-evaluation cost is
// also shown, outside a solve (the copying wrappers: the matrix is copied into wasm memory on each
// product, which dominates at n = 1000) and retained as during a solve (the matrix stays in wasm
// memory; see Problem.retain).
// Run: node --experimental-wasm-relaxed-simd bench/solvers.mjs [--quick] [--only <text>]
// [--solver <name>] (--only keeps the cases whose name contains the text, e.g. --only Rayleigh;
// --solver keeps one solver, e.g. --solver trustRegions).
import {
  init, Rng, gemm, rankOneFactorization, rayleighQuotient, riemannianGradient,
  gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent,
} from "../dist/benign.js";
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

const quick = process.argv.includes("--quick");
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const solverAt = process.argv.indexOf("--solver");
const solverOnly = solverAt >= 0 ? process.argv[solverAt + 1] : undefined;
const features = await init();
const rng = new Rng(7);

function randomPsd(n) {
  const g = { rows: n, cols: n, data: rng.normalArray(n * n) };
  const x = gemm(g, g, { transB: true, alpha: 1 / n });
  return x;
}

function randomSymmetric(n) {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = rng.normal();
  return { rows: n, cols: n, data };
}

const solvers = { gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent };
const cases = [
  { name: "rank-1 n=100", problem: rankOneFactorization(randomPsd(100)) },
  ...(quick ? [] : [
    { name: "rank-1 n=1000", problem: rankOneFactorization(randomPsd(1000)) },
    { name: "Rayleigh n=1000", problem: rayleighQuotient(randomSymmetric(1000)) },
  ]),
].filter(({ name }) => only === undefined || name.includes(only));

const rows = [];
for (const { name, problem } of cases) {
  const x0 = problem.manifold.random(new Rng(1));
  // Median ms per gradient at one random point (the warm-up runs also do the upload when retained).
  const point = problem.manifold.random(rng);
  const evalTime = () => 1000 * secondsPerRun(() => riemannianGradient(problem, point));
  const perEval = evalTime();
  const release = problem.retain();
  const perEvalRetained = evalTime();
  release();
  for (const [solverName, solve] of Object.entries(solvers)) {
    if (solverOnly !== undefined && solverName !== solverOnly) continue;
    const result = await solve(problem, x0, { gradientTolerance: 1e-8, maxIterations: 100000, maxTime: quick ? 10000 : 120000 });
    rows.push({
      problem: name,
      solver: solverName,
      reason: result.reason,
      iterations: result.iterations,
      "cost/grad/Hv evals": `${result.evaluations.cost}/${result.evaluations.gradient}/${result.evaluations.hessian}`,
      "final ‖grad‖": result.gradientNorm.toExponential(1),
      "final cost": result.cost.toPrecision(8),
      "time ms": result.time,
      "grad eval ms": perEval,
      "retained ms": perEvalRetained,
    });
  }
}
printTable(`Solvers to ‖grad‖ ≤ 1e-8 (build ${features.binary}, Node ${process.versions.node})`, rows);
