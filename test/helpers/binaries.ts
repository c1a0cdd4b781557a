// Runs a check once per kernel build this engine can run (SIMD and scalar under plain Node,
// plus relaxed SIMD where enabled), then restores the best build as the active runtime.
import { init, supportedBinaries } from "../../src/runtime/init.js";
import type { BinaryKind } from "../../src/runtime/binaries.js";

export async function eachBinary(check: (binary: BinaryKind) => void | Promise<void>): Promise<void> {
  try {
    for (const binary of supportedBinaries()) {
      await init({ binary });
      await check(binary);
    }
  } finally {
    await init();
  }
}

/** Runs `compute` on every build and returns the results keyed by build. */
export async function resultsByBinary<T>(compute: () => T): Promise<Map<BinaryKind, T>> {
  const results = new Map<BinaryKind, T>();
  await eachBinary((binary) => {
    results.set(binary, compute());
  });
  return results;
}
