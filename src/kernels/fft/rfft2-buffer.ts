// rfft2Buffer, irfft2Buffer: the 2-D real DFT on wasm buffers, with its half spectrum bin-major.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels } from "../../runtime/init.js";
import { checkDistinct, checkShape } from "./buffer-checks.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans } from "./plans.js";
import { checkInteger } from "../../validate.js";

/** The 2-D real transform kernels (assembly/fft/real2d.ts). */
export interface Fft2dKernels extends FftKernels {
  rfft2WorkspaceSize(rows: number, cols: number): number;
  rfft2(out: number, x: number, rows: number, cols: number, nonzeroRows: number, planCols: number, planRows: number, work: number): void;
  irfft2(out: number, spec: number, rows: number, cols: number, outRows: number, planCols: number, planRows: number, work: number): void;
}

/** The number of f64 in the half spectrum of a rows×cols real image: 2·rows·(⌊cols/2⌋ + 1). */
export function rfft2Length(rows: number, cols: number): number {
  checkInteger("rows", rows, 0, 0x7fffffff);
  checkInteger("cols", cols, 0, 0x7fffffff);
  return 2 * rows * ((cols >> 1) + 1);
}

/**
 * The 2-D DFT of a real rows×cols image (row-major in `x`) on wasm buffers, as its half
 * spectrum stored **bin-major**: for each column frequency b = 0 … ⌊cols/2⌋ a contiguous column
 * of the `rows` row frequencies i, complex interleaved:
 * `out[2(b·rows + i)] + i·out[2(b·rows + i) + 1]` = Σ_{r,c} x[r·cols + c]·e^{−2πi(r·i/rows + c·b/cols)}.
 * (This is numpy's `rfft2(x)` transposed; the column frequencies above cols/2 are conjugates of
 * these.) Computed as real FFTs of the rows, a transpose, and complex FFTs of the columns; the
 * plans are cached per length. `out` (length {@link rfft2Length}) must be another buffer.
 * NaN and ±Infinity propagate.
 * @returns out
 */
export function rfft2Buffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, shape: [number, number]): WasmBuffer<"f64"> {
  const [rows, cols] = checkShape("shape", shape);
  checkBuffer("x", x, "f64", rows * cols);
  checkBuffer("out", out, "f64", rfft2Length(rows, cols));
  checkDistinct(out, x, "x");
  return run((k, planCols, planRows, work) => k.rfft2(out.ptr, x.ptr, rows, cols, rows, planCols, planRows, work), rows, cols, out);
}

/**
 * The inverse of {@link rfft2Buffer}: the real rows×cols image (row-major, normalized by
 * 1/(rows·cols)) whose bin-major half spectrum is `spectrum` (not modified). The imaginary
 * parts that a real image cannot have (bins b = 0 and, for even cols, b = cols/2, at the
 * self-conjugate row frequencies) are ignored. `out` must be another buffer.
 * @returns out
 */
export function irfft2Buffer(out: WasmBuffer<"f64">, spectrum: WasmBuffer<"f64">, shape: [number, number]): WasmBuffer<"f64"> {
  const [rows, cols] = checkShape("shape", shape);
  checkBuffer("out", out, "f64", rows * cols);
  checkBuffer("spectrum", spectrum, "f64", rfft2Length(rows, cols));
  checkDistinct(out, spectrum, "spectrum");
  return run((k, planCols, planRows, work) => k.irfft2(out.ptr, spectrum.ptr, rows, cols, rows, planCols, planRows, work), rows, cols, out);
}

function run(
  body: (k: Fft2dKernels, planCols: number, planRows: number, work: number) => void, rows: number, cols: number, out: WasmBuffer<"f64">,
): WasmBuffer<"f64"> {
  const k = kernels<Fft2dKernels>();
  const workLength = Math.ceil(k.rfft2WorkspaceSize(rows, cols) / 8);
  withFftPlans([{ kind: "complex", n: rows }, { kind: "real", n: cols }], [workLength], ([planRows, planCols], s) =>
    body(k, planCols, planRows, s.f64(workLength).ptr));
  return out;
}
