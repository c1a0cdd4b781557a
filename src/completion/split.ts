// splitObserved(observed, { testFraction, seed }): a seeded train/test split of observed entries.
import { checkBoolean, checkFinite, checkOptions } from "../validate.js";
import { rngFrom, type Seed } from "../data/seed.js";
import { checkObserved, type Observed } from "./observed.js";

/** Options of {@link splitObserved}. */
export interface SplitOptions {
  /**
   * The fraction of entries to hold out, in [0, 1]: the test set gets round(testFraction·nnz)
   * entries (fewer only when `cover` forbids more; see {@link splitObserved}).
   * @defaultValue 0.2
   */
  testFraction?: number;
  /**
   * Seed of the shuffle: an integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
  /**
   * Keep at least one entry of every non-empty row and column in the training set, so that no
   * factor row is left without data by the split.
   * @defaultValue true
   */
  cover?: boolean;
}

/** The result of {@link splitObserved}. */
export interface ObservedSplit {
  /** The training entries (same shape as the input), in input order. */
  readonly train: Observed;
  /** The held-out entries, in input order. */
  readonly test: Observed;
  /** For each training entry, its index in the input. */
  readonly trainIndex: Int32Array;
  /** For each test entry, its index in the input. */
  readonly testIndex: Int32Array;
}

/**
 * Splits observed entries into disjoint train and test sets whose union is the input.
 *
 * Algorithm: one pass over the entries in a random order, moving each to the test set while fewer
 * than round(testFraction·nnz) are there. The order is a Fisher–Yates shuffle of an Int32Array of
 * entry indices driven by the seeded Rng (so the split is the same in every runtime for one seed),
 * done lazily (Durstenfeld's forward form: position p is drawn from the entries not yet placed
 * when the pass reaches it), so only as many draws are made as entries are visited — about the
 * test size, not nnz (at 2.5·10⁷ entries the full shuffle took most of 5 s). With `cover` (the
 * default) an entry moves only if its row and its column each keep another training entry, so
 * every row and column with at least one entry keeps at least one in train (in particular every
 * row/column with ≥ 2 entries does, and a row/column with a single entry never loses it). The
 * pass is greedy: when the constraint binds (very sparse rows/columns, large fractions), the test
 * set is smaller than requested — compare `test.row.length` with the target if that matters.
 * O(nnz + rows + cols) time; random draws O(test size) unless `cover` skips many entries.
 *
 * @throws TypeError / RangeError for an invalid `observed` or option (testFraction outside [0, 1]).
 */
export function splitObserved(observed: Observed, options: SplitOptions = {}): ObservedSplit {
  const o = checkObserved("observed", observed);
  checkOptions("options", options, ["testFraction", "seed", "cover"]);
  const { testFraction = 0.2, seed = 0, cover = true } = options;
  checkFinite("testFraction", testFraction, 0);
  if (testFraction > 1) throw new RangeError(`invalid testFraction: expected a number in [0, 1], got ${testFraction}`);
  checkBoolean("cover", cover);
  const rng = rngFrom("seed", seed);
  const nnz = o.row.length;
  const target = Math.round(testFraction * nnz);

  const order = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) order[k] = k;
  const inTest = new Uint8Array(nnz);
  const rowLeft = new Int32Array(o.rows);
  const colLeft = new Int32Array(o.cols);
  for (let k = 0; k < nnz; k++) {
    rowLeft[o.row[k]]++;
    colLeft[o.col[k]]++;
  }
  // The lazy shuffle in batches: the draws of a batch first, then the swaps, then the entries'
  // rows and columns gathered, then the greedy pass. The random accesses (order, row, col: up to
  // 100 MB each at ratings size) of a batch are then independent and overlap, where one entry at
  // a time waits for each. A batch is never longer than the entries still to take (each position
  // takes at most one), so exactly the draws of one-at-a-time are made and the split is the same.
  const batch = Math.min(4096, target);
  const picked = new Int32Array(batch), rowOf = new Int32Array(batch), colOf = new Int32Array(batch);
  let taken = 0;
  for (let p0 = 0; p0 < nnz && taken < target; ) {
    const size = Math.min(batch, target - taken, nnz - p0);
    for (let q = 0; q < size; q++) picked[q] = p0 + q + rng.integer(nnz - p0 - q);
    for (let q = 0; q < size; q++) {
      const t = picked[q], p = p0 + q;
      const k = order[t];
      order[t] = order[p];
      order[p] = k;
      picked[q] = k;
    }
    for (let q = 0; q < size; q++) {
      rowOf[q] = o.row[picked[q]];
      colOf[q] = o.col[picked[q]];
    }
    for (let q = 0; q < size; q++) {
      const i = rowOf[q], j = colOf[q];
      if (cover && (rowLeft[i] < 2 || colLeft[j] < 2)) continue;
      rowLeft[i]--;
      colLeft[j]--;
      inTest[picked[q]] = 1;
      taken++;
    }
    p0 += size;
  }
  const testIndex = new Int32Array(taken);
  const trainIndex = new Int32Array(nnz - taken);
  for (let k = 0, a = 0, b = 0; k < nnz; k++) {
    if (inTest[k]) testIndex[b++] = k;
    else trainIndex[a++] = k;
  }
  return { train: subset(o, trainIndex), test: subset(o, testIndex), trainIndex, testIndex };
}

function subset(o: Observed, index: Int32Array): Observed {
  const n = index.length;
  const row = new Int32Array(n), col = new Int32Array(n), value = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const k = index[p];
    row[p] = o.row[k];
    col[p] = o.col[k];
    value[p] = o.value[k];
  }
  return { rows: o.rows, cols: o.cols, row, col, value };
}
