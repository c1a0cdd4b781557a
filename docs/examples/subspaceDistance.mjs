import { init, subspaceDistance, fromRows } from "benign";
await init();
const A = fromRows([[1, 0], [0, 1], [0, 0]]), B = fromRows([[1, 0], [0, 1], [0, 1]]);
console.log(subspaceDistance(A, B), subspaceDistance(A, B, { norm: "frobenius" })); // sin(π/4), √2·sin(π/4) = 1
