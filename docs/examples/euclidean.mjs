import { init, euclidean } from "benign";
await init();
const E = euclidean(3);
const x = new Float64Array([1, 2, 3]);
console.log(E.retract(x, new Float64Array([1, 0, 0]), 0.5)); // x + 0.5·u = Float64Array [1.5, 2, 3]
console.log(euclidean([2, 3]).dimension);                     // 6: 2×3 matrices
