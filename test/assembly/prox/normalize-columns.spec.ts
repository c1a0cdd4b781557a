import { normalizeColumns, normalizeColumnsWorkspaceSize } from "../../../assembly/prox/normalize-columns";
import { fillPattern, ptr } from "../helpers";
import { copyOf, firstMismatch } from "./specials";

const EPS: f64 = 2.220446049250313e-16;
const DIMS: i32[] = [1, 2, 3, 4, 5, 17, 33];

// Column j of a row-major rows×cols matrix, scaled by 2^e (exact for fillPattern values).
function columnOf(a: Float64Array, rows: i32, cols: i32, j: i32): Float64Array {
  const c = new Float64Array(rows);
  for (let i = 0; i < rows; i++) c[i] = a[i * cols + j];
  return c;
}

function normRef(y: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * y[i];
  return Math.sqrt(s);
}

// Per-column exponents: moderate, huge (naive Σ overflows), subnormal (naive Σ underflows).
function exponentOf(j: i32): f64 {
  const e: f64[] = [0, 1000, -1050, 3];
  return e[j % 4];
}

describe("normalizeColumns", () => {
  test("divides every column by its norm, for mixed column scales, non-square and in place", () => {
    for (let ri = 0; ri < DIMS.length; ri++) {
      for (let ci = 0; ci < DIMS.length; ci++) {
        const rows = DIMS[ri];
        const cols = DIMS[ci];
        const base = fillPattern(rows * cols, 7 * ri + ci);
        for (let j = 0; j < cols; j++) base[j] = 0.5; // row 0 nonzero: no zero column
        const a = new Float64Array(rows * cols);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) a[i * cols + j] = base[i * cols + j] * Math.pow(2, exponentOf(j));
        }
        const ws = new Float64Array(normalizeColumnsWorkspaceSize(cols));
        const out = new Float64Array(rows * cols);
        expect(normalizeColumns(ptr(out), ptr(a), rows, cols, ptr(ws), 0)).toBe(-1);
        // Against the unscaled columns: (rows + 4)·eps, as for projectSphere.
        let worst: f64 = 0;
        for (let j = 0; j < cols; j++) {
          const y = columnOf(base, rows, cols, j);
          const r = normRef(y);
          for (let i = 0; i < rows; i++) worst = max(worst, Math.abs(out[i * cols + j] - y[i] / r));
        }
        expect(worst).toBeLessThanOrEqual(<f64>(rows + 4) * EPS);
        const inPlace = copyOf(a);
        normalizeColumns(ptr(inPlace), ptr(inPlace), rows, cols, ptr(ws), 0);
        expect(firstMismatch(inPlace, out)).toBe(-1);
      }
    }
  });

  test("a zero column: rejected before any write, or kept as is on request", () => {
    const rows = 5;
    const cols = 7;
    const a = fillPattern(rows * cols, 5);
    for (let i = 0; i < rows; i++) {
      a[i * cols + 3] = (i & 1) ? -0.0 : 0.0;
      a[i * cols + 6] = 0;
      a[i * cols] = 0.25;
    }
    const ws = new Float64Array(normalizeColumnsWorkspaceSize(cols));
    const out = new Float64Array(rows * cols);
    out.fill(7);
    expect(normalizeColumns(ptr(out), ptr(a), rows, cols, ptr(ws), 0)).toBe(3);
    for (let i = 0; i < rows * cols; i++) expect(out[i]).toBe(7);
    expect(normalizeColumns(ptr(out), ptr(a), rows, cols, ptr(ws), 1)).toBe(3);
    for (let i = 0; i < rows; i++) {
      expect(reinterpret<u64>(out[i * cols + 3])).toBe(reinterpret<u64>(a[i * cols + 3]));
      expect(out[i * cols + 6]).toBe(0);
      expect(Math.abs(out[i * cols] - 1 / Math.sqrt(5))).toBeLessThanOrEqual(9 * EPS);
    }
  });

  test("no rows: every column is zero", () => {
    const ws = new Float64Array(normalizeColumnsWorkspaceSize(3));
    const a = new Float64Array(1);
    expect(normalizeColumns(ptr(a), ptr(a), 0, 3, ptr(ws), 0)).toBe(0);
    expect(normalizeColumns(ptr(a), ptr(a), 4, 0, ptr(ws), 0)).toBe(-1);
  });

  test("a column with NaN or ±Inf becomes all NaN, the others are unaffected", () => {
    const rows = 9;
    const cols = 5;
    const a = fillPattern(rows * cols, 8);
    for (let j = 0; j < cols; j++) a[j] = 1;
    a[4 * cols + 1] = NaN;
    a[7 * cols + 2] = -Infinity;
    const ws = new Float64Array(normalizeColumnsWorkspaceSize(cols));
    const out = new Float64Array(rows * cols);
    expect(normalizeColumns(ptr(out), ptr(a), rows, cols, ptr(ws), 0)).toBe(-1);
    for (let i = 0; i < rows; i++) {
      expect(isNaN(out[i * cols + 1])).toBe(true);
      expect(isNaN(out[i * cols + 2])).toBe(true);
      expect(isNaN(out[i * cols])).toBe(false);
      expect(isNaN(out[i * cols + 4])).toBe(false);
    }
  });
});
