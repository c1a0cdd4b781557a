// alternatingMinimization: block coordinate descent over named blocks, each with its own update.
import type { Matrix } from "../matrix.js";
import { checkedValue } from "../problems/non-finite.js";
import { describe } from "../validate.js";
import { copyPoint } from "./copy-point.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";

/** What a block update gets besides the state. */
export interface BlockContext {
  /** The run's abort signal: pass it to an inner solver so an abort stops it at once. */
  readonly signal: AbortSignal | undefined;
  /** The sweep being computed (1 for the first). */
  readonly sweep: number;
}

/**
 * One block of the state: `update` returns the new value of `state[name]` given the current
 * state (the blocks before it in the sweep already updated). Closed-form minimizations (a ridge
 * solve) return the value directly; a block that runs a solver for a few iterations, warm-started
 * at `state[name]`, returns a promise of its point.
 */
export type Block<S> = {
  [K in keyof S]: {
    readonly name: K;
    update(state: Readonly<S>, context: BlockContext): S[K] | Promise<S[K]>;
  };
}[keyof S];

/** A problem for {@link alternatingMinimization}: the blocks, the joint cost, optionally a gradient norm. */
export interface AlternatingProblem<S> {
  /** The blocks, updated in this order in every sweep. Names are distinct keys of the state. */
  readonly blocks: readonly Block<S>[];
  /** The joint cost of a state (recorded after every sweep). */
  cost(state: Readonly<S>): number;
  /**
   * The norm of the gradient of the joint cost (or any stationarity measure) of a state. Without
   * it, the norm of the change of the state over the last sweep is used (see below).
   */
  gradientNorm?(state: Readonly<S>): number;
}

/**
 * Alternating minimization (block coordinate descent, Gauss–Seidel order): each sweep updates
 * the blocks of the state one after the other, each block seeing the values the blocks before it
 * just produced (Bertsekas, *Nonlinear Programming*, 2nd ed. 1999, §2.7; for ALS in matrix
 * completion see Hastie, Mazumder, Lee & Zadeh, JMLR 2015). When every block update is an exact
 * block minimization (or at least does not increase the cost), the cost is nonincreasing from
 * sweep to sweep.
 *
 * The state is a plain record whose keys are block names, e.g. `{ U: Matrix, V: Matrix }`; each
 * sweep makes a new record (states are never modified), so a block may keep references.
 *
 * One iteration is one sweep. `history.cost[k]` is the cost after sweep k (entry 0: the initial
 * state); `history.step[k]` is the norm of the change of the state in sweep k,
 * √(Σ_blocks ‖new − old‖²) (Frobenius for matrices; block values must then be numbers,
 * Float64Arrays or matrices). `gradientNorm` — and what `gradientTolerance` tests — is
 * `problem.gradientNorm(state)` when given; otherwise it is that change norm, a surrogate that
 * vanishes exactly at fixed points of the sweep (for exact block minimizers with unique solutions,
 * the stationary points of the cost); as nothing has changed yet, entry 0 is then NaN. Defaults:
 * `maxIterations` 100 (sweeps), plus {@link SolverOptions} (`seed` is unused: blocks own their
 * randomness).
 *
 * Stopping: the common tests run after every sweep. The run also yields to the event loop between
 * blocks (every `yieldInterval` ms), and checks `signal` and `maxTime` after every block: an abort
 * (also one that stopped an inner solver early) or the time limit ends the run with `"aborted"` or
 * `"max-time"` and the state of the last complete sweep, so that `point`, `cost` and the history
 * agree. `onIteration` gets a copy of the state (typed arrays, arrays and plain objects copied).
 *
 * NaN/Inf: a non-finite `cost` or `gradientNorm` of a state, or a block value that is a number,
 * Float64Array or matrix (or an array of these) with a non-finite entry, stops the run with reason
 * `"non-finite"` and the last recorded state (`nonFinite.function` is `"cost"`, `"gradientNorm"` or
 * `"update"` with the `block`); at the initial state it is a RangeError naming initialState.
 *
 * @param problem the blocks and the joint cost.
 * @param initialState the start: a record with a value for every block.
 * @returns a promise of the {@link SolverResult}; `evaluations.cost` counts `cost` calls and
 *   `evaluations.gradient` counts `gradientNorm` calls.
 * @throws TypeError / RangeError for a bad problem, bad options, an initial state missing a block
 *   or with a non-finite cost or gradient norm; errors of the blocks, `cost` and `onIteration` propagate.
 */
export async function alternatingMinimization<S extends object>(
  problem: AlternatingProblem<S>,
  initialState: S,
  options: SolverOptions<S> = {},
): Promise<SolverResult<S>> {
  const blocks = checkAlternatingProblem(problem, initialState);
  const common = resolveCommonOptions(options, { maxIterations: 100 });
  const counts = { cost: 0, gradient: 0, hessian: 0 };
  const cost = (s: S): number => (counts.cost++, checkedValue("cost", problem.cost(s)));
  const gradientNorm = problem.gradientNorm === undefined
    ? undefined
    : (s: S): number => (counts.gradient++, checkedValue("gradientNorm", problem.gradientNorm!(s)));
  const run = new SolverRun(common, undefined, copyPoint);

  let state = initialState;
  try {
    let reason: StopReason | undefined = await run.record(state, cost(state), gradientNorm?.(state) ?? NaN, 0);
    for (let sweep = 1; reason === undefined; sweep++) {
      const context: BlockContext = Object.freeze({ signal: common.signal, sweep });
      let next = state;
      let change2 = 0;
      for (const block of blocks) {
        const value = checkedValue("update", await block.update(next, context), String(block.name));
        const old = next[block.name];
        next = { ...next, [block.name]: value };
        if (gradientNorm === undefined) change2 += distance2(block.name, old, value);
        await run.checkpoint();
      }
      state = next;
      const change = Math.sqrt(change2);
      reason = await run.record(state, cost(state), gradientNorm?.(state) ?? change, change);
    }
    return run.finish(state, reason, counts);
  } catch (error) {
    return run.interrupted(error, counts, "initialState");
  }
}

/** ‖a − b‖² for two values of block `name` (numbers, Float64Arrays or matrices of one shape). */
function distance2(name: PropertyKey, a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return (a - b) ** 2;
  const da = dataOf(a);
  const db = dataOf(b);
  if (da === undefined || db === undefined || da.length !== db.length) {
    throw new TypeError(
      `invalid value of block ${String(name)}: without problem.gradientNorm, block values must be numbers, Float64Arrays or matrices of a fixed shape, got ${describe(b)} after ${describe(a)}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < da.length; i++) sum += (da[i] - db[i]) ** 2;
  return sum;
}

function dataOf(v: unknown): Float64Array | undefined {
  if (v instanceof Float64Array) return v;
  const data = (v as Partial<Matrix> | null)?.data;
  return data instanceof Float64Array ? data : undefined;
}

function checkAlternatingProblem<S extends object>(problem: AlternatingProblem<S>, initialState: S): readonly Block<S>[] {
  if (problem === null || typeof problem !== "object" || typeof problem.cost !== "function") {
    throw new TypeError(`invalid problem: expected { blocks, cost, gradientNorm? }, got ${describe(problem)}`);
  }
  if (problem.gradientNorm !== undefined && typeof problem.gradientNorm !== "function") {
    throw new TypeError(`invalid problem.gradientNorm: expected a function, got ${describe(problem.gradientNorm)}`);
  }
  const { blocks } = problem;
  if (!Array.isArray(blocks) || blocks.length === 0) {
    throw new TypeError(`invalid problem.blocks: expected a nonempty array of { name, update }, got ${describe(blocks)}`);
  }
  if (initialState === null || typeof initialState !== "object") {
    throw new TypeError(`invalid initialState: expected a record of block values, got ${describe(initialState)}`);
  }
  const seen = new Set<PropertyKey>();
  blocks.forEach((block: Block<S>, i: number) => {
    if (block === null || typeof block !== "object" || typeof block.update !== "function") {
      throw new TypeError(`invalid problem.blocks[${i}]: expected { name, update }, got ${describe(block)}`);
    }
    if (!(block.name in initialState)) {
      throw new RangeError(`invalid problem.blocks[${i}].name: ${describe(block.name)} is not a key of initialState`);
    }
    if (seen.has(block.name)) throw new RangeError(`invalid problem.blocks[${i}].name: ${describe(block.name)} appears twice`);
    seen.add(block.name);
  });
  return blocks;
}
