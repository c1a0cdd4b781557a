// The Lipschitz constant of ∇(½‖y − Ax‖²), λ_max(AᵀA), by the power method on resident buffers.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { Rng } from "../../data/rng.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";

/** The power method stops once the Rayleigh quotient changes by at most this, relatively. */
const CHANGE = 1e-10;
const MAX_ITERATIONS = 500;

/**
 * λ_max(AᵀA) for the n×K matrix A (or from G = AᵀA when given) by the power method from a
 * random unit start (Golub & Van Loan, Matrix Computations, 4th ed., §8.2.1): v ← AᵀAv/‖AᵀAv‖
 * until the Rayleigh quotient vᵀAᵀAv changes by at most 1e-10 relatively (at most 500 steps).
 * The Rayleigh quotient approaches λ_max from below; near-equal top eigenvalues slow the
 * convergence of v but not of the quotient, which is then already within their spread.
 * Cost per step: 2K² flops through G, 4nK through A.
 */
export function largestEigenvalue(
  kern: SparseCodingKernels, scope: ArenaScope, A: WasmBuffer<"f64">, G: WasmBuffer<"f64"> | null,
  n: number, K: number, rng: Rng,
): number {
  const v = scope.f64From(rng.normalArray(K));
  const w = scope.f64(K);
  const t = scope.f64(n);
  const apply = (): void => {
    if (G !== null) kern.gemv(0, K, K, 1, G.ptr, K, v.ptr, 1, 0, w.ptr, 1);
    else {
      kern.gemv(0, n, K, 1, A.ptr, K, v.ptr, 1, 0, t.ptr, 1);
      kern.gemv(1, n, K, 1, A.ptr, K, t.ptr, 1, 0, w.ptr, 1);
    }
  };
  const normalize = (x: WasmBuffer<"f64">): number => {
    const norm = Math.sqrt(kern.dot(K, x.ptr, 1, x.ptr, 1));
    const view = x.view;
    for (let i = 0; i < K; i++) view[i] /= norm;
    return norm;
  };
  normalize(v);
  let rho = 0;
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    apply();
    const next = kern.dot(K, v.ptr, 1, w.ptr, 1);
    kern.copy(K, w.ptr, 1, v.ptr, 1);
    if (!(normalize(v) > 0)) return next;
    if (Math.abs(next - rho) <= CHANGE * next) return next;
    rho = next;
  }
  return rho;
}
