import { init, signedPermutationError, fromRows } from "benign";
await init();
const A0 = fromRows([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
const A = fromRows([[0, 0, 1], [-1, 0, 0], [0, 1, 0]]);    // A0's atoms reordered, one with its sign flipped
const { error, permutation, signs } = signedPermutationError(A, A0);
console.log(error, permutation, signs);   // 0 Int32Array [2, 0, 1] Float64Array [1, -1, 1]
