import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Arena } from "../../src/runtime/arena.js";

describe("Arena", () => {
  test("allocates zero-filled, 64-byte aligned blocks and reuses freed ones", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 100);
    const a = arena.f64(3);
    expect(a.ptr % 64).toBe(0);
    expect(a.ptr).toBeGreaterThanOrEqual(100);
    a.view.set([1, 2, 3]);
    const b = arena.i32(5);
    expect(b.ptr).toBeGreaterThanOrEqual(a.ptr + 64);
    a.dispose();
    const c = arena.f64(2);
    expect(c.ptr).toBe(a.ptr); // best fit takes the freed block
    expect(Array.from(c.view)).toEqual([0, 0]); // and zero-fills it again
    expect(arena.stats().buffersLive).toBe(2);
    b.dispose();
    c.dispose();
    expect(arena.stats()).toMatchObject({ bytesLive: 0, buffersLive: 0 });
  });

  test("views survive memory growth in the middle of a sequence of allocations", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 0);
    const first = arena.f64From([1, 2, 3, 4]);
    const before = first.view;
    const big = arena.f64(1 << 16); // 512 KiB: forces memory.grow, detaching `before`
    expect(memory.buffer.byteLength).toBeGreaterThan(65536);
    expect(before.length).toBe(0); // the old view is detached
    expect(Array.from(first.view)).toEqual([1, 2, 3, 4]); // the handle re-creates its view
    big.view[big.length - 1] = 7;
    expect(big.view[big.length - 1]).toBe(7);
    big.dispose();
    first.dispose();
  });

  test("merges neighbouring free blocks and tracks the peak", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 0);
    const blocks = [arena.f64(8), arena.f64(8), arena.f64(8), arena.f64(8)];
    const keep = arena.f64(1);
    const peak = arena.stats().peakBytes;
    expect(peak).toBe(4 * 64 + 64);
    blocks[1].dispose();
    blocks[2].dispose();
    blocks[0].dispose();
    const merged = arena.f64(24); // 192 bytes: fits only in the three merged blocks
    expect(merged.ptr).toBe(blocks[0].ptr);
    expect(arena.stats().peakBytes).toBe(peak);
    merged.dispose();
    blocks[3].dispose();
    keep.dispose();
    expect(arena.stats().bytesLive).toBe(0);
  });

  test("disposal is idempotent, a disposed view throws, and Symbol.dispose frees", () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 0);
    const a = arena.f64(2);
    a.dispose();
    a.dispose();
    expect(a.disposed).toBe(true);
    expect(() => a.view).toThrow(/disposed/);
    const b = arena.f64(2);
    const dispose = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");
    (b as unknown as Record<symbol, () => void>)[dispose]();
    expect(arena.stats().buffersLive).toBe(0);
  });

  test("scope disposes everything it allocated, also when the body throws", () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 0);
    expect(() =>
      arena.scope((s) => {
        s.f64(10);
        s.i32From([1, 2]);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(arena.stats().buffersLive).toBe(0);
    const sum = arena.scope((s) => s.f64From([1, 2, 3]).view.reduce((p, q) => p + q, 0));
    expect(sum).toBe(6);
    expect(arena.stats().buffersLive).toBe(0);
  });

  test("rejects bad lengths and mismatched copies", () => {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), 0);
    expect(() => arena.f64(-1)).toThrow(RangeError);
    expect(() => arena.f64(1.5)).toThrow(/invalid buffer length.*1.5/);
    const a = arena.f64(2);
    expect(() => a.set([1, 2, 3])).toThrow(RangeError);
    a.dispose();
  });
});

describe("Arena memory cap and reservations", () => {
  const PAGE = 65536;

  test("an allocation beyond maxMemory is a RangeError naming the bytes and the cap; nothing is allocated", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 0);
    expect(arena.maxMemory).toBe(2 ** 32);
    arena.maxMemory = 4 * PAGE + 100; // rounded down to whole pages
    expect(arena.maxMemory).toBe(4 * PAGE);
    const fits = arena.f64((3 * PAGE) / 8);
    expect(memory.buffer.byteLength).toBe(3 * PAGE);
    const before = arena.stats();
    expect(() => arena.f64(PAGE / 8 + 1)).toThrow(RangeError);
    expect(() => arena.f64(PAGE / 8 + 1)).toThrow(
      "wasm memory cap: allocating 65600 bytes would grow wasm memory to 327680 bytes, above maxMemory = 262144 bytes",
    );
    expect(arena.stats()).toEqual(before);
    expect(memory.buffer.byteLength).toBe(3 * PAGE);
    fits.dispose();
    expect(arena.stats()).toMatchObject({ bytesLive: 0, buffersLive: 0 });
    // What fits under the cap is still served.
    arena.f64((4 * PAGE) / 8).dispose();
    expect(() => (arena.maxMemory = 1000)).toThrow(/invalid maxMemory: expected an integer in \[65536, 4294967296\], got 1000/);
    expect(() => (arena.maxMemory = 2 ** 33)).toThrow(RangeError);
    expect(() => (arena.maxMemory = PAGE + 0.5)).toThrow(TypeError);
  });

  test("reserve grows memory once, all or nothing, before any of the buffers is allocated", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new Arena(memory, 0);
    arena.maxMemory = 4 * PAGE;
    const half = (1.5 * PAGE) / 8; // three of these need 4.5 pages
    // Without a reservation, the first two allocations grow memory and the third fails: memory
    // stays grown for nothing. This is what reserve prevents.
    const unreserved = new Arena(new WebAssembly.Memory({ initial: 1 }), 0);
    unreserved.maxMemory = 4 * PAGE;
    expect(() => unreserved.scope((s) => [s.f64(half), s.f64(half), s.f64(half)])).toThrow(/wasm memory cap/);
    expect(unreserved.memory.buffer.byteLength).toBe(3 * PAGE);
    // With one, the call is refused up front and memory keeps its size.
    expect(() => arena.reserve({ f64: [half, half, half] })).toThrow(
      "wasm memory cap: allocating 294912 bytes in 3 buffers would grow wasm memory to 327680 bytes, above maxMemory = 262144 bytes",
    );
    expect(memory.buffer.byteLength).toBe(PAGE);
    expect(arena.stats().buffersLive).toBe(0);
    // Two fit: memory grows once, to exactly what they need, and the allocations do not grow it again.
    arena.reserve({ f64: [half, half] });
    expect(memory.buffer.byteLength).toBe(3 * PAGE);
    const a = arena.f64(half);
    const b = arena.f64(half);
    expect(memory.buffer.byteLength).toBe(3 * PAGE);
    a.dispose();
    b.dispose();
    expect(() => arena.reserve({ f64: [-1] })).toThrow(/invalid buffer length/);
  });

  test("reserve counts the free list (best fit), so freed blocks are reused instead of growing", () => {
    const memory = new WebAssembly.Memory({ initial: 2 });
    const arena = new Arena(memory, 0);
    arena.maxMemory = 2 * PAGE;
    const low = arena.f64(PAGE / 8); // [0, 1 page)
    const keep = arena.i32(16); // pins the top just above it
    low.dispose(); // a free block of one page below `keep`
    const room = 2 * PAGE - (PAGE + 64); // what is left above `keep`
    expect(arena.stats().freeBytes).toBe(PAGE + room);
    // One page from the free block plus what is left at the top: fits without growing.
    arena.reserve({ f64: [PAGE / 8, room / 8], i32: [] });
    expect(memory.buffer.byteLength).toBe(2 * PAGE);
    // One byte more than the free block and the top together cannot fit under the cap.
    expect(() => arena.reserve({ f64: [PAGE / 8, room / 8 + 8] })).toThrow(/wasm memory cap/);
    // i32 lengths count 4 bytes each, after the f64 buffers.
    expect(() => arena.reserve({ f64: [PAGE / 8], i32: [room / 4 + 16] })).toThrow(/wasm memory cap/);
    arena.reserve({ f64: [PAGE / 8], i32: [room / 4] });
    keep.dispose();
    expect(arena.stats()).toMatchObject({ bytesLive: 0, buffersLive: 0 });
  });
});

describe("the runtime arena", () => {
  beforeAll(async () => {
    await init();
  });

  test("starts above the module's static data", () => {
    const rt = runtime();
    const heapBase = (rt.exports.heapBase as () => number)();
    expect(rt.arena.base).toBe(heapBase);
    const b = rt.arena.f64(1);
    expect(b.ptr).toBeGreaterThanOrEqual(heapBase);
    b.dispose();
  });
});
