import { init, alignFactors, fromRows } from "benign";
await init();
const U0 = fromRows([[1, 0], [0, 1], [1, 1]]), V0 = fromRows([[1, 2], [3, 4]]);
const U = fromRows([[2, 0], [0, 3], [2, 3]]), V = fromRows([[0.5, 2 / 3], [1.5, 4 / 3]]); // (U0·G, V0·G⁻ᵀ), G = diag(2, 3)
const { productError, naiveError, alignedError } = alignFactors(U, V, U0, V0);
console.log(productError, naiveError.U > 1, alignedError.U < 1e-12); // ≈ 0 true true: the factors differ, the products do not
