// The wasm exports of assembly/orthogonal/ as orthogonal dictionary learning calls them on its
// resident buffers (byte pointers, f64 data; the callers have checked sizes and values).
import { kernels } from "../../runtime/init.js";

export interface OrthogonalKernels {
  /** out = x³ entrywise; returns Σ x⁴. */
  cubeFourthPowerSum(out: number, x: number, n: number): number;
  /** out = sign(x) entrywise (0 at 0); returns Σ |x|. */
  signAbsSum(out: number, x: number, n: number): number;
  /** t = tanh(z/μ), w = sech²(z/μ)/μ entrywise; returns Σ μ·log cosh(z/μ). */
  logCoshDerivatives(t: number, w: number, z: number, mu: number, n: number): number;
  /** out (dense) = A·diag(s) for a row-major rows×cols A of row stride lda. */
  scaleColumns(out: number, a: number, lda: number, s: number, rows: number, cols: number): number;
  /** out = 1/√max(|z|, ε) entrywise. */
  irlsSqrtWeights(out: number, z: number, eps: number, n: number): number;
}

/** The orthogonal dictionary learning kernels of the active runtime. */
export function orthogonalKernels(): OrthogonalKernels {
  return kernels<OrthogonalKernels>();
}
