// The split-complex results of the copying transforms (fft, rfft): the interleaved (re, im) pairs
// a kernel left in wasm memory, split by a SIMD kernel into re[] and im[] straight into a resident
// `out` or into scratch, then copied out with one bulk copy per array.
import { runtime } from "../../runtime/init.js";
import { copyOut, operand, sharesMemory, type Operand } from "../../runtime/operands.js";
import { checkOptions, checkVector, describe } from "../../validate.js";
import type { ComplexArrays } from "./fft.js";
import type { FftKernels } from "./kernels.js";

/** Checks `value` as the `out` of a complex result of `length` entries: two arrays that share no memory. */
export function checkComplexOut(value: unknown, length: number): ComplexArrays | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`invalid out: expected { re, im } Float64Arrays, got ${describe(value)}`);
  }
  checkOptions("out", value, ["re", "im"]);
  const { re, im } = value as Partial<ComplexArrays>;
  checkVector("out.re", re, length);
  checkVector("out.im", im, length);
  if (sharesMemory(re as Float64Array, im as Float64Array)) {
    throw new RangeError("invalid out: out.re and out.im must not share memory");
  }
  return value as ComplexArrays;
}

/** The `out` of a complex result with where its arrays live, taken before any allocation. */
export interface ComplexOut {
  readonly arrays: ComplexArrays;
  readonly re: Operand;
  readonly im: Operand;
}

/** The {@link ComplexOut} of `out` (undefined stays undefined). */
export function complexOut(out: ComplexArrays | undefined): ComplexOut | undefined {
  return out === undefined ? undefined : { arrays: out, re: operand(out.re), im: operand(out.im) };
}

/** The f64 of scratch {@link splitResult} needs: room for each half of `out` that is not resident. */
export function splitScratchLength(out: ComplexOut | undefined, length: number): number {
  const resident = (o: Operand | undefined) => o !== undefined && o.address >= 0;
  return (resident(out?.re) ? 0 : length) + (resident(out?.im) ? 0 : length);
}

/**
 * Splits the `length` interleaved complex numbers at byte address `pairs` into `out` or new
 * arrays. With `reversed`, entry j takes pair (length − j) mod length, scaled by 1/length (the
 * inverse DFT from the forward one). `scratch` is the byte address of {@link splitScratchLength}
 * f64 that do not overlap `pairs` (unused when that is 0).
 */
export function splitResult(pairs: number, length: number, out: ComplexOut | undefined, reversed: boolean, scratch: number): ComplexArrays {
  const place = (o: Operand | undefined): number => {
    if (o !== undefined && o.address >= 0) return o.address;
    const q = scratch;
    scratch += 8 * length;
    return q;
  };
  const pRe = place(out?.re);
  const pIm = place(out?.im);
  const k = runtime().exports as unknown as FftKernels;
  if (reversed) k.deinterleaveComplexReversed(pRe, pIm, pairs, length, 1 / length);
  else k.deinterleaveComplex(pRe, pIm, pairs, length);
  const memory = runtime().memory.buffer;
  const result = (o: Operand | undefined, p: number) =>
    o !== undefined && o.address === p ? o.array : copyOut(new Float64Array(memory, p, length), o?.array);
  const re = result(out?.re, pRe);
  const im = result(out?.im, pIm);
  return out?.arrays ?? { re, im };
}
