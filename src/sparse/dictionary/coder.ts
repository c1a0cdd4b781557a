// The coding step of dictionary learning: a block of samples coded against the current
// dictionary, warm-started, by sparseCodeResident or (with missing entries) the masked coder.
import type { Matrix } from "../../matrix.js";
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import type { SolverRun } from "../../solvers/run.js";
import { sparseCodeResident } from "../coding/resident.js";
import { MaskedCoder } from "./masked-coder.js";
import type { ResolvedDictionaryOptions } from "./options.js";

/** What a coding step gives: each sample's objective, or the reason the run must stop. */
export type CodingOutcome = { objective: Float64Array; stop?: undefined } | { objective?: undefined; stop: "aborted" | "max-time" };

/** Codes blocks of samples with the resolved coding options of a learnDictionary run. */
export class DictionaryCoder {
  readonly #n: number;
  readonly #K: number;
  readonly #o: ResolvedDictionaryOptions;
  readonly #masked: MaskedCoder | null;

  constructor(kern: SparseCodingKernels, scope: ArenaScope, n: number, K: number, o: ResolvedDictionaryOptions) {
    this.#n = n;
    this.#K = K;
    this.#o = o;
    this.#masked = o.mask === undefined ? null : new MaskedCoder(kern, scope, n, K);
  }

  /**
   * Codes the m samples Y (n×m) against A (n×K) into X (K×m), from the codes X holds when
   * `warm` ("cd", "fista"; "omp" always starts from 0), with `mask` (n×m) when entries are
   * missing. Honours the run's signal and the time left of its `maxTime`.
   */
  async code(
    A: WasmBuffer<"f64">, Y: WasmBuffer<"f64">, X: WasmBuffer<"f64">, m: number, mask: Uint8Array | undefined, warm: boolean,
    run: SolverRun<Matrix>,
  ): Promise<CodingOutcome> {
    const o = this.#o;
    const { signal, yieldInterval, maxTime } = o.common;
    if (!warm) X.view.fill(0);
    if (this.#masked !== null) {
      const settings = { lambda: o.lambda, tolerance: o.codingTolerance, maxSweeps: o.codingIterations };
      let stop: "aborted" | "max-time" | undefined;
      const objective = await this.#masked.code(A, Y, X, m, mask!, settings, async () => {
        if (await run.pause()) stop = "aborted";
        else if (run.elapsed() >= maxTime) stop = "max-time";
        return stop !== undefined;
      });
      return objective === null ? { stop: stop! } : { objective };
    }
    const shared = { signal, yieldInterval, maxTime: Math.max(0, maxTime - run.elapsed()) };
    const options = o.coding === "omp"
      ? { method: "omp" as const, sparsity: o.sparsity, residualTolerance: o.residualTolerance, ...shared }
      : {
        method: o.coding, lambda: o.lambda, maxIterations: o.codingIterations, gradientTolerance: o.codingTolerance,
        warmStart: warm, ...shared,
      };
    const coded = await sparseCodeResident({ n: this.#n, K: this.#K, p: m, A, Y, X }, options);
    const reason = coded.result.reason;
    if (reason === "aborted" || reason === "max-time") return { stop: reason };
    return { objective: coded.objective };
  }
}
