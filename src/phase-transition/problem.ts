// The `problem` option of phaseTransition: its validation, and loading it in any thread.
import { describe } from "../validate.js";
import { PRESETS } from "./presets/index.js";
import type { Preset } from "./presets/preset.js";
import type { ProblemSpec } from "./protocol.js";
import type { SuccessFunction, TrialFunction } from "./types.js";

/** A problem ready to run: its trial and (if it has one) its success rule. */
export interface LoadedProblem {
  readonly trial: TrialFunction<unknown>;
  readonly success?: SuccessFunction<unknown>;
}

/** The validated `problem` option. */
export type ResolvedProblem =
  | { readonly kind: "preset"; readonly name: string; readonly preset: Preset<unknown>; readonly spec: ProblemSpec }
  | { readonly kind: "functions"; readonly problem: LoadedProblem }
  | { readonly kind: "module"; readonly spec: { readonly module: string } };

const EXPECTED = `expected ${Object.keys(PRESETS).map((name) => JSON.stringify(name)).join(", ")}, { trial, success? } or { module: URL }`;

/**
 * Checks the `problem` option: a preset's name, `{ trial, success? }` with functions, or
 * `{ module }` with an absolute URL (a string or a URL).
 *
 * @throws TypeError naming the problem and what it got.
 */
export function resolveProblem(problem: unknown): ResolvedProblem {
  if (typeof problem === "string") {
    const preset = Object.hasOwn(PRESETS, problem) ? PRESETS[problem] : undefined;
    if (preset === undefined) throw new TypeError(`invalid problem: ${EXPECTED}, got ${describe(problem)}`);
    return { kind: "preset", name: problem, preset, spec: { preset: problem } };
  }
  if (problem === null || typeof problem !== "object") throw new TypeError(`invalid problem: ${EXPECTED}, got ${describe(problem)}`);
  const { trial, success, module } = problem as { trial?: unknown; success?: unknown; module?: unknown };
  const keys = Object.keys(problem);
  if (module !== undefined) {
    if (keys.length !== 1) throw new TypeError(`invalid problem: a module problem is { module } alone, got the keys ${keys.join(", ")}`);
    return { kind: "module", spec: { module: absoluteUrl(module) } };
  }
  if (typeof trial !== "function") throw new TypeError(`invalid problem.trial: expected a function, got ${describe(trial)}`);
  if (success !== undefined && typeof success !== "function") {
    throw new TypeError(`invalid problem.success: expected a function, got ${describe(success)}`);
  }
  const extra = keys.filter((key) => key !== "trial" && key !== "success");
  if (extra.length > 0) throw new TypeError(`unknown key ${extra[0]} in problem: expected trial, success (or module alone)`);
  return { kind: "functions", problem: { trial: trial as TrialFunction<unknown>, success: success as SuccessFunction<unknown> | undefined } };
}

function absoluteUrl(module: unknown): string {
  if (module instanceof URL) return module.href;
  if (typeof module === "string" && URL.canParse(module)) return new URL(module).href;
  throw new TypeError(
    `invalid problem.module: expected an absolute URL (e.g. new URL("./trial.mjs", import.meta.url)), got ${describe(module)}`,
  );
}

/**
 * The problem a spec names: a preset, or the `trial` and `success` exports of a module (imported).
 *
 * @throws TypeError if the module exports no `trial` function, or a `success` that is not one.
 */
export async function loadProblem(spec: ProblemSpec): Promise<LoadedProblem> {
  if ("preset" in spec) return PRESETS[spec.preset];
  const exports = (await import(/* @vite-ignore */ spec.module)) as { trial?: unknown; success?: unknown };
  if (typeof exports.trial !== "function") {
    throw new TypeError(`invalid problem.module: ${spec.module} exports no trial function (got ${describe(exports.trial)})`);
  }
  if (exports.success !== undefined && typeof exports.success !== "function") {
    throw new TypeError(`invalid problem.module: ${spec.module} exports a success that is not a function (got ${describe(exports.success)})`);
  }
  return { trial: exports.trial as TrialFunction<unknown>, success: exports.success as SuccessFunction<unknown> | undefined };
}
