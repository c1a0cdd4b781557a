// One step of orthogonal matching pursuit (OMP: Pati, Rezaiifar & Krishnaprasad 1993) on a block
// of codes, each row its own signal y, in the Cholesky-updated "Batch-OMP" form of Rubinstein,
// Zibulevsky & Elad ("Efficient implementation of the K-SVD algorithm using Batch Orthogonal
// Matching Pursuit", Technion CS-2008-08, §2–3), which needs only G = AᵀA, b = Aᵀy and ‖y‖²:
//   select  j = argmax over unselected atoms of αⱼ²/Gⱼⱼ (α = Aᵀr, so |aⱼᵀr|/‖aⱼ‖; first index on ties);
//   update  w = L⁻¹G[I, j], d = Gⱼⱼ − ‖w‖², L ← [[L, 0], [wᵀ, √d]]   (L Lᵀ = G[I, I], I ← I ∪ {j});
//   solve   c = L⁻ᵀL⁻¹ b[I]   the least-squares coefficients on the support (y ≈ A[:, I]·c);
//   then    α = b − G[:, I]·c (set to 0 on I) and ‖r‖² = ‖y‖² − cᵀb[I]  (= ‖y‖² − ‖A[:, I]c‖²).
// status per row after the step: 0 go on; 1 the support holds maxAtoms atoms; 2 ‖r‖² ≤
// tolerance (takes precedence over 1); 3 no atom was added: every αⱼ is 0, or the best atom lies
// in the span of the support to working precision (d ≤ 1e-12·Gⱼⱼ, which would make L singular).
// Layout, per row r (row-major, contiguous): b, alpha: k f64; coef: maxAtoms f64; support:
// maxAtoms i32; chol: maxAtoms² f64 (lower triangle, row stride maxAtoms); count (i32) and
// residual (f64, ‖r‖²): one per row; yy: ‖y‖² per row. Start a row with alpha = b, count = 0,
// residual = yy. gram: k×k, row-major, symmetric, positive diagonal.
import { vaxpy } from "../vector";

const DEPENDENT: f64 = 1e-12;

export function ompStep(
  rows: i32, k: i32, maxAtoms: i32, gram: usize, b: usize, yy: usize, tolerance: f64,
  alpha: usize, coef: usize, support: usize, chol: usize, count: usize, residual: usize, status: usize,
): void {
  const rowBytes = <usize>k << 3;
  const s = <usize>maxAtoms;
  for (let r = 0; r < rows; r++) {
    const ar = alpha + <usize>r * rowBytes;
    const br = b + <usize>r * rowBytes;
    const cr = coef + ((<usize>r * s) << 3);
    const ir = support + ((<usize>r * s) << 2);
    const lr = chol + ((<usize>r * s * s) << 3);
    const ro = <usize>r << 3;
    const n = load<i32>(count + (<usize>r << 2));
    // Select the atom most correlated with the residual (selected atoms have α = 0 exactly).
    let best = -1;
    let bestScore: f64 = 0;
    for (let j = 0; j < k; j++) {
      const a = load<f64>(ar + (<usize>j << 3));
      const score = (a * a) / load<f64>(gram + <usize>j * rowBytes + (<usize>j << 3));
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    if (best < 0) {
      store<i32>(status + (<usize>r << 2), 3);
      continue;
    }
    const gj = gram + <usize>best * rowBytes; // row j of G = column j
    const gjj = load<f64>(gj + (<usize>best << 3));
    // Forward solve L w = G[I, j] into row n of L.
    const ln = lr + ((<usize>n * s) << 3);
    let ww: f64 = 0;
    for (let t = 0; t < n; t++) {
      let v = load<f64>(gj + (<usize>load<i32>(ir + (<usize>t << 2)) << 3));
      const lt = lr + ((<usize>t * s) << 3);
      for (let u = 0; u < t; u++) v -= load<f64>(lt + (<usize>u << 3)) * load<f64>(ln + (<usize>u << 3));
      v /= load<f64>(lt + (<usize>t << 3));
      store<f64>(ln + (<usize>t << 3), v);
      ww += v * v;
    }
    const d = gjj - ww;
    if (!(d > DEPENDENT * gjj)) {
      store<i32>(status + (<usize>r << 2), 3);
      continue;
    }
    store<f64>(ln + (<usize>n << 3), Math.sqrt(d));
    store<i32>(ir + (<usize>n << 2), best);
    const m = n + 1;
    // c = L⁻ᵀ L⁻¹ b[I]: forward then backward substitution, in place in coef.
    for (let t = 0; t < m; t++) {
      const lt = lr + ((<usize>t * s) << 3);
      let v = load<f64>(br + (<usize>load<i32>(ir + (<usize>t << 2)) << 3));
      for (let u = 0; u < t; u++) v -= load<f64>(lt + (<usize>u << 3)) * load<f64>(cr + (<usize>u << 3));
      store<f64>(cr + (<usize>t << 3), v / load<f64>(lt + (<usize>t << 3)));
    }
    for (let t = m - 1; t >= 0; t--) {
      let v = load<f64>(cr + (<usize>t << 3));
      for (let u = t + 1; u < m; u++) {
        v -= load<f64>(lr + ((<usize>u * s + <usize>t) << 3)) * load<f64>(cr + (<usize>u << 3));
      }
      store<f64>(cr + (<usize>t << 3), v / load<f64>(lr + ((<usize>t * s + <usize>t) << 3)));
    }
    // α = b − G[:, I]·c, exactly 0 on the support; ‖r‖² = ‖y‖² − cᵀb[I].
    memory.copy(ar, br, rowBytes);
    let fit: f64 = 0;
    for (let t = 0; t < m; t++) {
      const i = <usize>load<i32>(ir + (<usize>t << 2));
      const c = load<f64>(cr + (<usize>t << 3));
      vaxpy(k, -c, gram + i * rowBytes, ar);
      fit += c * load<f64>(br + (i << 3));
    }
    for (let t = 0; t < m; t++) store<f64>(ar + (<usize>load<i32>(ir + (<usize>t << 2)) << 3), 0);
    const rr = load<f64>(yy + ro) - fit;
    store<i32>(count + (<usize>r << 2), m);
    store<f64>(residual + ro, rr);
    store<i32>(status + (<usize>r << 2), rr <= tolerance ? 2 : m >= maxAtoms ? 1 : 0);
  }
}
