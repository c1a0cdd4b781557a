// Long work in steps: generators that pause at safe points between bounded chunks of work, run to
// completion at once (the synchronous public functions) or paced (completeMatrix: yields to the
// event loop, an abort signal and a deadline).
import { yieldToEventLoop } from "../solvers/yield.js";

/**
 * A computation split into chunks: each `yield` is a safe point, reached after at most a few
 * milliseconds of work since the last one. Compose with `yield*`. A generator that owns wasm
 * memory frees it in `finally`, which also runs when a pacer stops it early (`return()`).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** Why a paced computation stopped before its end. */
export type Interruption = "aborted" | "max-time";

/** Thrown by {@link Pacer.run} when the signal aborts or the deadline passes (after the steps' cleanup). */
export class Interrupted extends Error {
  constructor(readonly reason: Interruption) {
    super(`interrupted: ${reason}`);
  }
}

const now = (): number => performance.now();

/**
 * Paces steps: at each safe point it yields to the event loop once `yieldInterval` ms of work
 * have passed since it last did (so timers, input and `abort()` calls run), and stops the steps
 * when `signal` is aborted or the clock passes `deadline` (a `performance.now()` time).
 */
export class Pacer {
  private lastYield = now();

  constructor(
    readonly signal: AbortSignal | undefined,
    readonly yieldInterval: number,
    readonly deadline: number,
  ) {}

  /** Runs `steps` to the end, pausing at its safe points; throws {@link Interrupted} if stopped. */
  async run<T>(steps: Steps<T>): Promise<T> {
    try {
      for (;;) {
        const s = steps.next();
        if (s.done) return s.value;
        const pending = this.check();
        if (pending === undefined) continue;
        const stop = await pending;
        if (stop !== undefined) throw new Interrupted(stop);
      }
    } finally {
      steps.return(undefined as never); // a no-op once finished; runs the steps' finally blocks otherwise
    }
  }

  /**
   * A safe point outside `run`: yields if due, then reports an interruption (or undefined). Cheap
   * when nothing is due: no promise is awaited unless it is time to yield.
   */
  check(): Promise<Interruption | undefined> | undefined {
    if (this.signal?.aborted) return Promise.resolve("aborted");
    const t = now();
    if (t >= this.deadline) return Promise.resolve("max-time");
    if (t - this.lastYield < this.yieldInterval) return undefined;
    return this.yieldNow();
  }

  private async yieldNow(): Promise<Interruption | undefined> {
    await yieldToEventLoop();
    this.lastYield = now();
    if (this.signal?.aborted) return "aborted";
    return now() >= this.deadline ? "max-time" : undefined;
  }
}
