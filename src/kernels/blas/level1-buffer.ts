// The BLAS-1 calls on wasm buffers (no copies), for solver loops: dot, axpy, scal, nrm2, asum, iamax.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkNoOverlap } from "../../runtime/check-resident.js";
import { kernels } from "../../runtime/init.js";
import { checkFinite } from "../../validate.js";

/** The wasm BLAS-1 kernels (assembly/blas/), unit strides. */
interface Level1Kernels {
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
  axpy(n: number, alpha: number, x: number, incx: number, y: number, incy: number): void;
  scal(n: number, alpha: number, x: number, incx: number): void;
  copy(n: number, x: number, incx: number, y: number, incy: number): void;
  nrm2(n: number, x: number, incx: number): number;
  asum(n: number, x: number, incx: number): number;
  iamax(n: number, x: number, incx: number): number;
}

/** {@link dot} on two f64 buffers of equal length: Σ xᵢ·yᵢ. NaN and ±Infinity propagate. */
export function dotBuffer(x: WasmBuffer<"f64">, y: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  checkBuffer("y", y, "f64", x.length);
  return kernels<Level1Kernels>().dot(x.length, x.ptr, 1, y.ptr, 1);
}

/**
 * {@link axpy} on f64 buffers of equal length: out ← alpha·x + y. `out` may be y (BLAS daxpy, in
 * place) or x, or a third buffer. alpha must be finite; NaN and ±Infinity in x, y propagate.
 * @returns out
 */
export function axpyBuffer(out: WasmBuffer<"f64">, alpha: number, x: WasmBuffer<"f64">, y: WasmBuffer<"f64">): WasmBuffer<"f64"> {
  checkFinite("alpha", alpha);
  checkBuffer("x", x, "f64");
  checkBuffer("y", y, "f64", x.length);
  checkBuffer("out", out, "f64", x.length);
  checkSameOrDisjoint(out, "x", x);
  checkSameOrDisjoint(out, "y", y);
  const k = kernels<Level1Kernels>();
  const n = x.length;
  if (out.ptr === x.ptr && out.ptr !== y.ptr) {
    // out = x: scale it first, then add y (the kernel adds into its second operand).
    k.scal(n, alpha, out.ptr, 1);
    k.axpy(n, 1, y.ptr, 1, out.ptr, 1);
  } else {
    if (out.ptr !== y.ptr) k.copy(n, y.ptr, 1, out.ptr, 1);
    k.axpy(n, alpha, x.ptr, 1, out.ptr, 1);
  }
  return out;
}

/**
 * {@link scal} on f64 buffers of equal length: out ← alpha·x; `out` may be x (BLAS dscal, in
 * place). alpha must be finite; NaN and ±Infinity in x propagate.
 * @returns out
 */
export function scalBuffer(out: WasmBuffer<"f64">, alpha: number, x: WasmBuffer<"f64">): WasmBuffer<"f64"> {
  checkFinite("alpha", alpha);
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  checkSameOrDisjoint(out, "x", x);
  const k = kernels<Level1Kernels>();
  if (out.ptr !== x.ptr) k.copy(x.length, x.ptr, 1, out.ptr, 1);
  k.scal(x.length, alpha, out.ptr, 1);
  return out;
}

/** `out` is `other` itself or shares no memory with it (an entrywise kernel may run in place, not shifted). */
function checkSameOrDisjoint(out: WasmBuffer<"f64">, name: string, other: WasmBuffer<"f64">): void {
  if (out.ptr !== other.ptr) checkNoOverlap("out", out, name, other);
}

/** {@link nrm2} on an f64 buffer: the overflow-safe ‖x‖₂ (Blue's algorithm). */
export function nrm2Buffer(x: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  return kernels<Level1Kernels>().nrm2(x.length, x.ptr, 1);
}

/** {@link asum} on an f64 buffer: Σ |xᵢ|. */
export function asumBuffer(x: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  return kernels<Level1Kernels>().asum(x.length, x.ptr, 1);
}

/** {@link iamax} on an f64 buffer: the first index of the largest |xᵢ| (0-based), −1 when empty. */
export function iamaxBuffer(x: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  return kernels<Level1Kernels>().iamax(x.length, x.ptr, 1);
}
