// `npm start`: a real end-to-end run of the kernels on built-in data, as a readable report.
// Images go to report/ (PGM, viewable with most image viewers).
import { mkdirSync } from "node:fs";
import * as benign from "../dist/benign.js";
import { cameraReport } from "./camera.mjs";
import { kernelsReport } from "./kernels.mjs";
import { landscapeReport } from "./landscape.mjs";
import { solversReport } from "./solvers.mjs";
import { completionReport } from "./completion.mjs";

const reportDir = new URL("../report", import.meta.url).pathname;
mkdirSync(reportDir, { recursive: true });

const features = await benign.init();
console.log(`benign — report (Node ${process.versions.node})`);
console.log(`kernel build: ${features.binary} (SIMD: ${features.simd ? "yes" : "no"}, relaxed SIMD: ${features.relaxedSimd ? "yes" : "no"})`);

kernelsReport();
cameraReport(reportDir);
const mismatches = landscapeReport();
const failures = await solversReport();
await completionReport(reportDir);
if (mismatches + failures > 0) {
  console.error(`\n${mismatches} landscape classes disagree with the closed form, ${failures} solvers missed the minimizer`);
  process.exitCode = 1;
}

benign.clearFftPlans();
const stats = benign.runtime().arena.stats();
console.log(`\nwasm memory: ${(stats.memoryBytes / 2 ** 20).toFixed(1)} MiB, peak in use ${(stats.peakBytes / 2 ** 20).toFixed(1)} MiB, live buffers at exit: ${stats.buffersLive}`);
console.log(`images written to ${reportDir}/`);
