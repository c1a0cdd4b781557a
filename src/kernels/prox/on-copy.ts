// The shape every copying prox wrapper shares: bring x into wasm memory where the result is to
// be written, run the kernel there in place, and hand the result out. With one bulk copy each
// way: x is copied into a scratch buffer (or straight into `out` when `out` is a view of wasm
// memory, or with memory.copy when x is one), and the scratch is copied into `out` or a new array.
import type { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import { copyInto, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";

/**
 * Runs `kernel(ptr, scope)` in place on a wasm copy of x (ptr is its address: `out`'s own memory
 * when `out` is resident, else a scratch buffer; scope allocates any other buffer the kernel
 * needs, freed with the scratch: their f64 lengths are `scratch`, reserved with it before either
 * is allocated) and returns the result in `out` or a new array.
 */
export function proxOnCopy(
  x: Float64Array,
  out: Float64Array | undefined,
  kernel: (ptr: number, scope: ArenaScope) => void,
  scratch: readonly number[] = [],
): Float64Array {
  const [ox, oo] = [operand(x), operand(out)];
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [resultScratchLength(oo, x.length, []), ...scratch] });
    const target = resultTarget(s, oo, x.length, []);
    copyInto(target.ptr, ox);
    kernel(target.ptr, s);
    return target.finish();
  });
}
