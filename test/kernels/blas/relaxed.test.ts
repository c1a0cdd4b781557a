import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

// Node 20 validates the relaxed-SIMD build only with a flag, so `eachBinary` skips it here;
// this runs relaxed-check.mjs (gemm with its 3×6 fused micro-kernel, syrk, gemv, axpy against
// plain JS references) in a child process that has the flag.
describe("relaxed-SIMD build", () => {
  test("BLAS kernels match plain JS references", () => {
    const script = fileURLToPath(new URL("./relaxed-check.mjs", import.meta.url));
    const out = execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", script], { encoding: "utf8" });
    const { worst, failures } = JSON.parse(out.trim().split("\n").pop() as string) as { worst: number; failures: string[] };
    expect(failures).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1);
  });
});
