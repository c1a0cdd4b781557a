import { alsNormalEquations, alsSolveRows, alsWorkspaceSize } from "../../../assembly/completion/als";
import { csrResidualGradient, csrResidualSumSquares } from "../../../assembly/completion/objective";
import { fillPattern, ptr } from "../helpers";

// Ranks around the f64x2 width and the 4×4 tiles of the Gram (r + 1 padded to a multiple of 4).
const RANKS: i32[] = [1, 2, 3, 4, 5, 7, 8, 10, 17];
// Entries per row, cycled over the rows: empty, one, fewer than r (singular G when λ = 0), about
// r, many, and more than one packed chunk (chunkEntries(ld) ≤ 256).
const N_COLS: i32 = 41;
const EPS: f64 = 2.220446049250313e-16;

class Csr {
  constructor(public rowPtr: Int32Array, public colIdx: Int32Array, public values: Float64Array) {}
}

function rowCount(i: i32, r: i32): i32 {
  const c = i % 7;
  if (c == 0) return 0;
  if (c == 1) return 1;
  if (c == 2) return max(1, r - 1);
  if (c == 3) return r;
  if (c == 4) return 3 * r + 2;
  if (c == 5) return 300; // several chunks for every rank (duplicates of the 41 columns)
  return 2 * r + 5;
}

function makeCsr(m: i32, r: i32, salt: i32): Csr {
  const rowPtr = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) rowPtr[i + 1] = rowPtr[i] + rowCount(i, r);
  const nnz = rowPtr[m];
  const colIdx = new Int32Array(nnz);
  const h = fillPattern(nnz, salt);
  for (let p = 0; p < nnz; p++) colIdx[p] = <i32>Math.floor((h[p] + 1) * 0.5 * <f64>N_COLS) % N_COLS;
  return new Csr(rowPtr, colIdx, fillPattern(nnz, salt + 1));
}

// Plain reference: G = Σ VⱼVⱼᵀ + λI and b = Σ yVⱼ (full, stride r), then Cholesky–Crout and
// two triangular solves, all in scalar loops. Returns false if a pivot is ≤ 0.
function referenceSolve(
  x: Float64Array, csr: Csr, i: i32, r: i32, v: Float64Array, ldv: i32, lambda: f64, g: Float64Array,
): bool {
  for (let k = 0; k < r * r; k++) g[k] = 0;
  for (let k = 0; k < r; k++) x[k] = 0;
  for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
    const j = csr.colIdx[p];
    for (let a = 0; a < r; a++) {
      for (let c = 0; c < r; c++) g[a * r + c] += v[j * ldv + a] * v[j * ldv + c];
      x[a] += csr.values[p] * v[j * ldv + a];
    }
  }
  for (let a = 0; a < r; a++) g[a * r + a] += lambda;
  for (let a = 0; a < r; a++) {
    for (let c = 0; c <= a; c++) {
      let s = g[a * r + c];
      for (let k = 0; k < c; k++) s -= g[a * r + k] * g[c * r + k];
      if (c < a) g[a * r + c] = s / g[c * r + c];
      else {
        if (!(s > 0)) return false;
        g[a * r + a] = Math.sqrt(s);
      }
    }
  }
  for (let a = 0; a < r; a++) {
    let s = x[a];
    for (let k = 0; k < a; k++) s -= g[a * r + k] * x[k];
    x[a] = s / g[a * r + a];
  }
  for (let a = r - 1; a >= 0; a--) {
    let s = x[a];
    for (let k = a + 1; k < r; k++) s -= g[k * r + a] * x[k];
    x[a] = s / g[a * r + a];
  }
  return true;
}

describe("alsSolveRows", () => {
  test("matches the scalar reference for λ > 0 on the rank grid, with empty, short and long rows", () => {
    let bad = 0;
    let cases = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      for (let s = 0; s < 2; s++) {
        const ldv = r + 3 * s; // contiguous and strided V
        const m = 15;
        const csr = makeCsr(m, r, 7 + r + s);
        const v = fillPattern(N_COLS * ldv, 3 + r);
        const lambda: f64 = s == 0 ? 0.5 : 1e-3;
        const out = new Float64Array(m * r + 1);
        out.fill(123);
        const work = new Float64Array(alsWorkspaceSize(r));
        const info = alsSolveRows(ptr(out), m, r, ptr(csr.rowPtr), ptr(csr.colIdx), ptr(csr.values), ptr(v), ldv, lambda, ptr(work));
        if (info != 0) bad++;
        const x = new Float64Array(r);
        const g = new Float64Array(r * r);
        for (let i = 0; i < m; i++) {
          if (!referenceSolve(x, csr, i, r, v, ldv, lambda, g)) bad++;
          let scale: f64 = 0;
          for (let k = 0; k < r; k++) scale = Math.max(scale, Math.abs(x[k]));
          // cond(G + λI) ≤ (tr G + λ)/λ; both solves are backward stable, so they differ by
          // ≲ cond·r·u·‖x‖ (measured: at most 0.16 of that on this grid, SIMD and scalar).
          let tr: f64 = 0;
          for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
            for (let k = 0; k < r; k++) tr += v[csr.colIdx[p] * ldv + k] * v[csr.colIdx[p] * ldv + k];
          }
          const tol = 20 * <f64>r * EPS * ((tr + lambda) / lambda) * scale;
          for (let k = 0; k < r; k++) if (Math.abs(out[i * r + k] - x[k]) > tol) bad++;
          if (csr.rowPtr[i] == csr.rowPtr[i + 1]) for (let k = 0; k < r; k++) if (out[i * r + k] != 0) bad++;
        }
        if (out[m * r] != 123) bad++; // nothing written past the last row
        cases++;
      }
    }
    expect(bad).toBe(0);
    expect(cases).toBe(RANKS.length * 2);
  });

  test("λ = 0: well-posed rows match the reference, singular rows are reported and left unchanged", () => {
    const r = 3;
    const m = 4;
    // rows: 0 has 5 entries (well posed), 1 has one entry (rank 1 < 3), 2 is empty, 3 well posed
    const rowPtr = new Int32Array(m + 1);
    rowPtr[1] = 5; rowPtr[2] = 6; rowPtr[3] = 6; rowPtr[4] = 12;
    const colIdx = new Int32Array(12);
    for (let p = 0; p < 12; p++) colIdx[p] = (p * 5) % 11;
    const values = fillPattern(12, 4);
    const v = fillPattern(11 * r, 5);
    const out = new Float64Array(m * r);
    out.fill(-7);
    const work = new Float64Array(alsWorkspaceSize(r));
    const info = alsSolveRows(ptr(out), m, r, ptr(rowPtr), ptr(colIdx), ptr(values), ptr(v), r, 0, ptr(work));
    expect(info).toBe(2); // 1 + row 1
    const csr = new Csr(rowPtr, colIdx, values);
    const x = new Float64Array(r);
    const g = new Float64Array(r * r);
    let bad = 0;
    for (let i = 0; i < m; i += 3) {
      referenceSolve(x, csr, i, r, v, r, 0, g);
      for (let k = 0; k < r; k++) if (Math.abs(out[i * r + k] - x[k]) > 1e-9 * (1 + Math.abs(x[k]))) bad++;
    }
    for (let k = 0; k < r; k++) {
      if (out[r + k] != -7) bad++; // failed row untouched
      if (out[2 * r + k] != 0) bad++; // empty row is 0 even with λ = 0
    }
    expect(bad).toBe(0);
  });

  test("an exactly zero factor column with λ = 0 is a zero pivot: reported, no NaN", () => {
    const r = 5;
    const rowPtr = new Int32Array(2);
    rowPtr[1] = 20;
    const colIdx = new Int32Array(20);
    for (let p = 0; p < 20; p++) colIdx[p] = p;
    const v = fillPattern(20 * r, 6);
    for (let j = 0; j < 20; j++) v[j * r + 2] = 0;
    const values = fillPattern(20, 8);
    const out = new Float64Array(r);
    const work = new Float64Array(alsWorkspaceSize(r));
    expect(alsSolveRows(ptr(out), 1, r, ptr(rowPtr), ptr(colIdx), ptr(values), ptr(v), r, 0, ptr(work))).toBe(1);
    for (let k = 0; k < r; k++) expect(out[k]).toBe(0);
    // the same row with λ > 0 is solved, and its zero column gets a zero coefficient
    expect(alsSolveRows(ptr(out), 1, r, ptr(rowPtr), ptr(colIdx), ptr(values), ptr(v), r, 0.25, ptr(work))).toBe(0);
    expect(out[2]).toBe(0);
  });

  test("m = 0 and r = 0 write nothing", () => {
    const rowPtr = new Int32Array(3);
    const out = new Float64Array(2);
    out.fill(9);
    const work = new Float64Array(alsWorkspaceSize(1));
    expect(alsSolveRows(ptr(out), 0, 1, ptr(rowPtr), 0, 0, 0, 1, 1, ptr(work))).toBe(0);
    expect(alsSolveRows(ptr(out), 2, 0, ptr(rowPtr), 0, 0, 0, 0, 1, ptr(work))).toBe(0);
    expect(out[0]).toBe(9);
    expect(out[1]).toBe(9);
  });
});

describe("alsNormalEquations", () => {
  test("G (full, symmetric) and b match plain sums on the rank grid", () => {
    let bad = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      const ldv = r + 1;
      const m = 14;
      const csr = makeCsr(m, r, 20 + r);
      const v = fillPattern(N_COLS * ldv, 30 + r);
      const gOut = new Float64Array(m * r * r);
      const bOut = new Float64Array(m * r);
      gOut.fill(5);
      bOut.fill(5);
      const work = new Float64Array(alsWorkspaceSize(r));
      alsNormalEquations(ptr(gOut), ptr(bOut), m, r, ptr(csr.rowPtr), ptr(csr.colIdx), ptr(csr.values), ptr(v), ldv, ptr(work));
      for (let i = 0; i < m; i++) {
        for (let x = 0; x < r; x++) {
          let bw: f64 = 0;
          let bs: f64 = 0;
          for (let y = 0; y < r; y++) {
            let gw: f64 = 0;
            let gsc: f64 = 0;
            for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
              const j = csr.colIdx[p];
              gw += v[j * ldv + x] * v[j * ldv + y];
              gsc += Math.abs(v[j * ldv + x] * v[j * ldv + y]);
            }
            // a sum of K products: |error| ≤ K·u·Σ|terms|
            if (Math.abs(gOut[(i * r + x) * r + y] - gw) > 1e-13 * (1 + gsc)) bad++;
          }
          for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
            const t = csr.values[p] * v[csr.colIdx[p] * ldv + x];
            bw += t;
            bs += Math.abs(t);
          }
          if (Math.abs(bOut[i * r + x] - bw) > 1e-13 * (1 + bs)) bad++;
        }
      }
    }
    expect(bad).toBe(0);
  });
});

describe("csrResidualSumSquares", () => {
  test("matches a plain sum of squared residuals on the rank grid", () => {
    let bad = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      const m = 14;
      const csr = makeCsr(m, r, 40 + r);
      const u = fillPattern(m * r, 50 + r);
      const v = fillPattern(N_COLS * r, 60 + r);
      let want: f64 = 0;
      for (let i = 0; i < m; i++) {
        for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
          let e = -csr.values[p];
          for (let l = 0; l < r; l++) e += u[i * r + l] * v[csr.colIdx[p] * r + l];
          want += e * e;
        }
      }
      const got = csrResidualSumSquares(m, r, ptr(u), ptr(v), ptr(csr.rowPtr), ptr(csr.colIdx), ptr(csr.values));
      // each residual is good to about r·u of its terms; the sum of nnz non-negative squares to nnz·u
      if (Math.abs(got - want) > 1e-11 * (1 + want)) bad++;
    }
    expect(bad).toBe(0);
    const rowPtr = new Int32Array(4);
    expect(csrResidualSumSquares(3, 2, 0, 0, ptr(rowPtr), 0, 0)).toBe(0);
  });
});

describe("csrResidualGradient", () => {
  test("matches a plain residual, its square sum and R·V + λU on the rank grid", () => {
    let bad = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      const m = 14;
      const lambda: f64 = a % 2 == 0 ? 0 : 0.75;
      const csr = makeCsr(m, r, 70 + r);
      const u = fillPattern(m * r, 80 + r);
      const v = fillPattern(N_COLS * r, 90 + r);
      const g = fillPattern(m * r, 100 + r); // overwritten, never read
      let want: f64 = 0;
      const gWant = new Float64Array(m * r);
      const gScale = new Float64Array(m * r);
      for (let i = 0; i < m; i++) {
        for (let l = 0; l < r; l++) gWant[i * r + l] = lambda * u[i * r + l];
        for (let p = csr.rowPtr[i]; p < csr.rowPtr[i + 1]; p++) {
          const j = csr.colIdx[p];
          let e = -csr.values[p];
          for (let l = 0; l < r; l++) e += u[i * r + l] * v[j * r + l];
          want += e * e;
          for (let l = 0; l < r; l++) {
            gWant[i * r + l] += e * v[j * r + l];
            gScale[i * r + l] += Math.abs(e * v[j * r + l]);
          }
        }
      }
      const got = csrResidualGradient(ptr(g), m, r, ptr(u), ptr(v), ptr(csr.rowPtr), ptr(csr.colIdx), ptr(csr.values), lambda);
      if (Math.abs(got - want) > 1e-11 * (1 + want)) bad++;
      for (let k = 0; k < m * r; k++) {
        // each gradient entry sums K products of residuals (each good to r·u) and factors
        if (Math.abs(g[k] - gWant[k]) > 1e-12 * (1 + gScale[k])) bad++;
      }
    }
    expect(bad).toBe(0);
    const rowPtr = new Int32Array(4);
    const u = fillPattern(6, 1);
    const g = fillPattern(6, 2);
    expect(csrResidualGradient(ptr(g), 3, 2, ptr(u), 0, ptr(rowPtr), 0, 0, 2)).toBe(0);
    for (let k = 0; k < 6; k++) expect(g[k]).toBe(2 * u[k]);
  });
});
