// hungarian(cost): the optimal assignment of rows to columns (Kuhn–Munkres by shortest augmenting
// paths with dual potentials), square or rectangular, minimizing or maximizing.
import type { Matrix } from "../matrix.js";
import { checkBoolean, checkMatrix, checkOptions } from "../validate.js";

/** Options of {@link hungarian}. */
export interface HungarianOptions {
  /**
   * Maximize the total instead of minimizing it.
   * @defaultValue false
   */
  maximize?: boolean;
}

/** The result of {@link hungarian}. */
export interface Assignment {
  /** `rowToColumn[i]` is the column assigned to row i, or −1 when row i is left out (more rows than columns). */
  readonly rowToColumn: Int32Array;
  /** `columnToRow[j]` is the row assigned to column j, or −1 when column j is left out (more columns than rows). */
  readonly columnToRow: Int32Array;
  /** The sum of the assigned entries of `cost`. */
  readonly total: number;
}

/**
 * The linear assignment problem: for an r×c cost matrix, a one-to-one matching of min(r, c) rows
 * and columns whose total cost Σ cost[i, rowToColumn[i]] is minimal (or maximal with
 * `maximize: true`). When r ≠ c the larger side has min(r, c) of its indices matched and the rest
 * marked −1.
 *
 * Algorithm: the Hungarian method of Kuhn (1955) and Munkres (1957) in the shortest augmenting
 * path form of Jonker & Volgenant ("A shortest augmenting path algorithm for dense and sparse
 * linear assignment problems", Computing 38, 1987; Burkard, Dell'Amico & Martello, *Assignment
 * Problems*, 2009, §4.4): rows are added one at a time; for each, a Dijkstra-like search over
 * reduced costs cost[i, j] − u[i] − v[j] ≥ 0 finds the cheapest alternating path to a free
 * column, the potentials u, v are updated so that reduced costs stay non-negative and vanish on
 * the matching, and the path is augmented. O(r²c) time for r ≤ c (the transpose is solved when
 * r > c), O(r + c) memory beyond the input. The dual feasibility of (u, v) certifies optimality.
 * Deterministic: ties in each search go to the lowest column index.
 *
 * NaN policy: every entry must be finite (RangeError otherwise; use a large finite cost to forbid a
 * pair).
 *
 * @throws TypeError if `cost` is not a matrix or the options are bad; RangeError for a non-finite entry.
 */
export function hungarian(cost: Matrix, options: HungarianOptions = {}): Assignment {
  const m = checkMatrix("cost", cost);
  checkOptions("options", options, ["maximize"]);
  const maximize = checkBoolean("maximize", options.maximize ?? false);
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k])) {
      const i = Math.floor(k / m.cols);
      throw new RangeError(`invalid cost: cost[${i}, ${k - i * m.cols}] = ${m.data[k]}; expected finite values`);
    }
  }
  const { rows, cols, data } = m;
  const sign = maximize ? -1 : 1;
  const transposed = rows > cols;
  // The solver below needs at most as many rows as columns: solve the transpose otherwise.
  const at = transposed ? (i: number, j: number) => sign * data[j * cols + i] : (i: number, j: number) => sign * data[i * cols + j];
  const matchOfColumn = shortestAugmentingPaths(Math.min(rows, cols), Math.max(rows, cols), at);
  const rowToColumn = new Int32Array(rows).fill(-1);
  const columnToRow = new Int32Array(cols).fill(-1);
  for (let j = 0; j < matchOfColumn.length; j++) {
    const i = matchOfColumn[j];
    if (i < 0) continue;
    const [row, col] = transposed ? [j, i] : [i, j];
    rowToColumn[row] = col;
    columnToRow[col] = row;
  }
  let total = 0;
  for (let i = 0; i < rows; i++) if (rowToColumn[i] >= 0) total += data[i * cols + rowToColumn[i]];
  return { rowToColumn, columnToRow, total };
}

/**
 * Minimum-cost assignment of all n rows to distinct columns of an n×c cost (n ≤ c) given by
 * `at(i, j)`; returns for each column its row or −1. Arrays are 1-based with a virtual column 0
 * that holds the row being inserted (the classical compact formulation).
 */
function shortestAugmentingPaths(n: number, c: number, at: (i: number, j: number) => number): Int32Array {
  const u = new Float64Array(n + 1); // row potentials
  const v = new Float64Array(c + 1); // column potentials
  const rowOf = new Int32Array(c + 1); // rowOf[j]: the row (1-based) matched to column j, 0 if free
  const previous = new Int32Array(c + 1); // the column before j on the shortest path
  const distance = new Float64Array(c + 1);
  const visited = new Uint8Array(c + 1);
  for (let row = 1; row <= n; row++) {
    rowOf[0] = row;
    let column = 0;
    distance.fill(Infinity);
    visited.fill(0);
    // Grow the shortest-path tree until it reaches a free column.
    do {
      visited[column] = 1;
      const i = rowOf[column];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= c; j++) {
        if (visited[j]) continue;
        const reduced = at(i - 1, j - 1) - u[i] - v[j];
        if (reduced < distance[j]) {
          distance[j] = reduced;
          previous[j] = column;
        }
        if (distance[j] < delta) {
          delta = distance[j];
          next = j;
        }
      }
      // Shift the potentials by delta: tree edges stay tight, reduced costs stay ≥ 0.
      for (let j = 0; j <= c; j++) {
        if (visited[j]) {
          u[rowOf[j]] += delta;
          v[j] -= delta;
        } else distance[j] -= delta;
      }
      column = next;
    } while (rowOf[column] !== 0);
    // Augment along the path back to the virtual column 0.
    do {
      const before = previous[column];
      rowOf[column] = rowOf[before];
      column = before;
    } while (column !== 0);
  }
  const result = new Int32Array(c);
  for (let j = 1; j <= c; j++) result[j - 1] = rowOf[j] - 1;
  return result;
}
