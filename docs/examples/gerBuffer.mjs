import { init, runtime, gerBuffer, toRows } from "benign";
await init();
const { arena } = runtime();
const A = arena.matrix(2, 3);                 // zeros
const x = arena.f64From([1, 2]);
const y = arena.f64From([1, 0, -1]);
gerBuffer(A, x, y, { alpha: 2 });             // A ← A + 2·x·yᵀ, in place
console.log(toRows(A));                       // [[2, 0, -2], [4, 0, -4]]
for (const h of [A, x, y]) h.dispose();
