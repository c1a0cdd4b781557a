import { init, runtime, toResident, gemvBuffer, fromRows } from "benign";
await init();
const { arena } = runtime();
const A = toResident(fromRows([[1, 2], [3, 4], [5, 6]]));
const x = arena.f64From([1, -1]);
const y = arena.f64(3);
gemvBuffer(y, A, x);                         // y ← A·x
console.log(y.view);                         // Float64Array(3) [ -1, -1, -1 ]
gemvBuffer(x, A, y, { trans: true });        // x ← Aᵀ·y
console.log(x.view);                         // Float64Array(2) [ -9, -12 ]
for (const h of [A, x, y]) h.dispose();
