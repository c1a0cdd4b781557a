// The seed of each trial, derived from the run's seed and the trial's number within its cell.
import { derivedRng } from "../data/derived-rng.js";

/**
 * The seed of trial `t` of every cell: 32 bits from a generator derived from (`seed`, t), so that
 * trials within a cell are independent while trial t of neighbouring cells shares its random
 * draws — common random numbers (e.g. the completion preset's truth, and nested masks across
 * sampling rates), which makes the differences between cells those of their parameters.
 */
export function trialSeed(seed: number, t: number): number {
  return derivedRng(seed, `phaseTransition trial ${t}`).nextUint32();
}
