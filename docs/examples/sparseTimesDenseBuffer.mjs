import { init, runtime, toSparseBuffers, sparseTimesDenseBuffer } from "benign";
await init();
const { arena } = runtime();
const s = toSparseBuffers({ rows: 2, cols: 3, row: new Int32Array([0, 1, 1]), col: new Int32Array([2, 0, 1]), value: new Float64Array([1, 2, 3]) });
const V = arena.f64From(new Float64Array([1, 0, 0, 1, 1, 1])); // 3×2
const out = arena.f64(4);                                      // 2×2
sparseTimesDenseBuffer(out, s, V, { rank: 2 });
console.log(out.view);                    // S·V = Float64Array [1, 1, 2, 3]
s.dispose(); V.dispose(); out.dispose();
