import { init, runtime, cooToCsr, toSparseBuffers, csrSampledResidualBuffer } from "benign";
await init();
const { arena } = runtime();
const S = cooToCsr({ rows: 2, cols: 2, row: new Int32Array([1, 0]), col: new Int32Array([0, 1]), value: new Float64Array([5, 4]) });
const s = toSparseBuffers(S);             // CSR buffers in wasm memory
const U = arena.f64From(new Float64Array([1, 2])), V = arena.f64From(new Float64Array([3, 4]));
const out = arena.f64(2);
csrSampledResidualBuffer(out, U, V, s, { rank: 1 });
console.log(out.view);                    // CSR order (row 0 first): Float64Array [0, 1]
s.dispose(); U.dispose(); V.dispose(); out.dispose();
