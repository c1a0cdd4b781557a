// The explorer's catalog: every problem (a live solver run) and landscape (a heat map) the page
// offers. Adding one is adding one module here; the page and the worker need no change.
//
// A module's default export is plain data plus one async function, and takes the library as an
// argument (the worker passes the built bundle), so it imports nothing from the page or the worker:
//   { id, kind: "problem" | "landscape", title, description, fields, … }
//   fields: [{ name, label, type: "integer" | "number" | "select" | "boolean", value, min?, max?,
//              options?, hint? }] — the form the page shows; the worker receives the values by name.
//   kind "problem":   errorLabel, run(benign, params, { signal, observe, setup }) → summary
//     observe(measure) returns the solver's onIteration: it records { iteration, cost, gradientNorm,
//     time, ...measure(point) } at every iteration, posted in batches (measure gives `error`, the error
//     modulo the model's symmetry, and optionally `plane`, [a, b] coordinates for a path chart);
//     setup({ heatmap, marks }) posts a backdrop for that chart before the run.
//     summary: { reason, iterations, time, cost, gradientNorm, error, history, details: [[label, value]] }
//   kind "landscape": compute(benign, params, { signal }) → { heatmap, marks, details }
//     heatmap: { width, height, values (row-major, row 0 at y1), x1, x2, y1, y2, xLabel, yLabel, label }
//     marks: [{ x, y, kind: "minimizer" | "saddle" | "maximizer" | "found", label, caption? }] (the
//     label is the tooltip, the caption is written on the map)
import completion from "./problems/completion.mjs";
import sensing from "./problems/sensing.mjs";
import saddle from "./problems/saddle.mjs";
import rankOneSlice from "./landscapes/rank-one-slice.mjs";
import sphereDictionary from "./landscapes/sphere-dictionary.mjs";
import deconvolution from "./landscapes/deconvolution.mjs";

/** Every entry, in the order the page lists them. */
export const catalog = [completion, sensing, saddle, rankOneSlice, sphereDictionary, deconvolution];

/** The entry with this id; throws for an unknown id. */
export function entry(id) {
  const found = catalog.find((e) => e.id === id);
  if (found === undefined) throw new RangeError(`invalid problem: expected one of ${catalog.map((e) => e.id).join(", ")}, got ${JSON.stringify(id)}`);
  return found;
}
