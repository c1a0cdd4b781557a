// rayleighQuotient(A): min xᵀAx on the unit sphere.
import type { Matrix } from "../matrix.js";
import { dot } from "../kernels/blas/dot.js";
import { gemv } from "../kernels/blas/gemv.js";
import { sphere } from "../manifolds/sphere.js";
import { checkVector } from "../validate.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { kernels, runtime } from "../runtime/init.js";
import type { Problem } from "./problem.js";
import { ResidentData, type ResidentKernels } from "./resident.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/**
 * The Rayleigh quotient problem min f(x) = xᵀAx over the unit sphere S^{n−1}, A symmetric n×n:
 * ∇f̄(x) = 2Ax, ∇²f̄(x)[u] = 2Au. The critical points are the unit eigenvectors of A; the global
 * minimizers are ± the eigenvector of the smallest eigenvalue λ₁ (minimum value λ₁).
 * (Absil, Mahony & Sepulchre 2008, §4.6; Boumal 2023, §2.3.)
 *
 * A is copied. While retained (`retain`, as solvers do), A stays in wasm memory and each product
 * copies only the vectors. NaN/Inf: rejected in A (RangeError); in x they propagate.
 *
 * @param A a finite, square, symmetric matrix (within 1.5e-8·max|aᵢⱼ|, as `eigh`), n ≥ 1.
 * @throws TypeError if A is not a matrix; RangeError if it is empty, not square, not finite or not symmetric.
 */
export function rayleighQuotient(A: Matrix): Problem<Float64Array> {
  const a = checkSymmetricMatrix("A", A);
  const m: Matrix = { rows: a.rows, cols: a.cols, data: a.data.slice() };
  const n = m.rows;
  const resident = new ResidentData<"A">({ A: m.data });
  /** Runs `body` on wasm copies of x and y = alpha·A·x (the resident A), in an arena scope. */
  const product = <T>(A: WasmBuffer<"f64">, x: Float64Array, alpha: number, body: (xp: number, y: WasmBuffer<"f64">) => T): T => {
    checkVector("x", x, n);
    return runtime().arena.scope((s) => {
      const xb = s.f64From(x);
      const yb = s.f64(n);
      kernels<ResidentKernels>().gemv(0, n, n, alpha, A.ptr, n, xb.ptr, 1, 0, yb.ptr, 1);
      return body(xb.ptr, yb);
    });
  };
  const times = (x: Float64Array, alpha: number): Float64Array => {
    const b = resident.buffers();
    return b === null ? gemv(m, x, { alpha }) : product(b.A, x, alpha, (_xp, y) => y.toArray());
  };
  return {
    manifold: sphere(n),
    cost: (x) => {
      const b = resident.buffers();
      if (b === null) return dot(x, gemv(m, x));
      return product(b.A, x, 1, (xp, y) => kernels<ResidentKernels>().dot(n, xp, 1, y.ptr, 1));
    },
    egrad: (x) => times(x, 2),
    ehessVec: (_x, u) => times(u, 2),
    retain: () => resident.retain(),
  };
}
