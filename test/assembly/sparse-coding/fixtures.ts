// Shared by the sparse coding specs: code widths around the f64x2 width, a random dictionary's
// Gram matrix G = AᵀA and b = Aᵀy, and a bitwise comparison.
import { fillPattern } from "../helpers";

/** Code lengths k: 1, lanes ± 1, odd, and a few larger. */
export const WIDTHS: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33];

/** Same bits (+0 and −0 differ). */
export function sameBits(a: f64, b: f64): bool {
  return reinterpret<u64>(a) == reinterpret<u64>(b);
}

/** An n×k dictionary with fillPattern entries (row-major). */
export function dictionary(n: i32, k: i32, salt: i32): Float64Array {
  return fillPattern(n * k, salt);
}

/** G = AᵀA (k×k) for an n×k row-major A, by plain sums. */
export function gramOf(a: Float64Array, n: i32, k: i32): Float64Array {
  const g = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s: f64 = 0;
      for (let t = 0; t < n; t++) s += a[t * k + i] * a[t * k + j];
      g[i * k + j] = s;
    }
  }
  return g;
}

/** Aᵀy (k) for an n×k A and y of length n, starting at y[offset]. */
export function correlate(a: Float64Array, n: i32, k: i32, y: Float64Array, offset: i32): Float64Array {
  const b = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s: f64 = 0;
    for (let t = 0; t < n; t++) s += a[t * k + i] * y[offset + t];
    b[i] = s;
  }
  return b;
}

/** A slice [start, start + length) of x as a new array. */
export function part(x: Float64Array, start: i32, length: i32): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = x[start + i];
  return out;
}
