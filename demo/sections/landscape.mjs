// The rank-1 landscape ¼‖X − uuᵀ‖²_F of a random PSD X: every critical point, its numerically
// computed Hessian spectrum and class next to the closed form — the picture of a benign landscape:
// every critical point but the global minimizers is a strict saddle (or the maximizer u = 0).
import * as benign from "../../dist/benign.js";
import { ms, sci } from "../terminal.mjs";

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

/** The label of critical point c: u = 0, or ±√λᵢ·vᵢ with λ₁ the largest eigenvalue. */
const pointLabel = (c, n) => (c.index < 0 ? "u = 0" : `±√λ${n - c.index}·v${n - c.index}`);

export default {
  id: "landscape",
  title: "The rank-one landscape ¼‖X − uuᵀ‖²: every critical point",
  options: {
    n: { type: "integer", default: 50, quick: 16, help: "size of X" },
    seed: { type: "integer", default: 2026, help: "seed of X" },
  },
  async run(report, { n, seed }) {
    const X = randomPsd(n, new benign.Rng(seed));
    const problem = benign.rankOneFactorization(X);
    const closed = benign.rankOneCriticalPoints(X, { signs: "positive" });
    const { values } = benign.eigh(X);
    let gap = Infinity;
    for (let i = 1; i < n; i++) gap = Math.min(gap, values[i] - values[i - 1]);
    report.text(
      `X = GGᵀ/${2 * n} with G Gaussian (${n}×${2 * n}, seed ${seed}): eigenvalues λ₁ > … > λ${n} in [${fixed(values[0])}, ${fixed(values[n - 1])}], ` +
        `smallest gap ${sci(gap)}. The critical points of f(u) = ¼‖X − uuᵀ‖² are u = 0 and u = ±√λᵢvᵢ (f is even, so each pair is listed once). ` +
        "Each is checked numerically: the gradient norm, the Hessian spectrum from hessianSpectrum (dense) against the closed form " +
        "{λᵢ − λⱼ} ∪ {2λᵢ} (−λⱼ at 0), and the class from classifyCriticalPoint against the class of the closed-form spectrum.",
    );

    const rows = [];
    const critical = [];
    const spectra = [];
    let mismatches = 0, worstSpectrum = 0, worstGradient = 0;
    const t0 = performance.now();
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
      const order = c.index < 0 ? 0 : n - c.index; // 0 for u = 0, i for √λᵢvᵢ
      const negative = spectrum.values.filter((v) => v < 0).length;
      critical.push({ order, point: pointLabel(c, n), cost, class: kind, negative });
      for (const value of spectrum.values) spectra.push({ order, value, sign: value < 0 ? "negative" : "positive" });
      rows.push({
        point: pointLabel(c, n),
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
    const time = performance.now() - t0;
    report.plots([
      {
        caption: "The value of f at each critical point (i = 0 is u = 0): one pair of global minimizers at the bottom, the maximizer on top, strict saddles between.",
        data: critical,
        x: "order",
        y: "cost",
        options: (P) => ({
          width: 460,
          height: 300,
          grid: true,
          x: { label: "critical point i (±√λᵢvᵢ; 0: u = 0)" },
          y: { label: "f(u)" },
          color: { legend: true, domain: ["minimizer", "saddle", "maximizer", "degenerate"], range: ["#1a9850", "#4575b4", "#d73027", "#999"] },
          marks: [P.dot(critical, { x: "order", y: "cost", fill: "class", r: 3.5, title: (d) => `${d.point}: ${d.class}, f = ${d.cost.toFixed(4)}` })],
        }),
      },
      {
        caption: "The Hessian spectrum at each critical point: √λᵢvᵢ has exactly i − 1 negative eigenvalues (λᵢ − λⱼ for j < i), so every critical point but the minimizers has a direction of descent.",
        data: spectra,
        x: "order",
        y: "value",
        options: (P) => ({
          width: 460,
          height: 300,
          grid: true,
          x: { label: "critical point i (±√λᵢvᵢ; 0: u = 0)" },
          y: { label: "Hessian eigenvalue" },
          color: { legend: true, domain: ["negative", "positive"], range: ["#d73027", "#4575b4"] },
          marks: [P.ruleY([0]), P.dot(spectra, { x: "order", y: "value", stroke: "sign", r: 1.5 })],
        }),
      },
    ]);
    report.table(rows, `All ${closed.length} critical points (${ms(time)} for the spectra and classes).`);
    const count = (k) => closed.filter((c) => c.kind === k).length;
    report.check(
      mismatches === 0,
      `${closed.length - mismatches} of ${closed.length} classes agree with the closed form (${count("minimizer")} minimizer pair, ` +
        `${count("saddle")} saddle pairs, ${count("maximizer")} maximizer)`,
    );
    report.check(worstGradient < 1e-10 && worstSpectrum < 1e-10, `worst ‖grad‖ ${sci(worstGradient)} and worst Hessian eigenvalue error ${sci(worstSpectrum)}, both < 1e-10`);
    report.check(
      critical.every((c) => c.negative === (c.order === 0 ? n : c.order - 1)),
      `√λᵢvᵢ has i − 1 negative Hessian eigenvalues and u = 0 has ${n}: every critical point but the global minimizers is a strict saddle or the maximizer`,
    );

    // Lanczos at the extremes against the dense spectra.
    const steps = Math.min(30, n - 1);
    const lanczosRows = [closed[0], closed[1], closed[closed.length - 1]].map((c) => {
      const d = benign.hessianSpectrum(problem, c.point, { method: "dense" });
      const l = benign.hessianSpectrum(problem, c.point, { method: "lanczos", steps });
      return {
        point: pointLabel(c, n),
        "dense λmin": fixed(d.values[0]),
        "Lanczos θmin": fixed(l.values[0]),
        "res(θmin)": sci(l.residuals[0]),
        "dense λmax": fixed(d.values[n - 1]),
        "Lanczos θmax": fixed(l.values[1]),
        "res(θmax)": sci(l.residuals[1]),
      };
    });
    report.table(lanczosRows, `Lanczos, ${steps} steps of ${n}, at three of them: extreme Ritz values and residuals ‖Hv − θv‖ beside the dense extremes.`);
  },
};
