// Resident matrices and uninitialized buffers: arena.matrix, toResident, f64Uninitialized, and
// the copying prox calls writing a resident out in place.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { ResidentMatrix } from "../../src/runtime/resident-matrix.js";
import { toResident } from "../../src/runtime/to-resident.js";
import { softThreshold } from "../../src/kernels/prox/soft-threshold.js";
import { Rng } from "../../src/data/rng.js";

beforeAll(async () => {
  await init();
});

describe("resident matrices", () => {
  test("arena.matrix is zero-filled, toResident copies, both are Matrices viewing wasm memory", () => {
    const { arena, memory } = runtime();
    const before = arena.stats().bytesLive;
    const z = arena.matrix(3, 2);
    expect(z).toBeInstanceOf(ResidentMatrix);
    expect([z.rows, z.cols]).toEqual([3, 2]);
    expect(Array.from(z.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(z.data.buffer).toBe(memory.buffer);
    const source = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    const r = toResident(source);
    source.data[0] = 9; // a copy: the resident one does not follow
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4]);
    expect(r.data.byteOffset).toBe(r.buffer.ptr);
    z.dispose();
    r.dispose();
    r.dispose(); // twice is a no-op
    expect(r.disposed).toBe(true);
    expect(arena.stats().bytesLive).toBe(before);
  });

  test("bad sizes and sources are errors naming the argument", () => {
    const { arena } = runtime();
    expect(() => arena.matrix(-1, 2)).toThrow("invalid rows: expected an integer ≥ 0, got -1");
    expect(() => arena.matrix(2, 1.5)).toThrow("invalid cols: expected an integer, got 1.5");
    expect(() => toResident({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow("invalid m: data has length 3, expected rows·cols = 2·2");
    expect(() => toResident([[1, 2]] as never)).toThrow(/invalid m: expected a matrix/);
  });

  test("f64Uninitialized hands out a block without clearing it; f64From copies", () => {
    const { arena } = runtime();
    const a = arena.f64From([5, 6, 7]);
    const ptr = a.ptr;
    a.dispose();
    const b = arena.f64Uninitialized(3);
    expect(b.ptr).toBe(ptr); // the freed block, with what it held
    expect(Array.from(b.view)).toEqual([5, 6, 7]);
    b.dispose();
    const c = arena.f64(3);
    expect(Array.from(c.view)).toEqual([0, 0, 0]); // f64 still clears
    c.dispose();
  });

  test("the copying prox calls read and write views of wasm memory in place", () => {
    const { arena } = runtime();
    const x = new Rng(5).normalArray(100);
    const want = softThreshold(x, 0.5);
    const xb = arena.f64From(x);
    const ob = arena.f64(100);
    expect(softThreshold(xb.view, 0.5, { out: ob.view })).toEqual(want);
    expect(ob.view).toEqual(want);
    softThreshold(xb.view, 0.5, { out: xb.view });
    expect(xb.view).toEqual(want);
    xb.dispose();
    ob.dispose();
  });
});
