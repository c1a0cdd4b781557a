// Calls too large for wasm memory are refused before memory grows (wasm memory never shrinks, so a
// failed call that grew it would hold that memory for the life of the page), and init({ maxMemory })
// caps the module's memory.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as benign from "../../src/index.js";

const MiB = 1024 * 1024;

beforeAll(async () => {
  await benign.init();
});

afterAll(async () => {
  await benign.init({ maxMemory: 2 ** 32 });
});

/** Expects `call` to be refused by the memory cap with memory, live bytes and buffers unchanged. */
function expectRefusedWithoutGrowth(label: string, call: () => unknown): void {
  const { arena } = benign.runtime();
  const before = arena.stats();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error, label).toBeInstanceOf(RangeError);
  expect((error as Error).message, label).toMatch(
    /^wasm memory cap: allocating \d+ bytes in \d+ buffers would grow wasm memory to \d+ bytes, above maxMemory = \d+ bytes/,
  );
  const after = arena.stats();
  expect(after.memoryBytes, label).toBe(before.memoryBytes);
  expect(after.bytesLive, label).toBe(before.bytesLive);
  expect(after.buffersLive, label).toBe(before.buffersLive);
}

describe("calls too large for wasm memory", () => {
  test("a 20000×20000 gemm is refused before wasm memory grows, and the runtime works afterwards", () => {
    const { arena } = benign.runtime();
    // 3.2 GB of zeros, never touched: A and B share it (the wrapper only reads their sizes before refusing).
    const a = benign.matrix(20000, 20000, new Float64Array(20000 * 20000));
    const before = arena.stats();
    expect(() => benign.gemm(a, a)).toThrow(RangeError);
    expect(() => benign.gemm(a, a)).toThrow(
      /^wasm memory cap: allocating 96\d{8} bytes in 4 buffers would grow wasm memory to \d+ bytes, above maxMemory = 4294967296 bytes/,
    );
    expect(arena.stats()).toEqual(before);
    const small = benign.fromRows([[1, 2], [3, 4]]);
    expect(benign.toRows(benign.gemm(small, small))).toEqual([[7, 10], [15, 22]]);
    expect(arena.stats().buffersLive).toBe(0);
  });

  test("every copying wrapper reserves all its buffers first: a call whose first buffer fits but not the rest does not grow memory", async () => {
    const { arena } = benign.runtime();
    // Each call runs with the free memory taken by a filler and the cap a little above the current
    // size: its first buffer fits under the cap (it would grow memory without the reservation),
    // all of its buffers do not.
    // The values do not matter (no kernel runs), only the sizes.
    const big = (rows: number, cols: number) => benign.matrix(rows, cols, new Float64Array(rows * cols).fill(1));
    const a2300 = big(2300, 2300); // 42 MB
    const a2600 = big(2600, 2600); // 54 MB
    const x5m = new Float64Array(5_000_000).fill(1); // 40 MB
    const n = 1_000_000;
    const nnz = 3_000_000;
    const coo = {
      rows: n,
      cols: n,
      row: Int32Array.from({ length: nnz }, (_, k) => k % n),
      col: Int32Array.from({ length: nnz }, (_, k) => (7 * k) % n),
      value: new Float64Array(nnz).fill(1),
    };
    const factor = big(n, 8); // 64 MB
    // [name, call, headroom in MiB (the default 64 MiB unless the first buffer is larger)]
    const cases: Array<[string, () => unknown, number?]> = [
      ["gemm", () => benign.gemm(a2300, a2300)],
      ["syrk", () => benign.syrk(a2600)],
      ["qr", () => benign.qr(a2600)],
      ["svd", () => benign.svd(a2300)],
      ["svdValues", () => benign.svdValues(a2600)],
      ["eigh", () => benign.eigh(benign.identity(2600))],
      ["polar", () => benign.polar(a2600)],
      ["solve", () => benign.solve(a2600, a2600)],
      ["fft", () => benign.fft(new Float64Array(2 ** 21), new Float64Array(2 ** 21)), 80],
      ["rfft", () => benign.rfft(new Float64Array(2 ** 22)), 100],
      ["circularConvolve", () => benign.circularConvolve(x5m, x5m, { method: "fft" }), 120],
      ["circularConvolve2d", () => benign.circularConvolve2d(a2600, a2600, { method: "fft" })],
      ["softThreshold", () => benign.softThreshold(x5m, x5m)],
      ["dot", () => benign.dot(x5m, x5m)],
      ["cooToCsr", () => benign.cooToCsr(coo)],
      ["sampledResidual", () => benign.sampledResidual(factor, factor, coo)],
      ["sparseTimesDense", () => benign.sparseTimesDense(coo, factor)],
    ];
    try {
      for (const [label, call, headroom = 64] of cases) {
        const filler = arena.f64(Math.floor(arena.stats().freeBytes / 64) * 8);
        expect(arena.stats().freeBytes).toBeLessThan(64);
        await benign.init({ maxMemory: arena.stats().memoryBytes + headroom * MiB });
        expectRefusedWithoutGrowth(label, call);
        filler.dispose();
      }
    } finally {
      await benign.init({ maxMemory: 2 ** 32 });
    }
  });
});

describe("init({ maxMemory })", () => {
  test("caps wasm memory: what fits is served, what does not is refused naming the bytes and the cap", async () => {
    const { arena } = benign.runtime();
    const start = arena.stats().memoryBytes;
    const cap = start + 8 * MiB;
    await benign.init({ maxMemory: cap });
    expect(arena.maxMemory).toBe(cap);
    const fits = benign.gemm(benign.matrix(512, 512), benign.matrix(512, 512)); // 3 × 2 MiB + workspace
    expect(fits.rows).toBe(512);
    expect(arena.stats().memoryBytes).toBeLessThanOrEqual(cap);
    const before = arena.stats();
    expect(() => arena.f64((9 * MiB) / 8)).toThrow(
      new RegExp(`^wasm memory cap: allocating ${9 * MiB} bytes would grow wasm memory to \\d+ bytes, above maxMemory = ${cap} bytes`),
    );
    expect(() => benign.gemm(benign.matrix(1024, 1024), benign.matrix(1024, 1024))).toThrow(/wasm memory cap/);
    expect(arena.stats()).toEqual(before);
    // init() without maxMemory keeps the cap in force; switching builds carries it along.
    await benign.init();
    expect(benign.runtime().arena.maxMemory).toBe(cap);
    await benign.init({ binary: "scalar" });
    expect(benign.runtime().arena.maxMemory).toBe(cap);
    await benign.init({ maxMemory: 2 ** 32 });
    expect(benign.runtime().arena.maxMemory).toBe(2 ** 32);
    await benign.init();
    expect(benign.runtime().arena).toBe(arena);
    expect(arena.maxMemory).toBe(2 ** 32);
    expect(benign.gemm(benign.matrix(1024, 1024), benign.matrix(1024, 1024)).rows).toBe(1024);
  });

  test("rejects a cap that is not a whole number of bytes in [65536, 2³²]", async () => {
    await expect(benign.init({ maxMemory: 1e5 + 0.5 })).rejects.toThrow(new TypeError("invalid maxMemory: expected an integer, got 100000.5"));
    await expect(benign.init({ maxMemory: "1e9" as never })).rejects.toThrow(/invalid maxMemory: expected an integer, got "1e9"/);
    await expect(benign.init({ maxMemory: 1000 })).rejects.toThrow(
      new RangeError("invalid maxMemory: expected an integer in [65536, 4294967296], got 1000"),
    );
    await expect(benign.init({ maxMemory: 2 ** 33 })).rejects.toThrow(RangeError);
    expect(benign.runtime().arena.maxMemory).toBe(2 ** 32);
  });
});
