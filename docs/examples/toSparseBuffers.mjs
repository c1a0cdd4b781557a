import { init, runtime, toSparseBuffers } from "benign";
await init();
const { arena } = runtime();
const before = arena.stats().buffersLive;
const s = toSparseBuffers({ rows: 2, cols: 2, row: new Int32Array([0, 1]), col: new Int32Array([1, 0]), value: new Float64Array([4, 5]) });
console.log(s.value.view, arena.stats().buffersLive - before); // Float64Array [4, 5] 3 (row, col, value)
s.dispose();
console.log(arena.stats().buffersLive - before);              // 0
