import { init, runtime, toResident, gemmBuffer, fromRows, toRows } from "benign";
await init();
const A = toResident(fromRows([[1, 2], [3, 4]]));   // copied into wasm memory once
const B = toResident(fromRows([[5, 6], [7, 8]]));
const C = runtime().arena.matrix(2, 2);             // zero-filled, in wasm memory
for (let i = 0; i < 3; i++) gemmBuffer(C, A, B, { alpha: 1, beta: 1 }); // C ← A·B + C, no copies
console.log(toRows(C));                             // [[57, 66], [129, 150]] = 3·A·B
for (const m of [A, B, C]) m.dispose();
