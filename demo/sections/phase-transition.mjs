// The phase transition of exact matrix completion: success rate against rank and sampling rate,
// from phaseTransition's "completion" preset on a pool of workers, as a heat map with the
// degrees-of-freedom curve below which no method can succeed.
import * as benign from "../../dist/benign.js";
import { ms } from "../terminal.mjs";

/** Each grid value's band [lo, hi]: from the midpoint to its lower neighbour to the one to its upper. */
function bands(values) {
  const s = [...new Set(values)].sort((a, b) => a - b);
  const last = s.length - 1;
  const gap = (k) => (last === 0 ? 1 : k < last ? s[k + 1] - s[k] : s[k] - s[k - 1]);
  return new Map(s.map((v, k) => [v, [k > 0 ? (s[k - 1] + v) / 2 : v - gap(0) / 2, k < last ? (v + s[k + 1]) / 2 : v + gap(k) / 2]]));
}

export default {
  id: "phase-transition",
  title: "Exact recovery: the phase transition of matrix completion",
  options: {
    size: { type: "integer", default: 100, quick: 40, help: "the matrices are size × size" },
    ranks: { type: "integers", default: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], quick: [1, 2, 4], help: "ranks" },
    rates: { type: "numbers", default: [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6], quick: [0.1, 0.3, 0.6], help: "sampling rates" },
    trials: { type: "integer", default: 5, quick: 2, help: "trials per cell" },
    workers: { type: "integer", help: "threads (default: one per core; 1: the calling thread)" },
  },
  async run(report, { size, ranks, rates, trials, workers }) {
    const line = report.progress("phaseTransition");
    let successes = 0;
    const result = await benign.phaseTransition({
      problem: "completion",
      grid: { rows: [size], cols: [size], rank: ranks, sampling: rates },
      trials,
      workers,
      onProgress: ({ completed, total, time, entry }) => {
        if (entry.success) successes++;
        line.update(`${completed}/${total} trials, ${successes} recovered, ${ms(time)}`);
      },
    });
    const busy = result.records.reduce((s, e) => s + e.time, 0);
    line.done(`${result.completed} trials on ${result.workers} thread(s) in ${ms(result.time)} (trials ${ms(busy)} in all), ${result.reason}`);
    const dof = (r) => (r * (2 * size - r)) / (size * size);
    report.text(
      `For each rank r and sampling rate p: ${trials} trials of a random ${size}×${size} rank-r matrix (incoherent, condition number 2, entries of ` +
        `order 1), each entry observed with probability p, completed by ALS (λ = 0) from the spectral start; success = relative error ` +
        `‖UVᵀ − X‖_F/‖X‖_F < 1e-4. The trials ran on ${result.workers} thread(s) (phaseTransition's worker pool) in ${ms(result.time)}. ` +
        `The curve is d/(mn) = r(m + n − r)/(mn): with fewer observed entries than the d degrees of freedom of a rank-r matrix, ` +
        "the rank-r matrices that fit the data form a positive-dimensional set, and no method can single out the truth.",
    );

    const xBand = bands(rates);
    const yBand = bands(ranks);
    const cells = result.rates.map((c) => ({ ...c, x1: xBand.get(c.sampling)[0], x2: xBand.get(c.sampling)[1], y1: yBand.get(c.rank)[0], y2: yBand.get(c.rank)[1] }));
    const [rMin, rMax] = [Math.min(...ranks) - 0.5, Math.max(...ranks) + 0.5];
    const curve = Array.from({ length: 41 }, (_, k) => rMin + ((rMax - rMin) * k) / 40).map((r) => ({ rank: r, dof: dof(r) }));
    report.plots([{
      caption: `Success rate of ${trials} trials per cell (the number in each cell); the line is the degrees-of-freedom bound d/(mn).`,
      data: result.rates,
      x: "sampling",
      y: "rank",
      options: (P) => ({
        width: 640,
        height: 420,
        x: { label: "sampling rate p", domain: [Math.min(...cells.map((c) => c.x1)), Math.max(...cells.map((c) => c.x2))] },
        y: { label: "rank r", domain: [rMin, rMax] },
        color: { type: "quantize", n: 10, domain: [0, 1], scheme: "blues", legend: true, label: "success rate" },
        marks: [
          P.rect(cells, { x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "rate", inset: 0.5 }),
          P.text(cells, { x: "sampling", y: "rank", text: (d) => d.rate.toFixed(1), fill: (d) => (d.rate > 0.6 ? "white" : "black") }),
          P.line(curve.filter((d) => d.dof <= xBand.get(Math.max(...rates))[1]), { x: "dof", y: "rank", stroke: "#d73027", strokeWidth: 2 }),
        ],
      }),
    }]);

    const table = ranks.map((rank) => {
      const row = { rank, "d/(mn)": dof(rank).toFixed(3) };
      for (const p of rates) {
        const cell = result.rates.find((c) => c.rank === rank && c.sampling === p);
        row[String(p)] = `${p < dof(rank) ? "·" : ""}${cell.rate.toFixed(1)}`;
      }
      return row;
    });
    report.table(table, "Success rate by rank (rows) and sampling rate (columns); · marks rates below d/(mn).");
    const underdetermined = result.records.filter((e) => e.record.underdetermined).length;
    const sorted = [...rates].sort((a, b) => a - b);
    const solved = sorted.find((p) => result.rates.every((c) => c.sampling < p || c.rate === 1));
    report.text(
      `Counting degrees of freedom is necessary, not sufficient: uniform sampling also needs ≥ r entries in every row and column ` +
        `(${underdetermined} of ${result.records.length} trials had a row or column with fewer, a failure for any method, recorded without a run), ` +
        "and the guarantees for the nonconvex methods ask for O(μ·r·n·log n) entries. " +
        (solved === undefined ? "At no rate tried did every trial of every rank recover the matrix." : `From p = ${solved} on, every trial of every rank recovered the matrix.`),
    );

    // With fewer observed entries than d, recovery is impossible: any success there is a bug.
    const impossible = result.records.filter((e) => e.record.observed < (e.params.rank * (2 * size - e.params.rank)));
    report.check(
      impossible.every((e) => !e.success),
      `no trial with fewer observed entries than the degrees of freedom succeeds (${impossible.length} such trials)`,
    );
    const easiest = result.rates.find((c) => c.rank === Math.min(...ranks) && c.sampling === Math.max(...rates));
    report.check(easiest.rate === 1, `at rank ${easiest.rank} and rate ${easiest.sampling}, every trial recovers the matrix`);
  },
};
