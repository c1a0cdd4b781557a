// The overcomplete DCT dictionaries of K-SVD: 1-D and separable 2-D (64×256 for 8×8 patches).
import type { Matrix } from "../../matrix.js";
import { checkInteger, checkOptions, describe, newFloat64Array } from "../../validate.js";
import { checkKroneckerSize, kronecker } from "./kronecker.js";

/** Options of {@link overcompleteDctDictionary}. */
export interface OvercompleteDctOptions {
  /**
   * The number of atoms, at least n.
   * @defaultValue 2n
   */
  atoms?: number;
}

/** Options of {@link overcompleteDct2dDictionary}. */
export interface OvercompleteDct2dOptions {
  /**
   * The atoms of the 1-D dictionaries of the rows and of the columns, each at least its size.
   * @defaultValue [2·rows, 2·cols]
   */
  atoms?: readonly [number, number];
}

/**
 * The overcomplete DCT dictionary of K-SVD (Aharon, Elad & Bruckstein, "K-SVD", IEEE Trans.
 * Signal Process. 2006, §V; Rubinstein's KSVD-Box `odctdict`): n×atoms, one unit-norm atom per
 * column. Atom 0 is the constant 1/√n; atom k ≥ 1 is the cosine cos(πki/atoms), i = 0 … n−1 —
 * frequencies spaced n/atoms times as finely as the DCT's — with its mean removed (so only atom 0
 * carries the DC component) and then normalized. Not orthogonal when atoms > n; it spans Rⁿ.
 *
 * @throws TypeError / RangeError if n is not an integer ≥ 1 or atoms not an integer ≥ n (a
 *   signal of length 1 has only the constant atom: atoms must then be 1).
 */
export function overcompleteDctDictionary(n: number, options: OvercompleteDctOptions = {}): Matrix {
  checkInteger("n", n, 1);
  checkOptions("options", options, ["atoms"]);
  const atoms = checkAtoms("atoms", options.atoms ?? 2 * n, n);
  const data = newFloat64Array("n", n * atoms, `an ${n}×${atoms} dictionary has ${n * atoms} entries`);
  for (let i = 0; i < n; i++) data[i * atoms] = 1 / Math.sqrt(n);
  const v = new Float64Array(n);
  for (let k = 1; k < atoms; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) {
      v[i] = Math.cos((Math.PI * ((k * i) % (2 * atoms))) / atoms);
      mean += v[i];
    }
    mean /= n;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      v[i] -= mean;
      norm += v[i] * v[i];
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) data[i * atoms + k] = v[i] / norm;
  }
  return { rows: n, cols: atoms, data };
}

/**
 * The separable overcomplete DCT dictionary for rows×cols patches stored row-major (pixel (i, j)
 * at entry i·cols + j): the Kronecker product of the 1-D dictionaries of the rows and of the
 * columns ({@link overcompleteDctDictionary}; KSVD-Box `odct2dict`), (rows·cols) × (rowAtoms·colAtoms),
 * atom k·colAtoms + l being the outer product of 1-D atoms k and l. Atoms have unit norm, and only
 * atom 0 has a nonzero mean. `overcompleteDct2dDictionary(8, 8)` is the classic 64×256 dictionary
 * of K-SVD denoising (Elad & Aharon, IEEE Trans. Image Process. 2006).
 *
 * @throws TypeError / RangeError for sizes that are not integers ≥ 1 or atoms below the sizes.
 */
export function overcompleteDct2dDictionary(rows: number, cols: number, options: OvercompleteDct2dOptions = {}): Matrix {
  checkInteger("rows", rows, 1);
  checkInteger("cols", cols, 1);
  checkOptions("options", options, ["atoms"]);
  const atoms = options.atoms ?? [2 * rows, 2 * cols];
  if (!Array.isArray(atoms) || atoms.length !== 2) {
    throw new TypeError(`invalid atoms: expected [rowAtoms, colAtoms], got ${describe(atoms)}`);
  }
  const rowAtoms = checkAtoms("atoms[0]", atoms[0], rows), colAtoms = checkAtoms("atoms[1]", atoms[1], cols);
  checkKroneckerSize(rows, cols, rowAtoms * colAtoms);
  return kronecker(
    overcompleteDctDictionary(rows, { atoms: rowAtoms }),
    overcompleteDctDictionary(cols, { atoms: colAtoms }),
  );
}

function checkAtoms(name: string, atoms: unknown, n: number): number {
  const a = checkInteger(name, atoms, n);
  if (n === 1 && a > 1) {
    throw new RangeError(`invalid ${name}: a signal of length 1 has only the constant atom; expected 1, got ${a}`);
  }
  return a;
}
