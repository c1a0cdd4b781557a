// What the methods of learnDictionary share while they run: the resident data, the options, the
// solver record, the coder, and the small steps both methods take.
import type { Matrix } from "../../matrix.js";
import type { Rng } from "../../data/rng.js";
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import type { SolverRun } from "../../solvers/run.js";
import type { CodingBuffers } from "../coding/context.js";
import type { DictionaryCoder } from "./coder.js";
import type { DictionaryLearningStopReason, ResolvedDictionaryOptions } from "./options.js";

/**
 * The resident problem of a learnDictionary run (the coding buffers: A, the dictionary, updated in
 * place; Y, the samples with missing entries 0; X, the codes) and its machinery.
 */
export interface LearningRun extends CodingBuffers {
  kern: SparseCodingKernels;
  scope: ArenaScope;
  mask: Uint8Array | undefined;
  o: ResolvedDictionaryOptions;
  run: SolverRun<Matrix>;
  coder: DictionaryCoder;
  rng: Rng;
}

/** What a method reports besides the buffers it leaves (A and X hold its result). */
export interface MethodOutcome {
  reason: DictionaryLearningStopReason;
  atomsReplaced: number;
  minibatches: number;
}

/** The dictionary as a Matrix viewing wasm memory (valid until the next allocation). */
export function dictionaryView(r: LearningRun): Matrix {
  return { rows: r.n, cols: r.K, data: r.A.view };
}

/** Σ of the per-sample objectives, divided by p. */
export function perSample(objective: Float64Array, p: number): number {
  let sum = 0;
  for (const v of objective) sum += v;
  return sum / p;
}

/** ‖A − previous‖_F. */
export function distance(A: WasmBuffer<"f64">, previous: Float64Array): number {
  const a = A.view;
  let s = 0;
  for (let t = 0; t < a.length; t++) s += (a[t] - previous[t]) ** 2;
  return Math.sqrt(s);
}

/** The stop on the objective's relative change, once the common criteria have not fired. */
export function objectiveStop(current: number, previous: number, tolerance: number): "objective-tolerance" | undefined {
  return Math.abs(current - previous) <= tolerance * Math.abs(current) ? "objective-tolerance" : undefined;
}
