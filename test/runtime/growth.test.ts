// A call whose inputs do not fit in the free wasm memory grows it (once, when it reserves its
// buffers) and must still be right, leak nothing, and reuse the space on the next call. (Views
// detached by growth in the middle of a sequence of allocations: test/runtime/arena.test.ts.)
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { dot } from "../../src/kernels/blas/dot.js";
import { Rng } from "../../src/data/rng.js";

beforeAll(async () => {
  await init();
});

test("memory grows for a call and the call is still correct", () => {
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
