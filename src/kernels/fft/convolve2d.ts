// circularConvolve2d(X, A) and circularCorrelate2d(Y, A): 2-D circular convolution and adjoint.
import type { Matrix } from "../../matrix.js";
import { copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkChoice, checkMatrix, checkOptions } from "../../validate.js";
import { checkLength } from "./check.js";
import type { CircularConvolveOptions } from "./convolve.js";
import { convolution2d } from "./convolve-buffer.js";
import { withFftPlans } from "./plans.js";
import { checkShape as checkMatrixShape } from "../blas/gemm.js";

/** Options of the copying 2-D circular convolution and correlation. */
export interface CircularConvolve2dOptions extends CircularConvolveOptions {
  /**
   * Write the result here (R×C; it may be the signal) instead of a new matrix, and return it. A
   * {@link ResidentMatrix} is written in place, with no copy out of wasm memory.
   * @defaultValue undefined (a new matrix)
   */
  out?: Matrix;
}

const METHODS = ["auto", "direct", "fft"] as const;

/**
 * The 2-D circular convolution Y = A ⊛ X, Y_{i,j} = Σ_{p,q} A_{p,q}·X_{(i−p) mod R, (j−q) mod C},
 * of an R×C matrix X (R, C ≥ 1) with a kernel A of at most R×C (zero-padded: placed at the
 * origin). Returns a new R×C matrix, or `out`. Options as for `circularConvolve`; resident
 * matrices are read in place. NaN and ±Infinity propagate.
 */
export function circularConvolve2d(x: Matrix, a: Matrix, options?: CircularConvolve2dOptions): Matrix {
  return run("x", x, a, options, 0);
}

/**
 * The 2-D circular correlation Z_{i,j} = Σ_{p,q} A_{p,q}·Y_{(i+p) mod R, (j+q) mod C}, the
 * adjoint of {@link circularConvolve2d} in X: ⟨A ⊛ X, Y⟩ = ⟨X, circularCorrelate2d(Y, A)⟩.
 */
export function circularCorrelate2d(y: Matrix, a: Matrix, options?: CircularConvolve2dOptions): Matrix {
  return run("y", y, a, options, 1);
}

function run(name: string, x: unknown, a: unknown, options: CircularConvolve2dOptions | undefined, correlate: number): Matrix {
  const signal = checkMatrix(name, x);
  const kernel = checkMatrix("a", a);
  const { rows, cols } = signal;
  if (rows === 0 || cols === 0) {
    throw new RangeError(`invalid ${name}: expected at least one row and column, got a ${rows}×${cols} matrix`);
  }
  if (kernel.rows === 0 || kernel.cols === 0) {
    throw new RangeError(`invalid a: expected at least one row and column, got a ${kernel.rows}×${kernel.cols} matrix`);
  }
  if (kernel.rows > rows || kernel.cols > cols) {
    throw new RangeError(
      `invalid a: a ${kernel.rows}×${kernel.cols} kernel is larger than the ${rows}×${cols} signal`,
    );
  }
  checkLength(name, rows * cols);
  checkOptions("options", options, ["method", "out"]);
  const method = options?.method === undefined ? "auto" : checkChoice("method", options.method, METHODS);
  const out = options?.out === undefined ? undefined : checkMatrixShape("out", options.out, rows, cols);
  const c = convolution2d(rows, cols, kernel.rows, kernel.cols, method, correlate);
  const [ox, oa, oo] = [operand(signal.data), operand(kernel.data), operand(out?.data)];
  const scratch = [...copyLengths(ox, oa), resultScratchLength(oo, rows * cols, [ox, oa]), c.workLength];
  const data = withFftPlans(c.plans, scratch, (plans, s) => {
    const px = inputAddress(s, ox);
    const pa = inputAddress(s, oa);
    const target = resultTarget(s, oo, rows * cols, [ox, oa]);
    c.run(target.ptr, px, pa, plans, s.f64(c.workLength).ptr);
    return target.finish();
  });
  return out ?? { rows, cols, data };
}
