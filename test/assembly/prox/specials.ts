// Shared by the prox specs: test vectors with special values mixed into the pattern, and a
// bitwise comparison that treats every NaN as equal.
import { fillPattern } from "../helpers";

/** fillPattern(n, salt) with ±0, ±Inf, NaN and ±t (ties at a threshold t) placed every 3rd
 *  entry from index 1, so they land both in the f64x2 body and in the scalar tail. */
export function withSpecials(n: i32, salt: i32, t: f64): Float64Array {
  const x = fillPattern(n, salt);
  const specials: f64[] = [0.0, -0.0, Infinity, -Infinity, NaN, t, -t, 1e-320, -1e308];
  let k = salt;
  for (let i = 1; i < n; i += 3) {
    x[i] = specials[k % specials.length];
    k++;
  }
  return x;
}

/** Same bits, or both NaN. */
export function same(a: f64, b: f64): bool {
  if (isNaN(a) && isNaN(b)) return true;
  return reinterpret<u64>(a) == reinterpret<u64>(b);
}

/** A copy of a Float64Array. */
export function copyOf(x: Float64Array): Float64Array {
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i];
  return y;
}

/** Index of the first entry where got and want differ bitwise (NaN = NaN), or −1. */
export function firstMismatch(got: Float64Array, want: Float64Array): i32 {
  for (let i = 0; i < want.length; i++) if (!same(got[i], want[i])) return i;
  return -1;
}
