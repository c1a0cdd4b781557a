import { cooToCsr, csrRowIndices, csrTranspose } from "../../../assembly/sparse/convert";
import { sparseCheckRowPtr, sparseFirstNonFinite, sparseFirstOutOfRange } from "../../../assembly/sparse/check";
import { fillPattern, ptr } from "../helpers";
import { makePattern, MODES, SIZES } from "./patterns";

describe("cooToCsr", () => {
  test("groups entries by row, stable, duplicates kept, with the permutation", () => {
    let bad = 0;
    for (let b = 0; b < SIZES.length; b++) {
      const m = SIZES[b];
      for (let c = 0; c < SIZES.length; c++) {
        const n = SIZES[c];
        for (let mode = 0; mode < MODES; mode++) {
          const pat = makePattern(m, n, mode);
          const nnz = pat.nnz;
          const value = fillPattern(nnz, 3 + mode);
          const rowPtr = new Int32Array(m + 1);
          const colIdx = new Int32Array(nnz);
          const csrValue = new Float64Array(nnz);
          const perm = new Int32Array(nnz);
          cooToCsr(ptr(rowPtr), ptr(colIdx), ptr(csrValue), ptr(perm), m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
          // Reference: scan rows in order, entries of each row in COO order.
          let p = 0;
          if (rowPtr[0] != 0) bad++;
          for (let i = 0; i < m; i++) {
            for (let k = 0; k < nnz; k++) {
              if (pat.row[k] != i) continue;
              if (colIdx[p] != pat.col[k] || csrValue[p] != value[k] || perm[p] != k) bad++;
              p++;
            }
            if (rowPtr[i + 1] != p) bad++;
          }
          if (p != nnz) bad++;
          // Without a permutation (null pointer) the arrays are the same.
          const rowPtr2 = new Int32Array(m + 1);
          const colIdx2 = new Int32Array(nnz);
          const csrValue2 = new Float64Array(nnz);
          cooToCsr(ptr(rowPtr2), ptr(colIdx2), ptr(csrValue2), 0, m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
          for (let q = 0; q < nnz; q++) if (colIdx2[q] != colIdx[q] || csrValue2[q] != csrValue[q]) bad++;
          for (let i = 0; i <= m; i++) if (rowPtr2[i] != rowPtr[i]) bad++;
          // csrRowIndices inverts the grouping: row of CSR entry p is the COO row of perm[p].
          const rowOf = new Int32Array(nnz);
          csrRowIndices(ptr(rowOf), m, ptr(rowPtr));
          for (let q = 0; q < nnz; q++) if (rowOf[q] != pat.row[perm[q]]) bad++;
        }
      }
    }
    expect(bad).toBe(0);
  });
});

describe("csrTranspose", () => {
  test("gives Sᵀ in CSR with rows ordered by source row, and an involution up to column order", () => {
    let bad = 0;
    for (let b = 0; b < SIZES.length; b++) {
      const m = SIZES[b];
      for (let c = 0; c < SIZES.length; c++) {
        const n = SIZES[c];
        for (let mode = 0; mode < MODES; mode++) {
          const pat = makePattern(m, n, mode);
          const nnz = pat.nnz;
          const value = fillPattern(nnz, 13 + mode);
          const rowPtr = new Int32Array(m + 1);
          const colIdx = new Int32Array(nnz);
          const csrValue = new Float64Array(nnz);
          cooToCsr(ptr(rowPtr), ptr(colIdx), ptr(csrValue), 0, m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
          const tPtr = new Int32Array(n + 1);
          const tIdx = new Int32Array(nnz);
          const tValue = new Float64Array(nnz);
          const perm = new Int32Array(nnz);
          csrTranspose(ptr(tPtr), ptr(tIdx), ptr(tValue), ptr(perm), m, n, ptr(rowPtr), ptr(colIdx), ptr(csrValue));
          // Reference: for each column j, the entries (i, p) with colIdx[p] = j in CSR order.
          let q = 0;
          if (tPtr[0] != 0) bad++;
          for (let j = 0; j < n; j++) {
            for (let i = 0; i < m; i++) {
              for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                if (colIdx[p] != j) continue;
                if (tIdx[q] != i || tValue[q] != csrValue[p] || perm[q] != p) bad++;
                q++;
              }
            }
            if (tPtr[j + 1] != q) bad++;
          }
          if (q != nnz) bad++;
          // Transposing back: same row pointers, and each row holds the same (col, value) entries
          // sorted by column (stable), so the sum Σ value·(col + 1) per row is unchanged.
          const bPtr = new Int32Array(m + 1);
          const bIdx = new Int32Array(nnz);
          const bValue = new Float64Array(nnz);
          csrTranspose(ptr(bPtr), ptr(bIdx), ptr(bValue), 0, n, m, ptr(tPtr), ptr(tIdx), ptr(tValue));
          for (let i = 0; i <= m; i++) if (bPtr[i] != rowPtr[i]) bad++;
          for (let i = 0; i < m; i++) {
            let s0: f64 = 0;
            let s1: f64 = 0;
            for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
              s0 += csrValue[p] * <f64>(colIdx[p] + 1);
              s1 += bValue[p] * <f64>(bIdx[p] + 1);
              if (p > rowPtr[i] && bIdx[p] < bIdx[p - 1]) bad++;
            }
            if (Math.abs(s0 - s1) > 1e-12 * (1 + Math.abs(s0))) bad++;
          }
        }
      }
    }
    expect(bad).toBe(0);
  });
});

describe("input checks", () => {
  test("sparseFirstOutOfRange finds the first index outside [0, bound)", () => {
    const idx = new Int32Array(6);
    for (let k = 0; k < 6; k++) idx[k] = k;
    expect(sparseFirstOutOfRange(ptr(idx), 6, 6)).toBe(-1);
    expect(sparseFirstOutOfRange(ptr(idx), 6, 5)).toBe(5);
    expect(sparseFirstOutOfRange(ptr(idx), 0, 0)).toBe(-1);
    idx[3] = -1;
    expect(sparseFirstOutOfRange(ptr(idx), 6, 6)).toBe(3);
    idx[1] = i32.MIN_VALUE;
    expect(sparseFirstOutOfRange(ptr(idx), 6, 6)).toBe(1);
  });

  test("sparseFirstNonFinite finds NaN and ±Infinity", () => {
    const x = fillPattern(9, 1);
    expect(sparseFirstNonFinite(ptr(x), 9)).toBe(-1);
    x[8] = Infinity;
    expect(sparseFirstNonFinite(ptr(x), 9)).toBe(8);
    x[4] = -Infinity;
    expect(sparseFirstNonFinite(ptr(x), 9)).toBe(4);
    x[0] = NaN;
    expect(sparseFirstNonFinite(ptr(x), 9)).toBe(0);
    x[0] = f64.MAX_VALUE;
    expect(sparseFirstNonFinite(ptr(x), 9)).toBe(4);
  });

  test("sparseCheckRowPtr finds a bad start, a decrease, and a wrong end", () => {
    const rp = new Int32Array(5);
    rp[1] = 2; rp[2] = 2; rp[3] = 5; rp[4] = 7;
    expect(sparseCheckRowPtr(ptr(rp), 4, 7)).toBe(-1);
    expect(sparseCheckRowPtr(ptr(rp), 4, 8)).toBe(4);
    rp[2] = 1;
    expect(sparseCheckRowPtr(ptr(rp), 4, 7)).toBe(2);
    rp[2] = 2;
    rp[0] = 1;
    expect(sparseCheckRowPtr(ptr(rp), 4, 7)).toBe(0);
    const empty = new Int32Array(1);
    expect(sparseCheckRowPtr(ptr(empty), 0, 0)).toBe(-1);
  });
});
