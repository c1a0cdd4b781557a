// The explorer page: the form of the chosen catalog entry, Run and Stop, the worker that computes,
// the charts it feeds, and a probe of the main thread's responsiveness. `window.explorer` holds the
// page's state (status, runs with their progress records and summaries) for scripts and tests.
import { supportedBinaries } from "../dist/benign.js";
import { catalog, entry } from "./catalog.mjs";
import { chartSlots } from "./chart-slots.mjs";
import { heatmapChart, iterationChart } from "./charts.mjs";
import { readFields, renderFields } from "./form.mjs";

const $ = (id) => document.getElementById(id);
const [picker, description, form, runButton, stopButton, status, charts, details, engine] =
  ["entry", "description", "fields", "run", "stop", "status", "charts", "details", "engine"].map($);

/** Milliseconds between two redraws of the charts while a run reports progress. */
const REDRAW_INTERVAL = 150;
/** The responsiveness probe's timer period (ms). */
const PROBE_INTERVAL = 10;

const state = { status: "loading", features: null, runs: [] };
window.explorer = state;
let selected = catalog[0];
let active = null; // the run in progress
let redraw = null; // the pending redraw timer

// ── the responsiveness probe: the longest gap between timer ticks while a run is going ─────────
let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (active !== null) active.longestGap = Math.max(active.longestGap, now - lastTick);
  lastTick = now;
}, PROBE_INTERVAL);

function setStatus(value, text) {
  state.status = value;
  status.dataset.state = value;
  status.textContent = text;
  runButton.disabled = value === "loading" || value === "running" || value === "failed";
  stopButton.disabled = value !== "running";
}

/** A number for the status line and the details table: integers as they are, others to 5 digits. */
function format(v) {
  if (typeof v !== "number" || Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(5) : v.toExponential(3);
}

function showDetails(rows) {
  details.replaceChildren(...rows.map(([label, value]) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    const td = document.createElement("td");
    th.textContent = label;
    td.textContent = format(value);
    tr.append(th, td);
    return tr;
  }));
}

// ── drawing a run ──────────────────────────────────────────────────────────────────────────────
const slots = chartSlots(charts);

function clearOutput() {
  slots.clear();
  details.replaceChildren();
}

function drawProblem(run) {
  const module = entry(run.id);
  const { records, summary } = run;
  slots.draw("cost", () => {
    const costs = summary
      ? Array.from(summary.history.cost, (value, iteration) => ({ iteration, value }))
      : records.map((r) => ({ iteration: r.iteration, value: r.cost }));
    return iterationChart(costs, { title: "cost", label: "cost", color: "steelblue" });
  });
  slots.draw("error", () => {
    const errors = records.map((r) => ({ iteration: r.iteration, value: r.error }));
    if (summary && (errors.length === 0 || errors[errors.length - 1].iteration < summary.iterations)) {
      errors.push({ iteration: summary.iterations, value: summary.error });
    }
    return iterationChart(errors, { title: `error modulo the symmetry: ${module.errorLabel}`, label: "error", color: "firebrick" });
  });
  if (run.view?.heatmap) {
    slots.draw("path", () => {
      const path = records.filter((r) => r.plane).map((r) => r.plane);
      return heatmapChart(run.view.heatmap, run.view.marks ?? [], { title: "path in the plane of v₁, v₂", path });
    });
  }
  if (summary) {
    showDetails([
      ["stop reason", summary.reason], ["iterations", summary.iterations], ["time (ms)", summary.time],
      ["cost", summary.cost], ["‖grad‖", summary.gradientNorm], [module.errorLabel, summary.error],
      ...summary.details,
    ]);
  }
}

function draw(run) {
  clearTimeout(redraw);
  redraw = null;
  if (entry(run.id).kind === "problem") drawProblem(run);
  else if (run.summary) {
    slots.draw("heatmap", () => heatmapChart(run.summary.heatmap, run.summary.marks, { title: entry(run.id).title }));
    showDetails(run.summary.details);
  }
}

function drawSoon(run) {
  redraw ??= setTimeout(() => draw(run), REDRAW_INTERVAL);
}

// ── running and stopping ─────────────────────────────────────────────────────────────────────────
const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });

function start() {
  let params;
  try {
    params = readFields(form, selected.fields);
  } catch (error) {
    setStatus("invalid", error.message);
    return;
  }
  const run = { runId: state.runs.length + 1, id: selected.id, params, records: [], view: null, summary: null, outcome: null, error: null, longestGap: 0, started: performance.now(), elapsed: 0 };
  state.runs.push(run);
  active = run;
  lastTick = performance.now();
  clearOutput();
  setStatus("running", `running ${selected.title}…`);
  worker.postMessage({ type: "run", runId: run.runId, id: run.id, params });
}

function finish(run, outcome) {
  active = null;
  run.outcome = outcome;
  run.elapsed = performance.now() - run.started;
  draw(run);
  const gap = `longest main-thread gap ${run.longestGap.toFixed(0)} ms`;
  const s = run.summary;
  if (outcome === "error") setStatus("error", `error: ${run.error}`);
  else if (outcome === "stopped") setStatus("stopped", `stopped${s ? ` after ${s.iterations} iterations` : ""} · ${gap}`);
  else if (entry(run.id).kind === "problem") {
    setStatus("done", `${s.reason} after ${s.iterations} iterations, ${format(s.time)} ms · error ${format(s.error)} · ${gap}`);
  } else setStatus("done", `computed in ${run.elapsed.toFixed(0)} ms · ${gap}`);
}

worker.onmessage = ({ data }) => {
  if (data.type === "ready") {
    state.features = data.features;
    engine.textContent = `worker: the ${data.features.binary} build · this engine validates ${supportedBinaries().join(", ")}`;
    setStatus("ready", "ready");
    return;
  }
  if (data.type === "failed") {
    setStatus("failed", `the library failed to load: ${data.message}`);
    return;
  }
  const run = active;
  if (run === null || data.runId !== run.runId) return; // a late message of a finished run
  if (data.type === "setup") {
    run.view = data.view;
    drawSoon(run);
  } else if (data.type === "progress") {
    run.records.push(...data.records);
    drawSoon(run);
  } else if (data.type === "done" || data.type === "stopped") {
    run.summary = data.summary ?? null;
    finish(run, data.type);
  } else if (data.type === "error") {
    run.error = data.message;
    finish(run, "error");
  }
};
worker.onerror = (event) => {
  event.preventDefault();
  setStatus("failed", `the worker failed: ${event.message}`);
};

runButton.onclick = start;
stopButton.onclick = () => {
  if (active === null) return;
  stopButton.disabled = true;
  status.textContent = "stopping…";
  worker.postMessage({ type: "stop", runId: active.runId });
};

// ── choosing an entry ────────────────────────────────────────────────────────────────────────────
function select(id) {
  selected = entry(id);
  picker.value = id;
  description.textContent = selected.description;
  renderFields(form, selected.fields);
  clearOutput();
}

for (const kind of ["problem", "landscape"]) {
  const group = document.createElement("optgroup");
  group.label = kind === "problem" ? "solver runs" : "landscapes";
  group.append(...catalog.filter((e) => e.kind === kind).map((e) => new Option(e.title, e.id)));
  picker.append(group);
}
picker.onchange = () => {
  select(picker.value);
  history.replaceState(null, "", `#${picker.value}`);
};
form.onsubmit = (event) => {
  event.preventDefault();
  if (!runButton.disabled) start();
};
select(catalog.some((e) => e.id === location.hash.slice(1)) ? location.hash.slice(1) : catalog[0].id);
