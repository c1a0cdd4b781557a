import { init, solve, fromRows } from "benign";
await init();
console.log(solve(fromRows([[0, 2], [3, 1]]), new Float64Array([4, 5]))); // ≈ Float64Array [1, 2] (pivots past the zero)
