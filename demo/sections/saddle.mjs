// Each saddle-escaping solver started exactly at a strict saddle of the rank-1 landscape (and plain
// gradient descent beside them), with its convergence curves and where it ended.
import * as benign from "../../dist/benign.js";
import { convergencePlots } from "../plot.mjs";
import { ms, sci, solverProgress } from "../terminal.mjs";
import { randomPsd } from "./landscape.mjs";

const SOLVERS = {
  gradientDescent: benign.gradientDescent,
  trustRegions: benign.trustRegions,
  curvilinearSearch: benign.curvilinearSearch,
  perturbedGradientDescent: benign.perturbedGradientDescent,
};

export default {
  id: "saddle",
  title: "Escaping a saddle: the solvers started at u = √λ₂·v₂ of the same landscape",
  options: {
    n: { type: "integer", default: 50, quick: 16, help: "size of X (the landscape section's X for the same n and seed)" },
    seed: { type: "integer", default: 2026, help: "seed of X" },
  },
  async run(report, { n, seed }) {
    const X = randomPsd(n, new benign.Rng(seed));
    const problem = benign.rankOneFactorization(X);
    const points = benign.rankOneCriticalPoints(X, { signs: "positive" });
    const best = points.find((c) => c.globalMinimizer);
    const saddle = points.find((c) => c.kind === "saddle" && c.index === n - 2).point;
    const scale = Math.sqrt(benign.dot(best.point, best.point));
    /** Distance to the nearer of ±√λ₁v₁, relative to its norm. */
    const distance = (u) => {
      let plus = 0, minus = 0;
      for (let i = 0; i < n; i++) {
        plus += (u[i] - best.point[i]) ** 2;
        minus += (u[i] + best.point[i]) ** 2;
      }
      return Math.sqrt(Math.min(plus, minus)) / scale;
    };
    report.text(
      `The saddle √λ₂·v₂ has zero gradient (‖grad f‖ = ${sci(benign.nrm2(problem.egrad(saddle)))}) and one direction of negative curvature, ` +
        `λ₂ − λ₁. Goal: ±√λ₁v₁, f* = ${best.cost.toFixed(6)}. Gradient descent sees a zero gradient and stops; the others use curvature ` +
        "(the trust-region model, Lanczos) or random perturbations and must reach a global minimizer.",
    );
    const rows = [];
    const runs = [];
    let failures = 0;
    for (const [name, solve] of Object.entries(SOLVERS)) {
      const line = report.progress(name);
      const result = await solve(problem, saddle, { gradientTolerance: 1e-10, seed: 1, onIteration: solverProgress(line) });
      const d = distance(result.point);
      line.done(`${result.reason} after ${result.iterations} iterations, ${ms(result.time)}, distance to ±√λ₁v₁ ${sci(d)}`);
      if (name !== "gradientDescent" && d > 1e-8) failures++;
      runs.push({ label: name, history: result.history });
      rows.push({
        solver: name,
        reason: result.reason,
        iterations: result.iterations,
        "cost/grad/Hv": `${result.evaluations.cost}/${result.evaluations.gradient}/${result.evaluations.hessian}`,
        "final cost": result.cost.toFixed(6),
        "‖grad‖": sci(result.gradientNorm),
        "dist to ±√λ₁v₁": sci(d),
        time: ms(result.time),
        ended: d <= 1e-8 ? "global minimizer" : d === distance(saddle) ? "stayed at the saddle" : "elsewhere",
      });
    }
    report.table(rows);
    report.plots(convergencePlots(runs, { what: "solver" }));
    report.check(failures === 0, `the ${Object.keys(SOLVERS).length - 1} saddle-escaping solvers reach a global minimizer (distance < 1e-8)`);
  },
};
