// `npm start`: a real end-to-end run of the library on built-in data. The terminal gets a summary
// with a progress line per long solve; report/index.html gets the same numbers with plots and
// images, in one self-contained file. Exit code 1 when a section fails or a check does not hold.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as benign from "../dist/benign.js";
import { helpText, parseArguments } from "./cli.mjs";
import { runSection } from "./frame.mjs";
import { renderPage } from "./page.mjs";
import { SECTIONS } from "./sections/index.mjs";
import { paragraph } from "./terminal.mjs";

let settings;
try {
  settings = parseArguments(process.argv.slice(2), SECTIONS);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
if (settings.help) {
  console.log(helpText(SECTIONS));
  process.exit(0);
}

const started = performance.now();
const features = await benign.init();
const build = `${features.binary} (SIMD: ${features.simd ? "yes" : "no"}, relaxed SIMD: ${features.relaxedSimd ? "yes" : "no"})`;
console.log(`benign — report${settings.quick ? " (--quick)" : ""} · Node ${process.versions.node} · kernel build ${build}`);

const results = [];
for (const section of settings.sections) results.push(await runSection(section, settings.options[section.id], settings.quick));

benign.clearFftPlans();
const stats = benign.runtime().arena.stats();
const seconds = (performance.now() - started) / 1000;
const facts = {
  run: new Date().toISOString().replace("T", " ").slice(0, 19) + " UTC",
  mode: settings.quick ? "--quick" : "default sizes",
  "kernel build": build,
  runtime: `Node ${process.versions.node}`,
  time: `${seconds.toFixed(1)} s`,
  "wasm memory": `${(stats.memoryBytes / 2 ** 20).toFixed(1)} MiB, peak in use ${(stats.peakBytes / 2 ** 20).toFixed(1)} MiB, live buffers at the end ${stats.buffersLive}`,
};
const outDir = settings.out === undefined ? fileURLToPath(new URL("../report", import.meta.url)) : resolve(settings.out);
mkdirSync(outDir, { recursive: true });
const file = `${outDir}/index.html`;
writeFileSync(file, renderPage({ title: "benign — report", facts, results }));

const failed = results.filter((r) => r.status === "failed");
console.log(`\nSummary (${seconds.toFixed(1)} s)`);
for (const r of results) {
  const held = r.checks.filter((c) => c.ok).length;
  console.log(`  ${r.status === "ok" ? "✓" : "✗"} ${r.title.padEnd(72).slice(0, 72)} ${String(held).padStart(2)}/${r.checks.length} checks  ${(r.time / 1000).toFixed(1).padStart(5)} s`);
}
paragraph(`wasm memory: ${facts["wasm memory"]}`);
if (stats.buffersLive !== 0) failed.push({ title: "wasm buffers left live" });
console.log(`\nreport written to ${file}`);
if (failed.length > 0) {
  console.error(`\n${failed.length} FAILED: ${failed.map((r) => r.title).join("; ")}`);
  process.exitCode = 1;
}
