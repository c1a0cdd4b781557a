// FFT plans, cached per runtime by kind and length, bounded by bytes (least recently used out).
//
// A plan (factorization, twiddles, butterfly tables, Rader data with their sub-plans, Bluestein
// chirp and transformed filter, scratch) is one arena block filled by the `fftPlanInit` /
// `rfftPlanInit` kernels. The first transform of a given kind and length makes its plan; later
// calls reuse it, so repeated transforms of one size cost no setup. The cache holds at most
// `setFftPlanCacheBytes` bytes of plans per runtime: after each call, plans are freed least
// recently used first until the rest fit (a plan larger than the budget serves its call and is
// freed). A call pins the plans it uses, so making a second plan never frees the first under it.
// Each runtime (build) has its own cache, because each has its own memory. A plan's scratch is
// reused by every transform of that length, which is safe because kernels run to completion one
// at a time.
import { kernels, runtime, type Runtime } from "../../runtime/init.js";
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkInteger } from "../../validate.js";
import type { FftKernels } from "./kernels.js";

/** Which transform a plan serves: complex of length n, or real of length n. */
export type FftPlanKind = "complex" | "real";

/** One plan a call needs. */
export interface FftPlanRequest {
  kind: FftPlanKind;
  n: number;
}

/** What {@link fftPlanStats} reports about the plan cache of the active runtime. */
export interface FftPlanStats {
  /** Number of cached plans. */
  plans: number;
  /** Bytes of wasm memory they hold (each plan's arena block). */
  bytes: number;
  /** The budget: the cache holds at most this many bytes between calls. */
  maxBytes: number;
  /** Plans freed to keep within the budget since the runtime was made (not counting `clearFftPlans`). */
  evictions: number;
  /** The cached plans, least recently used first: the next to be evicted comes first. */
  entries: { kind: FftPlanKind; length: number; bytes: number }[];
}

/** The default plan cache budget: 64 MiB (a complex plan of length n takes ≈ 32n bytes). */
export const DEFAULT_FFT_PLAN_CACHE_BYTES = 64 * 1024 * 1024;

interface Plan {
  readonly kind: FftPlanKind;
  readonly n: number;
  readonly buffer: WasmBuffer<"f64">;
  pins: number;
}

interface Cache {
  /** Map order is recency: a use moves the plan to the end. */
  readonly plans: Map<string, Plan>;
  bytes: number;
  evictions: number;
}

const caches = new Map<Runtime, Cache>();
let maxBytes = DEFAULT_FFT_PLAN_CACHE_BYTES;

/**
 * Runs `body(plans, scope)` with the plans of `requests` (cached, or made now) pinned: their byte
 * addresses, in request order. The plans to be made and the scope's first allocations (f64
 * lengths `scratch`) are reserved together before any is allocated, so a call too large for wasm
 * memory fails before growing it. After `body`, the cache is trimmed to its budget.
 */
export function withFftPlans<T>(
  requests: readonly FftPlanRequest[],
  scratch: readonly number[],
  body: (plans: number[], scope: ArenaScope) => T,
): T {
  const rt = runtime();
  const cache = cacheOf(rt);
  const k = kernels<FftKernels>();
  const pinned: Plan[] = [];
  try {
    const missing: FftPlanRequest[] = [];
    for (const request of requests) {
      const plan = cache.plans.get(key(request));
      if (plan === undefined) {
        if (!missing.some((m) => key(m) === key(request))) missing.push(request);
      } else pin(cache, plan, pinned);
    }
    const lengths = missing.map(({ kind, n }) => Math.ceil((kind === "complex" ? k.fftPlanSize(n) : k.rfftPlanSize(n)) / 8));
    // Free unpinned plans first so that the new ones can reuse their memory.
    trim(cache, maxBytes - 8 * lengths.reduce((sum, length) => sum + length, 0));
    rt.arena.reserve({ f64: [...lengths, ...scratch] });
    missing.forEach((request, i) => pin(cache, make(rt, cache, k, request, lengths[i]), pinned));
    const ptrs = requests.map((request) => (cache.plans.get(key(request)) as Plan).buffer.ptr);
    return rt.arena.scope((s) => body(ptrs, s));
  } finally {
    for (const plan of pinned) plan.pins--;
    trim(cache, maxBytes);
  }
}

/**
 * Sets the FFT plan cache budget in bytes (for every runtime), and frees the least recently used
 * plans beyond it now. 0 keeps no plan between calls. Returns the previous budget.
 * @defaultValue 67108864 (64 MiB)
 */
export function setFftPlanCacheBytes(bytes: number): number {
  checkInteger("bytes", bytes, 0);
  const previous = maxBytes;
  maxBytes = bytes;
  for (const cache of caches.values()) trim(cache, maxBytes);
  return previous;
}

/**
 * Frees every cached FFT plan (in every runtime). Later transforms make their plans again.
 * Returns the number of plans freed.
 */
export function clearFftPlans(): number {
  let freed = 0;
  for (const cache of caches.values()) {
    for (const plan of cache.plans.values()) {
      plan.buffer.dispose();
      freed++;
    }
    cache.plans.clear();
    cache.bytes = 0;
  }
  return freed;
}

/** The plans cached in the active runtime, the bytes they hold, the budget and the evictions so far. */
export function fftPlanStats(): FftPlanStats {
  const cache = caches.get(runtime());
  const entries = [...(cache?.plans.values() ?? [])].map((plan) => ({
    kind: plan.kind,
    length: plan.n,
    bytes: planBytes(plan),
  }));
  return { plans: entries.length, bytes: cache?.bytes ?? 0, maxBytes, evictions: cache?.evictions ?? 0, entries };
}

function cacheOf(rt: Runtime): Cache {
  let cache = caches.get(rt);
  if (cache === undefined) {
    cache = { plans: new Map(), bytes: 0, evictions: 0 };
    caches.set(rt, cache);
  }
  return cache;
}

function key({ kind, n }: FftPlanRequest): string {
  return `${kind}:${n}`;
}

function planBytes(plan: Plan): number {
  return plan.buffer.length * 8;
}

/** Pins a plan for the running call and marks it most recently used. */
function pin(cache: Cache, plan: Plan, pinned: Plan[]): void {
  const k = key(plan);
  cache.plans.delete(k);
  cache.plans.set(k, plan);
  plan.pins++;
  pinned.push(plan);
}

function make(rt: Runtime, cache: Cache, k: FftKernels, request: FftPlanRequest, length: number): Plan {
  const buffer = rt.arena.f64(length);
  try {
    if (request.kind === "complex") k.fftPlanInit(buffer.ptr, request.n);
    else k.rfftPlanInit(buffer.ptr, request.n);
  } catch (error) {
    buffer.dispose();
    throw error;
  }
  const plan: Plan = { kind: request.kind, n: request.n, buffer, pins: 0 };
  cache.plans.set(key(request), plan);
  cache.bytes += planBytes(plan);
  return plan;
}

/** Frees unpinned plans, least recently used first, until the cache holds at most `budget` bytes. */
function trim(cache: Cache, budget: number): void {
  for (const [k, plan] of cache.plans) {
    if (cache.bytes <= budget) return;
    if (plan.pins > 0) continue;
    cache.plans.delete(k);
    cache.bytes -= planBytes(plan);
    cache.evictions++;
    plan.buffer.dispose();
  }
}
