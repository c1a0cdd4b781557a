import { init, sparsePlusLowRank, matrixOperator, fromRows, toRows } from "benign";
await init();
const S = matrixOperator(fromRows([[1, 0], [0, 1]]));
const op = sparsePlusLowRank(S, fromRows([[1], [1]]), fromRows([[2], [3]])); // S + A·Bᵀ, never formed
console.log(toRows(op.apply(fromRows([[1, 0], [0, 1]]))));  // [[3, 3], [2, 4]]
