// procrustes(A, B): min ‖AQ − B‖²_F over the orthogonal group O(n) (or SO(n)), and its closed-form minimizer.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { polar } from "../kernels/linalg/polar.js";
import { svd } from "../kernels/linalg/svd.js";
import { determinant } from "../manifolds/determinant.js";
import { checkMat } from "../manifolds/manifold.js";
import { orthogonalGroup } from "../manifolds/orthogonal.js";
import type { StiefelOptions } from "../manifolds/stiefel.js";
import { checkAllFinite, checkBoolean, checkMatrix, checkOptions, describe } from "../validate.js";
import { kernels, runtime } from "../runtime/init.js";
import type { Problem } from "./problem.js";
import { ResidentData, residentProduct, type ResidentBuffers, type ResidentKernels } from "./resident.js";

/** Options for {@link procrustes}. */
export interface ProcrustesOptions {
  /**
   * The retraction of O(n) (see `orthogonalGroup`); "polar" is second order, "qr" is not.
   * @defaultValue "qr"
   */
  retraction?: StiefelOptions["retraction"];
  /**
   * Minimize over the rotations SO(n) (`orthogonalGroup(n, { special: true })`) instead of O(n).
   * On O(n) a start with det = −1 can only reach the best reflection (see {@link procrustes}).
   * @defaultValue false
   */
  special?: boolean;
}

/** Options for {@link procrustesSolution}. */
export interface ProcrustesSolutionOptions {
  /**
   * The minimizer over SO(n) (Kabsch's rotation) instead of O(n).
   * @defaultValue false
   */
  special?: boolean;
}

/** Checks A and B: finite m×n matrices of the same shape with m, n ≥ 1. */
function checkPair(A: unknown, B: unknown): [Matrix, Matrix] {
  const a = checkMatrix("A", A);
  const b = checkMatrix("B", B);
  if (a.rows === 0 || a.cols === 0) throw new RangeError(`invalid A: expected a non-empty matrix, got ${describe(a)}`);
  if (b.rows !== a.rows || b.cols !== a.cols) {
    throw new RangeError(`invalid B: expected a ${a.rows}×${a.cols} matrix (the shape of A), got ${describe(b)}`);
  }
  checkAllFinite("A", a.data);
  checkAllFinite("B", b.data);
  return [a, b];
}

/**
 * The orthogonal Procrustes problem min f(Q) = ‖AQ − B‖²_F over Q ∈ O(n), A and B m×n (Q acts on
 * the right, rotating the n columns: it aligns the rows of A with those of B). With the residual
 * R = AQ − B: ∇f̄(Q) = 2AᵀR, ∇²f̄(Q)[U] = 2AᵀA·U. Since ‖AQ‖_F = ‖A‖_F on O(n),
 * f(Q) = ‖A‖² + ‖B‖² − 2·tr(QᵀAᵀB), minimized by the polar factor of AᵀB (see
 * {@link procrustesSolution}; Schönemann 1966; Golub & Van Loan, *Matrix Computations*, §6.4.1).
 * At that minimizer, with σ₁ … σ_n the singular values of AᵀB, the Riemannian Hessian has the
 * eigenvalues σₐ + σ_b (a < b): positive definite when AᵀB has at most one zero singular value.
 * Cost and gradient share the residual (`costAndGrad`); AᵀA is formed once for the Hessian.
 *
 * O(n) has two components (det = ±1) and the solvers never leave the one they start in: from a
 * random start (Haar on O(n)), half of the runs can reach only the best point of the other
 * component — the best reflection when Q* is a rotation, or the reverse. With `special: true` the
 * manifold is SO(n) (random starts are rotations, x0 must be one) and the solvers reach the best
 * rotation, Kabsch's solution (`procrustesSolution(A, B, { special: true })`): on SO(n) the
 * function tr(QᵀAᵀB) has no local maximum other than it when the singular values of AᵀB are
 * distinct (the critical points are U·D·Vᵀ with D = diag(±1), det D = det(UVᵀ); any other sign
 * pattern can be improved by flipping a pair of signs).
 *
 * A and B are copied. While retained (`retain`, as solvers do), A, B, AᵀA and an m×n residual
 * scratch stay in wasm memory (the residual is reused by the next cost or gradient at the same Q);
 * each call copies only the n×n matrices. NaN/Inf: rejected in A and B (RangeError); in Q they propagate.
 *
 * @param A an m×n finite matrix, m, n ≥ 1.
 * @param B an m×n finite matrix.
 * @throws TypeError / RangeError for bad matrices, mismatched shapes or a bad option.
 */
export function procrustes(A: Matrix, B: Matrix, options: ProcrustesOptions = {}): Problem<Matrix> {
  const [a0, b0] = checkPair(A, B);
  checkOptions("procrustes options", options, ["retraction", "special"]);
  const special = checkBoolean("special", options.special ?? false);
  const a: Matrix = { rows: a0.rows, cols: a0.cols, data: a0.data.slice() };
  const b: Matrix = { rows: b0.rows, cols: b0.cols, data: b0.data.slice() };
  const manifold = orthogonalGroup(a.cols, { ...(options.retraction === undefined ? {} : { retraction: options.retraction }), special });
  const ata = gemm(a, a, { transA: true });
  const rows = a.rows, n = a.cols;
  const resident = new ResidentData<"A" | "B" | "AtA" | "R">({ A: a.data, B: b.data, AtA: ata.data }, { R: rows * n });
  const residual = (q: Matrix): Matrix => gemm(a, q, { beta: -1, C: b });
  const squaredNorm = (r: Matrix): number => {
    let s = 0;
    for (const v of r.data) s += v * v;
    return s;
  };
  /** With A and B resident: the residual AQ − B in the scratch R (kept for the next call at Q); its squared norm. */
  const residentResidual = (bufs: ResidentBuffers<"A" | "B" | "AtA" | "R">, q: Matrix): number => {
    checkMat("Q", q, n, n);
    resident.ensure("R", q.data, () => {
      const kern = kernels<ResidentKernels>();
      kern.copy(rows * n, bufs.B.ptr, 1, bufs.R.ptr, 1);
      runtime().arena.scope((s) => {
        const qb = s.f64From(q.data);
        const work = s.f64(kern.gemmWorkspaceSize(rows, n, n));
        kern.gemm(0, 0, rows, n, n, 1, bufs.A.ptr, n, qb.ptr, n, -1, bufs.R.ptr, n, work.ptr);
      });
    });
    return kernels<ResidentKernels>().dot(rows * n, bufs.R.ptr, 1, bufs.R.ptr, 1);
  };
  const costAndGrad = (q: Matrix): { cost: number; egrad: Matrix } => {
    const bufs = resident.buffers();
    if (bufs === null) {
      const r = residual(q);
      return { cost: squaredNorm(r), egrad: gemm(a, r, { transA: true, alpha: 2 }) };
    }
    const cost = residentResidual(bufs, q);
    return { cost, egrad: residentProduct(true, bufs.A, n, rows, 2, bufs.R, n) };
  };
  return {
    manifold,
    cost: (q) => {
      const bufs = resident.buffers();
      return bufs === null ? squaredNorm(residual(q)) : residentResidual(bufs, q);
    },
    egrad: (q) => costAndGrad(q).egrad,
    costAndGrad,
    ehessVec: (_q, u) => {
      const bufs = resident.buffers();
      if (bufs === null) return gemm(ata, u, { alpha: 2 });
      checkMat("U", u, n, n);
      return residentProduct(false, bufs.AtA, n, n, 2, u, n);
    },
    retain: () => resident.retain(),
  };
}

/**
 * The global minimizer Q* = polar factor of AᵀB (= UVᵀ for AᵀB = UΣVᵀ) of ‖AQ − B‖²_F over O(n):
 * tr(QᵀUΣVᵀ) = tr((UᵀQV)ᵀΣ) ≤ Σσᵢ with equality at Q = UVᵀ. (For the left-acting form
 * min ‖QA − B‖ the minimizer would be the polar factor of BAᵀ instead.) Unique when AᵀB is
 * nonsingular; otherwise one of the minimizers. Q* may have determinant −1 (a reflection).
 *
 * With `special: true`, the minimizer over the rotations SO(n): Q* = U·diag(1, …, 1, d)·Vᵀ with
 * d = det(UVᵀ) (Kabsch, "A solution for the best rotation to relate two sets of vectors", Acta
 * Cryst. A32, 1976; Umeyama, IEEE TPAMI 13(4), 1991, Lemma): the polar factor when it is a
 * rotation, else UVᵀ − 2·uₙvₙᵀ, the sign of the smallest singular value's pair flipped. Unique
 * when σ_{n−1} > 0 and, in the flipped case, σ_{n−1} > σₙ.
 *
 * @throws TypeError / RangeError for bad matrices, mismatched shapes or a bad option.
 */
export function procrustesSolution(A: Matrix, B: Matrix, options: ProcrustesSolutionOptions = {}): Matrix {
  const [a, b] = checkPair(A, B);
  checkOptions("procrustesSolution options", options, ["special"]);
  const special = checkBoolean("special", options.special ?? false);
  const m = gemm(a, b, { transA: true });
  const q = polar(m).Q;
  if (!special || determinant(q) > 0) return q;
  const { U, V } = svd(m);
  const n = m.rows;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) q.data[i * n + j] -= 2 * U.data[i * n + n - 1] * V.data[j * n + n - 1];
  }
  return q;
}
