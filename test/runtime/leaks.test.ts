// Every public wrapper, called many times with good and with bad input, leaves the arena as it
// found it: no live buffer, and memory stops growing once the free list can serve the calls.
import { beforeAll, expect, test } from "vitest";
import * as benign from "../../src/index.js";

beforeAll(async () => {
  await benign.init();
});

const rng = new benign.Rng(99);
const square = benign.matrix(12, 12, rng.normalArray(144));
const spd = benign.matrix(12, 12); // AᵀA/12 + I, positive definite
for (let i = 0; i < 12; i++) {
  for (let j = 0; j < 12; j++) {
    let s = i === j ? 1 : 0;
    for (let k = 0; k < 12; k++) s += (square.data[k * 12 + i] * square.data[k * 12 + j]) / 12;
    spd.data[i * 12 + j] = s;
  }
}
const tall = benign.matrix(20, 6, rng.normalArray(120));
const x = rng.normalArray(12);
const coo = {
  rows: 12,
  cols: 12,
  row: Int32Array.from([0, 3, 11, 5]),
  col: Int32Array.from([1, 3, 0, 11]),
  value: Float64Array.from([1, -2, 3, 0.5]),
};
const factor = benign.matrix(12, 3, rng.normalArray(36));

// One call of each wrapper on valid input, and one on invalid input (which must throw).
const good: Array<() => unknown> = [
  () => benign.dot(x, x),
  () => benign.axpy(2, x, x),
  () => benign.nrm2(x),
  () => benign.gemv(square, x),
  () => benign.gemm(square, square),
  () => benign.syrk(tall),
  () => benign.fft(x, x),
  () => benign.irfft(benign.rfft(x), 12),
  () => benign.circularConvolve(x, x.subarray(0, 3)),
  () => benign.circularCorrelate2d(square, benign.matrix(2, 2, [1, 2, 3, 4]), { method: "fft" }),
  () => benign.softThreshold(x, 0.5),
  () => benign.keepLargest(x, 3),
  () => benign.normalizeColumns(tall),
  () => benign.qr(tall),
  () => benign.leastSquares(tall, rng.normalArray(20)).X,
  () => benign.cholesky(spd),
  () => benign.solve(square, x),
  () => benign.rcond(square),
  () => benign.eigh(spd),
  () => benign.svd(tall),
  () => benign.polar(tall, { withH: true }),
  () => benign.sampledResidual(factor, factor, coo),
  () => benign.sparseTransposeTimesDense(benign.cooToCsr(coo), factor),
];
const bad: Array<() => unknown> = [
  () => benign.dot(x, x.subarray(1)),
  () => benign.gemm(square, tall),
  () => benign.fft(x, x.subarray(1)),
  () => benign.circularConvolve(x.subarray(0, 2), x),
  () => benign.softThreshold(x, -1),
  () => benign.projectSphere(new Float64Array(4)),
  () => benign.cholesky(benign.matrix(2, 2, [1, 2, 2, 1])),
  () => benign.solve(benign.matrix(2, 2, [1, 2, 2, 4]), new Float64Array(2)),
  () => benign.eigh(benign.matrix(2, 2, [1, NaN, NaN, 1])),
  () => benign.svd(benign.matrix(1, 2, [Infinity, 0])),
  () => benign.sampledProduct(factor, factor, Int32Array.of(12), Int32Array.of(0)),
];

test("no wrapper leaks wasm memory, on success or on error", () => {
  const { arena } = benign.runtime();
  const warm = () => {
    for (const call of good) call();
    for (const call of bad) expect(call).toThrow();
    benign.clearFftPlans();
  };
  warm();
  const baseline = arena.stats();
  expect(baseline.buffersLive).toBe(0);
  for (let round = 0; round < 50; round++) warm();
  const after = arena.stats();
  expect(after.buffersLive).toBe(0);
  expect(after.bytesLive).toBe(0);
  expect(after.memoryBytes).toBe(baseline.memoryBytes);
});
