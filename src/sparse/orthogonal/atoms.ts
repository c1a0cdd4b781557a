// The atom-by-atom driver shared by the "sphere" and "subgradient" methods: solve for one atom in
// the current subspace, deflate, repeat; assemble the dictionary, codes and records.
import { derivedRng } from "../../data/derived-rng.js";
import type { Rng } from "../../data/rng.js";
import { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import type { History } from "../../solvers/history.js";
import type { CommonOptions } from "../../solvers/options.js";
import type { ResidentKernels } from "../../problems/resident.js";
import { Deflation, type StridedData } from "./deflation.js";
import { runOptions, type MethodOutput } from "./method-output.js";
import { CONVERGED, type AtomRecord, type DictionaryStopReason, type ResolvedOptions, type RoundingRecord } from "./options.js";

/** What an atom solver gets: the current subproblem and the options for its run. */
export interface AtomContext {
  /** The index k of the atom sought (k atoms found so far). */
  readonly atom: number;
  /** The subproblem's data Y_k = U_kᵀ·Y, (n−k)×p in wasm. */
  readonly data: StridedData;
  /** The run's generator (random starts), advancing from atom to atom. */
  readonly rng: Rng;
  /** The common options for this atom's run: remaining time, callback mapped to full coordinates. */
  readonly common: CommonOptions<Float64Array>;
}

/** What an atom solver returns. */
export interface AtomOutcome {
  /** The atom as a unit vector in the subproblem's coordinates (n − k entries). */
  readonly q: Float64Array;
  readonly record: Omit<AtomRecord, "historyStart">;
  readonly history: History;
  /** The atom's LP rounding, if it had one. */
  readonly rounding?: RoundingRecord;
}

/** Solves one atom's subproblem. */
export type AtomSolver = (context: AtomContext) => Promise<AtomOutcome>;

/** Reasons that end the whole run (the atom in progress is discarded). */
const STOPS: ReadonlySet<DictionaryStopReason> = new Set(["aborted", "callback", "max-time"]);

/**
 * Learns `options.atoms` atoms of an orthogonal dictionary one at a time: the k-th atom solves its
 * subproblem on Y_k, the data deflated by the k atoms before it ({@link Deflation}), then is
 * deflated itself. Because the deflated data of Y = A₀X is again an orthogonal dictionary times
 * the remaining codes, each stage is the first stage in one dimension less (Sun, Qu & Wright 2017,
 * II §IV). When all n atoms are learned the last one is the 1-dimensional remainder, which the
 * solvers settle at once (the sphere S⁰ has no tangent directions).
 *
 * `maxTime` bounds the whole run (each atom gets what remains); an abort, a callback asking to stop
 * or the time running out ends the run and discards the atom in progress. The records and
 * histories of the atoms found are concatenated; the dictionary has one column per atom found.
 *
 * @param prepare makes the atom solver, allocating any scratch it needs from `scope` (freed with
 *   the rest of the run's wasm memory on return, throw and abort).
 */
export async function learnAtoms(
  y: Float64Array, n: number, p: number, options: ResolvedOptions, kern: ResidentKernels,
  prepare: (scope: ArenaScope) => AtomSolver,
): Promise<MethodOutput> {
  const started = performance.now();
  const scope = new ArenaScope(runtime().arena);
  try {
    const deflation = new Deflation(scope, y, n, p, kern);
    const solve = prepare(scope);
    // The atoms' random starts: a stream of its own, not the solvers' `new Rng(seed)` (Lanczos starts).
    const rng = derivedRng(options.common.seed, "orthogonal dictionary atom starts");
    const records: AtomRecord[] = [];
    const rounding: RoundingRecord[] = [];
    const histories: History[] = [];
    let offset = 0;
    let stop: DictionaryStopReason | undefined;
    for (let k = 0; k < options.atoms; k++) {
      const elapsed = performance.now() - started;
      if (elapsed >= options.common.maxTime) {
        stop = "max-time";
        break;
      }
      const common = runOptions<Float64Array>(
        options, { maxTime: options.common.maxTime - elapsed }, k, (q) => deflation.lift(q), offset, elapsed,
      );
      const outcome = await solve({ atom: k, data: deflation.data, rng, common });
      if (STOPS.has(outcome.record.reason)) {
        stop = outcome.record.reason;
        break;
      }
      deflation.deflate(outcome.q);
      records.push({ ...outcome.record, historyStart: offset });
      if (outcome.rounding !== undefined) rounding.push(outcome.rounding);
      histories.push(shifted(outcome.history, elapsed));
      offset += outcome.history.cost.length;
    }
    const { dictionary, codes } = deflation.dictionaryAndCodes();
    const failed = records.find((r) => !r.converged);
    // When all converged, the first atom's reason: the last atom of a complete basis stops at once
    // (S⁰ has no tangent directions) and would always say "gradient-tolerance".
    const reason = stop ?? failed?.reason ?? records[0]?.reason ?? "max-time";
    return {
      dictionary,
      codes,
      history: concatenated(histories),
      record: {
        iterations: records.reduce((s, r) => s + r.iterations, 0),
        converged: stop === undefined && failed === undefined && CONVERGED.has(reason),
        reason,
      },
      atoms: records,
      ...(rounding.length === 0 ? {} : { rounding }),
    };
  } finally {
    scope.disposeAll();
  }
}

/** The history with `offset` ms added to its times. */
function shifted(h: History, offset: number): History {
  return { ...h, time: h.time.map((t) => t + offset) };
}

function concatenated(parts: readonly History[]): History {
  const join = (key: keyof History): Float64Array => {
    const out = new Float64Array(parts.reduce((s, h) => s + h[key].length, 0));
    let at = 0;
    for (const h of parts) {
      out.set(h[key], at);
      at += h[key].length;
    }
    return out;
  };
  return { cost: join("cost"), gradientNorm: join("gradientNorm"), step: join("step"), time: join("time") };
}
