// The dictionary update: block-coordinate descent over the atoms on the sufficient statistics,
// each atom minimized exactly over the unit ball.
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import type { SufficientStatistics } from "./statistics.js";

/** Newton on the secular equation stops once | ‖d‖ − 1 | is at most this. */
const SECULAR_TOLERANCE = 1e-13;
const SECULAR_STEPS = 60;

/**
 * `passes` sweeps of block-coordinate descent on ½‖Y − AX‖² over A with ‖aⱼ‖ ≤ 1, the codes
 * fixed, from the statistics B, C (Mairal, Bach, Ponce & Sapiro, JMLR 2010, Algorithm 2): for
 * j = 1…K in turn, with the others fixed the fit is ½Bⱼⱼ‖aⱼ‖² − aⱼᵀu + const,
 *   u = cⱼ − A·bⱼ + Bⱼⱼ·aⱼ,
 * whose minimizer over the ball is aⱼ ← u / max(Bⱼⱼ, ‖u‖): each step is an exact block
 * minimization, so the fit never rises. With a mask the block is Σᵢ (½hᵢaᵢⱼ² − uᵢaᵢⱼ) with
 * hᵢ = B⁽ⁱ⁾ⱼⱼ, uᵢ = cᵢⱼ − (B⁽ⁱ⁾aᵢ)ⱼ + hᵢaᵢⱼ, a separable quadratic on the ball, minimized by
 * aᵢⱼ = uᵢ/(hᵢ + μ) with the multiplier μ ≥ 0 of ‖aⱼ‖ ≤ 1 (μ = 0 if that point is inside;
 * else the root of ‖a(μ)‖ = 1 by Newton on 1/‖a(μ)‖ − 1, which is concave and increasing in μ
 * so the iterates rise monotonically to it: Moré & Sorensen, SIAM J. Sci. Stat. Comput. 1983);
 * rows where hᵢ = 0 see no sample using the atom and get 0.
 *
 * Atoms no code uses (Bⱼⱼ = 0, all hᵢ = 0) are skipped and returned, for the caller to replace.
 * Returns the dead atoms' indices.
 */
export function updateAtoms(kern: SparseCodingKernels, stats: SufficientStatistics, A: WasmBuffer<"f64">, passes: number, scratch: WasmBuffer<"f64">): number[] {
  const K = stats.K;
  const dead: number[] = [];
  for (let j = 0; j < K; j++) if (!(stats.usage(j) > 0)) dead.push(j);
  const live = [...Array(K).keys()].filter((j) => !dead.includes(j));
  for (let pass = 0; pass < passes; pass++) {
    for (const j of live) {
      if (stats.masked) updateMaskedAtom(kern, stats, A, j, scratch);
      else updateAtom(kern, stats, A, j, scratch);
    }
  }
  return dead;
}

/** aⱼ ← u/max(Bⱼⱼ, ‖u‖), u = cⱼ − A·bⱼ + Bⱼⱼaⱼ (bⱼ = row j of the symmetric B). */
function updateAtom(kern: SparseCodingKernels, stats: SufficientStatistics, A: WasmBuffer<"f64">, j: number, scratch: WasmBuffer<"f64">): void {
  const { n, K } = stats;
  kern.gemv(0, n, K, 1, A.ptr, K, stats.B.ptr + 8 * j * K, 1, 0, scratch.ptr, 1);
  const a = A.view;
  const c = stats.C.view;
  const v = scratch.view;
  const bjj = stats.B.view[j * K + j];
  let norm2 = 0;
  for (let i = 0; i < n; i++) {
    const u = c[i * K + j] - v[i] + bjj * a[i * K + j];
    v[i] = u;
    norm2 += u * u;
  }
  const scale = 1 / Math.max(bjj, Math.sqrt(norm2));
  for (let i = 0; i < n; i++) a[i * K + j] = v[i] * scale;
}

/** The masked block: aᵢⱼ = uᵢ/(hᵢ + μ), μ ≥ 0 the multiplier of ‖aⱼ‖ ≤ 1. */
function updateMaskedAtom(kern: SparseCodingKernels, stats: SufficientStatistics, A: WasmBuffer<"f64">, j: number, scratch: WasmBuffer<"f64">): void {
  const { n, K } = stats;
  const a = A.view;
  const c = stats.C.view;
  const b = stats.B.view;
  const u = scratch.view.subarray(0, n);
  const h = scratch.view.subarray(n, 2 * n);
  for (let i = 0; i < n; i++) {
    const bi = i * K * K + j * K;
    h[i] = b[bi + j];
    u[i] = h[i] > 0 ? c[i * K + j] - kern.dot(K, stats.B.ptr + 8 * bi, 1, A.ptr + 8 * i * K, 1) + h[i] * a[i * K + j] : 0;
  }
  // q(μ) = ‖a(μ)‖ and q'(μ) = −Σ uᵢ²/(hᵢ + μ)³ / q.
  const norm = (mu: number): { q: number; dq: number } => {
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      if (u[i] === 0) continue;
      const d = h[i] + mu;
      s2 += (u[i] * u[i]) / (d * d);
      s3 += (u[i] * u[i]) / (d * d * d);
    }
    const q = Math.sqrt(s2);
    return { q, dq: q > 0 ? -s3 / q : 0 };
  };
  let mu = 0;
  let { q, dq } = norm(mu);
  for (let step = 0; step < SECULAR_STEPS && q > 1 + SECULAR_TOLERANCE; step++) {
    // Newton on φ(μ) = 1/q(μ) − 1: μ ← μ − φ/φ', φ' = −q'/q².
    mu += ((1 / q - 1) * q * q) / dq;
    ({ q, dq } = norm(mu));
  }
  for (let i = 0; i < n; i++) a[i * K + j] = u[i] === 0 ? 0 : u[i] / (h[i] + mu);
}
