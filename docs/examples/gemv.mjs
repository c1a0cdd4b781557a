import { init, gemv, fromRows } from "benign";
await init();
const A = fromRows([[1, 2], [3, 4], [5, 6]]);
console.log(gemv(A, new Float64Array([1, 1])));                      // A·x = Float64Array [3, 7, 11]
console.log(gemv(A, new Float64Array([1, 0, 1]), { trans: true })); // Aᵀ·x = Float64Array [6, 8]
