// The shape every copying prox wrapper shares: copy x into wasm memory, run the kernel on that
// copy in place, copy the result out (into `out`, which may be x itself, or a new array).
import type { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";

/**
 * Runs `kernel(ptr, scope)` on a wasm copy of x (ptr is its address; scope allocates any other
 * buffer the kernel needs, freed with the copy: their f64 lengths are `scratch`, reserved with
 * the copy before either is allocated) and returns the result in `out` or a new array.
 */
export function proxOnCopy(
  x: Float64Array,
  out: Float64Array | undefined,
  kernel: (ptr: number, scope: ArenaScope) => void,
  scratch: readonly number[] = [],
): Float64Array {
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [x.length, ...scratch] });
    const copy = s.f64From(x);
    kernel(copy.ptr, s);
    const result = out ?? new Float64Array(x.length);
    result.set(copy.view);
    return result;
  });
}
