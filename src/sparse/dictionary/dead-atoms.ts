// Dead atoms: atoms no code uses, replaced by the residuals of the worst-fitted samples.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { runtime } from "../../runtime/init.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";

/**
 * Replaces the atoms `dead` of A (n×K) — atoms whose row of the codes X (K×m) is zero, so that
 * the objective does not depend on them — by the normalized residuals rⱼ = yⱼ − Axⱼ (observed
 * entries only, with a mask) of the samples of the block Y (n×m) with the largest ‖rⱼ‖, one
 * distinct sample per atom (the remedy of K-SVD, Aharon, Elad & Bruckstein, IEEE Trans. Signal
 * Process. 2006, §IV-E). The objective is unchanged by the replacement; the next coding step
 * can only lower it, and does wherever ‖rⱼ‖ exceeds λ (the new atom then correlates with its
 * sample's residual by ‖rⱼ‖). Atoms for which no sample with a nonzero residual is left stay as
 * they are. Returns how many were replaced.
 */
export function replaceDeadAtoms(
  kern: SparseCodingKernels, A: WasmBuffer<"f64">, Y: WasmBuffer<"f64">, X: WasmBuffer<"f64">,
  n: number, K: number, m: number, mask: Uint8Array | undefined, dead: readonly number[],
): number {
  if (dead.length === 0 || m === 0) return 0;
  return runtime().arena.scope((s) => {
    const R = s.f64(n * m);
    const work = s.f64(kern.gemmWorkspaceSize(n, m, K));
    kern.copy(n * m, Y.ptr, 1, R.ptr, 1);
    kern.gemm(0, 0, n, m, K, -1, A.ptr, K, X.ptr, m, 1, R.ptr, m, work.ptr);
    const r = R.view;
    if (mask !== undefined) for (let t = 0; t < n * m; t++) if (mask[t] !== 1) r[t] = 0;
    const norms = new Float64Array(m);
    for (let t = 0; t < n * m; t++) norms[t % m] += r[t] * r[t];
    const worst = [...norms.keys()].filter((j) => norms[j] > 0).sort((a, b) => norms[b] - norms[a] || a - b);
    const a = A.view;
    let replaced = 0;
    for (const atom of dead) {
      if (replaced === worst.length) break;
      const j = worst[replaced++];
      const scale = 1 / Math.sqrt(norms[j]);
      for (let i = 0; i < n; i++) a[i * K + atom] = r[i * m + j] * scale;
    }
    return replaced;
  });
}
