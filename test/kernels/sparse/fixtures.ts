// Random sparse problems and plain-JS references for the sparse wrapper tests.
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import type { CooMatrix, CsrMatrix } from "../../../src/kernels/sparse/types.js";

export function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return { rows, cols, data: rng.normalArray(rows * cols) };
}

/**
 * nnz random entries of an m×n matrix; `kind` "random" may repeat positions, "dense" lists every
 * position once in a shuffled order, "sparseRows" leaves odd rows and the last column empty.
 */
export function randomCoo(rng: Rng, m: number, n: number, nnz: number, kind: "random" | "dense" | "sparseRows" = "random"): CooMatrix {
  if (kind === "dense") nnz = m * n;
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) {
    if (kind === "dense") {
      row[k] = Math.floor(k / n);
      col[k] = k % n;
    } else if (kind === "sparseRows") {
      row[k] = 2 * rng.integer(Math.ceil(m / 2));
      col[k] = rng.integer(Math.max(1, n - 1));
    } else {
      row[k] = rng.integer(m);
      col[k] = rng.integer(n);
    }
  }
  if (kind === "dense") {
    for (let k = nnz - 1; k > 0; k--) {
      const j = rng.integer(k + 1);
      [row[k], row[j]] = [row[j], row[k]];
      [col[k], col[j]] = [col[j], col[k]];
    }
  }
  return { rows: m, cols: n, row, col, value: rng.normalArray(nnz) };
}

/** CSR by a plain JS stable grouping (independent of the wasm counting sort). */
export function csrReference(s: CooMatrix): CsrMatrix & { perm: Int32Array } {
  const order = Array.from(s.row, (_, k) => k).sort((a, b) => s.row[a] - s.row[b] || a - b);
  const rowPtr = new Int32Array(s.rows + 1);
  for (const k of order) rowPtr[s.row[k] + 1]++;
  for (let i = 0; i < s.rows; i++) rowPtr[i + 1] += rowPtr[i];
  return {
    rows: s.rows,
    cols: s.cols,
    rowPtr,
    colIdx: Int32Array.from(order, (k) => s.col[k]),
    value: Float64Array.from(order, (k) => s.value[k]),
    perm: Int32Array.from(order),
  };
}

/** Dense m×n form of a COO matrix (duplicates summed). */
export function denseOf(s: CooMatrix): Matrix {
  const data = new Float64Array(s.rows * s.cols);
  for (let k = 0; k < s.row.length; k++) data[s.row[k] * s.cols + s.col[k]] += s.value[k];
  return { rows: s.rows, cols: s.cols, data };
}

/** Dense A·Bᵀ (A m×r, B n×r). */
export function timesTranspose(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array(a.rows * b.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.rows; j++) {
      let s = 0;
      for (let l = 0; l < a.cols; l++) s += a.data[i * a.cols + l] * b.data[j * b.cols + l];
      data[i * b.rows + j] = s;
    }
  }
  return { rows: a.rows, cols: b.rows, data };
}

/** Dense A·B. */
export function times(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let l = 0; l < a.cols; l++) {
      const x = a.data[i * a.cols + l];
      for (let j = 0; j < b.cols; j++) data[i * b.cols + j] += x * b.data[l * b.cols + j];
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

export function transposeOf(a: Matrix): Matrix {
  const data = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) data[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data };
}

/** max_k |got[k] − want[k]| / (1 + |want|∞): the relative error against the largest entry. */
export function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  expectLength(got, want);
  let err = 0;
  let scale = 0;
  for (let k = 0; k < want.length; k++) {
    err = Math.max(err, Math.abs(got[k] - want[k]));
    scale = Math.max(scale, Math.abs(want[k]));
  }
  return err / (1 + scale);
}

function expectLength(got: ArrayLike<number>, want: ArrayLike<number>): void {
  if (got.length !== want.length) throw new Error(`length ${got.length}, expected ${want.length}`);
}
