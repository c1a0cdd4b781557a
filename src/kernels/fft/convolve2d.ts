// circularConvolve2d(X, A) and circularCorrelate2d(Y, A): 2-D circular convolution and adjoint.
import type { Matrix } from "../../matrix.js";
import { checkChoice, checkMatrix, checkOptions } from "../../validate.js";
import { checkLength } from "./check.js";
import type { CircularConvolveOptions } from "./convolve.js";
import { convolution2d } from "./convolve-buffer.js";
import { withFftPlans } from "./plans.js";

const METHODS = ["auto", "direct", "fft"] as const;

/**
 * The 2-D circular convolution Y = A ⊛ X, Y_{i,j} = Σ_{p,q} A_{p,q}·X_{(i−p) mod R, (j−q) mod C},
 * of an R×C matrix X (R, C ≥ 1) with a kernel A of at most R×C (zero-padded: placed at the
 * origin). Returns a new R×C matrix. Options as for `circularConvolve`. NaN and ±Infinity
 * propagate.
 */
export function circularConvolve2d(x: Matrix, a: Matrix, options?: CircularConvolveOptions): Matrix {
  return run("x", x, a, options, 0);
}

/**
 * The 2-D circular correlation Z_{i,j} = Σ_{p,q} A_{p,q}·Y_{(i+p) mod R, (j+q) mod C}, the
 * adjoint of {@link circularConvolve2d} in X: ⟨A ⊛ X, Y⟩ = ⟨X, circularCorrelate2d(Y, A)⟩.
 */
export function circularCorrelate2d(y: Matrix, a: Matrix, options?: CircularConvolveOptions): Matrix {
  return run("y", y, a, options, 1);
}

function run(name: string, x: unknown, a: unknown, options: CircularConvolveOptions | undefined, correlate: number): Matrix {
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
  checkOptions("options", options, ["method"]);
  const method = options?.method === undefined ? "auto" : checkChoice("method", options.method, METHODS);
  const c = convolution2d(rows, cols, kernel.rows, kernel.cols, method, correlate);
  const data = withFftPlans(c.plans, [rows * cols, kernel.data.length, rows * cols, c.workLength], (plans, s) => {
    const xb = s.f64From(signal.data);
    const ab = s.f64From(kernel.data);
    const out = s.f64(rows * cols);
    c.run(out.ptr, xb.ptr, ab.ptr, plans, s.f64(c.workLength).ptr);
    return out.toArray();
  });
  return { rows, cols, data };
}
