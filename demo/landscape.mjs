// The rank-1 landscape ¼‖X − uuᵀ‖²_F of a random PSD X (n = 50): every critical point, its
// numerically computed Hessian spectrum and class next to the closed form.
import * as benign from "../dist/benign.js";
import { heading, ms, sci, table, timed } from "./format.mjs";

const fixed = (x) => x.toFixed(4);

/** X = GGᵀ/m with G n×m Gaussian (m = 2n: well-conditioned, distinct eigenvalues almost surely). */
export function randomPsd(n, rng) {
  const m = 2 * n;
  const g = benign.matrix(n, m, rng.normalArray(n * m));
  const x = benign.gemm(g, g, { transB: true, alpha: 1 / m });
  // Exact symmetry (the product is symmetric up to rounding).
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x.data[j * n + i] = x.data[i * n + j];
  return x;
}

/**
 * Prints every critical point of rankOneFactorization(X) for a seeded random PSD X with n = 50
 * (u = 0 and √λᵢvᵢ; −√λᵢvᵢ has the same cost, spectrum and class), with the cost, gradient norm,
 * extreme Hessian eigenvalues from hessianSpectrum (dense, 50×50), the class from
 * classifyCriticalPoint, and the closed-form class; returns the number of disagreements.
 */
export function landscapeReport({ n = 50, seed = 2026 } = {}) {
  const rng = new benign.Rng(seed);
  const X = randomPsd(n, rng);
  const problem = benign.rankOneFactorization(X);
  const closed = benign.rankOneCriticalPoints(X, { signs: "positive" });
  const { values } = benign.eigh(X);
  let gap = Infinity;
  for (let i = 1; i < n; i++) gap = Math.min(gap, values[i] - values[i - 1]);

  heading(`Rank-1 landscape ¼‖X − uuᵀ‖², X = GGᵀ/${2 * n} PSD, n = ${n}: all ${2 * n + 1} critical points`);
  console.log(`  eigenvalues of X in [${fixed(values[0])}, ${fixed(values[n - 1])}], smallest gap ${sci(gap)}; ` +
    `u = ±√λᵢvᵢ listed once (f is even)`);
  console.log("  Δcost: f(u) − closed form ¼(‖X‖² − λᵢ²); λmin/λmax: hessianSpectrum (dense, " +
    `${n}×${n}); max|Δλ|: its largest deviation from the closed form {λᵢ − λⱼ} ∪ {2λᵢ} (−λⱼ at 0); ` +
    "class: classifyCriticalPoint; closed form: the class of the closed-form spectrum");
  const rows = [];
  let mismatches = 0, worstSpectrum = 0, worstGradient = 0;
  const [, time] = timed(() => {
    for (const c of closed) {
      const spectrum = benign.hessianSpectrum(problem, c.point);
      const kind = benign.classifyCriticalPoint(problem, c.point).kind;
      let err = 0;
      for (let k = 0; k < n; k++) err = Math.max(err, Math.abs(spectrum.values[k] - c.hessianEigenvalues[k]));
      const gradientNorm = benign.nrm2(problem.egrad(c.point));
      const cost = problem.cost(c.point);
      worstSpectrum = Math.max(worstSpectrum, err);
      worstGradient = Math.max(worstGradient, gradientNorm);
      if (kind !== c.kind) mismatches++;
      rows.push({
        point: c.index < 0 ? "u = 0" : `±√λ${n - c.index}·v${n - c.index}`,
        "λᵢ": c.index < 0 ? "" : fixed(c.eigenvalue),
        cost: fixed(cost),
        "|Δcost|": sci(Math.abs(cost - c.cost)),
        "‖grad‖": sci(gradientNorm),
        "λmin(Hess)": fixed(spectrum.values[0]),
        "λmax(Hess)": fixed(spectrum.values[n - 1]),
        "max|Δλ|": sci(err),
        class: kind,
        "closed form": c.kind,
        "": kind === c.kind ? "✓" : "✗",
      });
    }
  });
  table(rows);
  const count = (k) => closed.filter((c) => c.kind === k).length;
  console.log(`  ${closed.length - mismatches} of ${closed.length} classes agree with the closed form ` +
    `(${count("minimizer")} minimizer pair, ${count("saddle")} saddle pairs, ${count("maximizer")} maximizer); ` +
    `worst ‖grad‖ ${sci(worstGradient)}, worst eigenvalue error ${sci(worstSpectrum)}; ${ms(time)}`);

  // Lanczos (30 steps of 50) at the extremes, against the dense spectra.
  const lanczosRows = [closed[0], closed[1], closed[closed.length - 1]].map((c) => {
    const d = benign.hessianSpectrum(problem, c.point, { method: "dense" });
    const l = benign.hessianSpectrum(problem, c.point, { method: "lanczos", steps: 30 });
    return {
      point: c.index < 0 ? "u = 0" : `√λ${n - c.index}·v${n - c.index}`,
      "dense λmin": fixed(d.values[0]),
      "Lanczos θmin": fixed(l.values[0]),
      "res(θmin)": sci(l.residuals[0]),
      "dense λmax": fixed(d.values[n - 1]),
      "Lanczos θmax": fixed(l.values[1]),
      "res(θmax)": sci(l.residuals[1]),
    };
  });
  console.log("\n  Lanczos, 30 steps, at three of them (extreme Ritz values and residuals ‖Hv − θv‖):");
  table(lanczosRows);
  return mismatches;
}
