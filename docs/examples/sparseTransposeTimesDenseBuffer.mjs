import { init, runtime, toSparseBuffers, sparseTransposeTimesDenseBuffer } from "benign";
await init();
const { arena } = runtime();
const s = toSparseBuffers({ rows: 2, cols: 3, row: new Int32Array([0, 1, 1]), col: new Int32Array([2, 0, 1]), value: new Float64Array([1, 2, 3]) });
const U = arena.f64From(new Float64Array([1, 10])); // 2×1
const out = arena.f64(3);                           // 3×1
sparseTransposeTimesDenseBuffer(out, s, U, { rank: 1 });
console.log(out.view);                    // Sᵀ·U = Float64Array [20, 30, 1]
s.dispose(); U.dispose(); out.dispose();
