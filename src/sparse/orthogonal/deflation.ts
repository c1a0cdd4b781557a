// Deflation by Householder reflections: the state of atom-by-atom orthogonal dictionary learning,
// where each atom found is removed from the data and the next one is sought in its complement.
import type { Matrix } from "../../matrix.js";
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { ResidentKernels } from "../../problems/resident.js";

/** A row-major block of wasm memory: `rows`×`cols` values from `ptr`, rows `ld` values apart. */
export interface StridedData {
  readonly ptr: number;
  readonly rows: number;
  readonly cols: number;
  readonly ld: number;
}

/**
 * The n×(n + p) row-major stack S = [Uᵀ | Uᵀ·Y] kept in wasm memory, where after k atoms the
 * rows k…n−1 of Uᵀ are an orthonormal basis of the orthogonal complement of the atoms found and
 * rows 0…k−1 hold the atoms themselves (up to sign). The data of the next subproblem is the
 * (n−k)×p block Y_k = U_kᵀ·Y (rows k…, columns n…): for Y = A₀X with A₀ orthogonal, Y_k is again
 * an orthogonal dictionary times the codes of the atoms not yet found, in dimension n − k (Sun,
 * Qu & Wright, "Complete dictionary recovery over the sphere II", IEEE Trans. IT 63(2), 2017, §IV).
 *
 * {@link deflate} applies to rows k… the Householder reflection H = I − 2vvᵀ/vᵀv that maps the
 * unit vector q̃ (coordinates in the current basis) to −sign(q̃₀)·e₁ (Golub & Van Loan §5.1.2,
 * with the sign that avoids cancellation): row k then holds ∓(U_k q̃)ᵀ — the atom — next to its
 * code row ∓(U_k q̃)ᵀY, and rows k+1… the new basis and data, with no other copy. Reflections are
 * orthogonal to rounding, so the atoms are orthonormal to ≈ n·ε however many are found, and once
 * all n are, S = [Dᵀ | DᵀY]: the dictionary's transpose and the codes.
 */
export class Deflation {
  readonly n: number;
  readonly p: number;
  /** The number of atoms found so far (k). */
  found = 0;
  readonly #stack: WasmBuffer<"f64">;
  readonly #v: WasmBuffer<"f64">;
  readonly #w: WasmBuffer<"f64">;
  readonly #kernels: ResidentKernels;

  /** Uploads [I | Y] for the n×p samples `y` (row-major) into buffers owned by `scope`. */
  constructor(scope: ArenaScope, y: Float64Array, n: number, p: number, kernels: ResidentKernels) {
    this.n = n;
    this.p = p;
    this.#kernels = kernels;
    this.#stack = scope.f64(n * (n + p));
    this.#v = scope.f64(n);
    this.#w = scope.f64(n + p);
    const view = this.#stack.view;
    for (let i = 0; i < n; i++) {
      view[i * (n + p) + i] = 1;
      view.set(y.subarray(i * p, (i + 1) * p), i * (n + p) + n);
    }
  }

  /** The data of the current subproblem, Y_k = U_kᵀ·Y ((n−k)×p, leading dimension n + p). */
  get data(): StridedData {
    const { n, p, found } = this;
    return { ptr: this.#stack.ptr + 8 * (found * (n + p) + n), rows: n - found, cols: p, ld: n + p };
  }

  /** The vector U_k·q̃ ∈ ℝⁿ of coordinates q̃ (n − k entries) in the current basis. */
  lift(q: Float64Array): Float64Array {
    const { n, p, found } = this;
    const stack = this.#stack.view;
    const out = new Float64Array(n);
    for (let i = 0; i < q.length; i++) {
      const row = (found + i) * (n + p);
      for (let c = 0; c < n; c++) out[c] += q[i] * stack[row + c];
    }
    return out;
  }

  /** Removes the unit vector q̃ (coordinates in the current basis) from the basis and the data. */
  deflate(q: Float64Array): void {
    const { n, p, found } = this;
    const m = n - found;
    const ld = n + p;
    const v = this.#v.view;
    v.set(q);
    v[0] += q[0] < 0 ? -1 : 1; // v = q̃ + sign(q̃₀)·e₁, vᵀv = 2(1 + |q̃₀|)
    const beta = 1 / (1 + Math.abs(q[0]));
    const rows = this.#stack.ptr + 8 * found * ld;
    // S_k ← S_k − β·v·(vᵀS_k) on the trailing rows.
    this.#kernels.gemv(1, m, ld, 1, rows, ld, this.#v.ptr, 1, 0, this.#w.ptr, 1);
    this.#kernels.ger(m, ld, -beta, this.#v.ptr, 1, this.#w.ptr, 1, rows, ld);
    this.found++;
  }

  /**
   * The unit vector along U_kᵀ·v: the coordinates in the current basis of v's projection onto the
   * complement of the atoms found (e₁ if that projection is 0).
   */
  coordinates(v: Float64Array): Float64Array {
    const { n, p, found } = this;
    const stack = this.#stack.view;
    const out = new Float64Array(n - found);
    let size = 0;
    for (let i = 0; i < out.length; i++) {
      const row = (found + i) * (n + p);
      let s = 0;
      for (let c = 0; c < n; c++) s += stack[row + c] * v[c];
      out[i] = s;
      size += s * s;
    }
    if (!(size > 0)) out[0] = 1;
    else for (let i = 0; i < out.length; i++) out[i] /= Math.sqrt(size);
    return out;
  }

  /** Row i of the stack: [atom i (n entries) | its code row (p entries)] once i < found. */
  row(i: number): Float64Array {
    const ld = this.n + this.p;
    return this.#stack.view.slice(i * ld, (i + 1) * ld);
  }

  /** The atoms found as the columns of an n×found matrix, and their code rows (found×p). */
  dictionaryAndCodes(): { dictionary: Matrix; codes: Float64Array } {
    const { n, p, found } = this;
    const dictionary: Matrix = { rows: n, cols: found, data: new Float64Array(n * found) };
    const codes = new Float64Array(found * p);
    for (let k = 0; k < found; k++) {
      const row = this.row(k);
      for (let i = 0; i < n; i++) dictionary.data[i * found + k] = row[i];
      codes.set(row.subarray(n), k * p);
    }
    return { dictionary, codes };
  }
}
