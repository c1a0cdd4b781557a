// Householder QR with column pivoting, A·P = Q·R: the rank-revealing first step of the
// least-squares driver (LAPACK xGELSY, which calls xGEQP3). Column-major storage and the factored
// form of qr.ts (R on and above the diagonal, the reflectors' vectors below it, τ apart); the
// permutation P is returned as jpvt.
import { nrm2 } from "../blas/nrm2";
import { vswap } from "../vector";
import { householder, reflectColumns } from "./householder";

// √ε (ε = 2⁻⁵²): below this, a downdated column norm has lost about half its digits to
// cancellation and is recomputed (the threshold of LAPACK ≥ 3.1, after Drmač & Bujanović 2008).
const TOL3Z: f64 = 1.4901161193847656e-8;

// qrPivotFactor: A·P = Q·R by Householder reflections with column pivoting (Businger & Golub
// 1965; Golub & Van Loan, Matrix Computations 4th ed., Algorithm 5.4.1). f: m×n column-major
// (any m, n ≥ 0), overwritten by the factored form; tau: min(m, n) f64; jpvt: n i32, on return
// column j of A·P is column jpvt[j] of A; work: 2n f64 (the partial column norms and the norms
// they were last computed from).
//
// Step j brings the remaining column of largest norm below row j (the first one on ties) to
// position j, so |R₀₀| ≥ |R₁₁| ≥ … and every |Rⱼⱼ| ≥ the norm of each later column of R(j:, j:):
// a numerically rank-deficient A shows as a small trailing block. The partial norms are
// downdated after each step, ‖x(j+1:)‖² = ‖x(j:)‖² − x_j², and recomputed when that subtraction
// cancels (Drmač & Bujanović, "On the failure of rank-revealing QR factorization software — a
// case study", ACM TOMS 35(2), 2008). R's diagonal is non-negative (the reflectors of qr.ts).
// Backward stable as the unpivoted QR; 4mnk − 2k²(m + n) + 4k³/3 flops (k = min(m, n)), the
// trailing matrix streamed once per step (no blocking: the pivot choice needs every update).
export function qrPivotFactor(f: usize, m: i32, n: i32, tau: usize, jpvt: usize, work: usize): void {
  const k = min(m, n);
  const ld = <usize>m << 3;
  const partial = work;
  const reference = work + (<usize>n << 3);
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 3;
    const norm = nrm2(m, f + <usize>j * ld, 1);
    store<i32>(jpvt + (<usize>j << 2), j);
    store<f64>(partial + o, norm);
    store<f64>(reference + o, norm);
  }
  for (let j = 0; j < k; j++) {
    const oj = <usize>j << 3;
    let p = j;
    let best = load<f64>(partial + oj);
    for (let l = j + 1; l < n; l++) {
      const v = load<f64>(partial + (<usize>l << 3));
      if (v > best) {
        best = v;
        p = l;
      }
    }
    if (p != j) {
      const op = <usize>p << 3;
      vswap(m, f + <usize>p * ld, f + <usize>j * ld);
      const t = load<i32>(jpvt + (<usize>p << 2));
      store<i32>(jpvt + (<usize>p << 2), load<i32>(jpvt + (<usize>j << 2)));
      store<i32>(jpvt + (<usize>j << 2), t);
      store<f64>(partial + op, load<f64>(partial + oj));
      store<f64>(reference + op, load<f64>(reference + oj));
    }
    store<f64>(tau + oj, householder(m - j, f + <usize>j * ld + oj));
    reflectColumns(f, m, tau, j, j + 1, f + <usize>(j + 1) * ld, ld, n - j - 1);
    for (let l = j + 1; l < n; l++) {
      const ol = <usize>l << 3;
      const norm = load<f64>(partial + ol);
      if (norm == 0) continue;
      const ratio = abs<f64>(load<f64>(f + <usize>l * ld + oj)) / norm;
      const rest = max<f64>(1 - ratio * ratio, 0);
      const drift = norm / load<f64>(reference + ol);
      if (rest * drift * drift <= TOL3Z) {
        const fresh = j + 1 < m ? nrm2(m - j - 1, f + <usize>l * ld + oj + 8, 1) : 0;
        store<f64>(partial + ol, fresh);
        store<f64>(reference + ol, fresh);
      } else {
        store<f64>(partial + ol, norm * sqrt<f64>(rest));
      }
    }
  }
}
