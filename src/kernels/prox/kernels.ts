// The wasm exports of assembly/prox/ as the wrappers call them (byte pointers, f64 data).
import { kernels } from "../../runtime/init.js";

export interface ProxKernels {
  softThreshold(out: number, x: number, t: number, n: number): number;
  softThresholdWeighted(out: number, x: number, t: number, n: number): number;
  firstInvalidThreshold(t: number, n: number): number;
  hardThreshold(out: number, x: number, t: number, n: number): number;
  keepLargest(out: number, x: number, n: number, k: number, ws: number): number;
  keepLargestWorkspaceSize(n: number): number;
  clamp(out: number, x: number, lo: number, hi: number, n: number): number;
  projectSphere(out: number, x: number, n: number): number;
  projectBall(out: number, x: number, n: number): number;
  normalizeColumns(out: number, a: number, rows: number, cols: number, ws: number, keepZero: number): number;
  normalizeColumnsWorkspaceSize(cols: number): number;
}

/** The prox kernels of the active runtime. */
export function proxKernels(): ProxKernels {
  return kernels<ProxKernels>();
}
