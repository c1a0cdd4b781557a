// svdValues(A): the singular values alone over the wasm `svdValues` kernel.
import type { Matrix } from "../../matrix.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkFiniteMatrix } from "./solve-common.js";

interface SvdValuesKernel {
  svdValues(s: number, m: number, n: number, a: number, lda: number, work: number): number;
  svdWorkspaceSize(m: number, n: number): number;
}

/**
 * The k = min(m, n) singular values of an m×n matrix, descending and ≥ 0 — {@link svd} without
 * the singular vectors: Golub–Kahan bidiagonalization (4mnk − 4k³/3 flops) then the
 * implicit-shift bidiagonal QR iteration, O(k²).
 *
 * Accuracy: backward stable; each singular value has absolute error ≈ ε·σ₁. Non-finite input
 * (NaN, ±Infinity) is rejected with a RangeError.
 *
 * @throws TypeError if `a` is not a matrix.
 * @throws RangeError if `a` has a non-finite entry.
 * @throws Error if the QR iteration does not converge within 6k² + 100 rotations (LAPACK’s cap; random matrices need ≈ 0.9k²).
 */
export function svdValues(a: Matrix): Float64Array {
  checkFiniteMatrix("a", a);
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const kern = kernels<SvdValuesKernel>();
  return runtime().arena.scope((s) => {
    const workLength = kern.svdWorkspaceSize(m, n);
    s.reserve({ f64: [m * n, k, workLength] });
    const ab = s.f64From(a.data);
    const sv = s.f64(k);
    const work = s.f64(workLength);
    const info = kern.svdValues(sv.ptr, m, n, ab.ptr, n, work.ptr);
    if (info !== 0) {
      throw new Error(`svdValues: the bidiagonal QR iteration did not converge (${info} of ${k} singular values left)`);
    }
    return sv.toArray();
  });
}
