// Shared by the kernel specs: the shape grid around the vector width, deterministic test data,
// and raw pointers to typed arrays.

/** Lengths around the f64x2 width and the 4-wide unrolls: 0, 1, lanes±1, odd, larger. */
export const SHAPES: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 257];

/** The byte address of an array's first element. */
export function ptr<T extends ArrayBufferView>(a: T): usize {
  return a.dataStart;
}

/** n values in about [−1, 1] from a fixed integer hash of (i, salt): reproducible, not periodic. */
export function fillPattern(n: i32, salt: i32): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h = <u32>(i * 0x9e3779b1) ^ <u32>(salt * 0x85ebca6b);
    h ^= h >>> 15;
    h *= 0x2c1b3c6d;
    h ^= h >>> 12;
    out[i] = <f64>(h & 0xffff) / 32768.0 - 1.0;
  }
  return out;
}
