// The circular convolutions and correlations of convolve.ts / convolve2d.ts on wasm buffers.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkChoice, checkOptions } from "../../validate.js";
import { checkDistinct, checkShape, checkSignalBuffer } from "./buffer-checks.js";
import { checkLength } from "./check.js";
import type { ConvolveOptions } from "./convolve.js";
import { preferDirect1d, preferDirect2d } from "./cost.js";
import type { FftKernels } from "./kernels.js";
import { fftPlan } from "./plans.js";

const METHODS = ["auto", "direct", "fft"] as const;

/**
 * {@link circularConvolve} on wasm buffers: out ← a ⊛ x, out_i = Σ_k a_k·x_{(i−k) mod n}, with
 * `x` and `out` of length n and the kernel `a` of length 1 … n (zero-padded). `out` must be
 * another buffer than `x` and `a`. Options and NaN policy as `circularConvolve`.
 * @returns out
 */
export function circularConvolveBuffer(
  out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options?: ConvolveOptions,
): WasmBuffer<"f64"> {
  return run1d("x", out, x, a, options, 0);
}

/**
 * {@link circularCorrelate} on wasm buffers: out ← z, z_i = Σ_k a_k·y_{(i+k) mod n}, the adjoint
 * of {@link circularConvolveBuffer} in x. Same shapes, options and rules.
 * @returns out
 */
export function circularCorrelateBuffer(
  out: WasmBuffer<"f64">, y: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options?: ConvolveOptions,
): WasmBuffer<"f64"> {
  return run1d("y", out, y, a, options, 1);
}

/**
 * {@link circularConvolve2d} on wasm buffers: `x` and `out` hold row-major images of
 * `shape` = [rows, cols], `a` a row-major kernel of `kernelShape` (at most the image, placed at
 * the origin). `out` must be another buffer than `x` and `a`.
 * @returns out
 */
export function circularConvolve2dBuffer(
  out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">,
  shape: [number, number], kernelShape: [number, number], options?: ConvolveOptions,
): WasmBuffer<"f64"> {
  return run2d("x", out, x, a, shape, kernelShape, options, 0);
}

/**
 * {@link circularCorrelate2d} on wasm buffers, the adjoint of {@link circularConvolve2dBuffer}
 * in x. Same shapes, options and rules.
 * @returns out
 */
export function circularCorrelate2dBuffer(
  out: WasmBuffer<"f64">, y: WasmBuffer<"f64">, a: WasmBuffer<"f64">,
  shape: [number, number], kernelShape: [number, number], options?: ConvolveOptions,
): WasmBuffer<"f64"> {
  return run2d("y", out, y, a, shape, kernelShape, options, 1);
}

function method(options: ConvolveOptions | undefined): (typeof METHODS)[number] {
  checkOptions("options", options, ["method"]);
  return options?.method === undefined ? "auto" : checkChoice("method", options.method, METHODS);
}

function run1d(
  name: string, out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options: ConvolveOptions | undefined, correlate: number,
): WasmBuffer<"f64"> {
  const n = checkSignalBuffer(name, x);
  const na = checkSignalBuffer("a", a);
  if (na > n) throw new RangeError(`invalid a: kernel length ${na} exceeds the signal length ${n}`);
  checkLength(name, n);
  checkBuffer("out", out, "f64", n);
  checkDistinct(out, x, name);
  checkDistinct(out, a, "a");
  convolveResident1d(out.ptr, x.ptr, a.ptr, n, na, method(options), correlate);
  return out;
}

/**
 * The 1-D circular convolution (correlate = 0) or correlation of resident data by `method`
 * ("auto": the cost model of cost.ts): out, x of n f64, a of na ≤ n; workspace from a scope of
 * its own. Shared by the copying and the resident wrappers, which validate first.
 */
export function convolveResident1d(
  out: number, x: number, a: number, n: number, na: number, method: (typeof METHODS)[number], correlate: number,
): void {
  const direct = method === "direct" || (method === "auto" && preferDirect1d(n, na));
  const k = kernels<FftKernels>();
  const plan = direct ? 0 : fftPlan("real", n);
  runtime().arena.scope((s) => {
    if (direct) {
      const work = s.f64(Math.ceil(k.circularConvolveDirectWorkspaceSize(1, n, 1, na) / 8));
      k.circularConvolveDirect(out, x, a, 1, n, 1, na, work.ptr, correlate);
    } else {
      const work = s.f64(Math.ceil(k.circularConvolveFftWorkspaceSize(n) / 8));
      k.circularConvolveFft(out, x, a, na, plan, work.ptr, correlate);
    }
  });
}

function run2d(
  name: string, out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">,
  shape: [number, number], kernelShape: [number, number], options: ConvolveOptions | undefined, correlate: number,
): WasmBuffer<"f64"> {
  const [rows, cols] = checkShape("shape", shape);
  const [arows, acols] = checkShape("kernelShape", kernelShape);
  if (arows > rows || acols > cols) {
    throw new RangeError(`invalid kernelShape: a ${arows}×${acols} kernel is larger than the ${rows}×${cols} signal`);
  }
  checkBuffer(name, x, "f64", rows * cols);
  checkBuffer("a", a, "f64", arows * acols);
  checkBuffer("out", out, "f64", rows * cols);
  checkDistinct(out, x, name);
  checkDistinct(out, a, "a");
  convolveResident2d(out.ptr, x.ptr, a.ptr, rows, cols, arows, acols, method(options), correlate);
  return out;
}

/**
 * The 2-D circular convolution or correlation of resident row-major data by `method` (as
 * {@link convolveResident1d}): out, x of rows×cols, a of arows×acols at most that.
 */
export function convolveResident2d(
  out: number, x: number, a: number, rows: number, cols: number, arows: number, acols: number,
  method: (typeof METHODS)[number], correlate: number,
): void {
  const direct = method === "direct" || (method === "auto" && preferDirect2d(rows, cols, arows, acols));
  const k = kernels<FftKernels>();
  const planRows = direct ? 0 : fftPlan("complex", rows);
  const planCols = direct ? 0 : fftPlan("complex", cols);
  runtime().arena.scope((s) => {
    if (direct) {
      const work = s.f64(Math.ceil(k.circularConvolveDirectWorkspaceSize(rows, cols, arows, acols) / 8));
      k.circularConvolveDirect(out, x, a, rows, cols, arows, acols, work.ptr, correlate);
    } else {
      const work = s.f64(Math.ceil(k.circularConvolve2dFftWorkspaceSize(rows, cols) / 8));
      k.circularConvolve2dFft(out, x, a, rows, cols, arows, acols, planRows, planCols, work.ptr, correlate);
    }
  });
}
