// `npm run bench`: every comparison in bench/, each in its own Node process with relaxed SIMD
// enabled so the relaxed build can be measured beside the plain SIMD one.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

const scripts = readdirSync(new URL(".", import.meta.url)).filter((f) => f.endsWith(".mjs") && f !== "run.mjs");
for (const script of scripts.sort()) {
  execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", new URL(script, import.meta.url).pathname], {
    stdio: "inherit",
  });
}
