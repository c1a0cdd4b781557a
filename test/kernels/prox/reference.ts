// Plain-JS references and comparisons shared by the prox wrapper tests.
import { Rng } from "../../../src/data/rng.js";

/** sign(v)·max(|v| − t, 0) written the natural way, with NaN kept (the natural loop maps NaN to 0). */
export function softRef(v: number, t: number): number {
  if (Number.isNaN(v)) return NaN;
  const a = Math.abs(v) - t;
  return a > 0 ? Math.sign(v) * a : 0;
}

export function hardRef(v: number, t: number): number {
  return Number.isNaN(v) || Math.abs(v) > t ? v : 0;
}

/** Index of the first entry where a and b differ under Object.is (NaN = NaN, +0 ≠ −0), or −1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Normal entries with specials (±0, ±Inf, NaN, ±t, tiny and huge) scattered through. */
export function withSpecials(rng: Rng, n: number, t: number): Float64Array {
  const x = rng.normalArray(n);
  const specials = [0, -0, Infinity, -Infinity, NaN, t, -t, 5e-324, -1e308];
  for (let i = 1, k = 0; i < n; i += 3, k++) x[i] = specials[k % specials.length];
  return x;
}

/** Lengths around the f64x2 width and the 4-wide unrolls. */
export const LENGTHS = [0, 1, 2, 3, 4, 5, 7, 16, 17, 33, 257, 1000];
