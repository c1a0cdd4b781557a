import { init, alignSignedPermutation, fromRows, toRows, gemm } from "benign";
await init();
const A0 = fromRows([[1, 0], [0, 1]]);
const A = fromRows([[0, 2], [-1, 0]]);   // atom 0 of A is −(atom 1 of A0); atom 1 is 2·(atom 0 of A0)
const X = fromRows([[1, 2, 3], [4, 5, 6]]);
const aligned = alignSignedPermutation(A, A0, { codes: X });
console.log(toRows(aligned.dictionary), toRows(aligned.codes)); // [[2, -0], [0, 1]] [[4, 5, 6], [-1, -2, -3]]
console.log(aligned.error);               // 0.7071… = ‖[[2, 0], [0, 1]] − I‖_F / ‖I‖_F = 1/√2
console.log(toRows(gemm(A, X)), toRows(gemm(aligned.dictionary, aligned.codes))); // the same A·X: [[8, 10, 12], [-1, -2, -3]] twice
