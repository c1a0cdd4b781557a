// The BLAS resident forms (…Buffer) against their copying twins on a shape grid, on every build:
// the same kernel on the same data, so the results must be identical; and their handle checks.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime, supportedBinaries } from "../../../src/runtime/init.js";
import { toResident } from "../../../src/runtime/to-resident.js";
import { gemm } from "../../../src/kernels/blas/gemm.js";
import { syrk } from "../../../src/kernels/blas/syrk.js";
import { gemv } from "../../../src/kernels/blas/gemv.js";
import { ger } from "../../../src/kernels/blas/ger.js";
import { dot } from "../../../src/kernels/blas/dot.js";
import { axpy } from "../../../src/kernels/blas/axpy.js";
import { scal } from "../../../src/kernels/blas/scal.js";
import { nrm2 } from "../../../src/kernels/blas/nrm2.js";
import { asum } from "../../../src/kernels/blas/asum.js";
import { iamax } from "../../../src/kernels/blas/iamax.js";
import { gemmBuffer, syrkBuffer } from "../../../src/kernels/blas/gemm-buffer.js";
import { gemvBuffer, gerBuffer } from "../../../src/kernels/blas/level2-buffer.js";
import { asumBuffer, axpyBuffer, dotBuffer, iamaxBuffer, nrm2Buffer, scalBuffer } from "../../../src/kernels/blas/level1-buffer.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { expectClose, gemmReference, randomMatrix } from "./reference.js";

beforeAll(async () => {
  await init();
});


/** Runs `body` with the arena's live bytes checked to come back to where they were. */
function noLeak(body: (keep: <T extends { dispose(): void }>(handle: T) => T) => void): void {
  const { arena } = runtime();
  const before = arena.stats().bytesLive;
  const handles: { dispose(): void }[] = [];
  try {
    body((handle) => {
      handles.push(handle);
      return handle;
    });
  } finally {
    for (const h of handles) h.dispose();
  }
  expect(arena.stats().bytesLive).toBe(before);
}

describe("BLAS-3 resident forms", () => {
  test("gemmBuffer and syrkBuffer give their copying twins' results exactly, all transposes and scalings", async () => {
    const rng = new Rng(101);
    const shapes: [number, number, number][] = [
      [0, 3, 2], [3, 0, 2], [3, 2, 0], [1, 1, 1], [5, 7, 3], [17, 33, 5], [50, 10, 700], [23, 16, 129], [130, 9, 3], [64, 64, 64],
    ];
    for (const [m, n, k] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          const a = transA ? randomMatrix(rng, k, m) : randomMatrix(rng, m, k);
          const b = transB ? randomMatrix(rng, n, k) : randomMatrix(rng, k, n);
          const c = randomMatrix(rng, m, n);
          await eachBinary(() => noLeak((keep) => {
            const ra = keep(toResident(a));
            const rb = keep(toResident(b));
            const rc = keep(toResident(c));
            const want = gemm(a, b, { transA, transB, alpha: -0.5, beta: 2, C: c }).data;
            expect(gemmBuffer(rc, ra, rb, { transA, transB, alpha: -0.5, beta: 2 })).toBe(rc);
            expect(rc.data).toEqual(want);
            // beta = 0 does not read out: NaN there does not propagate.
            rc.data.fill(NaN);
            gemmBuffer(rc, ra, rb, { transA, transB });
            expect(rc.data).toEqual(gemm(a, b, { transA, transB }).data);
          }));
        }
      }
    }
    for (const [k, n] of [[0, 3], [1, 1], [9, 17], [300, 13], [20, 101]] as const) {
      const a = randomMatrix(rng, k, n);
      const s = randomMatrix(rng, n, n);
      await eachBinary(() => noLeak((keep) => {
        const ra = keep(toResident(a));
        const rs = keep(toResident(s));
        const want = syrk(a, { alpha: 2, beta: 0.5, C: s }).data;
        expect(syrkBuffer(rs, ra, { alpha: 2, beta: 0.5 })).toBe(rs);
        expect(rs.data).toEqual(want);
      }));
    }
  });
});

describe("BLAS-1 and BLAS-2 resident forms", () => {
  test("gemvBuffer, gerBuffer and the BLAS-1 buffers give their copying twins' results exactly", async () => {
    const rng = new Rng(103);
    for (const [m, n] of [[0, 3], [3, 0], [1, 1], [5, 4], [17, 33], [100, 257]] as const) {
      const a = randomMatrix(rng, m, n);
      const x = rng.normalArray(n);
      const xt = rng.normalArray(m);
      const y = rng.normalArray(m);
      const yt = rng.normalArray(n);
      await eachBinary(() => noLeak((keep) => {
        const { arena } = runtime();
        const ra = keep(toResident(a));
        const [xb, xtb, yb, ytb] = [x, xt, y, yt].map((v) => keep(arena.f64From(v)));
        expect(gemvBuffer(yb, ra, xb, { alpha: 1.5, beta: -1 })).toBe(yb);
        expect(yb.view).toEqual(gemv(a, x, { alpha: 1.5, beta: -1, y }));
        gemvBuffer(ytb, ra, xtb, { trans: true });
        expect(ytb.view).toEqual(gemv(a, xt, { trans: true }));
        expect(gerBuffer(ra, xtb, xb, { alpha: 0.25 })).toBe(ra);
        expect(ra.data).toEqual(ger(a, xt, x, { alpha: 0.25 }).data);
      }));
    }
    for (const n of [0, 1, 2, 3, 7, 8, 9, 33, 1000]) {
      const x = rng.normalArray(n);
      const y = rng.normalArray(n);
      await eachBinary(() => noLeak((keep) => {
        const { arena } = runtime();
        const xb = keep(arena.f64From(x));
        const yb = keep(arena.f64From(y));
        const out = keep(arena.f64(n));
        expect(dotBuffer(xb, yb)).toBe(dot(x, y));
        expect(nrm2Buffer(xb)).toBe(nrm2(x));
        expect(asumBuffer(xb)).toBe(asum(x));
        expect(iamaxBuffer(xb)).toBe(iamax(x));
        expect(axpyBuffer(out, -2, xb, yb)).toBe(out);
        expect(out.view).toEqual(axpy(-2, x, y));
        expect(scalBuffer(out, 3, xb)).toBe(out);
        expect(out.view).toEqual(scal(3, x));
        // In place on either operand.
        const y2 = keep(arena.f64From(y));
        axpyBuffer(y2, -2, xb, y2);
        expect(y2.view).toEqual(axpy(-2, x, y));
        const x2 = keep(arena.f64From(x));
        axpyBuffer(x2, -2, x2, yb);
        // (−2)·x + y computed as a scaling then an addition: one rounding each, as the fused
        // or unfused kernel is not required here.
        for (let i = 0; i < n; i++) expect(Math.abs(x2.view[i] - (-2 * x[i] + y[i]))).toBeLessThanOrEqual(4e-16 * (2 * Math.abs(x[i]) + Math.abs(y[i])));
        const before = x2.view.slice();
        scalBuffer(x2, 0.5, x2);
        expect(x2.view).toEqual(scal(0.5, before));
      }));
    }
  });
});

describe("resident handles", () => {
  test("bad handles are rejected before any work, naming the argument", async () => {
    const { arena } = runtime();
    const plain = { rows: 2, cols: 2, data: new Float64Array(4) };
    const a = arena.matrix(2, 3);
    const b = arena.matrix(3, 2);
    const c = arena.matrix(2, 2);
    const x = arena.f64(3);
    const sq = arena.matrix(2, 2);
    const one = arena.f64(1);
    const two = arena.f64(2);
    const before = arena.stats().bytesLive;
    expect(() => gemmBuffer(c, plain as never, b)).toThrow("invalid A: expected a ResidentMatrix (arena.matrix, toResident), got a 2×2 matrix");
    expect(() => gemmBuffer(c, a, b, { transA: true })).toThrow("invalid B: expected 2 rows to match A's 2 rows, got 3");
    expect(() => gemmBuffer(a, b, b)).toThrow("invalid B: expected 2 rows to match A's 2 columns, got 3");
    expect(() => gemmBuffer(b, a, b)).toThrow("invalid out: expected a 2×2 matrix, got a 3×2 matrix");
    expect(() => gemmBuffer(c, a, b, { beta: NaN })).toThrow("invalid beta: expected a finite number, got NaN");
    expect(() => gemmBuffer(c, a, b, { C: plain } as never)).toThrow(/unknown option C in gemmBuffer options/);
    expect(() => gemmBuffer(sq, sq, c)).toThrow("invalid out: must not share memory with A (the product reads A while writing out)");
    expect(() => syrkBuffer(c, c)).toThrow("invalid out: must not share memory with A (the product reads A while writing out)");
    expect(() => gemvBuffer(x, a, x)).toThrow(/invalid out: expected length 2, got length 3/);
    expect(() => gerBuffer(a, one, x)).toThrow("invalid x: expected length 2, got length 1");
    const shifted = new Float64Array(0);
    expect(() => axpyBuffer(x, 1, x, shifted as never)).toThrow(/invalid y: expected a WasmBuffer<"f64">, got Float64Array\(0\)/);
    expect(() => dotBuffer(x, two)).toThrow("invalid y: expected length 3, got length 2");
    a.dispose();
    expect(() => gemmBuffer(c, a, b)).toThrow(`invalid A: the resident matrix at ${a.buffer.ptr} was disposed`);
    expect(() => gemm(a, b)).toThrow(`invalid A: buffer at ${a.buffer.ptr} was disposed`);
    expect(arena.stats().bytesLive).toBe(before - 64);
    for (const h of [b, c, x, sq, one, two]) h.dispose();
  });

  test("a resident matrix of another build's runtime is rejected by the …Buffer calls", async () => {
    const kinds = supportedBinaries();
    if (kinds.length < 2) return;
    await init({ binary: kinds[1] });
    const foreign = toResident({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
    try {
      await init({ binary: kinds[0] });
      const c = runtime().arena.matrix(2, 2);
      expect(() => gemmBuffer(c, foreign, foreign)).toThrow("invalid A: the resident matrix belongs to another runtime (init() switched builds)");
      // The copying calls take it as any matrix: its data is a view of the other memory, copied in.
      expect(Array.from(gemm(foreign, foreign).data)).toEqual([7, 10, 15, 22]);
      c.dispose();
    } finally {
      await init({ binary: kinds[1] });
      foreign.dispose();
      await init();
    }
  });
});

describe("the copying calls on resident operands", () => {
  test("read resident operands in place and write a resident out in place, with the plain results", async () => {
    const rng = new Rng(107);
    const a = randomMatrix(rng, 37, 21);
    const b = randomMatrix(rng, 21, 13);
    const c = randomMatrix(rng, 37, 13);
    const x = rng.normalArray(21);
    await eachBinary(() => noLeak((keep) => {
      const { arena } = runtime();
      const ra = keep(toResident(a));
      const rb = keep(toResident(b));
      const out = keep(arena.matrix(37, 13));
      const want = gemm(a, b, { alpha: 2, beta: -1, C: c });
      expect(gemm(ra, rb, { alpha: 2, beta: -1, C: c }).data).toEqual(want.data);
      expect(gemm(ra, b, { alpha: 2, beta: -1, C: c, out })).toBe(out);
      expect(out.data).toEqual(want.data);
      // out = C, resident: an in-place update.
      const rc = keep(toResident(c));
      expect(gemm(a, rb, { alpha: 2, beta: -1, C: rc, out: rc })).toBe(rc);
      expect(rc.data).toEqual(want.data);
      // out sharing memory with a resident input goes through scratch, with the same result.
      const sq = keep(toResident({ rows: 21, cols: 21, data: rng.normalArray(441) }));
      const sqPlain = { rows: 21, cols: 21, data: sq.data.slice() };
      const wantSq = gemm(sqPlain, sqPlain);
      expect(gemm(sq, sq, { out: sq }).data).toEqual(wantSq.data);
      // gemv, syrk, ger with resident operands and plain out arrays.
      const xb = keep(arena.f64From(x));
      const y = new Float64Array(37);
      expect(gemv(ra, xb.view, { out: y })).toBe(y);
      expect(y).toEqual(gemv(a, x));
      expect(syrk(ra).data).toEqual(syrk(a).data);
      const g = { rows: 37, cols: 21, data: new Float64Array(37 * 21) };
      expect(ger(ra, y, x, { out: g })).toBe(g);
      expect(g.data).toEqual(ger(a, y, x).data);
    }));
  });

  test("a thin product whose A exceeds the staging buffer streams A in blocks, with the right result", async () => {
    const rng = new Rng(109);
    // 700×200 = 140,000 entries > 131,072: staged 655 rows at a time (two blocks).
    for (const [m, k, n, transB] of [[700, 200, 3, false], [700, 200, 10, true], [1500, 100, 17, false]] as const) {
      const a = randomMatrix(rng, m, k);
      const b = transB ? randomMatrix(rng, n, k) : randomMatrix(rng, k, n);
      const c = randomMatrix(rng, m, n);
      const ref = gemmReference(a, b, false, transB, 0.5, -1, c);
      await eachBinary(() => noLeak((keep) => {
        const got = gemm(a, b, { transB, alpha: 0.5, beta: -1, C: c });
        expectClose(got.data, ref);
        // The same call on a resident A (not staged) agrees.
        const ra = keep(toResident(a));
        expect(gemm(ra, b, { transB, alpha: 0.5, beta: -1, C: c }).data).toEqual(got.data);
      }));
    }
  });

  test("views stay valid across memory growth: a resident matrix re-creates its view", () => {
    const { arena, memory } = runtime();
    const m = toResident({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
    const old = m.data;
    const grow = arena.f64((memory.buffer.byteLength >> 3) + 1); // cannot fit: memory grows
    expect(old.length).toBe(0); // growth detached the old view
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(gemm(m, m).data)).toEqual([7, 10, 15, 22]);
    const out = arena.matrix(2, 2);
    gemmBuffer(out, m, m);
    expect(Array.from(out.data)).toEqual([7, 10, 15, 22]);
    for (const h of [grow, m, out]) h.dispose();
  });
});
