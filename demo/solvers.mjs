// Each saddle-escaping solver started exactly at a strict saddle of the rank-1 landscape (and plain
// gradient descent beside them), with its progress and where it ended.
import * as benign from "../dist/benign.js";
import { randomPsd } from "./landscape.mjs";
import { heading, ms, sci, table } from "./format.mjs";

/**
 * For the same X as `landscapeReport` (n = 50, seed 2026), starts gradientDescent, trustRegions,
 * curvilinearSearch and perturbedGradientDescent at the saddle u = √λ₂·v₂ (the saddle with a
 * single, smallest negative curvature λ₂ − λ₁) and prints a progress line every few iterations,
 * then a summary: the stop reason, iterations, distance to the nearest global minimizer ±√λ₁v₁.
 * Returns the number of saddle-escaping solvers that did NOT reach a global minimizer.
 */
export async function solversReport({ n = 50, seed = 2026 } = {}) {
  const X = randomPsd(n, new benign.Rng(seed));
  const problem = benign.rankOneFactorization(X);
  const points = benign.rankOneCriticalPoints(X, { signs: "positive" });
  const minimizer = points.find((c) => c.globalMinimizer).point;
  const saddle = points.find((c) => c.kind === "saddle" && c.index === n - 2).point;
  const scale = Math.sqrt(benign.dot(minimizer, minimizer));
  const distance = (u) => {
    let plus = 0, minus = 0;
    for (let i = 0; i < n; i++) {
      plus += (u[i] - minimizer[i]) ** 2;
      minus += (u[i] + minimizer[i]) ** 2;
    }
    return Math.sqrt(Math.min(plus, minus)) / scale;
  };

  heading("Solvers started at the saddle u = √λ₂·v₂ of the same landscape (gradient ≈ 0, one negative curvature)");
  console.log(`  ‖grad f(saddle)‖ = ${sci(benign.nrm2(problem.egrad(saddle)))}; goal: ±√λ₁v₁, f* = ${points.find((c) => c.globalMinimizer).cost.toFixed(6)}`);
  const solvers = {
    gradientDescent: benign.gradientDescent,
    trustRegions: benign.trustRegions,
    curvilinearSearch: benign.curvilinearSearch,
    perturbedGradientDescent: benign.perturbedGradientDescent,
  };
  const rows = [];
  let failures = 0;
  for (const [name, solve] of Object.entries(solvers)) {
    const result = await solve(problem, saddle, { gradientTolerance: 1e-10, seed: 1 });
    const d = distance(result.point);
    // Progress: about six iterates spread over the run, from the recorded history.
    const { cost, gradientNorm } = result.history;
    const stride = Math.max(1, Math.ceil(result.iterations / 6));
    const progress = [];
    for (let k = 0; k <= result.iterations; k += stride) progress.push(`#${k} f ${cost[k].toFixed(6)} ‖g‖ ${sci(gradientNorm[k])}`);
    console.log(`  ${name}: ${progress.join(" → ")}`);
    if (name !== "gradientDescent" && d > 1e-8) failures++;
    rows.push({
      solver: name,
      reason: result.reason,
      iterations: result.iterations,
      "cost/grad/Hv": `${result.evaluations.cost}/${result.evaluations.gradient}/${result.evaluations.hessian}`,
      "final cost": result.cost.toFixed(6),
      "‖grad‖": sci(result.gradientNorm),
      "dist to ±√λ₁v₁": sci(d),
      time: ms(result.time),
      ended: d <= 1e-8 ? "global minimizer" : distance(saddle) - d === 0 ? "stayed at the saddle" : "elsewhere",
    });
  }
  table(rows);
  console.log("  gradient descent has zero gradient at the saddle and stops there (a first-order method); the others\n" +
    "  use curvature (Lanczos / the trust-region model) or random perturbations and reach a global minimizer.");
  return failures;
}
