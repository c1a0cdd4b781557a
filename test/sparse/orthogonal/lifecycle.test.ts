import { beforeAll, describe, expect, test } from "vitest";
import { init, kernels } from "../../../src/runtime/init.js";
import type { Matrix } from "../../../src/matrix.js";
import { learnOrthogonalDictionary, type OrthogonalDictionaryMethod } from "../../../src/sparse/orthogonal/index.js";
import type { MethodOutput } from "../../../src/sparse/orthogonal/method-output.js";
import type { RoundingKernels } from "../../../src/sparse/orthogonal/lp-rounding.js";
import { resolveOptions } from "../../../src/sparse/orthogonal/options.js";
import { roundMspOutput } from "../../../src/sparse/orthogonal/round-dictionary.js";
import { instance, noLeak, orthogonalityDefect } from "./fixtures.js";

const METHODS: OrthogonalDictionaryMethod[] = ["msp", "sphere", "subgradient"];
let Y: Matrix;

beforeAll(async () => {
  await init();
  Y = instance(8, 600, 0.2, 7).Y;
});

describe.each(METHODS)('learnOrthogonalDictionary, method "%s": callbacks, stops, aborts and memory', (method) => {
  test("onIteration sees every history entry once, in order, with the atom being learned", async () => {
    await noLeak(async () => {
      const seen: { iteration: number; atom: number; cost: number }[] = [];
      const fit = await learnOrthogonalDictionary(Y, {
        method, seed: 1, onIteration: (info) => void seen.push({ iteration: info.iteration, atom: info.atom, cost: info.cost }),
      });
      expect(fit.result.converged).toBe(true);
      expect(seen.map((s) => s.iteration)).toEqual(Array.from({ length: fit.history.cost.length }, (_, i) => i));
      expect(Float64Array.from(seen, (s) => s.cost)).toEqual(fit.history.cost);
      if (method === "msp") expect(seen.every((s) => s.atom === -1)).toBe(true);
      else {
        for (const [k, a] of fit.atoms!.entries()) expect(seen[a.historyStart].atom).toBe(k);
        for (let i = 1; i < seen.length; i++) expect(seen[i].atom - seen[i - 1].atom).toBeGreaterThanOrEqual(0);
      }
      // Y = dictionary·codes (orthogonal dictionary, no threshold).
      expect(orthogonalityDefect(fit.dictionary)).toBeLessThan(1e-13);
    });
  });

  test('returning "stop" stops the run with reason "callback"', async () => {
    await noLeak(async () => {
      const fit = await learnOrthogonalDictionary(Y, { method, seed: 1, onIteration: (info) => (info.iteration === 5 ? "stop" : undefined) });
      expect(fit.result.reason).toBe("callback");
      expect(fit.result.converged).toBe(false);
      // msp stops at its iteration 5; the atom methods discard the atom in progress (atom 0 here).
      if (method === "msp") expect(fit.history.cost.length).toBe(6);
      else expect(fit.dictionary.cols).toBe(0);
    });
  });

  test("an abort mid-run returns reason \"aborted\" and frees all wasm memory; so does an abort before the start", async () => {
    await noLeak(async () => {
      const controller = new AbortController();
      let atomAtAbort = -1;
      const fit = await learnOrthogonalDictionary(Y, {
        method, seed: 1, yieldInterval: 0,
        onIteration: (info) => {
          if (info.atom >= 2 || (method === "msp" && info.iteration === 3)) {
            if (atomAtAbort < 0) atomAtAbort = info.atom;
            controller.abort();
          }
        },
        signal: controller.signal,
      });
      expect(fit.result.reason).toBe("aborted");
      if (method !== "msp") {
        expect(atomAtAbort).toBe(2);
        expect(fit.dictionary.cols).toBe(2); // the atoms finished before the abort
        expect(fit.codes.rows).toBe(2);
      }
      const early = new AbortController();
      early.abort();
      const none = await learnOrthogonalDictionary(Y, { method, signal: early.signal });
      expect(none.result.reason).toBe("aborted");
    });
  });

  test("an error thrown by onIteration propagates after the wasm memory is freed; maxTime 0 stops at once", async () => {
    await noLeak(async () => {
      await expect(learnOrthogonalDictionary(Y, {
        method, onIteration: (info) => {
          if (info.iteration === 4) throw new Error("callback failure");
        },
      })).rejects.toThrow("callback failure");
      const timed = await learnOrthogonalDictionary(Y, { method, maxTime: 0 });
      expect(timed.result.reason).toBe("max-time");
    });
  });
});

test("msp with rounding: a rounding cut short (abort, time) keeps the unrounded dictionary, says why, and frees the memory", async () => {
  await noLeak(async () => {
    const n = Y.rows, p = Y.cols;
    const scaled = Y.data.slice();
    const start = (await learnOrthogonalDictionary(Y, { seed: 3 })).dictionary; // the ℓ⁴ fixed point
    const out: MethodOutput = {
      dictionary: start, codes: new Float64Array(n * p), history: { cost: new Float64Array(1), gradientNorm: new Float64Array(1), step: new Float64Array(1), time: new Float64Array(1) },
      record: { iterations: 0, converged: true, reason: "objective-tolerance" },
    };
    const kern = kernels<RoundingKernels>();
    const aborted = new AbortController();
    aborted.abort();
    const stopped = await roundMspOutput(out, scaled, n, p, resolveOptions({ signal: aborted.signal }, n), kern, Infinity);
    expect(stopped.record).toMatchObject({ converged: false, reason: "aborted" });
    expect(stopped.dictionary).toBe(start);
    expect(stopped.rounding).toEqual([]);
    const late = await roundMspOutput(out, scaled, n, p, resolveOptions({}, n), kern, 0);
    expect(late.record).toMatchObject({ converged: false, reason: "max-time" });
    expect(late.dictionary).toBe(start);
    // Not cut short: every column rounded, the record unchanged.
    const done = await roundMspOutput(out, scaled, n, p, resolveOptions({}, n), kern, Infinity);
    expect(done.rounding).toHaveLength(n);
    expect(done.record).toEqual(out.record);
    expect(orthogonalityDefect(done.dictionary)).toBeLessThan(1e-13);
  });
});

test("the result's codes are dictionaryᵀ·Y for every method", async () => {
  for (const method of METHODS) {
    const fit = await learnOrthogonalDictionary(Y, { method, seed: 2 });
    const D: Matrix = fit.dictionary;
    for (let i = 0; i < D.cols; i++) {
      for (let j = 0; j < Y.cols; j += 37) {
        let s = 0;
        for (let k = 0; k < Y.rows; k++) s += D.data[k * D.cols + i] * Y.data[k * Y.cols + j];
        expect(fit.codes.data[i * Y.cols + j]).toBeCloseTo(s, 12);
      }
    }
  }
});
