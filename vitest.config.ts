import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";

// Loads a .wasm import as its bytes, as esbuild's binary loader does for the bundle.
function wasmBytes(): Plugin {
  return {
    name: "wasm-bytes",
    enforce: "pre",
    load(id) {
      if (!id.endsWith(".wasm")) return null;
      const base64 = readFileSync(id).toString("base64");
      return `export default Uint8Array.from(atob(${JSON.stringify(base64)}), (c) => c.charCodeAt(0));`;
    },
  };
}

export default defineConfig({
  plugins: [wasmBytes()],
  test: {
    include: ["test/**/*.test.ts"],
    // Node 20 validates the relaxed-SIMD build only behind this flag: with it, `eachBinary` in the
    // tests runs every check on all three builds (relaxed SIMD, SIMD, scalar).
    pool: "forks",
    poolOptions: { forks: { execArgv: ["--experimental-wasm-relaxed-simd"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
