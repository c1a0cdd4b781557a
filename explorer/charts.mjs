// The explorer's charts, drawn with Observable Plot: a value against the iteration (cost, error),
// and a heat map with marked critical points and an optional path on top.
import * as Plot from "./vendor/plot.js";

const WIDTH = 440;
/** The most points a line chart draws (a longer series is thinned evenly, keeping its last point). */
const MAX_POINTS = 2000;
const SYMBOLS = { minimizer: "circle", saddle: "triangle", maximizer: "square", found: "star" };

/** Every k-th point and the last one, k chosen so at most `count` points remain. */
function thin(points, count) {
  if (points.length <= count) return points;
  const k = Math.ceil(points.length / (count - 1));
  return points.filter((_, i) => i % k === 0 || i === points.length - 1);
}

/**
 * `value` against `iteration`, as a line with the last point marked; `points` are
 * { iteration, value } records. The scale is logarithmic when the values are positive and span
 * more than a factor 20 (convergence to 0), linear otherwise.
 */
export function iterationChart(points, { title, label, color }) {
  const finite = thin(points.filter((p) => Number.isFinite(p.value)), MAX_POINTS);
  const values = finite.map((p) => p.value);
  const log = values.length > 0 && Math.min(...values) > 0 && Math.max(...values) > 20 * Math.min(...values);
  return Plot.plot({
    title,
    width: WIDTH,
    height: 240,
    grid: true,
    x: { label: "iteration", domain: finite.length > 1 ? undefined : [0, 1] },
    y: { type: log ? "log" : "linear", label },
    marks: [
      Plot.line(finite, { x: "iteration", y: "value", stroke: color }),
      Plot.dot(finite.slice(-1), { x: "iteration", y: "value", fill: color, tip: true }),
    ],
  });
}

/**
 * A heat map of `heatmap.values` (row-major, width×height cell centres spanning [x1, x2]×[y1, y2],
 * row 0 at y1) with `marks` ({ x, y, kind, label, caption? }) drawn as symbols by kind (the label
 * as tooltip, the caption written beside), and `path` ([x, y] pairs) as a line ending in a dot.
 */
export function heatmapChart(heatmap, marks, { title, path: fullPath = [] } = {}) {
  const { width, height, values, x1, x2, y1, y2 } = heatmap;
  const path = thin(fullPath, MAX_POINTS);
  const kinds = ["minimizer", "saddle", "maximizer", "found"].filter((k) => marks.some((m) => m.kind === k));
  return Plot.plot({
    title,
    width: WIDTH + 80,
    aspectRatio: 1,
    x: { domain: [Math.min(x1, x2), Math.max(x1, x2)], label: heatmap.xLabel },
    y: { domain: [Math.min(y1, y2), Math.max(y1, y2)], label: heatmap.yLabel },
    // Quantile colours: equal areas per colour band, so the basins show whatever the range of f.
    color: { type: "quantile", n: 12, scheme: "viridis", legend: true, width: 400, label: heatmap.label, tickFormat: ".2~g" },
    symbol: { domain: kinds, range: kinds.map((k) => SYMBOLS[k]), legend: kinds.length > 0 },
    marks: [
      Plot.raster(values, { width, height, x1, x2, y1, y2, imageRendering: "pixelated" }),
      Plot.dot(marks, { x: "x", y: "y", symbol: "kind", fill: "white", stroke: "black", r: 5, tip: true, title: "label" }),
      Plot.text(marks.filter((m) => m.caption), { x: "x", y: "y", text: "caption", dy: -11, fill: "white", stroke: "black", strokeWidth: 3, paintOrder: "stroke" }),
      // The path on top, ending in a red dot.
      Plot.line(path, { stroke: "white", strokeWidth: 1.5 }),
      Plot.dot(path.slice(-1), { fill: "red", stroke: "white", r: 3 }),
    ],
  });
}
