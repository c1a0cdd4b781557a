import { describe, expect, test } from "vitest";
import { init, runtime, supportedBinaries } from "../../src/runtime/init.js";
import { BINARIES } from "../../src/runtime/binaries.js";

describe("init", () => {
  test("picks the best build this engine validates and is idempotent", async () => {
    const best = supportedBinaries()[0];
    const first = await init();
    expect(first.binary).toBe(best);
    expect(first.simd).toBe(best !== "scalar");
    expect(first.relaxedSimd).toBe(best === "relaxed-simd");
    const rt = runtime();
    await init();
    expect(runtime()).toBe(rt);
  });

  test("Node 20 without flags validates SIMD but not relaxed SIMD", () => {
    expect(WebAssembly.validate(BINARIES.simd)).toBe(true);
    expect(WebAssembly.validate(BINARIES.scalar)).toBe(true);
    const major = Number(process.versions.node.split(".")[0]);
    if (major === 20 && !process.execArgv.includes("--experimental-wasm-relaxed-simd")) {
      expect(WebAssembly.validate(BINARIES["relaxed-simd"])).toBe(false);
      expect(supportedBinaries()).toEqual(["simd", "scalar"]);
    }
  });

  test("the test workers run with relaxed SIMD, so eachBinary covers all three builds", () => {
    // vitest.config.ts passes --experimental-wasm-relaxed-simd to the workers.
    expect(supportedBinaries()).toEqual(["relaxed-simd", "simd", "scalar"]);
  });

  test("can switch to the scalar build and back, keeping one runtime per build", async () => {
    const best = await init();
    const bestRuntime = runtime();
    expect(await init({ binary: "scalar" })).toEqual({ binary: "scalar", simd: false, relaxedSimd: false });
    expect(runtime()).not.toBe(bestRuntime);
    await init({ binary: best.binary });
    expect(runtime()).toBe(bestRuntime);
  });

  test("rejects unknown builds and options", async () => {
    await expect(init({ binary: "avx" as never })).rejects.toThrow(/invalid binary.*avx/);
    await expect(init({ simd: true } as never)).rejects.toThrow(/unknown option: simd/);
  });
});
