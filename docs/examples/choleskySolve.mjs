import { init, cholesky, choleskySolve, fromRows } from "benign";
await init();
const L = cholesky(fromRows([[4, 2], [2, 3]]));
console.log(choleskySolve(L, new Float64Array([6, 5])));   // ≈ Float64Array [1, 1]
