// FFT plans, cached per runtime by kind and length.
//
// A plan (factorization, twiddles, butterfly tables, Rader data with their sub-plans, Bluestein
// chirp and transformed filter, scratch) is one arena block filled by the `fftPlanInit` /
// `rfftPlanInit` kernels. The first transform of a given kind and length makes its plan; later
// calls reuse it, so repeated transforms of one size cost no setup. Plans stay allocated (they
// show in `runtime().arena.stats()`) until `clearFftPlans()` frees them. Each runtime (build)
// has its own cache, because each has its own memory. A plan's scratch is reused by every
// transform of that length, which is safe because kernels run to completion one at a time.
import { kernels, runtime, type Runtime } from "../../runtime/init.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { FftKernels } from "./kernels.js";

/** Which transform a plan serves: complex of length n, or real of length n. */
export type FftPlanKind = "complex" | "real";

const caches = new Map<Runtime, Map<string, WasmBuffer<"f64">>>();

/** The byte address of the cached plan of this kind and length in the active runtime. */
export function fftPlan(kind: FftPlanKind, n: number): number {
  const rt = runtime();
  let cache = caches.get(rt);
  if (cache === undefined) {
    cache = new Map();
    caches.set(rt, cache);
  }
  const key = `${kind}:${n}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached.ptr;
  const k = kernels<FftKernels>();
  const bytes = kind === "complex" ? k.fftPlanSize(n) : k.rfftPlanSize(n);
  const buffer = rt.arena.f64(Math.ceil(bytes / 8));
  try {
    if (kind === "complex") k.fftPlanInit(buffer.ptr, n);
    else k.rfftPlanInit(buffer.ptr, n);
  } catch (error) {
    buffer.dispose();
    throw error;
  }
  cache.set(key, buffer);
  return buffer.ptr;
}

/**
 * Frees every cached FFT plan (in every runtime). Later transforms make their plans again.
 * Returns the number of plans freed.
 */
export function clearFftPlans(): number {
  let freed = 0;
  for (const cache of caches.values()) {
    for (const buffer of cache.values()) {
      buffer.dispose();
      freed++;
    }
  }
  caches.clear();
  return freed;
}

/** The number of cached plans in the active runtime, and the bytes they hold. */
export function fftPlanStats(): { plans: number; bytes: number } {
  const cache = caches.get(runtime());
  let bytes = 0;
  for (const buffer of cache?.values() ?? []) bytes += buffer.length * 8;
  return { plans: cache?.size ?? 0, bytes };
}
