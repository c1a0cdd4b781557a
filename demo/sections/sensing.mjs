// Matrix sensing from random starts: X = UUᵀ ⪰ 0 of rank r measured by a Gaussian operator, recovered
// by senseLowRank (Burer–Monteiro, trust regions) from several random starts, as the number of
// measurements grows in multiples of the degrees of freedom.
import * as benign from "../../dist/benign.js";
import { convergencePlots } from "../plot.mjs";
import { ms, sci, solverProgress } from "../terminal.mjs";

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

export default {
  id: "sensing",
  title: "Matrix sensing: recovery from random starts",
  options: {
    n: { type: "integer", default: 40, quick: 20, help: "X is n × n" },
    rank: { type: "integer", default: 2, help: "rank of X" },
    multiples: { type: "numbers", default: [1.5, 2, 3, 4], quick: [1.5, 3], help: "measurements, in multiples of the degrees of freedom" },
    starts: { type: "integer", default: 5, quick: 3, help: "random starts per count" },
    seed: { type: "integer", default: 2026, help: "seed of X and of the operators" },
  },
  async run(report, { n, rank: r, multiples, starts, seed }) {
    const dof = r * n - (r * (r - 1)) / 2; // the dimension of the n×n PSD matrices of rank r
    const truth = { rows: n, cols: r, data: new benign.Rng(seed).normalArray(n * r) };
    report.text(
      `X = UUᵀ with U a ${n}×${r} Gaussian matrix (seed ${seed}): a PSD matrix of rank ${r}, d = nr − r(r − 1)/2 = ${dof} degrees of freedom. ` +
        "It is measured by 𝒜(X)ₖ = ⟨Aₖ, X⟩/√m with m symmetric Gaussian Aₖ and recovered by minimizing ¼‖𝒜(UUᵀ) − y‖² over U (Burer–Monteiro) " +
        `with trust regions from ${starts} random starts each (no spectral initialization): with enough measurements this landscape has no spurious ` +
        "local minima (Bhojanapalli, Neyshabur & Srebro 2016; Ge, Jin & Zheng 2017), so every start should reach the truth — modulo U ↦ UQ, which the " +
        "error ‖UUᵀ − X‖_F/‖X‖_F does not see.",
    );
    const rows = [];
    const rates = [];
    let lastRuns = [];
    let lastErrors = [];
    for (const multiple of multiples) {
      const m = Math.round(multiple * dof);
      const operator = benign.gaussianOperator([n, n], m, { seed: seed + m, symmetric: true });
      const y = operator.applyFactored(truth, truth);
      const yNorm = benign.nrm2(y);
      const errors = [];
      const residuals = [];
      const runs = [];
      let iterations = 0;
      const t0 = performance.now();
      try {
        for (let start = 1; start <= starts; start++) {
          const line = report.progress(`m = ${m}, start ${start}`);
          const fit = await benign.senseLowRank(y, { operator, rank: r, init: "random", seed: start, gradientTolerance: 1e-10, maxIterations: 500, onIteration: solverProgress(line) });
          errors.push(benign.relativeError(fit.U, fit.V, truth, truth));
          residuals.push(fit.residualNorm / yNorm);
          iterations += fit.result.iterations;
          runs.push({ label: `start ${start}`, history: fit.result.history });
          line.done(`${fit.result.reason} after ${fit.result.iterations} iterations, ${ms(fit.result.time)}, relative error ${sci(errors.at(-1))}`);
        }
      } finally {
        operator.dispose();
      }
      const recovered = errors.filter((e) => e < 1e-6).length;
      rates.push({ multiple, rate: recovered / starts });
      [lastRuns, lastErrors] = [runs, errors];
      rows.push({
        m,
        "m/d": multiple,
        recovered: `${recovered}/${starts}`,
        "median rel. error": sci(median(errors)),
        "median ‖𝒜(UUᵀ) − y‖/‖y‖": sci(median(residuals)),
        "failed starts' ‖𝒜(UUᵀ) − y‖/‖y‖": residuals.filter((_, k) => errors[k] >= 1e-6).map(sci).join(", "),
        "mean iterations": (iterations / starts).toFixed(0),
        time: ms(performance.now() - t0),
      });
    }
    report.table(rows, "Recovered = relative error ‖UUᵀ − X‖_F/‖X‖_F < 1e-6. A failed start with a zero residual found another PSD rank-r matrix that fits the measurements (too few to identify X); one with a positive residual stopped at a spurious critical point.");
    report.plots([
      {
        caption: `Fraction of the ${starts} random starts that recover X, against the number of measurements in multiples of d.`,
        data: rates,
        x: "multiple",
        y: "rate",
        options: (P) => ({
          width: 400,
          height: 260,
          grid: true,
          x: { label: "m / d" },
          y: { label: "recovered", domain: [0, 1] },
          marks: [P.line(rates, { x: "multiple", y: "rate" }), P.dot(rates, { x: "multiple", y: "rate", fill: "currentColor" })],
        }),
      },
      ...convergencePlots(lastRuns, { what: "start", logCost: true }).slice(0, 2).map((spec) => ({ ...spec, caption: `${spec.caption}, at m/d = ${multiples.at(-1)}` })),
    ]);
    report.check(lastErrors.every((e) => e < 1e-6), `at m = ${multiples.at(-1)}·d every random start recovers X (relative error < 1e-6)`);
  },
};
