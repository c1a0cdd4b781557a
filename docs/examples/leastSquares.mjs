import { init, leastSquares, fromRows } from "benign";
await init();
// Fit y = a + b·t through (0, 1), (1, 3), (2, 5), (3, 7): exactly a = 1, b = 2.
const A = fromRows([[1, 0], [1, 1], [1, 2], [1, 3]]);
console.log(leastSquares(A, new Float64Array([1, 3, 5, 7]))); // ≈ Float64Array [1, 2]
