// A wrapper copies its inputs in one after another; when a later copy grows wasm memory, the
// earlier buffers' views are detached. The results must still be right, and nothing may leak.
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { dot } from "../../src/kernels/blas/dot.js";
import { Rng } from "../../src/data/rng.js";

beforeAll(async () => {
  await init();
});

test("memory grows in the middle of a call and the call is still correct", () => {
  const { arena, memory } = runtime();
  const n = (memory.buffer.byteLength >> 3) + 100_000; // y's copy cannot fit without growing
  const rng = new Rng(5);
  const x = rng.normalArray(n);
  const y = rng.normalArray(n);
  let want = 0;
  for (let i = 0; i < n; i++) want += x[i] * y[i];
  const before = memory.buffer.byteLength;
  const got = dot(x, y);
  expect(memory.buffer.byteLength).toBeGreaterThan(before);
  expect(Math.abs(got - want)).toBeLessThan(1e-10 * Math.sqrt(n));
  expect(arena.stats().buffersLive).toBe(0);
  // The freed space is reused: the same call again does not grow memory further.
  const grown = memory.buffer.byteLength;
  dot(x, y);
  expect(memory.buffer.byteLength).toBe(grown);
});
