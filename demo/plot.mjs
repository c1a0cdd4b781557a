// Plots for the HTML report: Observable Plot rendered in Node through linkedom's DOM, inlined as
// SVG. Each figure carries what the report test checks in the browser: the extent of the plotted
// data on each axis and the axis types.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeHtml } from "./html.mjs";

const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

function extent(data, field, positive) {
  let min = Infinity;
  let max = -Infinity;
  for (const row of data) {
    const v = row[field];
    if (typeof v !== "number" || !Number.isFinite(v) || (positive && v <= 0)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return min <= max ? [min, max] : null;
}

/**
 * Ticks of a log axis over [min, max]: the powers of ten inside it (at most 8: every k-th decade),
 * labelled like 1e-6; when it spans less than a decade, four values evenly spaced on the log scale.
 */
function logTicks([min, max]) {
  const [lo, hi] = [Math.ceil(Math.log10(min)), Math.floor(Math.log10(max))];
  if (hi - lo < 1) {
    const ticks = [0.5, 1.5, 2.5, 3.5].map((k) => Number((min * (max / min) ** (k / 4)).toPrecision(3)));
    return { ticks, tickFormat: (d) => String(d) };
  }
  const step = Math.ceil((hi - lo) / 7);
  const ticks = [];
  for (let e = hi; e >= lo; e -= step) ticks.push(10 ** e);
  return { ticks, tickFormat: (d) => d.toExponential(0).replace("e+", "e") };
}

/**
 * A plot as an HTML <figure>. `data` is the tidy table the marks draw, `x` and `y` the fields on
 * the axes (numbers); `options(Plot)` returns the Observable Plot options (marks, scales, …). A
 * log axis gets powers of ten as ticks unless the options give some.
 */
export function renderPlot({ caption, data, x, y, options }) {
  const spec = options(Plot);
  for (const [axis, field] of [["x", x], ["y", y]]) {
    const range = spec[axis]?.type === "log" && spec[axis].ticks === undefined ? extent(data, field, true) : null;
    if (range !== null) spec[axis] = { ...spec[axis], ...logTicks(range) };
  }
  const plot = Plot.plot({ document, style: { fontSize: "11px", background: "white" }, ...spec });
  const svg = plot.tagName.toLowerCase() === "svg" ? plot : [...plot.querySelectorAll("svg")].at(-1);
  svg.setAttribute("data-plot", "");
  const attributes = [`data-points="${data.length}"`];
  for (const [axis, field] of [["x", x], ["y", y]]) {
    const type = plot.scale(axis)?.type ?? "none";
    const range = extent(data, field, type === "log");
    attributes.push(`data-${axis}-type="${type}"`, `data-${axis}-extent="${range === null ? "" : JSON.stringify(range)}"`);
  }
  return `<figure class="plot" ${attributes.join(" ")}>${plot.outerHTML}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/**
 * The specs of four plots of convergence curves for several runs — cost and gradient norm (log
 * scale) against iterations and against time. `runs` is [{ label, history }] with a solver's `history`.
 */
export function convergencePlots(runs, { what = "method", costLabel = "cost", logCost = false } = {}) {
  const rows = runs.flatMap(({ label, history }) =>
    Array.from(history.cost, (cost, k) => ({ [what]: label, iteration: k, time: history.time[k], cost, gradientNorm: history.gradientNorm[k] })),
  );
  const panel = (xField, xLabel, yField, yLabel, log) => ({
    caption: `${yLabel} against ${xLabel}, per ${what}`,
    data: rows,
    x: xField,
    y: yField,
    options: (P) => ({
      width: 460,
      height: 260,
      grid: true,
      x: { label: xLabel },
      y: { label: yLabel, type: log ? "log" : "linear" },
      color: { legend: true },
      marks: [
        P.line(rows, { x: xField, y: yField, stroke: what, filter: (d) => !log || d[yField] > 0 }),
        P.dot(rows, { x: xField, y: yField, stroke: what, r: 1.5, filter: (d) => !log || d[yField] > 0 }),
      ],
    }),
  });
  return [
    panel("iteration", "iteration", "cost", costLabel, logCost),
    panel("iteration", "iteration", "gradientNorm", "gradient norm", true),
    panel("time", "time (ms)", "cost", costLabel, logCost),
    panel("time", "time (ms)", "gradientNorm", "gradient norm", true),
  ];
}
