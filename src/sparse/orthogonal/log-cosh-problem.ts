// The smoothed sparsity objective of one atom over the sphere, f(q) = (1/p)·Σⱼ h_μ(qᵀyⱼ), on data
// resident in wasm memory.
import { sphere } from "../../manifolds/sphere.js";
import type { Problem } from "../../problems/problem.js";
import { ResidentData, type ResidentBuffers, type ResidentKernels } from "../../problems/resident.js";
import { checkVector } from "../../validate.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { StridedData } from "./deflation.js";

/** The kernels the problem calls. */
export type LogCoshKernels = ResidentKernels & OrthogonalKernels;

type Scratch = "x" | "out" | "z" | "t" | "w" | "v";

/**
 * min over the unit sphere S^{m−1} of f(q) = (1/p)·Σⱼ h_μ(qᵀyⱼ), h_μ(z) = μ·log cosh(z/μ), for the
 * m×p data Y (samples as columns, resident in wasm): the formulation of Sun, Qu & Wright
 * ("Complete dictionary recovery over the sphere I: overview and the geometric picture", IEEE
 * Trans. IT 63(2), 2017, eq. (1.3)). h_μ is a smooth surrogate of |z| (|z| − μ·log 2 ≤ h_μ(z) ≤
 * |z|), so f is a smoothed ℓ¹ norm of the row qᵀY; for Y = A₀X with A₀ orthogonal and X
 * Bernoulli–Gaussian, its minimizers are within O(μ) of ±the columns of A₀ and all its other
 * critical points are strict saddles or maxima (op. cit., Theorem II.1).
 *
 * Derivatives of the extension to ℝᵐ, with z = Yᵀq: ∇f̄(q) = (1/p)·Y·tanh(z/μ),
 * ∇²f̄(q)[u] = (1/p)·Y·(sech²(z/μ)/μ ⊙ Yᵀu); the kernel computes h, tanh and sech² in one pass
 * (`logCoshDerivatives`), remembered for the last point so that the cost, gradient and Hessian
 * products at one point share it. Every product is a gemv on the resident data; only m-vectors
 * cross into JavaScript.
 *
 * The data stay where they are (the caller keeps them alive); the problem's scratch lives in wasm
 * while it is retained (as solvers and derivative checks do) and evaluating it otherwise throws.
 * An internal building block of `learnOrthogonalDictionary`'s "sphere" method.
 */
export function logCoshProblem(data: StridedData, mu: number, kern: LogCoshKernels): Problem<Float64Array> {
  const { ptr, rows: m, cols: p, ld } = data;
  const resident = new ResidentData<Scratch>({}, { x: m, out: m, z: p, t: p, w: p, v: p });
  let cost = NaN;

  /** The scratch buffers, with z = Yᵀq, t = tanh(z/μ), w = sech²(z/μ)/μ and the cost of q in them. */
  const at = (q: Float64Array): ResidentBuffers<Scratch> => {
    checkVector("q", q, m);
    const b = resident.buffers();
    if (b === null) throw new Error("logCoshProblem: evaluate it while retained (as the solvers and derivative checks do)");
    resident.ensure("z", q, () => {
      b.x.view.set(q);
      kern.gemv(1, m, p, 1, ptr, ld, b.x.ptr, 1, 0, b.z.ptr, 1);
      cost = kern.logCoshDerivatives(b.t.ptr, b.w.ptr, b.z.ptr, mu, p) / p;
    });
    return b;
  };
  /** (1/p)·Y·s for the p-vector s in wasm. */
  const timesY = (b: ResidentBuffers<Scratch>, s: number): Float64Array => {
    kern.gemv(0, m, p, 1 / p, ptr, ld, s, 1, 0, b.out.ptr, 1);
    return b.out.toArray();
  };

  return {
    manifold: sphere(m),
    cost: (q) => {
      at(q);
      return cost;
    },
    egrad: (q) => {
      const b = at(q);
      return timesY(b, b.t.ptr);
    },
    ehessVec: (q, u) => {
      const b = at(q);
      b.x.view.set(checkVector("u", u, m));
      kern.gemv(1, m, p, 1, ptr, ld, b.x.ptr, 1, 0, b.v.ptr, 1);
      kern.scaleColumns(b.v.ptr, b.v.ptr, p, b.w.ptr, 1, p);
      return timesY(b, b.v.ptr);
    },
    retain: () => resident.retain(),
  };
}
