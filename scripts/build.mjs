// Builds everything the package ships and the tests use:
//   build/benign.{relaxed,simd,scalar}.wasm   the three kernel builds (asconfig.json targets)
//   dist/benign.js                            one ESM bundle with the three builds inlined
//   dist/types/                               TypeScript declarations (also type-checks src/)
// Usage: node scripts/build.mjs [--wasm-only]
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as esbuild from "esbuild";

const wasmOnly = process.argv.includes("--wasm-only");
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (command, args) => execFileSync(bin(command), args, { stdio: "inherit" });

for (const target of ["relaxed", "simd", "scalar"]) {
  run("asc", ["assembly/index.ts", "--target", target]);
}

if (!wasmOnly) {
  rmSync("dist", { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    loader: { ".wasm": "binary" },
    outfile: "dist/benign.js",
    legalComments: "none",
  });
  run("tsc", ["-p", "tsconfig.json"]);
}
