import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { identity, type Matrix } from "../../../src/matrix.js";
import { randomOrthogonal } from "../../../src/data/orthogonal.js";
import { learnOrthogonalDictionary, type LearnOrthogonalDictionaryOptions } from "../../../src/sparse/orthogonal/index.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { instance } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const good = (): Matrix => instance(6, 60, 0.5, 1).Y;

/**
 * Rejects with `pattern` (and the error class), having called no callback and left no wasm memory
 * allocated; with `peak`, having allocated none at all (every check but the rank test, whose Gram
 * matrix and eigenvalues are computed in wasm, runs in JavaScript).
 */
async function expectRejected(
  Y: unknown, options: LearnOrthogonalDictionaryOptions | null | undefined, kind: typeof TypeError | typeof RangeError, pattern: RegExp, peak = true,
): Promise<void> {
  const before = runtime().arena.stats();
  let called = false;
  const spied = options === null ? null : { onIteration: () => void (called = true), ...options };
  const promise = learnOrthogonalDictionary(Y as Matrix, spied as LearnOrthogonalDictionaryOptions);
  await expect(promise).rejects.toThrow(kind);
  await expect(promise).rejects.toThrow(pattern);
  expect(called).toBe(false);
  const after = runtime().arena.stats();
  expect(after.bytesLive).toBe(before.bytesLive);
  if (peak) expect(after.peakBytes).toBe(before.peakBytes);
}

describe("learnOrthogonalDictionary: bad samples", () => {
  test("wrong types and shapes", async () => {
    await expectRejected([[1, 2], [3, 4]], undefined, TypeError, /invalid Y: expected a matrix/);
    await expectRejected({ rows: 2, cols: 3, data: new Float64Array(5) }, undefined, RangeError, /invalid Y: data has length 5/);
    await expectRejected({ rows: 0, cols: 4, data: new Float64Array(0) }, undefined, RangeError, /invalid Y: expected at least one row/);
  });

  test("more atoms than samples (p < n) is degenerate", async () => {
    await expectRejected({ rows: 5, cols: 4, data: new Float64Array(20).fill(1) }, undefined, RangeError, /fewer samples \(columns\) than atoms \(n = 5\)/);
  });

  test("NaN and ±Infinity are rejected naming the entry", async () => {
    const Y = good();
    Y.data[2 * 60 + 7] = NaN;
    await expectRejected(Y, undefined, RangeError, /invalid Y: Y\[2, 7\] = NaN; expected finite values/);
    Y.data[2 * 60 + 7] = -Infinity;
    await expectRejected(Y, undefined, RangeError, /Y\[2, 7\] = -Infinity/);
  });

  test("all-zero samples, a zero row and linearly dependent rows: not determined", async () => {
    await expectRejected({ rows: 3, cols: 10, data: new Float64Array(30) }, undefined, RangeError, /every entry is 0/);
    const Y = good();
    Y.data.fill(0, 4 * 60, 5 * 60);
    await expectRejected(Y, undefined, RangeError, /not of full row rank/, false);
    const Z = good();
    for (let j = 0; j < 60; j++) Z.data[5 * 60 + j] = 2 * Z.data[j] - Z.data[60 + j];
    await expectRejected(Z, { method: "sphere" }, RangeError, /not of full row rank/, false);
  });

  test("all-zero columns (codes with no nonzero) are allowed and change nothing", async () => {
    const { A0, Y } = instance(8, 800, 0.3, 2);
    const padded = { rows: 8, cols: 900, data: new Float64Array(8 * 900) };
    for (let i = 0; i < 8; i++) padded.data.set(Y.data.subarray(i * 800, (i + 1) * 800), i * 900 + 50);
    for (const rounding of ["l1", "lp"] as const) {
      const a = await learnOrthogonalDictionary(Y, { seed: 1, rounding });
      const b = await learnOrthogonalDictionary(padded, { seed: 1, rounding });
      expect(signedPermutationError(a.dictionary, A0).error).toBeLessThan(1e-12);
      expect(signedPermutationError(b.dictionary, A0).error).toBeLessThan(1e-12);
      for (let i = 0; i < 8; i++) for (let j = 0; j < 50; j++) expect(b.codes.data[i * 900 + j]).toBe(0);
    }
  });
});

describe("learnOrthogonalDictionary: bad options", () => {
  test("unknown keys, and another method's keys, are rejected", async () => {
    await expectRejected(good(), { foo: 1 } as never, TypeError, /unknown option foo in options/);
    await expectRejected(good(), { mu: 0.1 }, TypeError, /unknown option mu/);
    await expectRejected(good(), { method: "sphere", tolerance: 1e-8 }, TypeError, /unknown option tolerance/);
    await expectRejected(good(), { method: "subgradient", rounding: "l1" }, TypeError, /unknown option rounding/);
    await expectRejected(good(), { method: "ksvd" as never }, TypeError, /invalid method: expected one of "msp", "sphere", "subgradient", got "ksvd"/);
    await expectRejected(good(), null, TypeError, /invalid options/);
  });

  test("numbers out of range name the option and the value", async () => {
    await expectRejected(good(), { method: "sphere", mu: 0 }, RangeError, /invalid mu: expected a finite number > 0, got 0/);
    await expectRejected(good(), { method: "sphere", atoms: 7 }, RangeError, /invalid atoms: expected an integer in \[1, 6\], got 7/);
    await expectRejected(good(), { method: "subgradient", atoms: 0 }, RangeError, /invalid atoms/);
    await expectRejected(good(), { method: "sphere", roundingIterations: 1.5 }, TypeError, /invalid roundingIterations: expected an integer, got 1.5/);
    await expectRejected(good(), { method: "subgradient", decay: 1 }, RangeError, /invalid decay: expected a number in \(0, 1\), got 1/);
    await expectRejected(good(), { method: "subgradient", initialStep: -0.1 }, RangeError, /invalid initialStep/);
    await expectRejected(good(), { method: "subgradient", constantSteps: -1 }, RangeError, /invalid constantSteps/);
    await expectRejected(good(), { method: "subgradient", stepTolerance: 0 }, RangeError, /invalid stepTolerance/);
    await expectRejected(good(), { method: "subgradient", restarts: -1 }, RangeError, /invalid restarts/);
    await expectRejected(good(), { tolerance: -1 }, RangeError, /invalid tolerance: expected a finite number ≥ 0, got -1/);
    await expectRejected(good(), { codeThreshold: NaN }, RangeError, /invalid codeThreshold/);
    await expectRejected(good(), { rounding: "yes" as never }, TypeError, /invalid rounding: expected "l1", "lp" or false, got "yes"/);
    await expectRejected(good(), { rounding: true as never }, TypeError, /invalid rounding: expected "l1", "lp" or false, got true/);
    await expectRejected(good(), { maxIterations: -1 }, RangeError, /invalid maxIterations/);
    await expectRejected(good(), { seed: 1.5 }, TypeError, /invalid seed/);
    await expectRejected(good(), { signal: {} as never }, TypeError, /invalid signal/);
  });

  test("init must be an n×n orthogonal matrix (or \"random\")", async () => {
    await expectRejected(good(), { init: identity(5) }, RangeError, /invalid init: expected an 6×6 orthogonal matrix, got a 5×5 matrix/);
    const notOrthogonal = randomOrthogonal(6, { seed: 1 });
    notOrthogonal.data[7] += 1e-6;
    await expectRejected(good(), { init: notOrthogonal }, RangeError, /invalid init: expected orthonormal columns/);
    const nan = identity(6);
    nan.data[3] = NaN;
    await expectRejected(good(), { init: nan }, RangeError, /invalid init: entry 3 is NaN/);
    await expectRejected(good(), { init: "spectral" as never }, TypeError, /invalid init: expected one of "random"/);
  });
});

test("huge and tiny samples (1e±200) are scaled before any product: the same dictionary", async () => {
  const { Y } = instance(6, 300, 0.3, 5);
  const a = await learnOrthogonalDictionary(Y, { seed: 2 });
  for (const factor of [1e200, 1e-200]) {
    const b = await learnOrthogonalDictionary({ rows: 6, cols: 300, data: Y.data.map((v) => v * factor) }, { seed: 2 });
    for (let k = 0; k < 36; k++) expect(b.dictionary.data[k]).toBeCloseTo(a.dictionary.data[k], 10);
  }
});
