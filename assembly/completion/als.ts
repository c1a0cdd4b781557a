// Alternating least squares (ALS) half-steps for matrix completion: every row of U is the
// solution of an independent ridge regression on the observed entries of its row.
//
// λ convention: row i solves (Gᵢ + λI)·uᵢ = bᵢ with Gᵢ = Σ_{j∈Ωᵢ} VⱼVⱼᵀ and bᵢ = Σ_{j∈Ωᵢ} yᵢⱼVⱼ,
// the exact minimizer of Σ_{j∈Ωᵢ} (⟨u, Vⱼ⟩ − yᵢⱼ)² + λ‖u‖². Summed over rows this is the exact
// minimizer over U of F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F), and the V half-step
// (the same kernel on the transpose) the exact minimizer over V, so F never increases.
// (For F written as ‖P_Ω(UVᵀ − Y)‖² + (μ/2)(‖U‖² + ‖V‖²), pass λ = μ/2.)
import { rowAxpy } from "../sparse/rank";
import { chunkEntries, gramRow, gramStride } from "./gram";

// A computed pivot L(k,k)² ≤ PIVOT_TOL·r·(G(k,k) + λ) counts as singular. When G + λI is exactly
// singular (λ = 0 and fewer than r entries, or dependent Vⱼ) some pivot is 0 in exact arithmetic
// and rounding in G and in the factorization typically leaves a few r·u·A(k,k) of it (measured
// on random rank-deficient rows: 64·r·u catches over 99%, the rest come out as large but finite
// solutions; only λ > 0 guarantees a well-posed row). Conversely a pivot that small means
// cond(G + λI) ≥ A(k,k)/L(k,k)² ≥ 1/(64·r·u) ≈ 7·10¹³/r, a solution without reliable digits.
const PIVOT_TOL: f64 = 64 * f64.EPSILON;

// f64 workspace for alsSolveRows / alsNormalEquations with rank r: G' (ld², ld = r + 1 rounded
// up to a multiple of 4) and one chunk of packed entries (chunkEntries(ld)·ld).
export function alsWorkspaceSize(r: i32): i32 {
  const ld = gramStride(r);
  return ld * ld + chunkEntries(ld) * ld;
}

// Solves (G + λI)·x = b in place for one row: G in the lower triangle of the r×r block at g (row
// stride ld, overwritten by L with G + λI = LLᵀ), b in row r of G' (overwritten by x). Right-
// looking (outer-product) Cholesky, Golub & Van Loan §4.2.6 (Algorithm 4.2.2's kji form): for
// k = 0..r−1, L(k,k) = √A(k,k), L(i,k) = A(i,k)/L(k,k) for i > k, then the trailing update
// A(i,j) −= L(i,k)·L(j,k) for k < j ≤ i. Row r (b) goes through the same elimination as one more
// row of the matrix, which is forward substitution L·y = b (y(k) = b(k)/L(k,k), then b(j) −=
// y(k)·L(j,k)). Then Lᵀ·x = y by column axpys. The updates of one step are independent of each
// other; the row-oriented form (each L(i,j) a dot product with the previous ones) is a chain of r²/2
// dependent dot products, the latency of which dominated at r ≈ 10. The column L(k+1.., k) is
// copied to col (r f64 of scratch) so each row's update is one contiguous axpy (f64x2, sparse/
// rank.ts). diag: r f64 of scratch for the diagonal of G + λI. False, with b partly overwritten,
// if a pivot A(k,k) + λ − Σ_{j<k} L(k,j)² is ≤ tol·(A(k,k) + λ) (or NaN).
// @ts-ignore: decorator
@inline function solveRow(g: usize, ld: i32, r: i32, lambda: f64, tol: f64, diag: usize, col: usize): bool {
  const gs = <usize>ld << 3;
  for (let k = 0; k < r; k++) {
    const o = <usize>k << 3;
    const a = load<f64>(g + <usize>k * gs + o) + lambda;
    store<f64>(diag + o, a);
    store<f64>(g + <usize>k * gs + o, a);
  }
  for (let k = 0; k < r; k++) {
    const o = <usize>k << 3;
    const lk = g + <usize>k * gs;
    const d = load<f64>(lk + o);
    if (!(d > tol * load<f64>(diag + o))) return false;
    const p = Math.sqrt(d);
    store<f64>(lk + o, p);
    for (let i = k + 1; i <= r; i++) {
      const at = g + <usize>i * gs + o;
      const x = load<f64>(at) / p;
      store<f64>(at, x);
      store<f64>(col + (<usize>i << 3), x);
    }
    const next = <usize>(k + 1) << 3;
    for (let i = k + 1; i <= r; i++) {
      const li = g + <usize>i * gs;
      rowAxpy(li + next, -load<f64>(li + o), col + next, min(i + 1, r) - k - 1);
    }
  }
  const b = g + <usize>r * gs;
  for (let i = r - 1; i >= 0; i--) {
    const li = g + <usize>i * gs;
    const o = <usize>i << 3;
    const x = load<f64>(b + o) / load<f64>(li + o);
    store<f64>(b + o, x);
    rowAxpy(b, -x, li, i);
  }
  return true;
}

// alsSolveRows: for each row i < m of a CSR matrix (rowPtr m+1 i32, colIdx / values rowPtr[m]
// i32 / f64; columns index the rows of V and are assumed in range), writes row i of outU (m×r,
// row stride r) with the solution of (Σⱼ VⱼVⱼᵀ + λI)·u = Σⱼ yᵢⱼVⱼ (ridge normal equations; see
// the λ convention above). V: row-major with row stride ldv ≥ r. work: alsWorkspaceSize(r) f64,
// 8-byte aligned (64 from the arena). outU must not overlap V, work or the CSR arrays.
// Per row: the augmented Gram [G b; bᵀ Σy²] by 4×4 register tiles over packed rows (gram.ts,
// f64x2), then Cholesky G + λI = LLᵀ and two triangular solves (solveRow above, Golub & Van
// Loan §4.2). Flops: nnz·(r+1)(r+2) for the Gram, about m·(r³/3 + 2r²) for factor and solve.
// Rows with no entries get uᵢ = 0 (the minimizer for λ > 0, the minimum-norm one for λ = 0).
// Returns 0, or 1 + the first row whose G + λI is singular in floating point (a pivot
// ≤ PIVOT_TOL·r·(Gₖₖ + λ), e.g. λ = 0 with fewer than r entries) or whose solution is not finite
// (overflow): such rows are left unchanged in outU, no NaN is written, and the other rows are
// still solved.
export function alsSolveRows(
  outU: usize, m: i32, r: i32, rowPtr: usize, colIdx: usize, values: usize, v: usize, ldv: i32,
  lambda: f64, work: usize,
): i32 {
  if (r <= 0) return 0;
  const ld = gramStride(r);
  const chunk = chunkEntries(ld);
  const gs = <usize>ld << 3;
  const g = work;
  const pack = g + <usize>ld * gs;
  const b = g + <usize>r * gs; // row r of G' holds b, then the solution
  const rowBytes = <usize>r << 3;
  const tol = PIVOT_TOL * <f64>r;
  memory.fill(pack, 0, <usize>chunk * gs); // padding columns stay zero
  let failed = 0;
  for (let i = 0; i < m; i++) {
    const p0 = load<i32>(rowPtr + (<usize>i << 2));
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const ui = outU + <usize>i * rowBytes;
    if (p1 <= p0) {
      memory.fill(ui, 0, rowBytes);
      continue;
    }
    gramRow(g, pack, ld, chunk, r, p0, p1, colIdx, values, v, ldv);
    // The packed rows are free once the Gram is formed: the first holds the diagonal, the second
    // the column copy of solveRow (columns below r + 1, so the zero padding stays).
    let ok = solveRow(g, ld, r, lambda, tol, pack, pack + gs);
    for (let k = 0; ok && k < r; k++) {
      const x = load<f64>(b + (<usize>k << 3));
      ok = x - x == 0;
    }
    if (ok) memory.copy(ui, b, rowBytes);
    else if (failed == 0) failed = i + 1;
  }
  return failed;
}

// alsNormalEquations: the two sides of alsSolveRows' systems without solving them. For each row
// i < m (same CSR and V layout), outG + i·r² receives Gᵢ = Σⱼ VⱼVⱼᵀ (r×r, full symmetric,
// row-major, without λ) and outB + i·r receives bᵢ = Σⱼ yᵢⱼVⱼ; empty rows give zeros. work:
// alsWorkspaceSize(r) f64. For tests, benchmarks of the Gram accumulation, and drivers that
// modify the systems (weights, other solvers). Flops nnz·(r+1)(r+2) as alsSolveRows.
export function alsNormalEquations(
  outG: usize, outB: usize, m: i32, r: i32, rowPtr: usize, colIdx: usize, values: usize, v: usize,
  ldv: i32, work: usize,
): void {
  if (r <= 0) return;
  const ld = gramStride(r);
  const chunk = chunkEntries(ld);
  const gs = <usize>ld << 3;
  const g = work;
  const pack = g + <usize>ld * gs;
  const rowBytes = <usize>r << 3;
  memory.fill(pack, 0, <usize>chunk * gs);
  for (let i = 0; i < m; i++) {
    const p0 = load<i32>(rowPtr + (<usize>i << 2));
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    const gi = outG + <usize>i * <usize>r * rowBytes;
    const bi = outB + <usize>i * rowBytes;
    if (p1 <= p0) {
      memory.fill(gi, 0, <usize>r * rowBytes);
      memory.fill(bi, 0, rowBytes);
      continue;
    }
    gramRow(g, pack, ld, chunk, r, p0, p1, colIdx, values, v, ldv);
    for (let a = 0; a < r; a++) {
      for (let c = 0; c <= a; c++) {
        const x = load<f64>(g + <usize>a * gs + (<usize>c << 3));
        store<f64>(gi + <usize>a * rowBytes + (<usize>c << 3), x);
        store<f64>(gi + <usize>c * rowBytes + (<usize>a << 3), x);
      }
    }
    memory.copy(bi, g + <usize>r * gs, rowBytes);
  }
}
