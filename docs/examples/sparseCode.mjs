import { init, sparseCode, dctDictionary, gemm, matrix } from "benign";
await init();
const A = dctDictionary(4);               // orthonormal: the lasso code is the soft threshold of Aᵀy
// Codes (4 atoms × 2 columns, row-major): y₀ = 3·a₁ + 0.05·a₃, y₁ = a₀ − 2·a₃.
const X0 = matrix(4, 2, new Float64Array([0, 1, 3, 0, 0, 0, 0.05, -2]));
const Y = gemm(A, X0);
const { codes } = await sparseCode(Y, A, { lambda: 0.1 });
console.log(codes.data);                  // ≈ [0, 0.9, 2.9, 0, 0, 0, 0, -1.9]: the 0.05 is thresholded away
const omp = await sparseCode(Y, A, { method: "omp", sparsity: 1 });
console.log(omp.codes.data);              // ≈ [0, 0, 3, 0, 0, 0, 0, -2]: the largest atom of each column
