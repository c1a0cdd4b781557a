// brockett(A, k): min tr(XᵀAXN) on the Stiefel manifold St(n, k), N = diag(k, …, 1).
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { checkMat } from "../manifolds/manifold.js";
import { stiefel, type StiefelOptions } from "../manifolds/stiefel.js";
import { checkInteger, checkOptions } from "../validate.js";
import type { Problem } from "./problem.js";
import { ResidentData, residentProduct } from "./resident.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/** Options for {@link brockett}. */
export interface BrockettOptions {
  /**
   * The Stiefel retraction (see `stiefel`); "polar" is second order, "qr" is not.
   * @defaultValue "qr"
   */
  retraction?: StiefelOptions["retraction"];
}

/** X·N for N = diag(k, k−1, …, 1), times `scale`: column j scaled by scale·(k − j). */
function timesN(x: Matrix, scale: number): Matrix {
  const { rows, cols } = x;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = scale * (cols - j) * x.data[i * cols + j];
  }
  return { rows, cols, data: out };
}

/**
 * The Brockett cost min f(X) = tr(XᵀAXN) over St(n, k) = { X ∈ ℝ^{n×k} : XᵀX = I }, A symmetric
 * n×n, N = diag(k, k−1, …, 1): ∇f̄(X) = 2AXN, ∇²f̄(X)[U] = 2AUN. With distinct eigenvalues
 * λ₁ < … < λ_n of A, the global minimizers are X = [±v₁, …, ±v_k] (eigenvectors of the k smallest
 * eigenvalues, in ascending order), with value Σⱼ (k − j + 1)·λⱼ.
 * (Brockett 1991; Absil, Mahony & Sepulchre 2008, §4.8.)
 *
 * A is copied. While retained (`retain`, as solvers do), A stays in wasm memory and each product
 * copies only the n×k factors. NaN/Inf: rejected in A (RangeError); in X they propagate.
 *
 * @param A a finite, square, symmetric matrix (within 1.5e-8·max|aᵢⱼ|), n ≥ 1.
 * @param k the number of columns, an integer with 1 ≤ k ≤ n.
 * @throws TypeError / RangeError for a bad A, k, or option.
 */
export function brockett(A: Matrix, k: number, options: BrockettOptions = {}): Problem<Matrix> {
  const a = checkSymmetricMatrix("A", A);
  const n = a.rows;
  checkInteger("k", k, 1, n);
  checkOptions("brockett options", options, ["retraction"]);
  const m: Matrix = { rows: n, cols: n, data: a.data.slice() };
  const manifold = stiefel(n, k, options.retraction === undefined ? {} : { retraction: options.retraction });
  const resident = new ResidentData<"A">({ A: m.data });
  /** A·X, by the resident A when retained, else by the copying wrapper. */
  const times = (x: Matrix): Matrix => {
    const b = resident.buffers();
    if (b === null) return gemm(m, x);
    checkMat("X", x, n, k);
    return residentProduct(false, b.A, n, n, 1, x, k);
  };
  return {
    manifold,
    cost: (x) => {
      // tr(XᵀAXN) = Σⱼ (k − j)·⟨X[:, j], (AX)[:, j]⟩ (0-based j).
      const ax = times(x);
      let s = 0;
      for (let i = 0; i < x.rows; i++) {
        for (let j = 0; j < k; j++) s += (k - j) * x.data[i * k + j] * ax.data[i * k + j];
      }
      return s;
    },
    egrad: (x) => timesN(times(x), 2),
    ehessVec: (_x, u) => timesN(times(u), 2),
    retain: () => resident.retain(),
  };
}
