// The circular convolutions and correlations of convolve.ts / convolve2d.ts on wasm buffers.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels } from "../../runtime/init.js";
import { checkChoice, checkOptions } from "../../validate.js";
import { checkDistinct, checkShape, checkSignalBuffer } from "./buffer-checks.js";
import { checkLength } from "./check.js";
import type { CircularConvolveOptions } from "./convolve.js";
import { preferDirect1d, preferDirect2d } from "./cost.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans, type FftPlanRequest } from "./plans.js";

const METHODS = ["auto", "direct", "fft"] as const;

/**
 * {@link circularConvolve} on wasm buffers: out ← a ⊛ x, out_i = Σ_k a_k·x_{(i−k) mod n}, with
 * `x` and `out` of length n and the kernel `a` of length 1 … n (zero-padded). `out` must be
 * another buffer than `x` and `a`. Options and NaN policy as `circularConvolve`.
 * @returns out
 */
export function circularConvolveBuffer(
  out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options?: CircularConvolveOptions,
): WasmBuffer<"f64"> {
  return run1d("x", out, x, a, options, 0);
}

/**
 * {@link circularCorrelate} on wasm buffers: out ← z, z_i = Σ_k a_k·y_{(i+k) mod n}, the adjoint
 * of {@link circularConvolveBuffer} in x. Same shapes, options and rules.
 * @returns out
 */
export function circularCorrelateBuffer(
  out: WasmBuffer<"f64">, y: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options?: CircularConvolveOptions,
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
  shape: [number, number], kernelShape: [number, number], options?: CircularConvolveOptions,
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
  shape: [number, number], kernelShape: [number, number], options?: CircularConvolveOptions,
): WasmBuffer<"f64"> {
  return run2d("y", out, y, a, shape, kernelShape, options, 1);
}

function method(options: CircularConvolveOptions | undefined): (typeof METHODS)[number] {
  checkOptions("options", options, ["method"]);
  return options?.method === undefined ? "auto" : checkChoice("method", options.method, METHODS);
}

function run1d(
  name: string, out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">, options: CircularConvolveOptions | undefined, correlate: number,
): WasmBuffer<"f64"> {
  const n = checkSignalBuffer(name, x);
  const na = checkSignalBuffer("a", a);
  if (na > n) throw new RangeError(`invalid a: kernel length ${na} exceeds the signal length ${n}`);
  checkLength(name, n);
  checkBuffer("out", out, "f64", n);
  checkDistinct(out, x, name);
  checkDistinct(out, a, "a");
  runResident(convolution1d(n, na, method(options), correlate), out.ptr, x.ptr, a.ptr);
  return out;
}

/** A circular convolution ready to run: the plans and workspace it needs, and the kernel call. */
export interface Convolution {
  readonly plans: FftPlanRequest[];
  /** f64 entries of workspace. */
  readonly workLength: number;
  /** Runs it on resident data: out, x, a as the wrappers describe; `plans` in request order. */
  run(out: number, x: number, a: number, plans: number[], work: number): void;
}

/**
 * The 1-D circular convolution (correlate = 0) or correlation of n entries with a kernel of na ≤ n
 * by `method` ("auto": the cost model of cost.ts). Shared by the copying and the resident
 * wrappers, which validate first and run it under `withFftPlans`.
 */
export function convolution1d(n: number, na: number, method: (typeof METHODS)[number], correlate: number): Convolution {
  const direct = method === "direct" || (method === "auto" && preferDirect1d(n, na));
  const k = kernels<FftKernels>();
  const workBytes = direct ? k.circularConvolveDirectWorkspaceSize(1, n, 1, na) : k.circularConvolveFftWorkspaceSize(n);
  return {
    plans: direct ? [] : [{ kind: "real", n }],
    workLength: Math.ceil(workBytes / 8),
    run: (out, x, a, [plan], work) => {
      if (direct) k.circularConvolveDirect(out, x, a, 1, n, 1, na, work, correlate);
      else k.circularConvolveFft(out, x, a, na, plan, work, correlate);
    },
  };
}

function run2d(
  name: string, out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, a: WasmBuffer<"f64">,
  shape: [number, number], kernelShape: [number, number], options: CircularConvolveOptions | undefined, correlate: number,
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
  runResident(convolution2d(rows, cols, arows, acols, method(options), correlate), out.ptr, x.ptr, a.ptr);
  return out;
}

/**
 * The 2-D circular convolution or correlation of row-major rows×cols data with an arows×acols
 * kernel (at most that) by `method`, as {@link convolution1d}.
 */
export function convolution2d(
  rows: number, cols: number, arows: number, acols: number, method: (typeof METHODS)[number], correlate: number,
): Convolution {
  const direct = method === "direct" || (method === "auto" && preferDirect2d(rows, cols, arows, acols));
  const k = kernels<FftKernels>();
  const workBytes = direct
    ? k.circularConvolveDirectWorkspaceSize(rows, cols, arows, acols)
    : k.circularConvolve2dFftWorkspaceSize(rows, cols);
  return {
    plans: direct ? [] : [{ kind: "complex", n: rows }, { kind: "complex", n: cols }],
    workLength: Math.ceil(workBytes / 8),
    run: (out, x, a, [planRows, planCols], work) => {
      if (direct) k.circularConvolveDirect(out, x, a, rows, cols, arows, acols, work, correlate);
      else k.circularConvolve2dFft(out, x, a, rows, cols, arows, acols, planRows, planCols, work, correlate);
    },
  };
}

/** Runs `c` on resident buffers, with its plans pinned and its workspace from a scope. */
function runResident(c: Convolution, out: number, x: number, a: number): void {
  withFftPlans(c.plans, [c.workLength], (plans, s) => c.run(out, x, a, plans, s.f64(c.workLength).ptr));
}
