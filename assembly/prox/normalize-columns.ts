// normalizeColumns: out = A with each column divided by its Euclidean norm, for a row-major
// rows×cols matrix A (entry (i, j) at a + 8·(i·cols + j); out has the same layout and may equal
// a, but must not otherwise overlap it).
// Columns are strided in row-major storage, so the kernel sweeps whole rows (contiguous, f64x2
// across columns) three times, with per-column state in ws (4·cols f64, see
// normalizeColumnsWorkspaceSize):
//   1. cmax_j = max_i |a_ij|, then a power-of-two scale sc_j per column (scaledNorm.ts);
//   2. ss_j = Σ_i (a_ij·sc_j)², summed over i in order (each lane is one column, so SIMD and
//      scalar builds give bit-identical sums);
//   3. out_ij = (a_ij·pre_j)/s_j·post_j with s_j = sqrt(ss_j): one rounding per entry.
// Zero columns (cmax_j = 0; every column when rows = 0): with keepZero = 0 the kernel returns
// the first such j after pass 1 and writes nothing; with keepZero ≠ 0 they are copied
// unchanged. A column holding NaN or ±Infinity becomes all NaN. Returns the index of the first
// zero column, or −1.
import { scaleFor } from "./scaled-norm";

export function normalizeColumns(out: usize, a: usize, rows: i32, cols: i32, ws: usize, keepZero: i32): i32 {
  const bytes = <usize>cols << 3;
  const sc = ws;
  const ss = ws + bytes;
  const pre = ws + 2 * bytes;
  const post = ws + 3 * bytes;
  memory.fill(sc, 0, bytes);
  for (let i = 0; i < rows; i++) rowMaxAbs(sc, a + <usize>i * bytes, cols);
  let firstZero = -1;
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 3;
    const m = load<f64>(sc + o);
    // sc_j = 0 marks a zero column, NaN a non-finite one (it then poisons ss_j below).
    if (m == 0) {
      if (firstZero < 0) firstZero = j;
    } else {
      store<f64>(sc + o, isFinite(m) ? scaleFor(m) : NaN);
    }
  }
  if (firstZero >= 0 && keepZero == 0) return firstZero;
  memory.fill(ss, 0, bytes);
  for (let i = 0; i < rows; i++) rowSumSquares(ss, a + <usize>i * bytes, sc, cols);
  for (let j = 0; j < cols; j++) {
    const o = <usize>j << 3;
    const s = load<f64>(sc + o);
    if (s == 0) {
      store<f64>(ss + o, 1.0);
      store<f64>(pre + o, 1.0);
      store<f64>(post + o, 1.0);
    } else {
      store<f64>(ss + o, Math.sqrt(load<f64>(ss + o)));
      store<f64>(pre + o, s > 1 ? s : 1.0);
      store<f64>(post + o, s < 1 ? s : 1.0);
    }
  }
  for (let i = 0; i < rows; i++) {
    const r = <usize>i * bytes;
    rowDivide(out + r, a + r, pre, ss, post, cols);
  }
  return firstZero;
}

// normalizeColumnsWorkspaceSize: f64 entries of workspace normalizeColumns needs.
export function normalizeColumnsWorkspaceSize(cols: i32): i32 {
  return 4 * cols;
}

// m[j] = max(m[j], |row[j]|) for j < n.
function rowMaxAbs(m: usize, row: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      v128.store(m + o, f64x2.max(v128.load(m + o), f64x2.abs(v128.load(row + o))));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(m + o, max<f64>(load<f64>(m + o), abs<f64>(load<f64>(row + o))));
  }
}

// s[j] += (row[j]·sc[j])² for j < n.
function rowSumSquares(s: usize, row: usize, sc: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const v = f64x2.mul(v128.load(row + o), v128.load(sc + o));
      v128.store(s + o, f64x2.add(v128.load(s + o), f64x2.mul(v, v)));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    const v = load<f64>(row + o) * load<f64>(sc + o);
    store<f64>(s + o, load<f64>(s + o) + v * v);
  }
}

// out[j] = (row[j]·pre[j])/s[j]·post[j] for j < n.
function rowDivide(out: usize, row: usize, pre: usize, s: usize, post: usize, n: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const q = f64x2.div(f64x2.mul(v128.load(row + o), v128.load(pre + o)), v128.load(s + o));
      v128.store(out + o, f64x2.mul(q, v128.load(post + o)));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(out + o, ((load<f64>(row + o) * load<f64>(pre + o)) / load<f64>(s + o)) * load<f64>(post + o));
  }
}
