// The messages between the pool (pool.ts) and its workers (worker.ts).
import type { BinaryKind } from "../runtime/binaries.js";
import type { TrialParameters } from "./types.js";

/** A problem in a form a worker can be sent: a preset's name or a module's URL. */
export type ProblemSpec = { readonly preset: string } | { readonly module: string };

/** One trial to run: its place in the run, its parameters and its seed. */
export interface Task {
  /** Position in the run: cell · trials + trial. */
  readonly index: number;
  readonly cell: number;
  readonly trial: number;
  readonly params: TrialParameters;
  readonly seed: number;
}

/** Pool → worker. `start` comes first and once: the build to run (the caller's) and the problem. */
export type ToWorker =
  | { readonly type: "start"; readonly binary: BinaryKind | "auto"; readonly problem: ProblemSpec }
  | { readonly type: "trial"; readonly task: Task };

/** A thrown value, as far as it survives the trip. */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** Worker → pool. */
export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "failed"; readonly error: ErrorInfo }
  | { readonly type: "done"; readonly index: number; readonly record: unknown; readonly time: number }
  | { readonly type: "error"; readonly index: number; readonly error: ErrorInfo };

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

/** An Error rebuilt from its info (name, message and the worker's stack). */
export function errorFrom(info: ErrorInfo): Error {
  const error = new Error(info.message);
  error.name = info.name;
  if (info.stack !== undefined) error.stack = info.stack;
  return error;
}

/** The error a run rejects with when a trial throws, naming the trial, its cell and seed. */
export function trialFailed(task: Task, cause: unknown, where: string): Error {
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  const cell = `cell ${task.cell} ${JSON.stringify(task.params)}`;
  return new Error(`phaseTransition: trial ${task.trial} of ${cell} (seed ${task.seed}) failed ${where}: ${reason}`, { cause });
}
