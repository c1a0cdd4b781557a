// Compiles the inlined kernels once per build and keeps one active runtime for the wrappers.
import { Arena, MAX_WASM_MEMORY, MIN_MAX_MEMORY } from "./arena.js";
import { checkInteger } from "../validate.js";
import { BINARIES, BINARY_PREFERENCE, type BinaryKind } from "./binaries.js";

/** What `init()` reports: the build that runs and the SIMD features it uses. */
export interface Features {
  /** The build in use. */
  binary: BinaryKind;
  /** 128-bit SIMD kernels are in use. */
  simd: boolean;
  /** Relaxed SIMD (fused multiply-add) kernels are in use. */
  relaxedSimd: boolean;
}

/** Options for {@link init}. */
export interface InitOptions {
  /**
   * Which build to run. `"auto"` takes the best one this engine validates: relaxed SIMD, then
   * SIMD, then scalar. Naming a build (to compare builds, or to pin one) fails if the engine
   * cannot run it.
   * @defaultValue "auto"
   */
  binary?: "auto" | BinaryKind;
  /**
   * The cap on the kernels' wasm memory, in bytes (rounded down to whole 64 KiB pages; at least
   * 65536, at most 4 GiB). A call that would grow memory beyond it is refused with a RangeError
   * naming the bytes it needs and the cap, before it allocates anything; since wasm memory never
   * shrinks, this bounds what the kernels hold for the life of the page. The cap applies to the
   * active runtime (whichever build `init` selects); an `init()` call without `maxMemory` keeps
   * the cap in force. A cap below the memory already in use stops further growth.
   * @defaultValue 4294967296 (4 GiB, all that wasm32 can address; an engine may refuse to grow
   * earlier, which is reported the same way, also without growing)
   */
  maxMemory?: number;
}

/** One instantiated build: its exports, its memory and the arena that owns that memory. */
export interface Runtime {
  readonly features: Features;
  readonly memory: WebAssembly.Memory;
  readonly arena: Arena;
  readonly exports: WebAssembly.Exports;
}

const loaded = new Map<BinaryKind, Promise<Runtime>>();
let active: Runtime | null = null;
let maxMemory = MAX_WASM_MEMORY;

/**
 * Compiles the kernels (once; later calls return the same runtime) and makes them the active
 * runtime used by every kernel wrapper and solver.
 *
 * @example
 * ```js
 * import { init, supportedBinaries } from "benign";
 * const { binary } = await init();   // "relaxed-simd", "simd" or "scalar": the best this engine validates
 * console.log(binary, supportedBinaries());
 * ```
 */
export async function init(options: InitOptions = {}): Promise<Features> {
  const { binary = "auto", maxMemory: cap = maxMemory, ...unknown } = options;
  rejectUnknown(unknown);
  checkInteger("maxMemory", cap, MIN_MAX_MEMORY, MAX_WASM_MEMORY);
  const kind = binary === "auto" ? bestSupported() : checkedKind(binary);
  let pending = loaded.get(kind);
  if (pending === undefined) {
    pending = instantiate(kind);
    loaded.set(kind, pending);
    pending.catch(() => loaded.delete(kind));
  }
  active = await pending;
  maxMemory = cap;
  active.arena.maxMemory = cap;
  return { ...active.features };
}

/** The active runtime; throws if `init()` has not finished. */
export function runtime(): Runtime {
  if (active === null) throw new Error("benign is not initialized: call `await init()` first");
  return active;
}

/** The kernel exports of the active runtime, typed by the caller's view of them. */
export function kernels<T>(): T {
  return runtime().exports as unknown as T;
}

/** The builds this engine validates, best first. */
export function supportedBinaries(): BinaryKind[] {
  return BINARY_PREFERENCE.filter((kind) => WebAssembly.validate(BINARIES[kind]));
}

function bestSupported(): BinaryKind {
  const kinds = supportedBinaries();
  if (kinds.length === 0) throw new Error("this engine cannot validate any build of the benign kernels");
  return kinds[0];
}

function checkedKind(binary: unknown): BinaryKind {
  if (typeof binary !== "string" || !(BINARY_PREFERENCE as readonly string[]).includes(binary)) {
    throw new TypeError(
      `invalid binary: expected "auto", ${BINARY_PREFERENCE.map((k) => `"${k}"`).join(", ")}, got ${String(binary)}`,
    );
  }
  const kind = binary as BinaryKind;
  if (!WebAssembly.validate(BINARIES[kind])) {
    throw new Error(`this engine cannot run the ${kind} build of the benign kernels`);
  }
  return kind;
}

async function instantiate(kind: BinaryKind): Promise<Runtime> {
  const module = await WebAssembly.compile(BINARIES[kind]);
  const exports = (await WebAssembly.instantiate(module, {})).exports;
  const memory = exports.memory as WebAssembly.Memory;
  const heapBase = (exports.heapBase as () => number)();
  return {
    features: { binary: kind, simd: kind !== "scalar", relaxedSimd: kind === "relaxed-simd" },
    memory,
    arena: new Arena(memory, heapBase),
    exports,
  };
}

function rejectUnknown(unknown: Record<string, unknown>): void {
  const keys = Object.keys(unknown);
  if (keys.length > 0) throw new TypeError(`unknown option: ${keys[0]}`);
}
