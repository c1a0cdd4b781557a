// copyPoint: the deep copy of a point (or an alternating-minimization state) that onIteration gets.

/**
 * A deep copy of plain data: typed arrays are sliced, arrays and plain objects (matrices
 * `{ rows, cols, data }`, product points, the states of `alternatingMinimization`) copied member by
 * member; numbers, strings and other values (functions, class instances, DataViews) are kept as
 * they are.
 * Writing into the copy cannot reach the original.
 */
export function copyPoint<P>(point: P): P {
  return copy(point) as P;
}

function copy(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return (value as unknown as { slice(): unknown }).slice();
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = copy(member);
    return out;
  }
  return value;
}
