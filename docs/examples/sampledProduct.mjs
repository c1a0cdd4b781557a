import { init, sampledProduct, fromRows } from "benign";
await init();
const U = fromRows([[1, 0], [0, 1], [1, 1]]), V = fromRows([[2, 3], [4, 5]]); // UVᵀ is 3×2
console.log(sampledProduct(U, V, new Int32Array([0, 2]), new Int32Array([1, 0]))); // (UVᵀ)₀₁, (UVᵀ)₂₀ = [4, 5]
