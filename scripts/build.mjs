// Builds everything the package ships and the tests use:
//   build/benign.{relaxed,simd,scalar}.wasm   the three kernel builds (asconfig.json targets)
//   dist/benign.js                            one ESM bundle with the three builds inlined
//   dist/benign.d.ts                          its TypeScript declarations in one file (tsc emits
//                                             them per module into build/types, which also
//                                             type-checks src/; rollup-plugin-dts joins them)
// One declaration file, named by the bundle's `@ts-self-types` comment, is what Deno needs to
// type `import … from "./dist/benign.js"`: it resolves the specifiers inside declarations
// literally, so a tree of .d.ts files importing "./x.js" would not resolve there.
// Usage: node scripts/build.mjs [--wasm-only]
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import * as esbuild from "esbuild";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

const wasmOnly = process.argv.includes("--wasm-only");
const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const run = (command, args) => execFileSync(bin(command), args, { stdio: "inherit" });

for (const target of ["relaxed", "simd", "scalar"]) {
  run("asc", ["assembly/index.ts", "--target", target]);
}

if (!wasmOnly) {
  rmSync("dist", { recursive: true, force: true });
  rmSync("build/types", { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    loader: { ".wasm": "binary" },
    outfile: "dist/benign.js",
    legalComments: "none",
    banner: { js: '// @ts-self-types="./benign.d.ts"' },
  });
  run("tsc", ["-p", "tsconfig.json"]);
  const bundle = await rollup({ input: "build/types/index.d.ts", plugins: [dts()] });
  await bundle.write({ file: "dist/benign.d.ts", format: "es" });
  await bundle.close();
}
