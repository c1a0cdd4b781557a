// The three builds of the same kernel source (see asconfig.json), inlined as bytes so the
// bundle needs no second file in any runtime.
import relaxedSimd from "../../build/benign.relaxed.wasm";
import simd from "../../build/benign.simd.wasm";
import scalar from "../../build/benign.scalar.wasm";

/** Which build of the kernels runs: fused multiply-add SIMD, plain 128-bit SIMD, or scalar. */
export type BinaryKind = "relaxed-simd" | "simd" | "scalar";

/** Best first: the order in which `init()` tries the builds. */
export const BINARY_PREFERENCE: readonly BinaryKind[] = ["relaxed-simd", "simd", "scalar"];

export const BINARIES: Readonly<Record<BinaryKind, Uint8Array<ArrayBuffer>>> = {
  "relaxed-simd": relaxedSimd,
  simd,
  scalar,
};
